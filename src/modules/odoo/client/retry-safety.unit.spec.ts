import { odooErrorFromRpcError } from "./classify"
import { buildOdooError, type OdooCallTarget, type OdooErrorFields } from "./errors"
import { classifyNetworkFailure } from "./network-failures"
import { createRedactor } from "./redact"
import { isReadOnlyCall, maySendAgain, provablyNotApplied } from "./retry-safety"

const redact = createRedactor(["secret"])
const target = (method: string, service: "object" | "common" = "object"): OdooCallTarget =>
  service === "common" ? { service, method } : { service, model: "sale.order", method }
const transport = (fields: Partial<OdooErrorFields>) =>
  buildOdooError({ kind: "transport", target: target("create"), detail: "x", retryable: true, ...fields }, redact)

/** A network error as undici's fetch throws it: the system error under `cause`. */
function fetchFailure(code: string): Error {
  return Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code.toLowerCase()), { code }) })
}

describe("isReadOnlyCall", () => {
  it.each(["search_read", "read", "search", "search_count", "fields_get", "web_read", "name_search", "read_group"])(
    "takes %s as a read",
    (method) => expect(isReadOnlyCall(target(method))).toBe(true)
  )
  it.each(["version", "authenticate", "login"])("takes common.%s as a read", (method) => {
    expect(isReadOnlyCall(target(method, "common"))).toBe(true)
  })
  it.each(["create", "write", "unlink", "copy", "action_confirm", "action_cancel", "button_validate", "message_post", "my_method"])(
    "takes %s (and any method it does not know) as a change",
    (method) => expect(isReadOnlyCall(target(method))).toBe(false)
  )
})

describe("provablyNotApplied", () => {
  it("is true when no request left: connection refused, DNS failure, connect timeout", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]) {
      const failure = classifyNetworkFailure(fetchFailure(code), false, 1000)
      expect([code, provablyNotApplied(transport(failure))]).toEqual([code, true])
    }
  })

  it("is false once a request may have been sent: our timeout, reset, socket closed, unreachable host", () => {
    expect(provablyNotApplied(transport(classifyNetworkFailure(new Error("aborted"), true, 1000)))).toBe(false)
    for (const code of ["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]) {
      const failure = classifyNetworkFailure(fetchFailure(code), false, 1000)
      expect([code, provablyNotApplied(transport(failure))]).toEqual([code, false])
    }
  })

  it("trusts 429 and 503 (refused unprocessed), not 500, 502 or 504", () => {
    const byStatus = (httpStatus: number) => provablyNotApplied(transport({ reason: "http_status", httpStatus }))
    expect([429, 503, 500, 502, 504].map(byStatus)).toEqual([true, true, false, false, false])
  })

  it("trusts Odoo's own concurrency failure: the transaction was rolled back", () => {
    const conflict = odooErrorFromRpcError(
      { code: 200, message: "Odoo Server Error", data: { name: "psycopg2.errors.SerializationFailure", message: "could not serialize access" } },
      target("write"),
      redact
    )
    expect(provablyNotApplied(conflict)).toBe(true)
    expect(maySendAgain(target("write"), conflict)).toBe(true)
  })
})

describe("maySendAgain", () => {
  const timedOut = transport({ reason: "timeout" })
  it("sends a read again after a timeout, a change never", () => {
    expect(maySendAgain(target("search_read"), timedOut)).toBe(true)
    expect(maySendAgain(target("create"), timedOut)).toBe(false)
    expect(maySendAgain(target("write"), transport({ reason: "http_status", httpStatus: 502 }))).toBe(false)
  })
  it("never sends again what is not retryable at all", () => {
    expect(maySendAgain(target("search_read"), transport({ reason: "non_json_body", retryable: false }))).toBe(false)
  })
})
