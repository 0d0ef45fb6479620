import { EMPTY_COUNTS } from "./constants"
import type { RunPlan } from "./plan-run"
import {
  buildRunReport,
  type PageOutcome,
  PageSyncError,
  type PagesSummary,
  progressBefore,
  summarisePages,
  unfinishedTemplateIds,
} from "./run-report"

describe("summarisePages", () => {
  const first: PageOutcome = {
    plan: { create: ["1", "2"], update: ["3"], unchanged: [] },
    skipped: [{ odoo_id: 4, model: "product.template", reason: "template has no name" }],
  }
  const second: PageOutcome = {
    plan: { create: [], update: ["5"], unchanged: ["6", "7", "8"] },
    skipped: [{ odoo_id: 9, model: "product.template", reason: "bad price" }],
    clashes: [{ odoo_id: "51", model: "product.product", reason: "sku clash" }],
  }

  it("adds up the pages' plans in page order", () => {
    const summary = summarisePages([first, second])
    expect(summary.plan).toEqual({ create: ["1", "2"], update: ["3", "5"], unchanged: ["6", "7", "8"] })
    expect(summary.skipped).toEqual([...first.skipped, ...second.skipped, { ...second.clashes![0], kind: "clash" }])
  })

  it("counts every entry of the report once, by kind: skipped records and clashes", () => {
    const summary = summarisePages([first, second])
    expect(summary.counts).toEqual({ created: 2, updated: 2, unchanged: 3, skipped: 2, clashes: 1, drafted: 0, deleted: 0 })
    const kinds = summary.skipped.map((entry) => entry.kind ?? "skipped")
    expect([kinds.filter((kind) => kind === "skipped").length, kinds.filter((kind) => kind === "clash").length]).toEqual([
      summary.counts.skipped,
      summary.counts.clashes,
    ])
  })

  it("counts as processed the products written or left alone, not the skipped records", () => {
    expect(summarisePages([first, second]).processed).toBe(7)
  })

  it("summarises no pages as nothing done", () => {
    expect(summarisePages([])).toEqual({
      processed: 0,
      counts: EMPTY_COUNTS,
      skipped: [],
      plan: { create: [], update: [], unchanged: [] },
    })
  })

  it("does not change the shared EMPTY_COUNTS", () => {
    summarisePages([first])
    expect(EMPTY_COUNTS).toEqual({ created: 0, updated: 0, unchanged: 0, drafted: 0, deleted: 0, skipped: 0, clashes: 0 })
  })
})

describe("PageSyncError", () => {
  const before: PagesSummary = summarisePages([
    { plan: { create: ["1"], update: [], unchanged: [] }, skipped: [] },
  ])

  it("says which page of how many failed, its template range, and why", () => {
    const error = new PageSyncError(1, 4, [101, 105, 130], new Error("duplicate key value"), before)
    expect(error.message).toBe("page 2 of 4 (templates 101–130) was rolled back: duplicate key value")
  })

  it("is an Error named PageSyncError carrying the page, its templates, the cause and the pages before", () => {
    const cause = new Error("boom")
    const error = new PageSyncError(0, 1, [7], cause, before)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe("PageSyncError")
    expect(error.pageIndex).toBe(0)
    expect(error.templateIds).toEqual([7])
    expect(error.cause).toBe(cause)
    expect(error.before).toBe(before)
    expect(error.message).toContain("page 1 of 1 (templates 7–7)")
  })

  it("takes the reason from a non-Error cause's message, or from the cause itself", () => {
    expect(new PageSyncError(0, 1, [1], { message: "workflow failed" }, before).message).toMatch(/: workflow failed$/)
    expect(new PageSyncError(0, 1, [1], "plain reason", before).message).toMatch(/: plain reason$/)
  })

  it("keeps the start and the end of a very long reason, shortening the middle", () => {
    const reason = `insert into "product" ${"x".repeat(5000)} violates unique constraint "IDX_sku"`
    const error = new PageSyncError(0, 1, [1], new Error(reason), before)
    expect(error.message.length).toBeLessThan(1000)
    expect(error.message).toContain('insert into "product"')
    expect(error.message).toContain('violates unique constraint "IDX_sku"')
  })

  it("carries an Odoo failure's kind and exception name, so the run's hint fits", () => {
    const cause = Object.assign(new Error("Access Denied"), { kind: "access", odooName: "odoo.exceptions.AccessError" })
    const error = new PageSyncError(0, 1, [1], cause, before)
    expect(error.kind).toBe("access")
    expect(error.odooName).toBe("odoo.exceptions.AccessError")
  })

  it("has no kind when the cause is not an Odoo failure", () => {
    const error = new PageSyncError(0, 1, [1], new Error("db down"), before)
    expect(error.kind).toBeUndefined()
    expect(error.odooName).toBeUndefined()
  })
})

describe("run progress and what cut-short runs were writing", () => {
  const pages = [
    [1, 2],
    [3, 4],
    [5],
  ]

  it("names the page about to be written, and nothing once every page is written", () => {
    expect(progressBefore(pages, 0, 0)).toEqual({ pages_done: 0, pages_total: 3, products: 0, writing: [1, 2] })
    expect(progressBefore(pages, 2, 4)).toEqual({ pages_done: 2, pages_total: 3, products: 4, writing: [5] })
    expect(progressBefore(pages, 3, 5)).toEqual({ pages_done: 3, pages_total: 3, products: 5, writing: [] })
  })

  it("unites the templates of several runs, once each, ignoring progress without them or of another shape", () => {
    expect(
      unfinishedTemplateIds([
        { pages_done: 1, pages_total: 3, products: 2, writing: [4, 3] },
        { pages_done: 0, pages_total: 1, products: 0, writing: [3, 9] },
        null,
        { pages_done: 2, pages_total: 2, products: 4 },
        { writing: "1,2" },
        { writing: [0, -1, 2.5, "7", 8] },
      ])
    ).toEqual([3, 4, 8, 9])
  })
})

describe("buildRunReport", () => {
  const plan: RunPlan = {
    pages: [[1, 2], [3]],
    removals: { draft: ["prod_a", "prod_b"], delete: ["prod_c"] },
    liveProducts: 20, waitingClashes: []
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
    expect(report.counts).toEqual({ created: 1, updated: 1, unchanged: 1, skipped: 2, clashes: 0, drafted: 2, deleted: 1 })
    expect(report.skipped).toEqual(pages.skipped)
    expect(report.odoo_stats).toBeNull()
  })

  it("names each store currency that got no price once, before the pages' skipped records", () => {
    const unpriced = [{ code: "chf", reason: "store currency CHF is not a currency in Odoo: no CHF prices written" }]
    const report = buildRunReport({ runId: "run_1", dryRun: false, plan, pages, writeMark: null, unpriced })
    expect(report.skipped).toEqual([{ odoo_id: "CHF", model: "res.currency", reason: unpriced[0].reason, kind: "unpriced" }, ...pages.skipped])
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
      plan: { pages: [], removals: { draft: [], delete: [] }, liveProducts: 0, waitingClashes: [] },
      pages: { ...pages, counts: { ...pages.counts, drafted: 5, deleted: 5 } },
      writeMark: null,
    })
    expect(report.counts.drafted).toBe(0)
    expect(report.counts.deleted).toBe(0)
  })
})
