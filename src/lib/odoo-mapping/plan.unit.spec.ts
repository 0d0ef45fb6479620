import { hashMappedProduct } from "./hash"
import { mapCatalogPage } from "./map-template"
import { CODES_PENDING_KEY, handleCandidates, planPage } from "./plan"
import type { ExistingProduct, MappedProduct, MappedVariant, TakenIdentifiers } from "./types"
import { page, template, usdOnly, variant } from "./__tests__/helpers"

function mappedVariant(id: string, sku: string | null, barcode: string | null = null): MappedVariant {
  return {
    externalId: id,
    title: `V${id}`,
    sku,
    barcode,
    weight: null,
    options: { "Default option": "Default option value" },
    prices: [{ currency_code: "usd", amount: 10 }],
    manageInventory: false,
  }
}

function mapped(id: string, handle: string, variants: MappedVariant[]): MappedProduct {
  const content = {
    externalId: id,
    title: `P${id}`,
    description: null,
    handle,
    status: "published" as const,
    options: [{ title: "Default option", values: ["Default option value"] }],
    variants,
    metadata: { external_id: id, odoo_attributes: {} },
  }
  return { ...content, hash: hashMappedProduct(content) }
}

function existingFor(product: MappedProduct, medusaId: string, overrides: Partial<ExistingProduct> = {}): ExistingProduct {
  return {
    id: medusaId,
    externalId: product.externalId,
    handle: product.handle,
    status: product.status,
    syncHash: product.hash,
    variants: product.variants.map((v) => ({ id: `variant_${v.externalId}`, externalId: v.externalId, sku: v.sku, barcode: v.barcode })),
    ...overrides,
  }
}

function noneTaken(): TakenIdentifiers {
  return { skus: new Map(), barcodes: new Map(), handles: new Map() }
}

/** What the caller builds from the Medusa state: every code and handle of the existing products. */
function takenFrom(existing: ExistingProduct[]): TakenIdentifiers {
  const taken = noneTaken()
  for (const product of existing) {
    taken.handles.set(product.handle, product.id)
    for (const v of product.variants) {
      if (v.sku) taken.skus.set(v.sku, { variantId: v.id, productExternalId: product.externalId })
      if (v.barcode) taken.barcodes.set(v.barcode, { variantId: v.id, productExternalId: product.externalId })
    }
  }
  return taken
}

describe("planPage", () => {
  it("creates new products, keyed by external id", () => {
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-10")])
    const plan = planPage([a], [], noneTaken())
    expect(plan.create).toEqual([a])
    expect(plan.update).toEqual([])
    expect(plan.unchanged).toEqual([])
    expect(plan.clashes).toEqual([])
  })

  it("leaves a product whose stored hash equals the new hash unchanged", () => {
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-10")])
    const existing = existingFor(a, "prod_1")
    const plan = planPage([a], [existing], takenFrom([existing]))
    expect(plan.unchanged).toEqual([existing])
    expect(plan.create).toEqual([])
    expect(plan.update).toEqual([])
  })

  it("updates a product whose hash differs, matched by external id and not by SKU or title", () => {
    const old = mapped("1", "desk", [mappedVariant("10", "SKU-10")])
    const existing = existingFor(old, "prod_1")
    const changed = { ...mapped("1", "desk", [mappedVariant("10", "SKU-10")]), title: "Renamed" }
    const plan = planPage([changed], [existing], takenFrom([existing]))
    expect(plan.update).toHaveLength(1)
    expect(plan.update[0].existing).toBe(existing)
    expect(plan.update[0].product.title).toBe("Renamed")
    // A product with another external id but the same SKU is not "the same product".
    const other = mapped("2", "desk-2", [mappedVariant("20", "SKU-20")])
    expect(planPage([other], [existing], takenFrom([existing])).create).toHaveLength(1)
  })

  it("keeps the handle of an existing product when the name (and mapped handle) changed", () => {
    const old = mapped("1", "old-name", [mappedVariant("10", null)])
    const existing = existingFor(old, "prod_1")
    const renamed = mapped("1", "new-name", [mappedVariant("10", null)])
    const plan = planPage([renamed], [existing], takenFrom([existing]))
    expect(plan.update).toEqual([])
    // Only the handle differed, and the handle is kept: nothing to write.
    expect(plan.unchanged).toEqual([existing])
  })

  it("suffixes a new product's handle taken by another product in Medusa or in the page", () => {
    const taken = noneTaken()
    taken.handles.set("desk", "prod_other")
    const a = mapped("9", "desk", [mappedVariant("90", null)])
    const b = mapped("12", "chair", [mappedVariant("120", null)])
    const c = mapped("13", "chair", [mappedVariant("130", null)])
    const plan = planPage([a, b, c], [], taken)
    expect(plan.create.map((p) => p.handle)).toEqual(["desk-9", "chair", "chair-13"])
    expect(plan.clashes).toEqual([
      { odooId: "9", field: "handle", value: "desk", heldBy: "prod_other", productExternalId: "9" },
      { odooId: "13", field: "handle", value: "chair", heldBy: "12", productExternalId: "13" },
    ])
  })

  it("does not hand a new product the kept handle of an existing product in the same page", () => {
    const old = mapped("1", "desk", [mappedVariant("10", null)])
    const existing = existingFor(old, "prod_1")
    const newcomer = mapped("2", "desk", [mappedVariant("20", null)])
    // taken deliberately incomplete: the page itself must still protect "desk".
    const plan = planPage([newcomer, old], [existing], noneTaken())
    expect(plan.create.map((p) => p.handle)).toEqual(["desk-2"])
  })

  it("counts up when the -<id> fallback is taken too, and handleCandidates lists both", () => {
    const a = mapped("9", "desk", [mappedVariant("90", null)])
    expect(handleCandidates([a, a])).toEqual(["desk", "desk-9"])
    const taken = noneTaken()
    taken.handles.set("desk", "prod_a")
    taken.handles.set("desk-9", "prod_b")
    expect(planPage([a], [], taken).create[0].handle).toBe("desk-9-2")
  })

  it("recomputes the hash after the handle is suffixed, so it matches what is written", () => {
    const taken = noneTaken()
    taken.handles.set("desk", "prod_other")
    const [created] = planPage([mapped("9", "desk", [mappedVariant("90", null)])], [], taken).create
    const { hash, ...content } = created
    expect(hash).toBe(hashMappedProduct(content))
    expect(content.handle).toBe("desk-9")
  })

  it("drops an SKU held in Medusa by a variant of another Odoo variant and reports both ids", () => {
    const taken = noneTaken()
    taken.skus.set("SKU-X", { variantId: "variant_foreign", productExternalId: "55" })
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-X"), mappedVariant("11", "SKU-11")])
    const plan = planPage([a], [], taken)
    expect(plan.create[0].variants.map((v) => v.sku)).toEqual([null, "SKU-11"])
    expect(plan.clashes).toEqual([
      { odooId: "10", field: "sku", value: "SKU-X", heldBy: "variant_foreign", productExternalId: "1" },
    ])
    // The hash covers what is written, with the clash counted as "waiting" (who holds the code aside).
    const { hash, ...content } = plan.create[0]
    expect(hash).toBe(hashMappedProduct({ ...content, metadata: { ...content.metadata, [CODES_PENDING_KEY]: "waiting" } }))
    // A product an earlier version marked `true` (hashed so) is written once more, with its clashes.
    expect(hash).not.toBe(hashMappedProduct({ ...content, metadata: { ...content.metadata, [CODES_PENDING_KEY]: true } }))
    expect(hash).not.toBe(a.hash)
  })

  it("treats an SKU held by a Medusa variant without Odoo id (hand-made) as a clash", () => {
    const old = mapped("1", "desk", [mappedVariant("10", "SKU-10")])
    const existing = existingFor(old, "prod_1")
    existing.variants.push({ id: "variant_manual", externalId: null, sku: "SKU-NEW", barcode: null })
    const next = mapped("1", "desk", [mappedVariant("10", "SKU-10"), mappedVariant("11", "SKU-NEW")])
    const plan = planPage([next], [existing], takenFrom([existing]))
    expect(plan.update[0].product.variants.map((v) => v.sku)).toEqual(["SKU-10", null])
    expect(plan.clashes).toEqual([
      { odooId: "11", field: "sku", value: "SKU-NEW", heldBy: "variant_manual", productExternalId: "1" },
    ])
  })

  it("keeps an SKU the same Odoo variant already holds in Medusa", () => {
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-10", "BAR-10")])
    const existing = existingFor(a, "prod_1", { syncHash: "old" })
    const plan = planPage([a], [existing], takenFrom([existing]))
    expect(plan.clashes).toEqual([])
    expect(plan.update[0].product.variants[0]).toMatchObject({ sku: "SKU-10", barcode: "BAR-10" })
  })

  it("swaps SKUs between two variants of one product in one run, clearing both first", () => {
    const before = mapped("1", "desk", [mappedVariant("10", "A"), mappedVariant("11", "B")])
    const existing = existingFor(before, "prod_1")
    const swapped = mapped("1", "desk", [mappedVariant("10", "B"), mappedVariant("11", "A")])
    const plan = planPage([swapped], [existing], takenFrom([existing]))
    expect(plan.update[0].product.variants.map((v) => v.sku)).toEqual(["B", "A"])
    expect(plan.clashes).toEqual([])
    expect(plan.releases).toEqual([
      { variantId: "variant_11", field: "sku", value: "B", productExternalId: "1" },
      { variantId: "variant_10", field: "sku", value: "A", productExternalId: "1" },
    ])
    expect(plan.update[0].product.metadata).not.toHaveProperty(CODES_PENDING_KEY)
  })

  it("swaps barcodes between two products of one page, and gives a deleted variant's code to its successor", () => {
    const a = mapped("1", "desk", [mappedVariant("10", null, "111"), mappedVariant("12", "GONE")])
    const b = mapped("2", "chair", [mappedVariant("20", null, "222")])
    const existing = [existingFor(a, "prod_1"), existingFor(b, "prod_2")]
    const next = [
      mapped("1", "desk", [mappedVariant("10", null, "222"), mappedVariant("13", "GONE")]),
      mapped("2", "chair", [mappedVariant("20", null, "111")]),
    ]
    const plan = planPage(next, existing, takenFrom(existing))
    expect(plan.clashes).toEqual([])
    expect(plan.update.map(({ product }) => product.variants.map((v) => [v.sku, v.barcode]))).toEqual([
      [
        [null, "222"],
        ["GONE", null],
      ],
      [[null, "111"]],
    ])
    expect(plan.releases.map((r) => [r.variantId, r.field, r.value]).sort()).toEqual([
      ["variant_10", "barcode", "111"],
      ["variant_12", "sku", "GONE"],
      ["variant_20", "barcode", "222"],
    ])
  })

  it("takes a code from a holder outside the page that Odoo no longer gives it (released)", () => {
    const taken = noneTaken()
    taken.skus.set("SKU-X", { variantId: "variant_elsewhere", productExternalId: "55", released: true })
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-X")])
    const plan = planPage([a], [], taken)
    expect(plan.create[0].variants[0].sku).toBe("SKU-X")
    expect(plan.clashes).toEqual([])
    expect(plan.releases).toEqual([{ variantId: "variant_elsewhere", field: "sku", value: "SKU-X", productExternalId: "55" }])
  })

  it("marks a product whose variant lost a code as waiting, and clears the mark once the code is free", () => {
    const taken = noneTaken()
    taken.skus.set("SKU-X", { variantId: "variant_foreign", productExternalId: "55" })
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-X")])
    const [created] = planPage([a], [], taken).create
    expect(created.metadata[CODES_PENDING_KEY]).toEqual([{ odoo_id: "10", field: "sku", value: "SKU-X", held_by: "variant_foreign" }])
    const stored = existingFor(created, "prod_1")
    const freed = planPage([a], [stored], noneTaken())
    expect(freed.update).toHaveLength(1)
    expect(freed.update[0].product.variants[0].sku).toBe("SKU-X")
    expect(freed.update[0].product.metadata).not.toHaveProperty(CODES_PENDING_KEY)
  })

  it("leaves a waiting product unchanged when only the name of the code's holder differs (same page, or outside it)", () => {
    const holder = mapped("2", "chair", [mappedVariant("20", "DUP")])
    const waiting = mapped("1", "desk", [mappedVariant("10", "DUP")])
    // Read with its holder: the holder is named by its Odoo id.
    const together = planPage([holder, waiting], [], noneTaken())
    const [heldInPage] = together.create.filter((product) => product.externalId === "1")
    expect(heldInPage.metadata[CODES_PENDING_KEY]).toEqual([{ odoo_id: "10", field: "sku", value: "DUP", held_by: "20" }])
    // Read alone later: the holder is a Medusa variant now.
    const stored = existingFor(heldInPage, "prod_1")
    const taken = noneTaken()
    taken.skus.set("DUP", { variantId: "variant_20", productExternalId: "2" })
    const alone = planPage([waiting], [stored], taken)
    expect(alone.unchanged).toHaveLength(1)
    expect(alone.update).toEqual([])
  })

  it("gives a duplicate SKU inside the page to the first variant only", () => {
    const a = mapped("1", "desk", [mappedVariant("10", "DUP")])
    const b = mapped("2", "chair", [mappedVariant("20", "DUP"), mappedVariant("21", "DUP")])
    const plan = planPage([a, b], [], noneTaken())
    expect(plan.create.map((p) => p.variants.map((v) => v.sku))).toEqual([["DUP"], [null, null]])
    expect(plan.clashes).toEqual([
      { odooId: "20", field: "sku", value: "DUP", heldBy: "10", productExternalId: "2" },
      { odooId: "21", field: "sku", value: "DUP", heldBy: "10", productExternalId: "2" },
    ])
  })

  it("lets the current Medusa holder keep a duplicated SKU even when it comes later in the page", () => {
    const holder = mapped("2", "chair", [mappedVariant("20", "DUP")])
    const existing = existingFor(holder, "prod_2")
    const newcomer = mapped("1", "desk", [mappedVariant("10", "DUP")])
    const plan = planPage([newcomer, holder], [existing], takenFrom([existing]))
    expect(plan.create[0].variants[0].sku).toBeNull()
    expect(plan.unchanged).toEqual([existing])
    expect(plan.clashes).toEqual([{ odooId: "10", field: "sku", value: "DUP", heldBy: "20", productExternalId: "1" }])
  })

  it("applies the same rules to barcodes, independently of SKUs", () => {
    const taken = noneTaken()
    taken.barcodes.set("4006381333931", { variantId: "variant_x", productExternalId: null })
    const a = mapped("1", "desk", [mappedVariant("10", "4006381333931", "4006381333931")])
    const plan = planPage([a], [], taken)
    expect(plan.create[0].variants[0]).toMatchObject({ sku: "4006381333931", barcode: null })
    expect(plan.clashes).toEqual([
      { odooId: "10", field: "barcode", value: "4006381333931", heldBy: "variant_x", productExternalId: "1" },
    ])
  })

  it("becomes unchanged on the next run once the clash-resolved hash is stored", () => {
    const taken = noneTaken()
    taken.skus.set("SKU-X", { variantId: "variant_foreign", productExternalId: "55" })
    const a = mapped("1", "desk", [mappedVariant("10", "SKU-X")])
    const [created] = planPage([a], [], taken).create
    const stored = existingFor(created, "prod_1") // Medusa now holds what was written (sku null)
    const second = planPage([a], [stored], taken)
    expect(second.unchanged).toEqual([stored])
    expect(second.clashes).toHaveLength(1) // still reported while the other variant holds it
  })

  it("works end to end with mapCatalogPage output (duplicate SKUs across templates)", () => {
    const p = page({
      templates: [template(1, "Desk"), template(2, "Desk")],
      variants: [variant(10, 1, { default_code: "SAME" }), variant(20, 2, { default_code: "SAME" })],
    })
    const { products } = mapCatalogPage(p, { ...usdOnly, websiteSale: false })
    const plan = planPage(products, [], noneTaken())
    expect(plan.create.map((x) => [x.handle, x.variants[0].sku])).toEqual([
      ["desk", "SAME"],
      ["desk-2", null],
    ])
  })
})
