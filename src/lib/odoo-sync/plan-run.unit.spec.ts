import type { OdooRow } from "./catalog-reader"
import { hashOwnedFields } from "../odoo-mapping"
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
  const usd: OdooRow = { id: 1, name: "USD", active: true, rate: 1, rounding: 0.01 }
  const eur: OdooRow = { id: 2, name: "EUR", active: true, rate: 0.9, rounding: 0.01 }
  const jpy: OdooRow = { id: 3, name: "JPY", active: true, rate: 150.5, rounding: 1 }
  const gbp: OdooRow = { id: 4, name: "GBP", active: true, rate: 0.8, rounding: 0.01 }

  it("takes the company currency by id, as a lowercase code with its rounding", () => {
    const context = buildCurrencyContext(2, [usd, eur], ["eur"])
    expect(context.companyCurrency).toEqual({ code: "eur", rounding: 0.01 })
    expect(context.otherCurrencies).toEqual([])
  })

  it("adds each store currency Odoo has an active positive rate for, with Odoo's rate and rounding", () => {
    const context = buildCurrencyContext(1, [usd, eur, jpy, gbp], ["usd", "jpy", "eur"])
    expect(context.otherCurrencies).toEqual([
      { code: "eur", rate: 0.9, rounding: 0.01 },
      { code: "jpy", rate: 150.5, rounding: 1 },
    ])
  })

  it("matches store currency codes whatever their case", () => {
    const context = buildCurrencyContext(1, [usd, eur], ["EUR"])
    expect(context.otherCurrencies.map((currency) => currency.code)).toEqual(["eur"])
  })

  it("sorts the other currencies by code", () => {
    const context = buildCurrencyContext(1, [usd, jpy, gbp, eur], ["jpy", "gbp", "eur"])
    expect(context.otherCurrencies.map((currency) => currency.code)).toEqual(["eur", "gbp", "jpy"])
  })

  it("leaves out inactive currencies and those without a usable rate", () => {
    const context = buildCurrencyContext(
      1,
      [
        usd,
        { ...eur, active: false },
        { ...jpy, rate: 0 },
        { ...gbp, rate: false },
        { id: 5, name: "CHF", active: true, rate: -1, rounding: 0.05 },
      ],
      ["eur", "jpy", "gbp", "chf"]
    )
    expect(context.otherCurrencies).toEqual([])
  })

  it("never lists the company currency among the others", () => {
    const context = buildCurrencyContext(1, [usd, eur], ["usd", "eur"])
    expect(context.otherCurrencies.map((currency) => currency.code)).toEqual(["eur"])
  })

  it("falls back to a rounding of 0.01 when Odoo's is missing or not positive", () => {
    const context = buildCurrencyContext(
      1,
      [
        { ...usd, rounding: false },
        { ...eur, rounding: 0 },
      ],
      ["eur"]
    )
    expect(context.companyCurrency.rounding).toBe(0.01)
    expect(context.otherCurrencies[0].rounding).toBe(0.01)
  })

  it("fails naming res.company.currency_id when the company currency cannot be read", () => {
    expect(() => buildCurrencyContext(undefined, [usd], ["usd"])).toThrow(/company currency.*res\.company\.currency_id/)
    expect(() => buildCurrencyContext(9, [usd, eur], ["usd"])).toThrow(/res\.company\.currency_id/)
    expect(() => buildCurrencyContext(1, [{ id: 1, name: false, active: true }], ["usd"])).toThrow(
      /res\.company\.currency_id/
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
