import type { OdooCurrencyFacts, OdooRow } from "./catalog-reader"
import { CODES_PENDING_KEY, hashOwnedFields, VARIANT_IDS_KEY } from "../odoo-mapping"
import {
  buildCurrencyContext,
  chunk,
  editedInMedusa,
  FIELDS_HASH_KEY,
  planRun,
  REMOVED_KEY,
  SYNC_HASH_KEY,
  type SyncedProductState,
} from "./plan-run"

/** A product as this sync writes it: the template id in external_id and in metadata.external_id. */
function product(id: string, externalId: string | null, metadata: Record<string, unknown> = {}): SyncedProductState {
  return { id, external_id: externalId, status: "published", metadata: { external_id: externalId, ...metadata } }
}

function removed(id: string, externalId: string): SyncedProductState {
  return product(id, externalId, { [REMOVED_KEY]: true, [SYNC_HASH_KEY]: "" })
}

/** A product some other tool created with a numeric external id: not written by this sync. */
function foreign(id: string, externalId: string, metadata: Record<string, unknown> | null = null): SyncedProductState {
  return { id, external_id: externalId, status: "published", metadata }
}

type PlanInput = Parameters<typeof planRun>[0]

function plan(overrides: Partial<PlanInput>) {
  return planRun({
    full: false,
    syncedTemplateIds: [],
    changedTemplateIds: [],
    medusaProducts: [],
    batchSize: 100,
    onRemoved: "draft",
    ...overrides,
  })
}

describe("planRun", () => {
  describe("full run", () => {
    it("reads every synced template, whatever changed or Medusa holds", () => {
      const result = plan({
        full: true,
        syncedTemplateIds: [3, 1, 2],
        changedTemplateIds: [2],
        medusaProducts: [product("prod_1", "1"), product("prod_2", "2"), product("prod_3", "3")],
      })
      expect(result.pages.flat()).toEqual([1, 2, 3])
    })

    it("reads every synced template when there is no cursor (changed ids null), even if not asked full", () => {
      const result = plan({
        full: false,
        syncedTemplateIds: [5, 4],
        changedTemplateIds: null,
        medusaProducts: [product("prod_4", "4"), product("prod_5", "5")],
      })
      expect(result.pages.flat()).toEqual([4, 5])
    })
  })

  describe("incremental run", () => {
    it("reads changed templates only when they are still synced", () => {
      const result = plan({
        syncedTemplateIds: [1, 2, 3],
        // 9 changed but left the sync (archived, not for sale…): not read.
        changedTemplateIds: [2, 9],
        medusaProducts: [product("prod_1", "1"), product("prod_2", "2"), product("prod_3", "3")],
      })
      expect(result.pages).toEqual([[2]])
    })

    it("also reads synced templates Medusa lacks, even without a write since the cursor", () => {
      const result = plan({
        syncedTemplateIds: [1, 2, 3],
        changedTemplateIds: [],
        medusaProducts: [product("prod_1", "1")],
      })
      expect(result.pages.flat()).toEqual([2, 3])
    })

    it("also reads synced templates whose Medusa product is marked removed", () => {
      const result = plan({
        syncedTemplateIds: [1, 2],
        changedTemplateIds: [],
        medusaProducts: [product("prod_1", "1"), removed("prod_2", "2")],
      })
      expect(result.pages.flat()).toEqual([2])
    })

    it("treats only metadata.odoo_removed === true as removed", () => {
      const result = plan({
        syncedTemplateIds: [1, 2, 3],
        changedTemplateIds: [],
        medusaProducts: [
          product("prod_1", "1", { [REMOVED_KEY]: "" }),
          product("prod_2", "2", { [REMOVED_KEY]: "true" }),
          product("prod_3", "3", { [REMOVED_KEY]: false }),
        ],
      })
      expect(result.pages).toEqual([])
    })

    it("reads nothing when nothing changed and Medusa holds every synced template", () => {
      const result = plan({
        syncedTemplateIds: [1, 2],
        changedTemplateIds: [],
        medusaProducts: [product("prod_1", "1"), product("prod_2", "2")],
      })
      expect(result.pages).toEqual([])
      expect(result.removals).toEqual({ draft: [], delete: [] })
    })

    it("reads a product set to be read again (its code was taken over) whatever changed", () => {
      const waiting = product("prod_1", "1", { [CODES_PENDING_KEY]: true })
      const done = product("prod_2", "2", { [CODES_PENDING_KEY]: "" })
      const result = plan({ syncedTemplateIds: [1, 2], changedTemplateIds: [], medusaProducts: [waiting, done], pendingCodeHolders: [] })
      expect(result.pages).toEqual([[1]])
      expect(result.waitingClashes).toEqual([])
    })

    describe("a product with a variant waiting for a SKU or barcode another variant holds", () => {
      const clash = { odoo_id: "11", field: "sku", value: "DESK", held_by: "variant_2" }
      const waiting = product("prod_1", "1", { [CODES_PENDING_KEY]: [clash] })
      const holder = product("prod_2", "2")
      const other = product("prod_3", "3")
      const base = { syncedTemplateIds: [1, 2, 3], changedTemplateIds: [] as number[], medusaProducts: [waiting, holder, other] }
      const heldBySynced = [{ product_id: "prod_2", sku: "DESK", barcode: null }]

      it("is not read while nothing changed in Odoo and a synced product holds the code; its clash is still reported", () => {
        const result = plan({ ...base, pendingCodeHolders: heldBySynced })
        expect(result.pages).toEqual([])
        expect(result.waitingClashes).toEqual([{ odooId: "11", field: "sku", value: "DESK", heldBy: "variant_2", productExternalId: "1" }])
      })

      it("is not read either when another of its own variants holds the code (a default_code twice in a template)", () => {
        const result = plan({ ...base, pendingCodeHolders: [{ product_id: "prod_1", sku: "DESK", barcode: null }] })
        expect(result.pages).toEqual([])
        expect(result.waitingClashes).toHaveLength(1)
      })

      it("is read when its holder's template is read or leaves (the holder may have let the code go), not for other changes", () => {
        expect(plan({ ...base, changedTemplateIds: [2], pendingCodeHolders: heldBySynced }).pages).toEqual([[1, 2]])
        expect(plan({ ...base, unfinishedTemplateIds: [2], pendingCodeHolders: heldBySynced }).pages).toEqual([[1, 2]])
        // The holder's template archived, out of the domain or deleted: it leaves the sync.
        expect(plan({ ...base, syncedTemplateIds: [1, 3], pendingCodeHolders: heldBySynced }).pages).toEqual([[1]])
        // A variant of the holder deleted in Odoo (no write_date moves).
        const lostVariant = { ...holder, metadata: { ...holder.metadata, [VARIANT_IDS_KEY]: [20, 21] } }
        expect(plan({ ...base, medusaProducts: [waiting, lostVariant, other], activeVariantIds: [20], pendingCodeHolders: heldBySynced }).pages).toEqual([[1, 2]])
        // Another template changed: nothing that holds the code did.
        const unrelated = plan({ ...base, changedTemplateIds: [3], pendingCodeHolders: heldBySynced })
        expect(unrelated.pages).toEqual([[3]])
        expect(unrelated.waitingClashes).toHaveLength(1)
      })

      it("is read when the code is free in Medusa or held by what is not a synced product", () => {
        expect(plan({ ...base, pendingCodeHolders: [] }).pages).toEqual([[1]])
        expect(plan({ ...base, pendingCodeHolders: [{ product_id: "prod_admin", sku: "DESK", barcode: null }] }).pages).toEqual([[1]])
        expect(plan({ ...base, pendingCodeHolders: [{ product_id: "prod_2", sku: null, barcode: "DESK" }] }).pages).toEqual([[1]])
        const drafted = { ...holder, metadata: { ...holder.metadata, [REMOVED_KEY]: true } }
        expect(plan({ ...base, medusaProducts: [waiting, drafted, other], pendingCodeHolders: heldBySynced }).pages).toEqual([[1, 2]])
      })

      it("is read when the holders were not looked up, or its clashes cannot be read", () => {
        expect(plan({ ...base }).pages).toEqual([[1]])
        const unreadable = product("prod_1", "1", { [CODES_PENDING_KEY]: [{ field: "sku" }] })
        expect(plan({ ...base, medusaProducts: [unreadable, holder, other], pendingCodeHolders: heldBySynced }).pages).toEqual([[1]])
      })
    })

    it("also reads products written with a variant Odoo no longer has active (deleted variants change no write_date)", () => {
      const lost = product("prod_1", "1", { [VARIANT_IDS_KEY]: [10, 11] })
      const intact = product("prod_2", "2", { [VARIANT_IDS_KEY]: [20] })
      const unknown = product("prod_3", "3")
      const medusaProducts = [lost, intact, unknown]
      expect(plan({ syncedTemplateIds: [1, 2, 3], activeVariantIds: [10, 20, 30], medusaProducts }).pages).toEqual([[1]])
      expect(plan({ syncedTemplateIds: [1, 2, 3], activeVariantIds: null, medusaProducts }).pages).toEqual([])
    })

    it("reads a template whose product has an image of an Odoo extra image that is gone (a deletion changes no write_date)", () => {
      const image = (key: string) => ({ metadata: { odoo_image: key } })
      const lost = { ...product("prod_1", "1"), images: [image("product.template-1-image_1920"), image("product.image-7-image_1920")] }
      const intact = { ...product("prod_2", "2"), images: [image("product.image-8-image_1920"), { metadata: null }] }
      const medusaProducts = [lost, intact]
      expect(plan({ syncedTemplateIds: [1, 2], extraImageIds: [8], medusaProducts }).pages).toEqual([[1]])
      expect(plan({ syncedTemplateIds: [1, 2], extraImageIds: [7, 8], medusaProducts }).pages).toEqual([])
      expect(plan({ syncedTemplateIds: [1, 2], extraImageIds: null, medusaProducts }).pages).toEqual([])
    })

    it("reads a template that is both changed and missing once", () => {
      const result = plan({
        syncedTemplateIds: [7],
        changedTemplateIds: [7, 7],
        medusaProducts: [],
      })
      expect(result.pages).toEqual([[7]])
    })

    it("ignores Medusa products whose external id is not a template id when deciding what is missing", () => {
      const result = plan({
        syncedTemplateIds: [1],
        changedTemplateIds: [],
        medusaProducts: [product("prod_x", "shopify-1"), product("prod_y", null)],
      })
      expect(result.pages).toEqual([[1]])
      expect(result.removals).toEqual({ draft: [], delete: [] })
    })

    it("reads a synced template whose only Medusa product was not written by this sync", () => {
      const result = plan({
        syncedTemplateIds: [1, 2],
        changedTemplateIds: [],
        medusaProducts: [product("prod_1", "1"), foreign("prod_imported", "2")],
      })
      expect(result.pages).toEqual([[2]])
    })
  })

  describe("pages", () => {
    it("splits the templates to read into pages of batchSize, ids ascending", () => {
      const result = plan({
        full: true,
        syncedTemplateIds: [10, 2, 33, 4, 1],
        batchSize: 2,
      })
      expect(result.pages).toEqual([
        [1, 2],
        [4, 10],
        [33],
      ])
    })

    it("sorts numerically, not as text", () => {
      const result = plan({ full: true, syncedTemplateIds: [100, 9, 20], batchSize: 10 })
      expect(result.pages).toEqual([[9, 20, 100]])
    })

    it("has no pages when nothing is synced", () => {
      expect(plan({ full: true, syncedTemplateIds: [] }).pages).toEqual([])
    })
  })

  describe("removals", () => {
    const medusaProducts = [
      product("prod_1", "1"),
      product("prod_2", "2"),
      product("prod_3", "3"),
      removed("prod_4", "4"),
      product("prod_manual", null),
      product("prod_other", "not-an-odoo-id"),
    ]

    it("drafts products whose template is no longer synced when onRemoved is draft", () => {
      const result = plan({ syncedTemplateIds: [1], medusaProducts, onRemoved: "draft" })
      expect(result.removals.draft.sort()).toEqual(["prod_2", "prod_3"])
      expect(result.removals.delete).toEqual([])
    })

    it("deletes them instead when onRemoved is delete", () => {
      const result = plan({ syncedTemplateIds: [1], medusaProducts, onRemoved: "delete" })
      expect(result.removals.delete.sort()).toEqual(["prod_2", "prod_3"])
      expect(result.removals.draft).toEqual([])
    })

    it("does not remove an already-removed product again, nor products without an Odoo template id", () => {
      for (const onRemoved of ["draft", "delete"] as const) {
        const result = plan({ syncedTemplateIds: [], medusaProducts, onRemoved })
        const all = [...result.removals.draft, ...result.removals.delete]
        expect(all.sort()).toEqual(["prod_1", "prod_2", "prod_3"])
      }
    })

    it("plans removals in full runs too, and never reads the removed templates", () => {
      const result = plan({ full: true, syncedTemplateIds: [2], medusaProducts })
      expect(result.pages).toEqual([[2]])
      expect(result.removals.draft.sort()).toEqual(["prod_1", "prod_3"])
    })

    it("never removes products this sync did not write, even with a numeric external id", () => {
      const result = plan({
        syncedTemplateIds: [],
        medusaProducts: [
          foreign("prod_no_metadata", "5"),
          foreign("prod_other_metadata", "6", { external_id: "erp-6" }),
          foreign("prod_zero", "0", { external_id: "0" }),
          foreign("prod_negative", "-3", { external_id: "-3" }),
          foreign("prod_fraction", "2.5", { external_id: "2.5" }),
        ],
        onRemoved: "delete",
      })
      expect(result.removals).toEqual({ draft: [], delete: [] })
    })

    it("does not remove a product whose template changed but is still synced", () => {
      const result = plan({ syncedTemplateIds: [1, 2], changedTemplateIds: [1, 2], medusaProducts: [product("prod_1", "1"), product("prod_2", "2")] })
      expect(result.removals).toEqual({ draft: [], delete: [] })
    })
  })
})

describe("planRun limited to some templates (Sync this product now)", () => {
  it("reads only those templates that are still synced, changed or not, and takes out only theirs", () => {
    const result = plan({
      syncedTemplateIds: [1, 2, 3],
      changedTemplateIds: [2, 3],
      medusaProducts: [product("prod_1", "1"), product("prod_4", "4"), product("prod_5", "5")],
      onlyTemplateIds: [1, 4, 9],
    })
    expect(result.pages).toEqual([[1]])
    expect(result.removals).toEqual({ draft: ["prod_4"], delete: [] })
  })
})

describe("chunk", () => {
  it("cuts a list into pieces of the given size, the last one shorter", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })

  it("keeps every item once and in order", () => {
    const items = Array.from({ length: 23 }, (_, i) => `item-${i}`)
    const pages = chunk(items, 5)
    expect(pages).toHaveLength(5)
    expect(pages.every((page) => page.length <= 5)).toBe(true)
    expect(pages.flat()).toEqual(items)
  })

  it("returns one page when the size covers the list, and none for an empty list", () => {
    expect(chunk([1, 2], 5)).toEqual([[1, 2]])
    expect(chunk([1, 2], 2)).toEqual([[1, 2]])
    expect(chunk([], 3)).toEqual([])
  })
})

describe("buildCurrencyContext", () => {
  const usd: OdooRow = { id: 1, name: "USD", active: true, rounding: 0.01 }
  const eur: OdooRow = { id: 2, name: "EUR", active: true, rounding: 0.01 }
  const jpy: OdooRow = { id: 3, name: "JPY", active: false, rounding: 1 }
  const chf: OdooRow = { id: 5, name: "CHF", active: true, rounding: 0.05 }
  /** Company 1 in USD, company 2 in EUR; Odoo's conversion rates as read with to_currency. */
  const facts: OdooCurrencyFacts = {
    companyId: 1,
    companyCurrencyId: 1,
    sourceCurrencyIds: [1, 2],
    currencies: [usd, eur, jpy, chf],
    conversions: { 1: { 1: 1, 2: 1.1 }, 2: { 1: 0.9, 2: 1 }, 3: { 1: 150.5, 2: 160.1 }, 5: { 1: 0.8, 2: 0.85 } },
    ratedCurrencyIds: [1, 2, 3],
  }

  it("prices each company's currency into every store currency at Odoo's conversion rate", () => {
    const context = buildCurrencyContext(facts, ["usd", "EUR", "jpy"])
    expect(context.companyCurrency).toEqual({ code: "usd", rounding: 0.01 })
    expect(context.targetCurrencies).toEqual([
      { code: "eur", rounding: 0.01 },
      { code: "jpy", rounding: 1 },
      { code: "usd", rounding: 0.01 },
    ])
    expect(context.sourceCurrencies).toEqual({
      "1": { code: "usd", rounding: 0.01, rates: { eur: 0.9, jpy: 150.5 } },
      "2": { code: "eur", rounding: 0.01, rates: { jpy: 160.1, usd: 1.1 } },
    })
    expect(context.unpriced).toEqual([])
  })

  it("takes the active currency spelled as the ISO code when rows share a code (an archived or lower-case duplicate)", () => {
    const archivedEur: OdooRow = { id: 50, name: "EUR", active: false, rounding: 0.01 }
    const lowerEur: OdooRow = { id: 53, name: "eur", active: true, rounding: -1 }
    const context = buildCurrencyContext(
      {
        ...facts,
        currencies: [archivedEur, usd, eur, lowerEur],
        conversions: { ...facts.conversions, 50: { 1: 1000, 2: 1000 }, 53: { 1: 7, 2: 7 } },
        ratedCurrencyIds: [1, 2, 50, 53],
      },
      ["usd", "eur"]
    )
    expect(context.sourceCurrencies?.["1"]).toEqual({ code: "usd", rounding: 0.01, rates: { eur: 0.9 } })
  })

  it("gives no price, and says why once, to a store currency Odoo does not know or has no rate for", () => {
    const context = buildCurrencyContext(facts, ["usd", "chf", "xyz"])
    expect(context.targetCurrencies?.map((currency) => currency.code)).toEqual(["usd"])
    expect(context.sourceCurrencies?.["1"].rates).toEqual({})
    expect(context.unpriced?.map((entry) => entry.code)).toEqual(["chf", "xyz"])
    expect(context.unpriced?.[0].reason).toMatch(/no rate for CHF in company 1/)
    expect(context.unpriced?.[1].reason).toMatch(/XYZ is not a currency in Odoo/)
  })

  it("does not convert from a company currency without a rate (Odoo would use 1.0)", () => {
    const context = buildCurrencyContext({ ...facts, ratedCurrencyIds: [1] }, ["usd"])
    expect(context.sourceCurrencies?.["2"].rates).toEqual({})
    expect(context.unpriced?.map((entry) => entry.code)).toEqual(["eur"])
  })

  it("fails naming res.company.currency_id when the company currency cannot be read", () => {
    expect(() => buildCurrencyContext({ ...facts, companyCurrencyId: undefined }, ["usd"])).toThrow(
      /company currency.*res\.company\.currency_id/
    )
  })
})

describe("editedInMedusa", () => {
  const asWritten = { title: "Oak Desk", description: "Solid oak.", status: "published" }
  const metadata = { [FIELDS_HASH_KEY]: hashOwnedFields(asWritten) }

  it("is false while the Odoo-owned fields are as the sync wrote them, whatever else changed", () => {
    expect(editedInMedusa({ ...asWritten, metadata: { ...metadata, admin_note: "added in Medusa" } })).toBe(false)
  })

  it("is true when an admin changed the title, the description or the status", () => {
    expect(editedInMedusa({ ...asWritten, title: "Desk (sale!)", metadata })).toBe(true)
    expect(editedInMedusa({ ...asWritten, description: null, metadata })).toBe(true)
    expect(editedInMedusa({ ...asWritten, status: "draft", metadata })).toBe(true)
  })

  it("reads a missing description as none, as the sync writes it", () => {
    const bare = { title: "Stool", description: null, status: "draft" }
    expect(editedInMedusa({ title: "Stool", status: "draft", metadata: { [FIELDS_HASH_KEY]: hashOwnedFields(bare) } })).toBe(false)
  })

  it("is false when nothing was recorded (never written by the sync, or by a version without the hash)", () => {
    expect(editedInMedusa({ ...asWritten, title: "Changed", metadata: {} })).toBe(false)
    expect(editedInMedusa({ ...asWritten, title: "Changed", metadata: null })).toBe(false)
    expect(editedInMedusa({ ...asWritten, title: "Changed", metadata: { [FIELDS_HASH_KEY]: 42 } })).toBe(false)
  })
})

describe("planRun with products edited in Medusa", () => {
  it("reads again, in an incremental run, the templates of products an admin edited, and only those", () => {
    const asWritten = { title: "Desk", description: null, status: "published" }
    const written = (id: string) => ({
      id: `prod_${id}`,
      external_id: id,
      ...asWritten,
      metadata: { external_id: id, [FIELDS_HASH_KEY]: hashOwnedFields(asWritten) },
    })
    const plan = planRun({
      full: false,
      syncedTemplateIds: [1, 2],
      changedTemplateIds: [],
      medusaProducts: [{ ...written("1"), title: "Renamed in Medusa" }, written("2")],
      batchSize: 10,
      onRemoved: "draft",
    })
    expect(plan.pages).toEqual([[1]])
  })
})

describe("planRun after a cut-short run", () => {
  it("reads again, in an incremental run, the templates a failed or killed run was writing, if still synced", () => {
    const result = plan({
      syncedTemplateIds: [1, 2, 3, 4],
      changedTemplateIds: [4],
      unfinishedTemplateIds: [2, 3, 9],
      medusaProducts: [product("prod_1", "1"), product("prod_2", "2"), product("prod_3", "3"), product("prod_4", "4")],
    })
    // 9 left the sync since: not read (its product, if any, is removed like any other).
    expect(result.pages.flat()).toEqual([2, 3, 4])
  })
})
