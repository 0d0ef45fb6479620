import type { CreateProductWorkflowInputDTO, UpdateProductWorkflowInputDTO } from "@medusajs/framework/types"
import type { LinkProductOptionsToProductWorkflowInput } from "@medusajs/medusa/core-flows"
import { type CodeRelease, handleCandidates, type MappedProduct, planPage, toCreateProductInput } from "../odoo-mapping"
import type { Clash, TakenCode } from "../odoo-mapping"
import type { SkippedRecord } from "./constants"
import {
  diffProductOptions,
  type ExistingProductRow,
  type NewProductOption,
  toExistingProduct,
  toUpdateProductInput,
} from "./medusa-product"

/** Variants elsewhere in Medusa that hold one of the page's SKUs or barcodes. */
export type IdentifierHolderRow = {
  id: string
  sku: string | null
  barcode: string | null
  metadata?: Record<string, unknown> | null
  product: { external_id: string | null } | null
}

/** A variant's codes as Odoo gives them now (what readVariantCodes returns). */
export type OdooVariantCodes = { id: number; sku: string | null; barcode: string | null }
export type HandleHolderRow = { id: string; handle: string }

export type PageWrites = {
  create: CreateProductWorkflowInputDTO[]
  /** The option titles the created products bring (what a rolled-back creation may leave). */
  createdOptionTitles: string[]
  update: (UpdateProductWorkflowInputDTO & { id: string })[]
  optionsBefore: LinkProductOptionsToProductWorkflowInput[]
  /** Options existing products gain, created before the update (which links them). */
  optionsToCreate: NewProductOption[]
  /** Per product whose set of options changes, the ids of the options it keeps. */
  optionsKept: Record<string, string[]>
  optionsAfter: LinkProductOptionsToProductWorkflowInput[]
  unchanged: string[]
  /** Records not synced (bad data), with the reason. */
  skipped: SkippedRecord[]
  /** Identifiers not written as asked (SKU, barcode, handle held elsewhere), with both ids. */
  clashes: SkippedRecord[]
  /** Codes cleared before the writes, so that the variants taking them do not break uniqueness. */
  releases: CodeRelease[]
  /** The plan in ids, for the run report and dry runs. */
  plan: { create: string[]; update: string[]; unchanged: string[] }
}

export function identifiersOf(products: MappedProduct[]) {
  const variants = products.flatMap((product) => product.variants)
  return {
    externalIds: products.map((product) => product.externalId),
    skus: [...new Set(variants.map((variant) => variant.sku).filter((sku): sku is string => !!sku))],
    barcodes: [...new Set(variants.map((variant) => variant.barcode).filter((code): code is string => !!code))],
    // The fallback handles too, so a fallback that is itself taken is seen.
    handles: handleCandidates(products),
  }
}

/** A clash's holder: a Medusa id (prefixed), or the id of another Odoo record in the page. */
function holderName(heldBy: string, odooKind: "template" | "variant"): string {
  return /^[a-z]+_/.test(heldBy) ? `Medusa ${heldBy}` : `Odoo ${odooKind} ${heldBy}`
}

/** How a clash is reported: the Odoo record that did not get the value, and who holds it. */
export function clashRecord(clash: Clash): SkippedRecord {
  return {
    odoo_id: clash.odooId,
    // A handle clash names the template, a SKU/barcode clash the variant.
    model: clash.field === "handle" ? "product.template" : "product.product",
    // The product written without the value, which the admin's run page links to.
    template_id: Number(clash.productExternalId),
    reason:
      clash.field === "handle"
        ? `handle "${clash.value}" is already held by ${holderName(clash.heldBy, "template")}; a suffixed handle was used`
        : `${clash.field} "${clash.value}" is already held by ${holderName(clash.heldBy, "variant")}; not written`,
  }
}

/** The Odoo variant a Medusa variant was written from (the sync sets metadata.external_id). */
function odooVariantIdOf(row: IdentifierHolderRow): number | null {
  const id = Number(row.metadata?.external_id)
  return row.product?.external_id && Number.isInteger(id) && id > 0 ? id : null
}

/**
 * The Odoo variants behind the Medusa variants that hold one of the page's codes from outside
 * the page: whether Odoo still gives them those codes decides whether they keep them.
 */
export function outsideHolderOdooIds(holders: IdentifierHolderRow[], pageExternalIds: string[]): number[] {
  const page = new Set(pageExternalIds)
  const ids = holders
    .filter((row) => !page.has(String(row.product?.external_id)))
    .map(odooVariantIdOf)
    .filter((id): id is number => id !== null)
  return [...new Set(ids)].sort((a, b) => a - b)
}

/**
 * Who already holds each SKU, barcode and handle in Medusa. A holder written by the sync whose
 * Odoo variant no longer has that code (changed, archived, deleted: absent from `odooCodes`)
 * holds it only until this page takes it (`released`).
 */
export function takenIdentifiers(
  holders: IdentifierHolderRow[],
  handles: HandleHolderRow[],
  outside?: { pageExternalIds: string[]; odooCodes: OdooVariantCodes[] }
) {
  const skus = new Map<string, TakenCode>()
  const barcodes = new Map<string, TakenCode>()
  const checkedIds = new Set(outside ? outsideHolderOdooIds(holders, outside.pageExternalIds) : [])
  const current = new Map((outside?.odooCodes ?? []).map((row) => [row.id, row]))
  for (const holder of holders) {
    const odooId = odooVariantIdOf(holder)
    const odoo = odooId !== null ? current.get(odooId) : undefined
    const checked = odooId !== null && checkedIds.has(odooId)
    const owner = (field: "sku" | "barcode"): TakenCode => ({
      variantId: holder.id,
      productExternalId: holder.product?.external_id ?? null,
      ...(checked && odoo?.[field] !== holder[field] ? { released: true } : {}),
    })
    if (holder.sku) skus.set(holder.sku, owner("sku"))
    if (holder.barcode) barcodes.set(holder.barcode, owner("barcode"))
  }
  return { skus, barcodes, handles: new Map(handles.map((row) => [row.handle, row.id])) }
}

/**
 * Turns a page's mapped products and what Medusa holds into the writes: products to create,
 * to update (with the option changes their new variants need), and those left untouched.
 */
export function buildPageWrites(input: {
  products: MappedProduct[]
  skipped: SkippedRecord[]
  existing: ExistingProductRow[]
  holders: IdentifierHolderRow[]
  handleHolders: HandleHolderRow[]
  salesChannelId?: string
  shippingProfileId?: string
  /** When the page is written (ISO): stored with each product's hash. */
  syncedAt: string
  /** External ids to write even when their hash matches (a cut-short run was writing them). */
  rewriteExternalIds?: string[]
  /** Odoo's codes now for the variants behind outside holders (see outsideHolderOdooIds). */
  odooCodes?: OdooVariantCodes[]
}): PageWrites {
  const rewrite = new Set(input.rewriteExternalIds ?? [])
  // By Medusa id: with two products holding one external id, the update must go to the one the
  // plan compared with (its variants decided the SKU/barcode clashes), not to the last one read.
  const existingById = new Map(input.existing.map((row) => [row.id, row]))
  const plan = planPage(
    input.products,
    input.existing.map((row) => toExistingProduct(row, rewrite)),
    takenIdentifiers(
      input.holders,
      input.handleHolders,
      input.odooCodes ? { pageExternalIds: input.products.map((product) => product.externalId), odooCodes: input.odooCodes } : undefined
    )
  )
  // Clashes are reported, not skipped: the product is written, without the clashing SKU or
  // barcode, or under a `-<template id>` handle.
  const clashes: SkippedRecord[] = plan.clashes.map(clashRecord)

  const update: PageWrites["update"] = []
  const optionsBefore: LinkProductOptionsToProductWorkflowInput[] = []
  const optionsAfter: LinkProductOptionsToProductWorkflowInput[] = []
  const optionsToCreate: NewProductOption[] = []
  const optionsKept: Record<string, string[]> = {}
  for (const { product, existing } of plan.update) {
    const row = existingById.get(existing.id)!
    update.push(toUpdateProductInput(product, row, input.syncedAt))
    const options = diffProductOptions(row.id, product.options, row.options ?? [])
    if (options.before) optionsBefore.push(options.before)
    if (options.after) optionsAfter.push(options.after)
    optionsToCreate.push(...options.create)
    if (options.keep) optionsKept[row.id] = options.keep
  }

  return {
    create: plan.create.map((product) =>
      toCreateProductInput(product, {
        salesChannelId: input.salesChannelId,
        shippingProfileId: input.shippingProfileId,
        syncedAt: input.syncedAt,
      })
    ),
    createdOptionTitles: [...new Set(plan.create.flatMap((product) => product.options.map((option) => option.title)))],
    update,
    optionsBefore,
    optionsToCreate,
    optionsKept,
    optionsAfter,
    unchanged: plan.unchanged.map((product) => product.id),
    skipped: input.skipped,
    clashes,
    releases: plan.releases,
    plan: {
      create: plan.create.map((product) => product.externalId),
      update: plan.update.map(({ product }) => product.externalId),
      unchanged: plan.unchanged.map((product) => product.externalId),
    },
  }
}
