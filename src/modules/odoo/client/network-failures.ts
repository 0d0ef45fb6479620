/**
 * Classification of what `fetch` (undici) throws: connection refused, reset, timeout or another
 * network failure. undici hides the system error under `cause` (and Node's happy-eyeballs connect
 * under an AggregateError's `errors`), so the whole chain is searched for error codes.
 */
import type { OdooFailureReason } from "./errors"

export interface NetworkFailure {
  reason: OdooFailureReason
  retryable: boolean
  detail: string
  /** Failed before any byte of the request left (no connection): Odoo cannot have seen it. */
  requestNotSent?: boolean
}

const REFUSED_CODES = new Set(["ECONNREFUSED"])
const RESET_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
])
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
])
/**
 * Failures of name resolution or of the TCP connect itself: nothing was sent. Unreachable hosts
 * and networks are left out on purpose: an ICMP error can also end a connection mid-request.
 */
const NOT_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "UND_ERR_CONNECT_TIMEOUT"])
/** Network failures that are usually transient (DNS hiccup, route flapping). */
const TRANSIENT_NETWORK_CODES = new Set(["EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN"])

function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === null || typeof error !== "object") return []
  const codes: string[] = []
  const code: unknown = Reflect.get(error, "code")
  if (typeof code === "string") codes.push(code)
  codes.push(...errorCodes(Reflect.get(error, "cause"), depth + 1))
  const nested: unknown = Reflect.get(error, "errors")
  if (Array.isArray(nested)) nested.forEach((inner) => codes.push(...errorCodes(inner, depth + 1)))
  return codes
}

function innermostMessage(error: unknown): string {
  let current: unknown = error
  let message = "unknown network error"
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (current.message) message = current.message
    current = Reflect.get(current, "cause")
  }
  return message
}

/**
 * @param timedOut whether our own AbortController fired (the request hit `timeoutMs`).
 */
export function classifyNetworkFailure(error: unknown, timedOut: boolean, timeoutMs: number): NetworkFailure {
  if (timedOut) {
    return { reason: "timeout", retryable: true, detail: `no answer within ${timeoutMs} ms (timed out)` }
  }
  const codes = errorCodes(error)
  const codeText = codes.length > 0 ? ` (${[...new Set(codes)].join(", ")})` : ""
  const message = innermostMessage(error)
  const notSent = codes.length > 0 && codes.every((code) => NOT_CONNECTED_CODES.has(code))
  const sent = notSent ? { requestNotSent: true } : {}
  if (codes.some((code) => REFUSED_CODES.has(code))) {
    return { reason: "connection_refused", retryable: true, detail: `connection refused${codeText}`, ...sent }
  }
  if (codes.some((code) => TIMEOUT_CODES.has(code))) {
    return { reason: "timeout", retryable: true, detail: `timed out${codeText}: ${message}`, ...sent }
  }
  // undici reports a socket closed mid-response as `TypeError: terminated` without a code.
  if (codes.some((code) => RESET_CODES.has(code)) || message === "terminated") {
    return { reason: "connection_reset", retryable: true, detail: `connection reset${codeText}: ${message}` }
  }
  const retryable = codes.some((code) => TRANSIENT_NETWORK_CODES.has(code))
  return { reason: "network", retryable, detail: `network error${codeText}: ${message}`, ...sent }
}
