import { EMPTY_COUNTS, type SyncCounts } from "./constants"
import { describeSyncFailure, formatDryRunLine, formatFinishedLine, formatPageLine, listIds } from "./messages"

describe("dry run lines", () => {
  it("say nothing was written and what would be", () => {
    const counts = { created: 7, updated: 2, unchanged: 1, drafted: 1, deleted: 1, skipped: 3, clashes: 1 }
    const line = formatDryRunLine(counts, 1500)
    expect(line).toBe(
      "✅ Dry run finished, nothing written: would create 7, update 2, leave 1 unchanged, draft or delete 2, skip 3, clashes 1 (1.5 s)"
    )
    expect(formatPageLine(100, counts, 200, true)).toBe("  ✓ Planned 100 products, nothing written (Total: 200, skipped 3, clashes 1)")
    expect(formatPageLine(100, counts, 200, false)).toBe("  ✓ Synced 100 products (Total: 200, skipped 3, clashes 1)")
  })

  it("list at most ten ids and count the rest", () => {
    const ids = Array.from({ length: 13 }, (_, i) => String(i + 1))
    expect(listIds(ids)).toBe("1, 2, 3, 4, 5, 6, 7, 8, 9, 10 (+3 more)")
    expect(listIds(ids.slice(0, 2))).toBe("1, 2")
    expect(listIds([])).toBe("none")
  })
})

describe("formatFinishedLine", () => {
  const counts: SyncCounts = { created: 12, updated: 5, unchanged: 83, drafted: 0, deleted: 0, skipped: 0, clashes: 0 }

  it("reads like the README's example", () => {
    expect(formatFinishedLine(counts, 4100)).toBe(
      "✅ Sync finished: 100 products (created 12, updated 5, unchanged 83, drafted 0, skipped 0, clashes 0) in 4.1 s"
    )
  })

  it("totals created, updated, unchanged and skipped, but not the removed products", () => {
    const line = formatFinishedLine({ created: 1, updated: 2, unchanged: 3, drafted: 40, deleted: 50, skipped: 4, clashes: 7 }, 0)
    expect(line).toContain("Sync finished: 10 products")
  })

  it("says what was not written with the same words as the page lines", () => {
    const counts = { ...EMPTY_COUNTS, created: 3, skipped: 2, clashes: 1 }
    expect(formatFinishedLine(counts, 0)).toContain("drafted 0, skipped 2, clashes 1)")
    expect(formatPageLine(3, counts, 3, false)).toBe("  ✓ Synced 3 products (Total: 3, skipped 2, clashes 1)")
  })

  it("counts deleted products with the drafted ones", () => {
    const line = formatFinishedLine({ ...EMPTY_COUNTS, drafted: 2, deleted: 3 }, 0)
    expect(line).toContain("drafted 5")
  })

  it("gives the duration in seconds with one decimal", () => {
    expect(formatFinishedLine(EMPTY_COUNTS, 1234)).toMatch(/ in 1\.2 s$/)
    expect(formatFinishedLine(EMPTY_COUNTS, 1250)).toMatch(/ in 1\.3 s$/)
    expect(formatFinishedLine(EMPTY_COUNTS, 60_000)).toMatch(/ in 60 s$/)
    expect(formatFinishedLine(EMPTY_COUNTS, 40)).toMatch(/ in 0 s$/)
  })
})

class FakeOdooError extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly odooName?: string
  ) {
    super(message)
    this.name = "OdooError"
  }
}

describe("describeSyncFailure", () => {
  it("keeps an Odoo error's message, name, kind and Odoo exception name", () => {
    const failure = describeSyncFailure(
      new FakeOdooError("Access Denied", "authentication", "odoo.exceptions.AccessDenied")
    )
    expect(failure).toMatchObject({
      message: "Access Denied",
      name: "OdooError",
      kind: "authentication",
      odoo_name: "odoo.exceptions.AccessDenied",
    })
  })

  it.each([
    ["authentication", /ODOO_API_KEY/],
    ["access", /access rights/],
    ["transport", /ODOO_URL/],
    ["invalid_request", /ODOO_PRODUCT_DOMAIN/],
    ["not_found", /ODOO_DB_NAME/],
    ["server", /server log/],
  ])("hints what to check for a %s failure", (kind, hint) => {
    expect(describeSyncFailure(new FakeOdooError("boom", kind)).hint).toMatch(hint)
  })

  it("gives each Odoo kind its own hint", () => {
    const kinds = ["authentication", "access", "transport", "invalid_request", "not_found", "server"]
    const hints = new Set(kinds.map((kind) => describeSyncFailure(new FakeOdooError("boom", kind)).hint))
    expect(hints.size).toBe(kinds.length)
  })

  it("still hints at Odoo for an Odoo kind it does not know", () => {
    const failure = describeSyncFailure(new FakeOdooError("boom", "brand_new_kind"))
    expect(failure.kind).toBe("brand_new_kind")
    expect(typeof failure.hint).toBe("string")
    expect(failure.hint).toMatch(/Odoo/)
  })

  it("points at Medusa for a failure without a kind, and leaves kind and odoo_name out", () => {
    const failure = describeSyncFailure(new TypeError("cannot read x"))
    expect(failure.message).toBe("cannot read x")
    expect(failure.name).toBe("TypeError")
    expect(failure).not.toHaveProperty("kind")
    expect(failure).not.toHaveProperty("odoo_name")
    expect(failure.hint).toMatch(/Medusa/)
  })

  it("describes thrown strings and other non-objects by their text", () => {
    expect(describeSyncFailure("plain text failure")).toMatchObject({ message: "plain text failure" })
    expect(describeSyncFailure(42).message).toBe("42")
    expect(describeSyncFailure("plain text failure")).not.toHaveProperty("name")
  })

  it("says unknown error when there is no message to show", () => {
    expect(describeSyncFailure(new Error("")).message).toBe("unknown error")
    expect(describeSyncFailure({}).message).toBe("unknown error")
    expect(describeSyncFailure(null).message).toBe("null")
    expect(describeSyncFailure({ message: 42 }).message).toBe("unknown error")
  })

  it("ignores kind, name and odooName that are not strings", () => {
    const failure = describeSyncFailure({ message: "m", kind: 3, name: {}, odooName: false })
    expect(failure).toEqual({ message: "m", hint: describeSyncFailure(new Error("m")).hint })
  })

  it("always gives a hint", () => {
    for (const error of [undefined, null, "x", new Error("y"), new FakeOdooError("z", "access")]) {
      expect(describeSyncFailure(error).hint).toEqual(expect.stringMatching(/\S/))
    }
  })

  it("says how many attempts the client made when it retried", () => {
    const refused = Object.assign(new FakeOdooError("Odoo common.authenticate failed: connection refused", "transport"), {
      reason: "connection_refused",
      attempts: 4,
    })
    expect(describeSyncFailure(refused).message).toBe(
      "Odoo common.authenticate failed: connection refused after 4 attempts"
    )
    const once = Object.assign(new FakeOdooError("Access Denied", "authentication"), { attempts: 1 })
    expect(describeSyncFailure(once).message).toBe("Access Denied")
  })

  it("reads the attempts and the transport reason of a page failure's Odoo cause", () => {
    const cause = Object.assign(new FakeOdooError("Odoo product.template.read failed: connection reset", "transport"), {
      reason: "connection_reset",
      attempts: 3,
    })
    const pageFailure = { message: "page 2 of 4 (templates 5–9) was rolled back: …", kind: "transport", cause }
    const failure = describeSyncFailure(pageFailure, { url: "https://erp.example.com" })
    expect(failure.message).toBe("page 2 of 4 (templates 5–9) was rolled back: … after 3 attempts")
    expect(failure.hint).toBe("check ODOO_URL (https://erp.example.com) and that Odoo is reachable from this server")
  })

  it("names the URL in a transport hint when it is known", () => {
    const failure = describeSyncFailure(new FakeOdooError("refused", "transport"), { url: "http://127.0.0.1:8069" })
    expect(failure.hint).toContain("ODOO_URL (http://127.0.0.1:8069)")
    expect(describeSyncFailure(new FakeOdooError("refused", "transport")).hint).toContain("check ODOO_URL and")
  })

  it("points at Odoo's server log for an HTTP 5xx, and at the URL for a web page instead of JSON-RPC", () => {
    const http500 = Object.assign(new FakeOdooError("HTTP 500", "transport"), { reason: "http_status", httpStatus: 500 })
    expect(describeSyncFailure(http500, { url: "https://erp.example.com" }).hint).toBe(
      "Odoo or a proxy in front of it answered HTTP 500: check Odoo's server log, and ODOO_URL (https://erp.example.com)"
    )
    const html = Object.assign(new FakeOdooError("got text/html", "transport"), { reason: "non_json_body" })
    expect(describeSyncFailure(html).hint).toMatch(/^check ODOO_URL: the server there did not answer as Odoo's JSON-RPC/)
    const notFound = Object.assign(new FakeOdooError("HTTP 404", "transport"), { reason: "http_status", httpStatus: 404 })
    expect(describeSyncFailure(notFound).hint).toMatch(/wrong URL/)
  })
})
