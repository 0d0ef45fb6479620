import type { UpdateProductWorkflowInputDTO } from "@medusajs/framework/types"
import type { LinkProductOptionsToProductWorkflowInput } from "@medusajs/medusa/core-flows"
import type { ExistingProduct, MappedProduct } from "../odoo-mapping"
import { REMOVED_KEY, SYNC_HASH_KEY } from "./plan-run"

/** The fields of a Medusa product that a page's diff reads (one query.graph per page). */
export const EXISTING_PRODUCT_FIELDS = [
  "id",
  "external_id",
  "handle",
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
  status: string
  metadata: Record<string, unknown> | null
  variants: { id: string; sku: string | null; barcode: string | null; metadata: Record<string, unknown> | null }[] | null
  options: ExistingOption[] | null
}

function externalIdOf(metadata: Record<string, unknown> | null | undefined): string | null {
  const value = metadata?.external_id
  return value === undefined || value === null ? null : String(value)
}

/** The diff's view of a Medusa product. A removed product never counts as unchanged. */
export function toExistingProduct(row: ExistingProductRow): ExistingProduct {
  const removed = row.metadata?.[REMOVED_KEY] === true
  const hash = row.metadata?.[SYNC_HASH_KEY]
  return {
    id: row.id,
    externalId: String(row.external_id),
    handle: row.handle,
    status: row.status,
    syncHash: !removed && typeof hash === "string" ? hash : null,
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
  existing: ExistingProductRow
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
    metadata: { ...product.metadata, [SYNC_HASH_KEY]: product.hash, [REMOVED_KEY]: "" },
    variants: product.variants.map((variant) => {
      const id = variantIdByExternalId.get(variant.externalId)
      return {
        ...(id ? { id } : { manage_inventory: false }),
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

/**
 * How a product's options must change to match Odoo, in two halves: what to add before the
 * variants are updated (new options and values the new variants need), and what to remove
 * after (options and values no variant uses any more).
 */
export function diffProductOptions(
  productId: string,
  wanted: { title: string; values: string[] }[],
  existing: ExistingOption[]
): { before: LinkProductOptionsToProductWorkflowInput | null; after: LinkProductOptionsToProductWorkflowInput | null } {
  const existingByTitle = new Map(existing.map((option) => [option.title, option]))
  const wantedTitles = new Set(wanted.map((option) => option.title))

  const add = wanted
    .filter((option) => !existingByTitle.has(option.title))
    .map((option) => ({ title: option.title, values: option.values }))
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
  const remove = existing.filter((option) => !wantedTitles.has(option.title)).map((option) => option.id)

  return {
    before: add.length || addValues.length ? { product_id: productId, add, update: addValues } : null,
    after: remove.length || removeValues.length ? { product_id: productId, remove, update: removeValues } : null,
  }
}
