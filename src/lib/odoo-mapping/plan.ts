/**
 * Decides, for one mapped page, what to create, update or leave alone in Medusa, and which
 * unique values (handle, SKU, barcode) must not be written because someone else holds them.
 * Products are matched by external id only, never by SKU or name.
 */
import { hashMappedProduct } from "./hash"
import { withHandleSuffix } from "./text"
import type {
  Clash,
  CodeRelease,
  ExistingProduct,
  MappedProduct,
  MappedVariant,
  PagePlan,
  TakenCode,
  TakenIdentifiers,
} from "./types"

type CodeField = "sku" | "barcode"

/**
 * Product metadata key set while a variant of the product waits for a code another variant
 * holds: the clashes (PendingCode[]), which the run planner reads again when anything that could
 * free them changed, and reports meanwhile; or `true`, read again by the next run whatever
 * (its code was taken over by another variant).
 */
export const CODES_PENDING_KEY = "odoo_codes_pending"

/** A SKU or barcode clash remembered on the product that lost it (see CODES_PENDING_KEY). */
export type PendingCode = { odoo_id: string; field: CodeField; value: string; held_by: string }

/**
 * Product metadata key: the Odoo ids of the variants the product was written with (outside the
 * content hash). A variant deleted in Odoo changes no write_date, so incremental runs compare
 * these with Odoo's active variants.
 */
export const VARIANT_IDS_KEY = "odoo_variant_ids"

/** Who holds a code in Medusa, with the Odoo variant behind that Medusa variant when known. */
interface Holder {
  variantId: string
  productExternalId: string | null
  odooVariantId: string | null
}

/** Medusa's holders of a field's codes, and the codes their holders give up in this page. */
interface CodeHolders {
  holding: Map<string, Holder>
  /** Codes whose Medusa holder lets them go (it wants another code, or is gone from Odoo). */
  freed: Map<string, Holder>
}

/** The code each page variant will ask for, by "template id/variant id". */
function wantedCodes(field: CodeField, products: MappedProduct[]): Map<string, string | null> {
  const wanted = new Map<string, string | null>()
  for (const product of products) {
    for (const variant of product.variants) {
      wanted.set(`${product.externalId}/${variant.externalId}`, variant[field])
    }
  }
  return wanted
}

/**
 * Medusa's holders of each code: `taken` plus what the existing products of the page say. A
 * synced holder in the page that Odoo now gives another code (or no longer has), and a holder elsewhere
 * that Odoo no longer gives the code (`released`), hold nothing: the code is free in this page.
 */
function medusaHolders(
  field: CodeField,
  taken: Map<string, TakenCode>,
  existing: ExistingProduct[],
  products: MappedProduct[]
): CodeHolders {
  const wanted = wantedCodes(field, products)
  const pageProducts = new Set(products.map((product) => product.externalId))
  const odooIdOfVariant = new Map<string, { productExternalId: string; odooVariantId: string | null }>()
  const holding = new Map<string, Holder>()
  const freed = new Map<string, Holder>()
  const letsGo = (holder: Holder, value: string): boolean =>
    holder.productExternalId !== null &&
    holder.odooVariantId !== null &&
    pageProducts.has(holder.productExternalId) &&
    wanted.get(`${holder.productExternalId}/${holder.odooVariantId}`) !== value
  const place = (value: string, holder: Holder, released: boolean): void => {
    if (released || letsGo(holder, value)) {
      holding.delete(value)
      freed.set(value, holder)
    } else {
      holding.set(value, holder)
    }
  }
  for (const product of existing) {
    for (const variant of product.variants) {
      odooIdOfVariant.set(variant.id, { productExternalId: product.externalId, odooVariantId: variant.externalId })
      const value = variant[field]
      if (value) {
        place(value, { variantId: variant.id, productExternalId: product.externalId, odooVariantId: variant.externalId }, false)
      }
    }
  }
  for (const [value, code] of taken) {
    const known = odooIdOfVariant.get(code.variantId)
    const holder = {
      variantId: code.variantId,
      productExternalId: code.productExternalId ?? known?.productExternalId ?? null,
      odooVariantId: known?.odooVariantId ?? null,
    }
    place(value, holder, code.released === true)
  }
  return { holding, freed }
}

function isSameOdooVariant(holder: Holder, product: MappedProduct, variant: MappedVariant): boolean {
  return holder.productExternalId === product.externalId && holder.odooVariantId === variant.externalId
}

/**
 * Gives each SKU (or barcode) to at most one variant: the one Medusa already has it on, else the
 * first in page order. Losers get null and a clash. A code freed in this page goes to its new
 * variant, and its old holder gives it up first (a release). Returns the products with codes
 * resolved.
 */
function resolveCodes(
  field: CodeField,
  products: MappedProduct[],
  { holding: holders, freed }: CodeHolders,
  clashes: Clash[],
  releases: CodeRelease[]
): MappedProduct[] {
  const claimedBy = new Map<string, string>()
  // First pass: variants that already hold their code in Medusa keep it, whatever the page order.
  for (const product of products) {
    for (const variant of product.variants) {
      const value = variant[field]
      const holder = value ? holders.get(value) : undefined
      if (value && holder && isSameOdooVariant(holder, product, variant) && !claimedBy.has(value)) {
        claimedBy.set(value, variant.externalId)
      }
    }
  }
  return products.map((product) => ({
    ...product,
    variants: product.variants.map((variant) => {
      const value = variant[field]
      if (!value) {
        return variant
      }
      const claimant = claimedBy.get(value)
      if (claimant === variant.externalId) {
        return variant
      }
      const holder = holders.get(value)
      const heldBy = claimant ?? (holder && !isSameOdooVariant(holder, product, variant) ? holder.variantId : null)
      if (heldBy === null) {
        claimedBy.set(value, variant.externalId)
        const previous = freed.get(value)
        if (previous && !isSameOdooVariant(previous, product, variant)) {
          releases.push({ variantId: previous.variantId, field, value, productExternalId: previous.productExternalId })
        }
        return variant
      }
      clashes.push({ odooId: variant.externalId, field, value, heldBy, productExternalId: product.externalId })
      return { ...variant, [field]: null }
    }),
  }))
}

/** Marks the products a variant of which lost a SKU or barcode with the clashes it waits on. */
function withPendingCodes(products: MappedProduct[], clashes: Clash[]): MappedProduct[] {
  const waiting = new Map<string, PendingCode[]>()
  for (const clash of clashes) {
    if (clash.field === "handle") continue
    const codes = waiting.get(clash.productExternalId) ?? []
    codes.push({ odoo_id: clash.odooId, field: clash.field, value: clash.value, held_by: clash.heldBy })
    waiting.set(clash.productExternalId, codes)
  }
  return products.map((product) => {
    const codes = waiting.get(product.externalId)
    return codes ? { ...product, metadata: { ...product.metadata, [CODES_PENDING_KEY]: codes } } : product
  })
}

/**
 * The content as hashed: the clashes a product waits on count only as "waiting". Who holds the
 * code is named differently depending on the page the holder is read with (its Odoo id in the
 * same page, its Medusa id outside), which must not rewrite the product. ("waiting", not the
 * `true` earlier versions stored: such a product is written once more, with its clashes.)
 */
function withPendingAsFlag<T extends Pick<MappedProduct, "metadata">>(content: T): T {
  if (!(CODES_PENDING_KEY in content.metadata)) return content
  return { ...content, metadata: { ...content.metadata, [CODES_PENDING_KEY]: "waiting" } }
}

/**
 * Handles: an existing product keeps the one Medusa has; a new one gets its mapped handle unless
 * another product (in Medusa or earlier in the page) has it, then `-<template id>` is added.
 */
function resolveHandles(
  products: MappedProduct[],
  existingById: Map<string, ExistingProduct>,
  takenHandles: Map<string, string>,
  clashes: Clash[]
): MappedProduct[] {
  const pageHandles = new Map<string, string>()
  for (const product of products) {
    const existing = existingById.get(product.externalId)
    if (existing?.handle) {
      pageHandles.set(existing.handle, product.externalId)
    }
  }
  const isFree = (handle: string): boolean => !takenHandles.has(handle) && !pageHandles.has(handle)
  return products.map((product) => {
    const existing = existingById.get(product.externalId)
    if (existing?.handle) {
      return { ...product, handle: existing.handle }
    }
    let handle = product.handle
    if (!isFree(handle)) {
      const heldBy = takenHandles.get(handle) ?? pageHandles.get(handle) ?? ""
      clashes.push({ odooId: product.externalId, field: "handle", value: handle, heldBy, productExternalId: product.externalId })
      handle = withHandleSuffix(product.handle, product.externalId)
      // Extremely unlikely, but "desk-9" may itself be taken: count up until free.
      for (let n = 2; !isFree(handle); n++) {
        handle = withHandleSuffix(product.handle, `${product.externalId}-${n}`)
      }
    }
    pageHandles.set(handle, product.externalId)
    return { ...product, handle }
  })
}

function firstByExternalId<T extends { externalId: string }>(items: T[]): Map<string, T> {
  const byId = new Map<string, T>()
  for (const item of items) {
    if (!byId.has(item.externalId)) {
      byId.set(item.externalId, item)
    }
  }
  return byId
}

export function planPage(mapped: MappedProduct[], existing: ExistingProduct[], taken: TakenIdentifiers): PagePlan {
  const clashes: Clash[] = []
  const existingById = firstByExternalId(existing)
  // A template twice in one page is written once.
  const unique = [...firstByExternalId(mapped).values()]
  const withHandles = resolveHandles(unique, existingById, taken.handles, clashes)
  const releases: CodeRelease[] = []
  const withSkus = resolveCodes("sku", withHandles, medusaHolders("sku", taken.skus, existing, unique), clashes, releases)
  const withBarcodes = resolveCodes(
    "barcode",
    withSkus,
    medusaHolders("barcode", taken.barcodes, existing, unique),
    clashes,
    releases
  )
  const resolved = withPendingCodes(withBarcodes, clashes)

  const plan: PagePlan = { create: [], update: [], unchanged: [], clashes, releases }
  for (const draft of resolved) {
    // The hash covers what is written, after clash resolution, so a later run sees the change.
    const { hash: _stale, ...content } = draft
    const product: MappedProduct = { ...content, hash: hashMappedProduct(withPendingAsFlag(content)) }
    const match = existingById.get(product.externalId)
    if (!match) {
      plan.create.push(product)
    } else if (match.syncHash === product.hash) {
      plan.unchanged.push(match)
    } else {
      plan.update.push({ product, existing: match })
    }
  }
  return plan
}

/**
 * Every handle planPage may give the page's products: the mapped one and its `-<template id>`
 * fallback. Ask Medusa who holds all of these, so a fallback is never written onto a taken handle.
 */
export function handleCandidates(products: MappedProduct[]): string[] {
  const all = products.flatMap((p) => [p.handle, withHandleSuffix(p.handle, p.externalId)])
  return [...new Set(all)]
}

