import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CategoryPlan, CategoryProblem, MedusaCategoryRow } from "../../lib/odoo-categories/category-plan"

export type WriteOdooCategoriesStepInput = {
  plan: CategoryPlan | null
  /** Medusa's categories before the write (the plan was made from them). */
  before: MedusaCategoryRow[]
}

export type CategoryWriteReport = {
  created: number
  updated: number
  deleted: number
  deactivated: { id: string; external_id: string; reason: string }[]
  problems: CategoryProblem[]
}

type Compensation = {
  created: string[]
  updated: { id: string; name: string; parent_category_id: string | null; rank: number; is_active: boolean }[]
  deleted: string[]
}

export const writeOdooCategoriesStepId = "write-odoo-categories"

/**
 * Writes the planned categories: new ones level by level (a parent before its children, which
 * Medusa's create workflow cannot do in one call), changed ones, and those Odoo no longer has
 * (deleted, or deactivated while an admin's product is in them). Undone by deleting what it
 * created, restoring what it changed and what it deleted.
 */
export const writeOdooCategoriesStep = createStep(
  writeOdooCategoriesStepId,
  async (input: WriteOdooCategoriesStepInput, { container }) => {
    const products = container.resolve(Modules.PRODUCT)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const compensation: Compensation = { created: [], updated: [], deleted: [] }
    const report: CategoryWriteReport = { created: 0, updated: 0, deleted: 0, deactivated: [], problems: input.plan?.problems ?? [] }
    const idByExternalId: Record<string, string> = {}
    for (const row of input.before) {
      const metadata = row.metadata
      if (input.plan && metadata?.odoo_model === input.plan.model && typeof metadata.external_id === "string") {
        idByExternalId[metadata.external_id] = row.id
      }
    }
    const plan = input.plan
    if (!plan) {
      return new StepResponse({ idByExternalId, report }, compensation)
    }
    const parentId = (externalId: string | null | undefined): string | null =>
      externalId === null || externalId === undefined ? null : idByExternalId[externalId] ?? null

    for (const level of plan.createLevels) {
      const created = await products.createProductCategories(
        level.map((category) => ({
          name: category.name,
          handle: category.handle,
          parent_category_id: parentId(category.parent_external_id),
          rank: category.rank,
          is_active: true,
          metadata: category.metadata,
        }))
      )
      created.forEach((row, index) => {
        idByExternalId[level[index].external_id] = row.id
        compensation.created.push(row.id)
      })
      report.created += created.length
    }
    if (plan.updates.length) {
      const beforeById = new Map(input.before.map((row) => [row.id, row]))
      for (const update of plan.updates) {
        const before = beforeById.get(update.id)
        if (before) {
          compensation.updated.push({
            id: before.id,
            name: before.name,
            parent_category_id: before.parent_category_id,
            rank: before.rank ?? 0,
            is_active: before.is_active,
          })
        }
        await products.updateProductCategories(update.id, {
          ...(update.name !== undefined ? { name: update.name } : {}),
          ...(update.parent_external_id !== undefined ? { parent_category_id: parentId(update.parent_external_id) } : {}),
          ...(update.rank !== undefined ? { rank: update.rank } : {}),
          ...(update.is_active !== undefined ? { is_active: update.is_active } : {}),
        })
      }
      report.updated += plan.updates.length
    }
    if (plan.removals.length) {
      // A category holding a product an admin made (no external id) is only deactivated.
      const { data } = await query.graph({
        entity: "product_category",
        fields: ["id", "is_active", "products.id", "products.external_id"],
        filters: { id: plan.removals.map((removal) => removal.id) },
      })
      const rows = data as unknown as { id: string; is_active: boolean; products?: { id: string; external_id: string | null }[] }[]
      const held = new Set(rows.filter((row) => (row.products ?? []).some((product) => !product.external_id)).map((row) => row.id))
      const toDelete = plan.removals.filter((removal) => !held.has(removal.id)).map((removal) => removal.id)
      for (const removal of plan.removals.filter((candidate) => held.has(candidate.id))) {
        const before = input.before.find((row) => row.id === removal.id)
        if (before?.is_active) {
          compensation.updated.push({ id: before.id, name: before.name, parent_category_id: before.parent_category_id, rank: before.rank ?? 0, is_active: true })
          await products.updateProductCategories(removal.id, { is_active: false })
        }
        report.deactivated.push({
          id: removal.id,
          external_id: removal.external_id,
          reason: `Odoo category ${removal.external_id} is gone; kept inactive because products made in Medusa are in it`,
        })
      }
      if (toDelete.length) {
        await products.softDeleteProductCategories(toDelete)
        compensation.deleted.push(...toDelete)
        report.deleted += toDelete.length
      }
    }
    return new StepResponse({ idByExternalId, report }, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) return
    const products = container.resolve(Modules.PRODUCT)
    if (compensation.deleted.length) await products.restoreProductCategories(compensation.deleted)
    for (const before of [...compensation.updated].reverse()) {
      const { id, ...values } = before
      await products.updateProductCategories(id, values)
    }
    if (compensation.created.length) await products.deleteProductCategories([...compensation.created].reverse())
  }
)
