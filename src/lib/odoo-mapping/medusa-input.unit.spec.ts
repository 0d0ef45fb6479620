import type { CreateProductWorkflowInputDTO } from "@medusajs/framework/types"

import { canonicalJson, hashMappedProduct, hashOwnedFields } from "./hash"
import { mapCatalogPage } from "./map-template"
import { toCreateProductInput } from "./medusa-input"
import type { MappedProduct } from "./types"
import { demoPage, usdOnly } from "./__tests__/helpers"

function desk(): MappedProduct {
  const found = mapCatalogPage(demoPage(), {
    ...usdOnly,
    otherCurrencies: [{ code: "eur", rate: 1.2834, rounding: 0.01 }],
  }).products.find((p) => p.externalId === "9")
  if (!found) {
    throw new Error("desk not mapped")
  }
  return found
}

describe("toCreateProductInput", () => {
  const product = desk()
  const input: CreateProductWorkflowInputDTO = toCreateProductInput(product, {
    salesChannelId: "sc_1",
    shippingProfileId: "sp_1",
    syncedAt: "2026-11-24T12:00:00.000Z",
  })

  it("carries identity, texts, status and links", () => {
    expect(input).toMatchObject({
      external_id: "9",
      title: "Customizable Desk",
      description: "160x80cm, with large legs.",
      handle: "customizable-desk-9",
      status: "published",
      sales_channels: [{ id: "sc_1" }],
      shipping_profile_id: "sp_1",
    })
  })

  it("stores the external id, odoo_attributes, the content hash, the owned fields' hash and the time of the write in metadata", () => {
    expect(input.metadata).toEqual({
      external_id: "9",
      odoo_attributes: {},
      odoo_sync_hash: product.hash,
      odoo_fields_hash: hashOwnedFields({ title: "Customizable Desk", description: "160x80cm, with large legs.", status: "published" }),
      odoo_synced_at: "2026-11-24T12:00:00.000Z",
      odoo_variant_ids: [12, 13, 14, 45, 46],
    })
  })

  it("passes options with ranks in Odoo's value order", () => {
    expect(input.options).toEqual([
      { title: "Legs", values: ["Steel", "Aluminium", "Custom"], ranks: { Steel: 0, Aluminium: 1, Custom: 2 } },
      { title: "Color", values: ["White", "Black"], ranks: { White: 0, Black: 1 } },
    ])
  })

  it("passes variants with sku, options, prices, metadata.external_id and inventory management (the desk is storable)", () => {
    expect(input.variants).toHaveLength(5)
    expect(input.variants?.[2]).toEqual({
      title: "Aluminium / White",
      sku: "FURN_0098",
      barcode: null,
      weight: 0.01,
      options: { Legs: "Aluminium", Color: "White" },
      prices: [
        { currency_code: "usd", amount: 800.4 },
        { currency_code: "eur", amount: 1027.23 },
      ],
      manage_inventory: true,
      metadata: { external_id: "14" },
    })
  })

  it("omits sales channel and shipping profile when not given", () => {
    const bare = toCreateProductInput(product, { syncedAt: "2026-11-24T12:00:00.000Z" })
    expect(bare).not.toHaveProperty("sales_channels")
    expect(bare).not.toHaveProperty("shipping_profile_id")
  })

  it("does not share arrays with the mapped product", () => {
    input.options?.[0] && "values" in input.options[0] && input.options[0].values.push("Mutated")
    expect(product.options[0].values).toEqual(["Steel", "Aluminium", "Custom"])
  })
})

describe("hashMappedProduct", () => {
  it("ignores key order and a hash field, but not array order", () => {
    const { hash: _hash, ...content } = desk()
    const reordered = JSON.parse(canonicalJson(content)) as Omit<MappedProduct, "hash">
    expect(hashMappedProduct(reordered)).toBe(hashMappedProduct(content))
    expect(hashMappedProduct({ ...content, hash: "whatever" } as MappedProduct)).toBe(hashMappedProduct(content))
    const swapped = { ...content, variants: [...content.variants].reverse() }
    expect(hashMappedProduct(swapped)).not.toBe(hashMappedProduct(content))
  })

  it("canonicalJson sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}')
  })
})
