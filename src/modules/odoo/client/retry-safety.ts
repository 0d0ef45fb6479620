/**
 * Which failed calls may be sent to Odoo again. A read may: sending it twice changes nothing. A
 * call that changes Odoo (`create`, `write`, `unlink`, `action_*`, `button_*`, any method not
 * known to only read) is sent again only when Odoo provably did not apply it; after a timeout, a
 * dropped connection or a 502/504 it may have been applied (the answer, not the request, may be
 * what was lost), and sending it again could create a second record or confirm an order twice.
 *
 * Provably not applied:
 * - connection refused, DNS failure, connect timeout: no request left this process;
 * - HTTP 429 (rate limited) and 503 (no server available, maintenance): answered instead of
 *   processing the request (RFC 9110/6585; proxies such as nginx and HAProxy give 502/504, not
 *   503, when an upstream failed or timed out during a request);
 * - an exception Odoo answered itself (of which only concurrency failures such as a
 *   serialization failure are retryable): Odoo rolled the transaction back before answering.
 * Not provably: a timeout or reset after the connection was made, 502, 504.
 */
import { buildOdooError, type OdooCallTarget, type OdooError } from "./errors"
import type { Redactor } from "./redact"

/** ORM methods that only read. Anything else is taken to change Odoo. */
const READ_ONLY_METHODS = new Set([
  "search",
  "search_read",
  "search_count",
  "read",
  "read_group",
  "fields_get",
  "web_read",
  "web_search_read",
  "web_read_group",
  "name_search",
  "default_get",
  "check_access_rights",
  "check_access_rule",
  "has_access",
  "get_views",
])
/** `common` service methods: version information and logging in change no business data. */
const READ_ONLY_COMMON_METHODS = new Set(["version", "about", "login", "authenticate"])

/** HTTP statuses by which a server or proxy refuses a request without processing it. */
const UNPROCESSED_HTTP_STATUSES = new Set([429, 503])

/** Whether the call only reads, so that sending it twice changes nothing in Odoo. */
export function isReadOnlyCall(target: OdooCallTarget): boolean {
  return target.service === "common"
    ? READ_ONLY_COMMON_METHODS.has(target.method)
    : READ_ONLY_METHODS.has(target.method)
}

/** Whether Odoo provably did not apply the request that failed with `error` (see above). */
export function provablyNotApplied(error: OdooError): boolean {
  if (error.requestNotSent || error.reason === "connection_refused") return true
  if (error.reason === "http_status") return error.httpStatus !== undefined && UNPROCESSED_HTTP_STATUSES.has(error.httpStatus)
  // An exception Odoo answered itself (no transport reason): Odoo rolled the transaction back.
  return error.reason === undefined && error.odooName !== undefined
}

/** Whether a call to `target` that failed with `error` may be sent again. */
export function maySendAgain(target: OdooCallTarget, error: OdooError): boolean {
  return error.retryable && (isReadOnlyCall(target) || provablyNotApplied(error))
}

/**
 * The error for a call that changes Odoo and failed after it may have reached Odoo: not
 * retryable, `outcomeUnknown`, and saying so in its message.
 */
export function outcomeUnknownError(error: OdooError, redact: Redactor): OdooError {
  const target: OdooCallTarget = {
    service: error.service,
    method: error.method,
    ...(error.model !== undefined ? { model: error.model } : {}),
  }
  const detail = error.message.replace(/^Odoo \S+ failed: /, "")
  const unknown = buildOdooError(
    {
      kind: error.kind,
      target,
      detail:
        `${detail}; outcome unknown: the request may have reached Odoo and been applied, so ` +
        `${target.method} was not sent again (check Odoo before trying again)`,
      retryable: false,
      outcomeUnknown: true,
      odooName: error.odooName,
      odooMessage: error.odooMessage,
      httpStatus: error.httpStatus,
      reason: error.reason,
      debug: error.debug,
    },
    redact
  )
  unknown.attempts = error.attempts
  return unknown
}
