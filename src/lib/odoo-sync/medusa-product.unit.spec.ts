import { hashOwnedFields, type MappedProduct, type MappedVariant } from "../odoo-mapping"
import {
  diffProductOptions,
  withOptionIds,
  type ExistingOption,
  type ExistingProductRow,
  type NewProductOption,
  toExistingProduct,
  toUpdateProductInput,
} from "./medusa-product"

function mappedVariant(externalId: string, extra: Partial<MappedVariant> = {}): MappedVariant {
  return {
    externalId,
    title: `Variant ${externalId}`,
    sku: `SKU-${externalId}`,
    barcode: null,
    weight: null,
    options: { Size: externalId === "11" ? "S" : "M" },
    prices: [{ currency_code: "usd", amount: 12.5 }],
    manageInventory: false,
    ...extra,
  }
}

function mappedProduct(variants: MappedVariant[], extra: Partial<MappedProduct> = {}): MappedProduct {
  return {
    externalId: "7",
    title: "Desk",
    description: "A desk",
    handle: "desk-from-odoo",
    status: "published",
    options: [{ title: "Size", values: ["S", "M"] }],
    variants,
    metadata: { external_id: "7", odoo_attributes: { Finish: ["Oak"] } },
    hash: "hash-new",
    ...extra,
  }
}

function row(extra: Partial<ExistingProductRow> = {}): ExistingProductRow {
  return {
    id: "prod_7",
    external_id: "7",
    handle: "desk",
    status: "published",
    metadata: { external_id: "7", odoo_sync_hash: "hash-old" },
    variants: [],
    options: [],
    ...extra,
  }
}

describe("toExistingProduct", () => {
  it("carries the ids, handle, status and the stored sync hash", () => {
    const existing = toExistingProduct(row({ status: "draft" }))
    expect(existing).toEqual({
      id: "prod_7",
      externalId: "7",
      handle: "desk",
      status: "draft",
      syncHash: "hash-old",
      variants: [],
    })
  })

  it("has no sync hash for a product marked removed, so it never counts as unchanged", () => {
    const existing = toExistingProduct(row({ metadata: { odoo_sync_hash: "hash-old", odoo_removed: true } }))
    expect(existing.syncHash).toBeNull()
  })

  it("keeps the hash when odoo_removed is anything but true (e.g. cleared to \"\")", () => {
    expect(toExistingProduct(row({ metadata: { odoo_sync_hash: "h", odoo_removed: "" } })).syncHash).toBe("h")
    expect(toExistingProduct(row({ metadata: { odoo_sync_hash: "h", odoo_removed: false } })).syncHash).toBe("h")
  })

  it("has no sync hash when an admin changed an Odoo-owned field, or when the run was asked to rewrite it", () => {
    const asWritten = { title: "Desk", description: null, status: "published" }
    const metadata = { odoo_sync_hash: "h", odoo_fields_hash: hashOwnedFields(asWritten) }
    expect(toExistingProduct(row({ ...asWritten, metadata })).syncHash).toBe("h")
    expect(toExistingProduct(row({ ...asWritten, title: "Desk!", metadata })).syncHash).toBeNull()
    expect(toExistingProduct(row({ ...asWritten, metadata }), new Set(["7"])).syncHash).toBeNull()
  })

  it("has no sync hash when metadata is missing or the hash is not a string", () => {
    expect(toExistingProduct(row({ metadata: null })).syncHash).toBeNull()
    expect(toExistingProduct(row({ metadata: { odoo_sync_hash: 42 } })).syncHash).toBeNull()
  })

  it("reads each variant's Odoo id from metadata.external_id, as a string, null when absent", () => {
    const existing = toExistingProduct(
      row({
        variants: [
          { id: "var_a", sku: "A", barcode: "123", metadata: { external_id: 11 } },
          { id: "var_b", sku: null, barcode: null, metadata: { external_id: "12" } },
          { id: "var_c", sku: "C", barcode: null, metadata: null },
          { id: "var_d", sku: "D", barcode: null, metadata: { external_id: null } },
        ],
      })
    )
    expect(existing.variants).toEqual([
      { id: "var_a", externalId: "11", sku: "A", barcode: "123" },
      { id: "var_b", externalId: "12", sku: null, barcode: null },
      { id: "var_c", externalId: null, sku: "C", barcode: null },
      { id: "var_d", externalId: null, sku: "D", barcode: null },
    ])
  })

  it("reads missing variants as none", () => {
    expect(toExistingProduct(row({ variants: null })).variants).toEqual([])
  })
})

const SYNCED_AT = "2026-11-24T12:00:00.000Z"

describe("toUpdateProductInput", () => {
  const existingRow = row({
    variants: [
      { id: "var_11", sku: "OLD-11", barcode: null, metadata: { external_id: "11" } },
      { id: "var_gone", sku: "OLD-99", barcode: null, metadata: { external_id: "99" } },
      { id: "var_handmade", sku: "HAND", barcode: null, metadata: null },
    ],
  })

  it("updates the existing Medusa product with the template's title, description, status and external id", () => {
    const input = toUpdateProductInput(
      mappedProduct([mappedVariant("11")], { title: "New desk", description: null, status: "draft" }),
      existingRow,
      SYNCED_AT
    )
    expect(input.id).toBe("prod_7")
    expect(input.title).toBe("New desk")
    expect(input.description).toBeNull()
    expect(input.status).toBe("draft")
    expect(input.external_id).toBe("7")
  })

  it("does not send the handle, so storefront links keep working", () => {
    const input = toUpdateProductInput(mappedProduct([mappedVariant("11")]), existingRow, SYNCED_AT)
    expect(input).not.toHaveProperty("handle")
  })

  it("keeps the Medusa id of variants matched by their Odoo id, and sets inventory management from Odoo's storability", () => {
    const input = toUpdateProductInput(mappedProduct([mappedVariant("11", { manageInventory: true })]), existingRow, SYNCED_AT)
    expect(input.variants).toHaveLength(1)
    const [variant] = input.variants ?? []
    expect(variant).toMatchObject({ id: "var_11", sku: "SKU-11", manage_inventory: true, metadata: { external_id: "11" } })
    const [unmanaged] = toUpdateProductInput(mappedProduct([mappedVariant("11")]), existingRow, SYNCED_AT).variants ?? []
    expect(unmanaged).toMatchObject({ id: "var_11", manage_inventory: false })
  })

  it("sends new variants without an id and with manage_inventory false", () => {
    const input = toUpdateProductInput(mappedProduct([mappedVariant("11"), mappedVariant("12")]), existingRow, SYNCED_AT)
    const added = (input.variants ?? []).find((variant) => variant.sku === "SKU-12")
    expect(added).toBeDefined()
    expect(added).not.toHaveProperty("id")
    expect(added).toMatchObject({ manage_inventory: false, metadata: { external_id: "12" } })
  })

  it("never reuses the id of a Medusa variant without Odoo id or of another Odoo variant", () => {
    const input = toUpdateProductInput(mappedProduct([mappedVariant("12"), mappedVariant("13")]), existingRow, SYNCED_AT)
    const ids = (input.variants ?? []).map((variant) => ("id" in variant ? variant.id : undefined))
    expect(ids).toEqual([undefined, undefined])
  })

  it("leaves variants no longer in Odoo out, so Medusa deletes them", () => {
    const input = toUpdateProductInput(mappedProduct([mappedVariant("11")]), existingRow, SYNCED_AT)
    const sentIds = (input.variants ?? []).map((variant) => ("id" in variant ? variant.id : undefined))
    expect(sentIds).not.toContain("var_gone")
    expect(sentIds).not.toContain("var_handmade")
  })

  it("sends each variant's mapped fields and its Odoo id in metadata", () => {
    const mapped = mappedVariant("11", {
      title: "S",
      sku: "DESK-S",
      barcode: "400123",
      weight: 2.5,
      options: { Size: "S" },
      prices: [
        { currency_code: "usd", amount: 10 },
        { currency_code: "eur", amount: 9 },
      ],
    })
    const [variant] = toUpdateProductInput(mappedProduct([mapped]), existingRow, SYNCED_AT).variants ?? []
    expect(variant).toEqual({
      id: "var_11",
      title: "S",
      sku: "DESK-S",
      barcode: "400123",
      weight: 2.5,
      options: { Size: "S" },
      prices: [
        { currency_code: "usd", amount: 10 },
        { currency_code: "eur", amount: 9 },
      ],
      manage_inventory: false,
      metadata: { external_id: "11" },
    })
  })

  it("writes the mapped metadata, the new sync hash with the time of the write, and odoo_removed with an empty string", () => {
    const input = toUpdateProductInput(
      mappedProduct([mappedVariant("11")], { hash: "fresh" }),
      row({ metadata: { odoo_removed: true, odoo_sync_hash: "stale" } }),
      "2026-11-24T12:00:00.000Z"
    )
    expect(input.metadata).toEqual({
      external_id: "7",
      odoo_attributes: { Finish: ["Oak"] },
      odoo_codes_pending: "",
      odoo_sync_hash: "fresh",
      odoo_fields_hash: hashOwnedFields(mappedProduct([mappedVariant("11")])),
      odoo_synced_at: "2026-11-24T12:00:00.000Z",
      odoo_variant_ids: [11],
      // Medusa's mergeMetadata deletes keys set to "".
      odoo_removed: "",
    })
  })

  it("matches variants whose Odoo id Medusa stored as a number", () => {
    const input = toUpdateProductInput(
      mappedProduct([mappedVariant("11")]),
      row({ variants: [{ id: "var_n", sku: null, barcode: null, metadata: { external_id: 11 } }] }),
      SYNCED_AT
    )
    expect(input.variants?.[0]).toMatchObject({ id: "var_n" })
  })

  it("handles a product without variants in Medusa: every variant is new", () => {
    const input = toUpdateProductInput(mappedProduct([mappedVariant("11")]), row({ variants: null }), SYNCED_AT)
    expect(input.variants?.[0]).toMatchObject({ manage_inventory: false })
    expect(input.variants?.[0]).not.toHaveProperty("id")
  })
})

describe("diffProductOptions", () => {
  const size: ExistingOption = {
    id: "opt_size",
    title: "Size",
    values: [
      { id: "val_s", value: "S" },
      { id: "val_m", value: "M" },
    ],
  }
  const color: ExistingOption = { id: "opt_color", title: "Color", values: [{ id: "val_red", value: "Red" }] }

  it("changes nothing when the options already match", () => {
    const diff = diffProductOptions("prod_7", [{ title: "Size", values: ["M", "S"] }], [size])
    expect(diff).toEqual({ before: null, create: [], keep: null, after: null })
  })

  it("creates new options, exclusive and in Odoo's order, and keeps the others by id", () => {
    const diff = diffProductOptions(
      "prod_7",
      [
        { title: "Size", values: ["S", "M"] },
        { title: "Material", values: ["Oak", "Pine"] },
      ],
      [size]
    )
    expect(diff.create).toEqual([
      {
        product_id: "prod_7",
        title: "Material",
        values: ["Oak", "Pine"],
        ranks: { Oak: 0, Pine: 1 },
        is_exclusive: true,
      },
    ])
    expect(diff.keep).toEqual(["opt_size"])
    expect(diff.before).toBeNull()
    expect(diff.after).toBeNull()
  })

  it("adds missing values to an existing option before, and removes its unused values after", () => {
    const diff = diffProductOptions("prod_7", [{ title: "Size", values: ["M", "L"] }], [size])
    expect(diff.before).toEqual({
      product_id: "prod_7",
      update: [{ product_option_id: "opt_size", add: [{ value: "L" }] }],
    })
    expect(diff.after).toEqual({
      product_id: "prod_7",
      update: [{ product_option_id: "opt_size", remove: ["val_s"] }],
    })
    // The set of options is the same: no option_ids to send.
    expect(diff.keep).toBeNull()
    expect(diff.create).toEqual([])
  })

  it("drops options Odoo no longer has by keeping only the others", () => {
    const diff = diffProductOptions("prod_7", [{ title: "Size", values: ["S", "M"] }], [size, color])
    expect(diff.keep).toEqual(["opt_size"])
    expect(diff.create).toEqual([])
    expect(diff.before).toBeNull()
    expect(diff.after).toBeNull()
  })

  it("replaces an option by title: the new one created, the old one not kept", () => {
    const diff = diffProductOptions("prod_7", [{ title: "Default option", values: ["Default option value"] }], [size])
    expect(diff.create).toEqual([
      {
        product_id: "prod_7",
        title: "Default option",
        values: ["Default option value"],
        ranks: { "Default option value": 0 },
        is_exclusive: true,
      },
    ])
    expect(diff.keep).toEqual([])
  })

  it("creates every wanted option for a product that has none", () => {
    const wanted = [
      { title: "Size", values: ["S"] },
      { title: "Color", values: ["Red", "Blue"] },
    ]
    const diff = diffProductOptions("prod_7", wanted, [])
    expect(diff.create).toEqual(wanted.map((option) => expect.objectContaining({ ...option, is_exclusive: true })))
    expect(diff.keep).toEqual([])
  })

  it("treats option titles and values as case-sensitive", () => {
    const diff = diffProductOptions("prod_7", [{ title: "Size", values: ["s", "M"] }], [size])
    expect(diff.before?.update).toEqual([{ product_option_id: "opt_size", add: [{ value: "s" }] }])
    expect(diff.after?.update).toEqual([{ product_option_id: "opt_size", remove: ["val_s"] }])
  })
})

describe("withOptionIds", () => {
  const update = (id: string) => ({ id, title: id })
  const requested: NewProductOption[] = [
    { product_id: "prod_a", title: "Color", values: ["Red"], ranks: { Red: 0 }, is_exclusive: true as const },
    { product_id: "prod_b", title: "Size", values: ["S"], ranks: { S: 0 }, is_exclusive: true as const },
    { product_id: "prod_a", title: "Fabric", values: ["Wool"], ranks: { Wool: 0 }, is_exclusive: true as const },
  ]
  const created = [
    { id: "opt_red", title: "Color" },
    { id: "opt_s", title: "Size" },
    { id: "opt_wool", title: "Fabric" },
  ]

  it("sends kept and created option ids for products whose options change, in request order", () => {
    const result = withOptionIds([update("prod_a"), update("prod_b"), update("prod_c")], { prod_a: ["opt_old"], prod_b: [] }, created, requested)
    expect(result[0]).toMatchObject({ id: "prod_a", option_ids: ["opt_old", "opt_red", "opt_wool"] })
    expect(result[1]).toMatchObject({ id: "prod_b", option_ids: ["opt_s"] })
  })

  it("leaves products whose options do not change without option_ids", () => {
    const [result] = withOptionIds([update("prod_c")], {}, [], [])
    expect(result).not.toHaveProperty("option_ids")
  })
})
