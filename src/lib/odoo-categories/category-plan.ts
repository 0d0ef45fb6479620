/**
 * Odoo's category tree (eCommerce `product.public.category` or internal `product.category`) as
 * Medusa product categories: what to create (parents first), update and take out. Pure.
 */
import { handleOf, withHandleSuffix } from "../odoo-mapping/text"

export const PUBLIC_CATEGORY_MODEL = "product.public.category"
export const INTERNAL_CATEGORY_MODEL = "product.category"
export type OdooCategoryModel = typeof PUBLIC_CATEGORY_MODEL | typeof INTERNAL_CATEGORY_MODEL

/** One Odoo category as the sync reads it. */
export type OdooCategory = { id: number; name: string; parentId: number | false; sequence: number }

/** A Medusa product category as query.graph returns it. */
export type MedusaCategoryRow = {
  id: string
  name: string
  handle: string
  parent_category_id: string | null
  rank: number | null
  is_active: boolean
  metadata?: Record<string, unknown> | null
}

export type CategoryProblem = { odoo_id: number; model: OdooCategoryModel; reason: string }

export type CategoryCreate = {
  external_id: string
  name: string
  handle: string
  /** External id of the parent (created earlier in the same plan or already there), or null. */
  parent_external_id: string | null
  rank: number
  metadata: Record<string, unknown>
}

export type CategoryUpdate = {
  id: string
  external_id: string
  name?: string
  parent_external_id?: string | null
  rank?: number
  is_active?: boolean
}

export type CategoryPlan = {
  model: OdooCategoryModel
  /** Creations by depth: each level's parents exist once the levels before it are written. */
  createLevels: CategoryCreate[][]
  updates: CategoryUpdate[]
  /** Synced categories Odoo no longer has (deleted, or from the other source). */
  removals: { id: string; external_id: string }[]
  problems: CategoryProblem[]
}

/** The Odoo record behind a Medusa category, when the sync made it. */
export function odooCategoryOf(row: Pick<MedusaCategoryRow, "metadata">): { model: string; externalId: string } | null {
  const metadata = row.metadata
  if (!metadata || typeof metadata.external_id !== "string" || typeof metadata.odoo_model !== "string") return null
  return { model: metadata.odoo_model, externalId: metadata.external_id }
}

const compareSiblings = (a: OdooCategory, b: OdooCategory) =>
  a.sequence - b.sequence || a.name.localeCompare(b.name) || a.id - b.id

/**
 * The categories whose whole parent chain is readable and free of cycles, and a problem for each
 * of the others (named, not fatal: the rest of the tree is synced).
 */
export function validTree(categories: OdooCategory[], model: OdooCategoryModel): { valid: OdooCategory[]; problems: CategoryProblem[] } {
  const byId = new Map(categories.map((category) => [category.id, category]))
  const verdict = new Map<number, string | null>()
  const resolve = (category: OdooCategory): string | null => {
    const known = verdict.get(category.id)
    if (known !== undefined) return known
    const chain: number[] = []
    let current: OdooCategory | undefined = category
    let reason: string | null = null
    while (current) {
      if (chain.includes(current.id)) {
        reason = `its parent chain loops (${[...chain, current.id].join(" → ")})`
        break
      }
      const settled = verdict.get(current.id)
      if (settled !== undefined) {
        reason = settled === null ? null : `its parent ${current.id} is not synced: ${settled}`
        break
      }
      chain.push(current.id)
      if (current.parentId === false) break
      const parent = byId.get(current.parentId)
      if (!parent) {
        reason = `its parent ${current.parentId} cannot be read`
        break
      }
      current = parent
    }
    for (const id of chain) if (!verdict.has(id)) verdict.set(id, reason)
    return reason
  }
  const problems: CategoryProblem[] = []
  const valid: OdooCategory[] = []
  for (const category of categories) {
    const reason = resolve(category)
    if (reason === null) valid.push(category)
    else problems.push({ odoo_id: category.id, model, reason: `category ${category.id} "${category.name}" skipped: ${reason}` })
  }
  return { valid, problems }
}

/** Plans the Medusa categories for Odoo's tree; admin-made categories are never touched. */
export function planCategories(odoo: OdooCategory[], model: OdooCategoryModel, medusa: MedusaCategoryRow[]): CategoryPlan {
  const { valid, problems } = validTree(odoo, model)
  const synced = new Map<string, MedusaCategoryRow>()
  const removals: CategoryPlan["removals"] = []
  for (const row of medusa) {
    const origin = odooCategoryOf(row)
    if (!origin) continue
    if (origin.model === model) synced.set(origin.externalId, row)
    else removals.push({ id: row.id, external_id: origin.externalId })
  }
  const wantedIds = new Set(valid.map((category) => String(category.id)))
  for (const [externalId, row] of synced) if (!wantedIds.has(externalId)) removals.push({ id: row.id, external_id: externalId })

  // Rank: the position among the Odoo siblings, in Odoo's order.
  const rank = new Map<number, number>()
  const siblings = new Map<string, OdooCategory[]>()
  for (const category of valid) {
    const key = String(category.parentId)
    siblings.set(key, [...(siblings.get(key) ?? []), category])
  }
  for (const group of siblings.values()) group.sort(compareSiblings).forEach((category, index) => rank.set(category.id, index))

  const byId = new Map(valid.map((category) => [category.id, category]))
  const depth = (category: OdooCategory): number => {
    let level = 0
    let current = category
    while (current.parentId !== false) {
      current = byId.get(current.parentId) as OdooCategory
      level++
    }
    return level
  }
  const takenHandles = new Set(medusa.map((row) => row.handle))
  const createLevels: CategoryCreate[][] = []
  const updates: CategoryUpdate[] = []
  const parentIdOf = new Map(medusa.map((row) => [row.id, row]))
  for (const category of [...valid].sort((a, b) => depth(a) - depth(b) || a.id - b.id)) {
    const externalId = String(category.id)
    const parentExternalId = category.parentId === false ? null : String(category.parentId)
    const existing = synced.get(externalId)
    if (!existing) {
      const base = handleOf(category.name) || `category-${category.id}`
      const handle = takenHandles.has(base) ? withHandleSuffix(base, String(category.id)) : base
      takenHandles.add(handle)
      const level = depth(category)
      ;(createLevels[level] ??= []).push({
        external_id: externalId,
        name: category.name,
        handle,
        parent_external_id: parentExternalId,
        rank: rank.get(category.id) ?? 0,
        metadata: { external_id: externalId, odoo_model: model },
      })
      continue
    }
    const currentParent = existing.parent_category_id ? parentIdOf.get(existing.parent_category_id) : undefined
    const currentParentExternalId = currentParent ? odooCategoryOf(currentParent)?.externalId ?? `medusa:${currentParent.id}` : null
    const update: CategoryUpdate = { id: existing.id, external_id: externalId }
    if (existing.name !== category.name) update.name = category.name
    if (currentParentExternalId !== parentExternalId) update.parent_external_id = parentExternalId
    if ((existing.rank ?? 0) !== rank.get(category.id)) update.rank = rank.get(category.id)
    if (!existing.is_active) update.is_active = true
    if (Object.keys(update).length > 2) updates.push(update)
  }
  return { model, createLevels: createLevels.filter(Boolean), updates, removals, problems }
}

/** The Odoo category ids a template is in, for the chosen source. */
export function templateCategoryIds(
  template: { publicCategoryIds: number[]; internalCategoryId: number | false },
  model: OdooCategoryModel
): number[] {
  if (model === PUBLIC_CATEGORY_MODEL) return template.publicCategoryIds
  return template.internalCategoryId === false ? [] : [template.internalCategoryId]
}

/**
 * A product's category ids after the sync: its Odoo categories (those synced), plus the
 * categories an admin put it in that the sync does not own.
 */
export function productCategoryIds(
  odooCategoryIds: number[],
  currentCategoryIds: string[],
  medusaIdByExternalId: Record<string, string>,
  ownedMedusaIds: Set<string>
): string[] {
  const fromOdoo = odooCategoryIds.map((id) => medusaIdByExternalId[String(id)]).filter((id): id is string => Boolean(id))
  const fromAdmin = currentCategoryIds.filter((id) => !ownedMedusaIds.has(id))
  return [...new Set([...fromOdoo, ...fromAdmin])]
}
