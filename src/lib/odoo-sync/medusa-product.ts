import type { UpdateProductWorkflowInputDTO } from "@medusajs/framework/types"
import type { LinkProductOptionsToProductWorkflowInput } from "@medusajs/medusa/core-flows"
import type { ExistingProduct, MappedProduct } from "../odoo-mapping"
import { CODES_PENDING_KEY, hashOwnedFields, VARIANT_IDS_KEY } from "../odoo-mapping"
import { editedInMedusa, FIELDS_HASH_KEY, REMOVED_KEY, SYNC_HASH_KEY, SYNCED_AT_KEY } from "./plan-run"

/** The fields of a Medusa product that a page's diff reads (one query.graph per page). */
export const EXISTING_PRODUCT_FIELDS = [
  "id",
  "external_id",
  "handle",
  "title",
  "description",
  "status",
  "metadata",
  "variants.id",
  "variants.sku",
  "variants.barcode",
  "variants.metadata",
  "options.id",
  "options.title",
  "options.values.id",
  "options.values.value",
]

export type ExistingOption = { id: string; title: string; values: { id: string; value: string }[] }

/** A product as query.graph returns EXISTING_PRODUCT_FIELDS. */
export type ExistingProductRow = {
  id: string
  external_id: string | null
  handle: string
  title?: string | null
  description?: string | null
  status: string
  metadata: Record<string, unknown> | null
  variants: { id: string; sku: string | null; barcode: string | null; metadata: Record<string, unknown> | null }[] | null
  options: ExistingOption[] | null
}

function externalIdOf(metadata: Record<string, unknown> | null | undefined): string | null {
  const value = metadata?.external_id
  return value === undefined || value === null ? null : String(value)
}

/**
 * The diff's view of a Medusa product. A removed product, one an admin edited since the sync
 * wrote it, or one a cut-short run may have half-written (`rewrite`) never counts as unchanged.
 */
export function toExistingProduct(row: ExistingProductRow, rewrite: ReadonlySet<string> = new Set()): ExistingProduct {
  const mustWrite =
    row.metadata?.[REMOVED_KEY] === true || editedInMedusa(row) || rewrite.has(String(row.external_id))
  const hash = row.metadata?.[SYNC_HASH_KEY]
  return {
    id: row.id,
    externalId: String(row.external_id),
    handle: row.handle,
    status: row.status,
    syncHash: !mustWrite && typeof hash === "string" ? hash : null,
    variants: (row.variants ?? []).map((variant) => ({
      id: variant.id,
      externalId: externalIdOf(variant.metadata),
      sku: variant.sku ?? null,
      barcode: variant.barcode ?? null,
    })),
  }
}

/**
 * The update of an existing product from its Odoo template. Variants are matched by their
 * Odoo id and sent with their Medusa id; a variant not sent is deleted by Medusa, which is
 * what an archived or deleted Odoo variant asks for. The handle is kept (storefront links).
 */
export function toUpdateProductInput(
  product: MappedProduct,
  existing: ExistingProductRow,
  syncedAt: string
): UpdateProductWorkflowInputDTO & { id: string } {
  const variantIdByExternalId = new Map<string, string>()
  for (const variant of existing.variants ?? []) {
    const externalId = externalIdOf(variant.metadata)
    if (externalId) {
      variantIdByExternalId.set(externalId, variant.id)
    }
  }
  return {
    id: existing.id,
    title: product.title,
    description: product.description,
    status: product.status,
    external_id: product.externalId,
    // Medusa's mergeMetadata deletes a key set to "".
    metadata: {
      ...product.metadata,
      [SYNC_HASH_KEY]: product.hash,
      [FIELDS_HASH_KEY]: hashOwnedFields(product),
      [SYNCED_AT_KEY]: syncedAt,
      [REMOVED_KEY]: "",
      [CODES_PENDING_KEY]: product.metadata[CODES_PENDING_KEY] ?? "",
      [VARIANT_IDS_KEY]: product.variants.map((variant) => Number(variant.externalId)),
    },
    variants: product.variants.map((variant) => {
      const id = variantIdByExternalId.get(variant.externalId)
      return {
        ...(id ? { id } : {}),
        // Medusa creates the inventory item of a variant turned storable, and unlinks it (kept,
        // with its levels) from one that stops being storable.
        manage_inventory: variant.manageInventory,
        title: variant.title,
        sku: variant.sku,
        barcode: variant.barcode,
        weight: variant.weight,
        options: variant.options,
        prices: variant.prices,
        metadata: { external_id: variant.externalId },
      }
    }),
  }
}

/** A new option for an existing product, created before the update links it. */
export type NewProductOption = {
  product_id: string
  title: string
  values: string[]
  ranks: Record<string, number>
  is_exclusive: true
}

export type ProductOptionChanges = {
  /** Values the new variants need on options the product keeps (added before the update). */
  before: LinkProductOptionsToProductWorkflowInput | null
  /** Options the product lacks: created before the update, then linked by it. */
  create: NewProductOption[]
  /**
   * The ids of the options the product keeps, when its set of options changes: the update then
   * sends `option_ids` (kept + created), and Medusa links the new ones and unlinks the others.
   */
  keep: string[] | null
  /** Values no variant uses any more, on options the product keeps (removed after). */
  after: LinkProductOptionsToProductWorkflowInput | null
}

/**
 * How a product's options must change to match Odoo. Medusa checks each variant against the
 * product's options, so new options and values must exist before the variants are written,
 * options that go are unlinked by the update itself (`option_ids`), and unused values are
 * removed after.
 */
export function diffProductOptions(
  productId: string,
  wanted: { title: string; values: string[] }[],
  existing: ExistingOption[]
): ProductOptionChanges {
  const existingByTitle = new Map(existing.map((option) => [option.title, option]))
  const wantedTitles = new Set(wanted.map((option) => option.title))

  // Exclusive to the product, as createProductsWorkflow makes them: a shared (global) option
  // would clash with the unique title of global options and be edited across products.
  const create: NewProductOption[] = wanted
    .filter((option) => !existingByTitle.has(option.title))
    .map((option) => ({
      product_id: productId,
      title: option.title,
      values: option.values,
      ranks: Object.fromEntries(option.values.map((value, rank) => [value, rank])),
      is_exclusive: true,
    }))
  const addValues: NonNullable<LinkProductOptionsToProductWorkflowInput["update"]> = []
  const removeValues: NonNullable<LinkProductOptionsToProductWorkflowInput["update"]> = []
  for (const option of wanted) {
    const current = existingByTitle.get(option.title)
    if (!current) {
      continue
    }
    const currentValues = new Set(current.values.map((value) => value.value))
    const wantedValues = new Set(option.values)
    const missing = option.values.filter((value) => !currentValues.has(value))
    const obsolete = current.values.filter((value) => !wantedValues.has(value.value)).map((value) => value.id)
    if (missing.length) {
      addValues.push({ product_option_id: current.id, add: missing.map((value) => ({ value })) })
    }
    if (obsolete.length) {
      removeValues.push({ product_option_id: current.id, remove: obsolete })
    }
  }
  const kept = existing.filter((option) => wantedTitles.has(option.title)).map((option) => option.id)
  const structural = create.length > 0 || kept.length !== existing.length

  return {
    before: addValues.length ? { product_id: productId, update: addValues } : null,
    create,
    keep: structural ? kept : null,
    after: removeValues.length ? { product_id: productId, update: removeValues } : null,
  }
}

/** The update's `option_ids` for products whose set of options changes, once new ones exist. */
export function withOptionIds(
  updates: (UpdateProductWorkflowInputDTO & { id: string })[],
  keep: Record<string, string[]>,
  created: { id: string; title: string }[],
  requested: NewProductOption[]
): (UpdateProductWorkflowInputDTO & { id: string })[] {
  // createProductOptions answers in the order it was asked.
  const createdByProduct = new Map<string, string[]>()
  requested.forEach((option, index) => {
    const ids = createdByProduct.get(option.product_id) ?? []
    ids.push(created[index].id)
    createdByProduct.set(option.product_id, ids)
  })
  return updates.map((update) =>
    keep[update.id]
      ? { ...update, option_ids: [...keep[update.id], ...(createdByProduct.get(update.id) ?? [])] }
      : update
  )
}
