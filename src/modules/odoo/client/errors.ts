/**
 * Typed, serialisable Odoo errors. Everything stored on an error has already been redacted by
 * whoever built it (see `buildOdooError`), so messages, stacks and `toJSON()` are safe to log.
 */
import type { Redactor } from "./redact"

export type OdooErrorKind =
  | "authentication"
  | "access"
  | "not_found"
  | "invalid_request"
  | "transport"
  | "server"

/** Why a transport (or result) failure happened; absent for errors Odoo itself reported. */
export type OdooFailureReason =
  | "connection_refused"
  | "connection_reset"
  | "timeout"
  | "network"
  | "http_status"
  | "non_json_body"
  | "malformed_envelope"
  | "unexpected_result"

export type OdooService = "common" | "object"

/** What was being called: `model` is set for `object` calls (execute_kw), absent for `common`. */
export interface OdooCallTarget {
  service: OdooService
  model?: string
  method: string
}

export interface OdooErrorFields {
  kind: OdooErrorKind
  target: OdooCallTarget
  /** The text after "failed: ", e.g. `AccessError: You are not allowed ...`. */
  detail: string
  retryable: boolean
  odooName?: string
  odooMessage?: string
  httpStatus?: number
  retryAfterMs?: number
  reason?: OdooFailureReason
  /** The request provably never reached Odoo (connection refused, DNS failure, connect timeout). */
  requestNotSent?: boolean
  /**
   * A call that changes Odoo failed after the request may have reached it: Odoo may or may not
   * have applied it. It was not sent again; the caller must check Odoo before trying again.
   */
  outcomeUnknown?: boolean
  /** Odoo's traceback: kept out of the message and of toJSON(). */
  debug?: string
}

export interface OdooErrorJSON {
  name: string
  kind: OdooErrorKind
  service: OdooService
  model?: string
  method: string
  message: string
  retryable: boolean
  attempts: number
  odooName?: string
  odooMessage?: string
  httpStatus?: number
  retryAfterMs?: number
  reason?: OdooFailureReason
  requestNotSent?: boolean
  outcomeUnknown?: boolean
}

const NAME_BY_KIND: Record<OdooErrorKind, string> = {
  authentication: "OdooAuthenticationError",
  access: "OdooAccessError",
  not_found: "OdooNotFoundError",
  invalid_request: "OdooInvalidRequestError",
  transport: "OdooTransportError",
  server: "OdooServerError",
}

/** `product.template.search_read` for object calls, `common.authenticate` for common ones. */
export function describeTarget(target: OdooCallTarget): string {
  return `${target.model ?? target.service}.${target.method}`
}

export class OdooError extends Error {
  readonly kind: OdooErrorKind
  readonly service: OdooService
  readonly model?: string
  readonly method: string
  readonly retryable: boolean
  readonly odooName?: string
  readonly odooMessage?: string
  readonly httpStatus?: number
  readonly retryAfterMs?: number
  readonly reason?: OdooFailureReason
  readonly requestNotSent?: boolean
  readonly outcomeUnknown?: boolean
  /** How many attempts the client made before giving up (set by the client's retry loop). */
  attempts = 1
  declare readonly debug?: string

  constructor(fields: OdooErrorFields) {
    super(`Odoo ${describeTarget(fields.target)} failed: ${fields.detail}`)
    this.name = NAME_BY_KIND[fields.kind]
    this.kind = fields.kind
    this.service = fields.target.service
    this.method = fields.target.method
    this.retryable = fields.retryable
    // Optional fields are only set when present, so toJSON() and equality checks stay tidy.
    if (fields.target.model !== undefined) this.model = fields.target.model
    if (fields.odooName !== undefined) this.odooName = fields.odooName
    if (fields.odooMessage !== undefined) this.odooMessage = fields.odooMessage
    if (fields.httpStatus !== undefined) this.httpStatus = fields.httpStatus
    if (fields.retryAfterMs !== undefined) this.retryAfterMs = fields.retryAfterMs
    if (fields.reason !== undefined) this.reason = fields.reason
    if (fields.requestNotSent) this.requestNotSent = true
    if (fields.outcomeUnknown) this.outcomeUnknown = true
    // Non-enumerable: tracebacks are for a debugger, not for logs or API responses.
    Object.defineProperty(this, "debug", { value: fields.debug, enumerable: false })
  }

  toJSON(): OdooErrorJSON {
    const json: OdooErrorJSON = {
      name: this.name,
      kind: this.kind,
      service: this.service,
      method: this.method,
      message: this.message,
      retryable: this.retryable,
      attempts: this.attempts,
    }
    if (this.model !== undefined) json.model = this.model
    if (this.odooName !== undefined) json.odooName = this.odooName
    if (this.odooMessage !== undefined) json.odooMessage = this.odooMessage
    if (this.httpStatus !== undefined) json.httpStatus = this.httpStatus
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs
    if (this.reason !== undefined) json.reason = this.reason
    if (this.requestNotSent) json.requestNotSent = true
    if (this.outcomeUnknown) json.outcomeUnknown = true
    return json
  }
}

export function isOdooError(value: unknown): value is OdooError {
  return value instanceof OdooError
}

/** Builds an OdooError with every string field passed through the redactor. */
export function buildOdooError(fields: OdooErrorFields, redact: Redactor): OdooError {
  const redactOptional = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : redact(text)
  return new OdooError({
    ...fields,
    target: {
      service: fields.target.service,
      method: redact(fields.target.method),
      ...(fields.target.model !== undefined ? { model: redact(fields.target.model) } : {}),
    },
    detail: redact(fields.detail),
    odooName: redactOptional(fields.odooName),
    odooMessage: redactOptional(fields.odooMessage),
    debug: redactOptional(fields.debug),
  })
}
