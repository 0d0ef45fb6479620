import { type MappedProduct, type MappingContext, mapCatalogPage, type OdooCatalogPage } from "../odoo-mapping"
import { attribute, line, page, ptav, template, variant } from "../odoo-mapping/__tests__/helpers"
import type { SkippedRecord } from "./constants"
import type { ExistingProductRow } from "./medusa-product"
import {
  buildPageWrites,
  type HandleHolderRow,
  type IdentifierHolderRow,
  identifiersOf,
  outsideHolderOdooIds,
  takenIdentifiers,
} from "./page-writes"

// ---------------------------------------------------------------------------------------------
// A small hand-made Odoo page, shaped like search_read output (false = empty, many2one = [id, name])
// ---------------------------------------------------------------------------------------------

const usd: MappingContext = {
  companyCurrency: { code: "usd", rounding: 0.01 },
  otherCurrencies: [],
  websiteSale: false,
}

/**
 * Template 10 "Oak Desk": one variant 101 (SKU DESK-1, barcode 4000001), no attributes.
 * Template 20 "Chair": Size (S, M), variants 201 (CH-S) and 202 (CH-M).
 */
function catalogPage(): OdooCatalogPage {
  const size = attribute(1, "Size", "always", 1)
  const sizeLine = line(21, 20, size, [211, 212])
  return page({
    templates: [template(10, "Oak Desk", { list_price: 100 }), template(20, "Chair", { list_price: 40 })],
    variants: [
      variant(101, 10, { default_code: "DESK-1", barcode: "4000001", lst_price: 100 }),
      variant(201, 20, { default_code: "CH-S", product_template_attribute_value_ids: [211], lst_price: 40 }),
      variant(202, 20, { default_code: "CH-M", product_template_attribute_value_ids: [212], lst_price: 45 }),
    ],
    attributeLines: [sizeLine],
    templateAttributeValues: [ptav(211, sizeLine, "S"), ptav(212, sizeLine, "M")],
    attributes: [size],
  })
}

function mappedProducts(): MappedProduct[] {
  const mapping = mapCatalogPage(catalogPage(), usd)
  expect(mapping.skipped).toEqual([])
  return mapping.products
}

function byExternalId(products: MappedProduct[], externalId: string): MappedProduct {
  const found = products.find((product) => product.externalId === externalId)
  if (!found) {
    throw new Error(`no mapped product ${externalId}`)
  }
  return found
}

/** What Medusa holds after this sync wrote `product` (variants `var_<odoo id>`), as query.graph returns it. */
function writtenRow(product: MappedProduct, medusaId: string, metadata: Record<string, unknown> = {}): ExistingProductRow {
  return {
    id: medusaId,
    external_id: product.externalId,
    handle: product.handle,
    status: product.status,
    metadata: { ...product.metadata, odoo_sync_hash: product.hash, ...metadata },
    variants: product.variants.map((v) => ({
      id: `var_${v.externalId}`,
      sku: v.sku,
      barcode: v.barcode,
      metadata: { external_id: v.externalId },
    })),
    options: product.options.map((option, i) => ({
      id: `opt_${medusaId}_${i}`,
      title: option.title,
      values: option.values.map((value) => ({ id: `optval_${medusaId}_${value}`, value })),
    })),
  }
}

/** The SKU/barcode holders Medusa returns for the variants of `rows`. */
function holdersOf(rows: ExistingProductRow[]): IdentifierHolderRow[] {
  return rows.flatMap((row) =>
    (row.variants ?? []).map((v) => ({ id: v.id, sku: v.sku, barcode: v.barcode, product: { external_id: row.external_id } }))
  )
}

function handleHoldersOf(rows: ExistingProductRow[]): HandleHolderRow[] {
  return rows.map((row) => ({ id: row.id, handle: row.handle }))
}

const SYNCED_AT = "2026-11-24T12:00:00.000Z"

function writes(input: Partial<Parameters<typeof buildPageWrites>[0]> & { products: MappedProduct[] }) {
  return buildPageWrites({ skipped: [], existing: [], holders: [], handleHolders: [], syncedAt: SYNCED_AT, ...input })
}

/** The page's writes when Medusa holds `existing`, which also hold their SKUs and handles. */
function writesOver(
  products: MappedProduct[],
  existing: ExistingProductRow[],
  extra: Partial<Parameters<typeof buildPageWrites>[0]> = {}
) {
  return writes({ products, existing, holders: holdersOf(existing), handleHolders: handleHoldersOf(existing), ...extra })
}

// ---------------------------------------------------------------------------------------------

describe("identifiersOf", () => {
  it("lists the page's template ids, and its SKUs, barcodes and handles once each, without empties", () => {
    const products = mappedProducts()
    const desk = byExternalId(products, "10")
    const twin: MappedProduct = {
      ...desk,
      externalId: "30",
      variants: desk.variants.map((v) => ({ ...v, externalId: "301" })),
    }
    const ids = identifiersOf([...products, twin])
    expect(ids.externalIds).toEqual(["10", "20", "30"])
    expect([...ids.skus].sort()).toEqual(["CH-M", "CH-S", "DESK-1"])
    expect(ids.barcodes).toEqual(["4000001"])
    // Each mapped handle and its "-<template id>" fallback, so a taken fallback is seen too;
    // the twin shares "oak-desk", listed once.
    expect([...ids.handles].sort()).toEqual(["chair", "chair-20", "oak-desk", "oak-desk-10", "oak-desk-30"])
  })

  it("gives empty lists for an empty page", () => {
    expect(identifiersOf([])).toEqual({ externalIds: [], skus: [], barcodes: [], handles: [] })
  })
})

describe("takenIdentifiers", () => {
  it("maps each SKU and barcode to the variant holding it and that variant's product external id", () => {
    const taken = takenIdentifiers(
      [
        { id: "var_1", sku: "A", barcode: "111", product: { external_id: "10" } },
        { id: "var_2", sku: "B", barcode: null, product: { external_id: null } },
        { id: "var_3", sku: null, barcode: "333", product: null },
      ],
      []
    )
    expect(taken.skus).toEqual(
      new Map([
        ["A", { variantId: "var_1", productExternalId: "10" }],
        ["B", { variantId: "var_2", productExternalId: null }],
      ])
    )
    expect(taken.barcodes).toEqual(
      new Map([
        ["111", { variantId: "var_1", productExternalId: "10" }],
        ["333", { variantId: "var_3", productExternalId: null }],
      ])
    )
  })

  it("ignores empty codes", () => {
    const taken = takenIdentifiers([{ id: "var_1", sku: "", barcode: "", product: null }], [])
    expect(taken.skus.size).toBe(0)
    expect(taken.barcodes.size).toBe(0)
  })

  it("maps each handle to the Medusa product holding it", () => {
    const taken = takenIdentifiers([], [
      { id: "prod_1", handle: "desk" },
      { id: "prod_2", handle: "chair" },
    ])
    expect(taken.handles).toEqual(
      new Map([
        ["desk", "prod_1"],
        ["chair", "prod_2"],
      ])
    )
  })
})

describe("outsideHolderOdooIds and released holders", () => {
  const holders: IdentifierHolderRow[] = [
    { id: "var_in", sku: "IN", barcode: null, metadata: { external_id: "101" }, product: { external_id: "10" } },
    { id: "var_moved", sku: "MOVED", barcode: "B-KEPT", metadata: { external_id: "301" }, product: { external_id: "30" } },
    { id: "var_gone", sku: "GONE", barcode: null, metadata: { external_id: "302" }, product: { external_id: "30" } },
    { id: "var_manual", sku: "MANUAL", barcode: null, metadata: null, product: null },
  ]

  it("asks Odoo only about synced holders outside the page", () => {
    expect(outsideHolderOdooIds(holders, ["10"])).toEqual([301, 302])
  })

  it("releases a code Odoo gives its holder no longer (changed or deleted), field by field", () => {
    const taken = takenIdentifiers(holders, [], {
      pageExternalIds: ["10"],
      odooCodes: [{ id: 301, sku: "NEW", barcode: "B-KEPT" }],
    })
    expect(taken.skus.get("MOVED")?.released).toBe(true)
    expect(taken.barcodes.get("B-KEPT")?.released).toBeUndefined()
    expect(taken.skus.get("GONE")?.released).toBe(true)
    expect(taken.skus.get("IN")?.released).toBeUndefined()
    expect(taken.skus.get("MANUAL")?.released).toBeUndefined()
  })
})

describe("buildPageWrites", () => {
  it("creates products Medusa does not hold, in its sales channel and shipping profile", () => {
    const products = mappedProducts()
    const result = writes({ products, salesChannelId: "sc_1", shippingProfileId: "sp_1" })

    expect(result.plan).toEqual({ create: ["10", "20"], update: [], unchanged: [] })
    expect(result.update).toEqual([])
    expect(result.unchanged).toEqual([])
    expect(result.optionsBefore).toEqual([])
    expect(result.optionsAfter).toEqual([])
    expect(result.skipped).toEqual([])
    expect(result.create).toHaveLength(2)

    const desk = result.create.find((input) => input.external_id === "10")
    expect(desk).toMatchObject({
      title: "Oak Desk",
      handle: "oak-desk",
      status: "published",
      sales_channels: [{ id: "sc_1" }],
      shipping_profile_id: "sp_1",
      metadata: { external_id: "10", odoo_sync_hash: byExternalId(products, "10").hash, odoo_synced_at: SYNCED_AT },
    })
    expect(result.create.find((input) => input.external_id === "20")?.metadata).toMatchObject({
      odoo_sync_hash: byExternalId(products, "20").hash,
    })
    expect(desk?.variants).toEqual([
      expect.objectContaining({
        sku: "DESK-1",
        barcode: "4000001",
        manage_inventory: false,
        metadata: { external_id: "101" },
        prices: [{ currency_code: "usd", amount: 100 }],
      }),
    ])
    const chair = result.create.find((input) => input.external_id === "20")
    expect(chair?.options).toEqual([expect.objectContaining({ title: "Size", values: ["S", "M"] })])
    expect(chair?.variants?.map((v) => v.sku)).toEqual(["CH-S", "CH-M"])
  })

  it("creates without sales channel or shipping profile when the store has none", () => {
    const result = writes({ products: mappedProducts() })
    for (const input of result.create) {
      expect(input).not.toHaveProperty("sales_channels")
      expect(input).not.toHaveProperty("shipping_profile_id")
    }
  })

  it("leaves products whose stored hash matches untouched, reporting their Medusa ids", () => {
    const products = mappedProducts()
    const existing = [writtenRow(byExternalId(products, "10"), "prod_desk"), writtenRow(byExternalId(products, "20"), "prod_chair")]
    const result = writesOver(products, existing)
    expect(result.unchanged.sort()).toEqual(["prod_chair", "prod_desk"])
    expect(result.plan).toEqual({ create: [], update: [], unchanged: ["10", "20"] })
    expect(result.create).toEqual([])
    expect(result.update).toEqual([])
    expect(result.skipped).toEqual([])
  })

  it("updates a product whose hash differs, keeping its variant ids and its handle", () => {
    const products = mappedProducts()
    const desk = byExternalId(products, "10")
    const existing = [writtenRow({ ...desk, handle: "my-desk" }, "prod_desk", { odoo_sync_hash: "stale" })]
    const result = writesOver([desk], existing)

    expect(result.plan).toEqual({ create: [], update: ["10"], unchanged: [] })
    expect(result.update).toHaveLength(1)
    const [update] = result.update
    expect(update.id).toBe("prod_desk")
    expect(update).not.toHaveProperty("handle")
    expect(update.variants).toEqual([expect.objectContaining({ id: "var_101", sku: "DESK-1" })])
    expect(update.metadata).toMatchObject({ odoo_removed: "", odoo_synced_at: SYNCED_AT })
    expect(result.skipped).toEqual([])

    // The hash written is that of what was written (kept handle included): the next run finds
    // the product unchanged.
    const written = [
      writtenRow({ ...desk, handle: "my-desk" }, "prod_desk", { odoo_sync_hash: update.metadata?.odoo_sync_hash }),
    ]
    const again = writesOver([desk], written)
    expect(again.plan).toEqual({ create: [], update: [], unchanged: ["10"] })
  })

  it("rewrites a product marked removed even when its hash matches", () => {
    const products = mappedProducts()
    const desk = byExternalId(products, "10")
    const existing = [writtenRow(desk, "prod_desk", { odoo_removed: true })]
    const result = writesOver([desk], existing)
    expect(result.plan.update).toEqual(["10"])
    expect(result.unchanged).toEqual([])
    expect(result.update[0].metadata).toMatchObject({ odoo_removed: "", odoo_sync_hash: desk.hash })
  })

  it("rewrites the products a cut-short run was writing even when their hash matches, and only those", () => {
    const products = mappedProducts()
    const existing = [writtenRow(byExternalId(products, "10"), "prod_desk"), writtenRow(byExternalId(products, "20"), "prod_chair")]
    const result = writesOver(products, existing, { rewriteExternalIds: ["20"] })
    expect(result.plan).toEqual({ create: [], update: ["20"], unchanged: ["10"] })
    expect(result.update.map((update) => update.id)).toEqual(["prod_chair"])
  })

  it("adds the values new variants need before, and drops the options Odoo no longer has", () => {
    const products = mappedProducts()
    const chair = byExternalId(products, "20")
    // Medusa knew the chair in S only, with a Color option Odoo no longer has.
    const before = { ...chair, variants: chair.variants.filter((v) => v.sku === "CH-S") }
    const row = writtenRow(before, "prod_chair", { odoo_sync_hash: "stale" })
    row.options = [
      { id: "opt_size", title: "Size", values: [{ id: "val_s", value: "S" }] },
      { id: "opt_color", title: "Color", values: [{ id: "val_red", value: "Red" }] },
    ]
    const result = writesOver([chair], [row])

    expect(result.optionsBefore).toEqual([
      { product_id: "prod_chair", update: [{ product_option_id: "opt_size", add: [{ value: "M" }] }] },
    ])
    // Color is not kept: the update's option_ids unlink it.
    expect(result.optionsKept).toEqual({ prod_chair: ["opt_size"] })
    expect(result.optionsToCreate).toEqual([])
    expect(result.optionsAfter).toEqual([])
    const variants = result.update[0].variants ?? []
    expect(variants.find((v) => v.sku === "CH-S")).toMatchObject({ id: "var_201" })
    expect(variants.find((v) => v.sku === "CH-M")).toMatchObject({ manage_inventory: false })
    expect(variants.find((v) => v.sku === "CH-M")).not.toHaveProperty("id")
  })

  it("sends no option changes for an updated product whose options already match", () => {
    const products = mappedProducts()
    const chair = byExternalId(products, "20")
    const existing = [writtenRow(chair, "prod_chair", { odoo_sync_hash: "stale" })]
    const result = writesOver([chair], existing)
    expect(result.update).toHaveLength(1)
    expect(result.optionsBefore).toEqual([])
    expect(result.optionsAfter).toEqual([])
    expect(result.optionsKept).toEqual({})
  })

  it("keeps the mapping's skipped records apart from the SKU clashes it reports per product.product", () => {
    const products = mappedProducts()
    const mappingSkip: SkippedRecord = { odoo_id: 55, model: "product.template", reason: "template has no name" }
    const result = writes({
      products,
      skipped: [mappingSkip],
      holders: [{ id: "var_foreign", sku: "DESK-1", barcode: null, product: { external_id: null } }],
    })

    const desk = result.create.find((input) => input.external_id === "10")
    expect(desk?.variants?.[0]).toMatchObject({ sku: null, barcode: "4000001" })
    expect(result.skipped).toEqual([mappingSkip])
    expect(result.clashes).toHaveLength(1)
    expect(result.clashes[0]).toMatchObject({ odoo_id: "101", model: "product.product" })
    expect(result.clashes[0].reason).toContain("DESK-1")
    expect(result.clashes[0].reason).toContain("var_foreign")
    expect(result.clashes[0].reason).toMatch(/^sku /)
  })

  it("reports a barcode held elsewhere and writes the variant without it", () => {
    const result = writes({
      products: mappedProducts(),
      holders: [{ id: "var_foreign", sku: null, barcode: "4000001", product: { external_id: "999" } }],
    })
    const desk = result.create.find((input) => input.external_id === "10")
    expect(desk?.variants?.[0]).toMatchObject({ sku: "DESK-1", barcode: null })
    expect(result.skipped).toEqual([])
    expect(result.clashes).toEqual([
      expect.objectContaining({ odoo_id: "101", model: "product.product", reason: expect.stringMatching(/^barcode .*4000001.*var_foreign/) }),
    ])
  })

  it("never gives a new product a fallback handle that is itself taken", () => {
    const result = writes({
      products: mappedProducts(),
      handleHolders: [
        { id: "prod_other", handle: "oak-desk" },
        { id: "prod_third", handle: "oak-desk-10" },
      ],
    })
    const desk = result.create.find((input) => input.external_id === "10")
    expect(desk?.handle).toBeDefined()
    expect(["oak-desk", "oak-desk-10"]).not.toContain(desk?.handle)
  })

  it("gives a new product whose handle is taken a suffixed one, reporting the template", () => {
    const result = writes({ products: mappedProducts(), handleHolders: [{ id: "prod_other", handle: "oak-desk" }] })
    const desk = result.create.find((input) => input.external_id === "10")
    expect(desk?.handle).not.toBe("oak-desk")
    expect(desk?.handle).toMatch(/^oak-desk-.*10/)
    // The handle clash is about the template (the odoo_id is a template id), not a variant.
    expect(result.skipped).toEqual([])
    expect(result.clashes).toEqual([
      expect.objectContaining({ odoo_id: "10", model: "product.template", reason: expect.stringMatching(/^handle .*oak-desk.*prod_other/) }),
    ])
  })

  it("updates the very Medusa product the plan compared with when two hold the same external id", () => {
    const products = mappedProducts()
    const desk = byExternalId(products, "10")
    const first = writtenRow(desk, "prod_first", { odoo_sync_hash: "stale" })
    const second: ExistingProductRow = {
      ...writtenRow(desk, "prod_second", { odoo_sync_hash: "stale" }),
      handle: "oak-desk-copy",
      variants: [{ id: "var_second", sku: null, barcode: null, metadata: { external_id: "101" } }],
    }
    const existing = [first, second]
    const result = writesOver([desk], existing)
    expect(result.update).toHaveLength(1)
    expect(result.update[0].id).toBe("prod_first")
    expect(result.update[0].variants).toEqual([expect.objectContaining({ id: "var_101" })])
  })

  it("splits a mixed page into create, update and unchanged", () => {
    const products = mappedProducts()
    const existing = [writtenRow(byExternalId(products, "20"), "prod_chair")]
    const result = writesOver(products, existing)
    expect(result.plan).toEqual({ create: ["10"], update: [], unchanged: ["20"] })
    expect(result.create.map((input) => input.external_id)).toEqual(["10"])
    expect(result.unchanged).toEqual(["prod_chair"])
  })
})
