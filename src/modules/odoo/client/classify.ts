/**
 * Turns Odoo's JSON-RPC error bodies into OdooErrors. Odoo answers every server-side error with
 * HTTP 200 and `{ error: { code: 200, message: "Odoo Server Error", data: { name, message,
 * arguments, context, debug } } }`; `data.name` (the Python exception class) tells them apart.
 */
import { buildOdooError, OdooCallTarget, OdooError, OdooErrorKind } from "./errors"
import type { Redactor } from "./redact"

const KIND_BY_ODOO_NAME: Record<string, OdooErrorKind> = {
  "odoo.exceptions.AccessDenied": "authentication",
  "odoo.exceptions.AccessError": "access",
  "odoo.exceptions.MissingError": "not_found",
  "odoo.exceptions.UserError": "invalid_request",
  "odoo.exceptions.ValidationError": "invalid_request",
  "odoo.exceptions.RedirectWarning": "invalid_request",
  "builtins.ValueError": "invalid_request",
  "builtins.AttributeError": "invalid_request",
  "builtins.KeyError": "invalid_request",
  "builtins.TypeError": "invalid_request",
  // Raised by Odoo on malformed input too (a domain term too short, an unknown name in a domain).
  "builtins.IndexError": "invalid_request",
  "builtins.NameError": "invalid_request",
}

/** PostgreSQL concurrency failures: the same call usually succeeds when tried again. */
const CONCURRENCY_FAILURE_NAMES = new Set([
  "psycopg2.errors.SerializationFailure",
  "psycopg2.extensions.TransactionRollbackError",
  "psycopg2.errors.DeadlockDetected",
  "psycopg2.errors.LockNotAvailable",
  "odoo.exceptions.ConcurrencyError",
])
const CONCURRENCY_FAILURE_MESSAGE = /could not serialize access due to concurrent update/i

export interface OdooErrorClass {
  kind: OdooErrorKind
  retryable: boolean
}

/** Classifies an Odoo exception by its Python class name (and message, for concurrency failures). */
export function classifyOdooException(
  odooName: string | undefined,
  odooMessage: string | undefined
): OdooErrorClass {
  const isConcurrencyFailure =
    (odooName !== undefined && CONCURRENCY_FAILURE_NAMES.has(odooName)) ||
    (odooMessage !== undefined && CONCURRENCY_FAILURE_MESSAGE.test(odooMessage))
  if (isConcurrencyFailure) return { kind: "server", retryable: true }
  const kind = (odooName !== undefined && KIND_BY_ODOO_NAME[odooName]) || "server"
  return { kind, retryable: false }
}

/** `odoo.exceptions.AccessError` → `AccessError`. */
export function shortExceptionName(odooName: string): string {
  return odooName.slice(odooName.lastIndexOf(".") + 1)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined
}

/** Builds the OdooError for the `error` member of a JSON-RPC response. */
export function odooErrorFromRpcError(
  rpcError: unknown,
  target: OdooCallTarget,
  redact: Redactor
): OdooError {
  const error = isRecord(rpcError) ? rpcError : {}
  const data = isRecord(error.data) ? error.data : {}
  const odooName = optionalString(data.name)
  const odooMessage = optionalString(data.message)?.trim()
  const { kind, retryable } = classifyOdooException(odooName, odooMessage)
  const detail =
    odooName !== undefined
      ? `${shortExceptionName(odooName)}: ${odooMessage ?? optionalString(error.message) ?? ""}`
      : `JSON-RPC error ${String(error.code ?? "?")}: ${optionalString(error.message) ?? ""}`
  return buildOdooError(
    {
      kind,
      target,
      detail: detail.trim(),
      retryable,
      odooName,
      odooMessage,
      debug: optionalString(data.debug),
    },
    redact
  )
}
