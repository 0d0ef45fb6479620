import { EMPTY_COUNTS } from "./constants"
import type { RunPlan } from "./plan-run"
import { REMOVED_KEY, SYNC_HASH_KEY } from "./plan-run"
import { buildRunReport, removalUpdates, storeContext } from "./run-plan-helpers"
import type { PagesSummary } from "./run-report"

describe("storeContext", () => {
  it("takes the first store's default sales channel, the default shipping profile and lowercase currency codes", () => {
    const context = storeContext(
      [
        {
          id: "store_1",
          default_sales_channel_id: "sc_1",
          supported_currencies: [{ currency_code: "EUR" }, { currency_code: "usd" }],
        },
        { id: "store_2", default_sales_channel_id: "sc_2", supported_currencies: [{ currency_code: "gbp" }] },
      ],
      [{ id: "sp_default" }, { id: "sp_other" }]
    )
    expect(context).toEqual({ salesChannelId: "sc_1", shippingProfileId: "sp_default", currencyCodes: ["eur", "usd"] })
  })

  it("leaves sales channel and shipping profile undefined (not null) when Medusa has none", () => {
    const context = storeContext([{ id: "store_1", default_sales_channel_id: null, supported_currencies: null }], [])
    expect(context.salesChannelId).toBeUndefined()
    expect(context.shippingProfileId).toBeUndefined()
    expect(context.currencyCodes).toEqual([])
  })

  it("copes with no store at all", () => {
    expect(storeContext([], [])).toEqual({ salesChannelId: undefined, shippingProfileId: undefined, currencyCodes: [] })
  })
})

describe("removalUpdates", () => {
  it("drafts each product, marks it removed and drops its sync hash", () => {
    expect(removalUpdates(["prod_1", "prod_2"])).toEqual([
      { id: "prod_1", status: "draft", metadata: { [REMOVED_KEY]: true, [SYNC_HASH_KEY]: "" } },
      { id: "prod_2", status: "draft", metadata: { [REMOVED_KEY]: true, [SYNC_HASH_KEY]: "" } },
    ])
  })

  it("uses the metadata keys the planner and the diff read", () => {
    const [update] = removalUpdates(["prod_1"])
    expect(update.metadata).toEqual({ odoo_removed: true, odoo_sync_hash: "" })
  })

  it("gives no updates for no products", () => {
    expect(removalUpdates([])).toEqual([])
  })
})

describe("buildRunReport", () => {
  const plan: RunPlan = {
    pages: [[1, 2], [3]],
    removals: { draft: ["prod_a", "prod_b"], delete: ["prod_c"] },
  }
  const pages: PagesSummary = {
    processed: 3,
    counts: { ...EMPTY_COUNTS, created: 1, updated: 1, unchanged: 1, skipped: 2 },
    skipped: [
      { odoo_id: 7, model: "product.template", reason: "template has no name" },
      { odoo_id: "301", model: "product.product", reason: 'sku "X" is already held by var_9; not written' },
    ],
    plan: { create: ["1"], update: ["2"], unchanged: ["3"] },
  }

  const mark = { write_date: "2025-01-02 03:04:05", seen: ["product.template:4"] }

  it("reports the pages' counts with the removals counted from the plan", () => {
    const report = buildRunReport({ runId: "run_1", dryRun: false, plan, pages, writeMark: mark })
    expect(report.run_id).toBe("run_1")
    expect(report.counts).toEqual({ created: 1, updated: 1, unchanged: 1, skipped: 2, drafted: 2, deleted: 1 })
    expect(report.skipped).toEqual(pages.skipped)
    expect(report.odoo_stats).toBeNull()
  })

  it("records what the run asked of Odoo", () => {
    const odooStats = {
      requests: 12,
      failures: 2,
      retries: 2,
      authentications: 1,
      reauthentications: 0,
      bytesSent: 3000,
      bytesReceived: 90000,
      byCall: { "product.template.read": { calls: 3, failures: 1, bytesReceived: 60000, totalMs: 40 } },
    }
    const report = buildRunReport({ runId: "run_1", dryRun: false, plan, pages, writeMark: null, odooStats })
    expect(report.odoo_stats).toEqual(odooStats)
  })

  it("moves the cursor to the run's write mark on a real run, and records no plan", () => {
    const report = buildRunReport({ runId: "run_1", dryRun: false, plan, pages, writeMark: mark })
    expect(report.cursor_marks).toEqual(mark)
    const fingerprinted = buildRunReport({ runId: "run_1", dryRun: false, plan, pages, writeMark: mark, fingerprint: "f1" })
    expect(fingerprinted.cursor_marks).toEqual({ ...mark, fingerprint: "f1" })
    expect(report.plan).toBeNull()
  })

  it("leaves the cursor where it is when Odoo reported no write date", () => {
    const report = buildRunReport({ runId: "run_1", dryRun: false, plan, pages, writeMark: null })
    expect(report.cursor_marks).toBeNull()
  })

  it("on a dry run, never moves the cursor and records the whole plan in ids", () => {
    const report = buildRunReport({ runId: "run_2", dryRun: true, plan, pages, writeMark: mark })
    expect(report.cursor_marks).toBeNull()
    expect(report.plan).toEqual({
      create: ["1"],
      update: ["2"],
      unchanged: ["3"],
      draft: ["prod_a", "prod_b"],
      delete: ["prod_c"],
    })
    // A dry run counts what it would do.
    expect(report.counts).toMatchObject({ created: 1, drafted: 2, deleted: 1 })
  })

  it("overrides whatever the pages said about drafted and deleted", () => {
    const report = buildRunReport({
      runId: "run_3",
      dryRun: false,
      plan: { pages: [], removals: { draft: [], delete: [] } },
      pages: { ...pages, counts: { ...pages.counts, drafted: 5, deleted: 5 } },
      writeMark: null,
    })
    expect(report.counts.drafted).toBe(0)
    expect(report.counts.deleted).toBe(0)
  })
})
