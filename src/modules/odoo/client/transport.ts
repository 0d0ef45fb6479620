/**
 * The wire protocol behind OdooClient. Requests are model/method-oriented rather than shaped like
 * `execute_kw`, so that Odoo 19's JSON-2 API (`POST /json/2/<model>/<method>`, bearer key, named
 * arguments) can be added as a second implementation without touching the client or its callers.
 */
import type { OdooCallTarget } from "./errors"

/** A call to Odoo's `common` service (version, authenticate): no credentials beyond `args`. */
export interface OdooCommonRequest {
  service: "common"
  method: string
  args: unknown[]
}

/** A model method call as the authenticated user `uid` (JSON-RPC: `object.execute_kw`). */
export interface OdooObjectRequest {
  service: "object"
  model: string
  method: string
  args: unknown[]
  kwargs: Record<string, unknown>
  uid: number
}

export type OdooRequest = OdooCommonRequest | OdooObjectRequest

export interface OdooCallStats {
  calls: number
  failures: number
  bytesReceived: number
  totalMs: number
}

export interface OdooTransportStats {
  requests: number
  failures: number
  bytesSent: number
  bytesReceived: number
  /** Keyed by `model.method` (or `common.method`), e.g. `product.template.search_read`. */
  byCall: Record<string, OdooCallStats>
}

export interface OdooTransport {
  /** Resolves with Odoo's result; rejects with an OdooError (already classified and redacted). */
  call(request: OdooRequest): Promise<unknown>
  stats(): OdooTransportStats
}

export function targetOfRequest(request: OdooRequest): OdooCallTarget {
  return request.service === "object"
    ? { service: "object", model: request.model, method: request.method }
    : { service: "common", method: request.method }
}

/** Accumulates per-call counters; shared by transport implementations. */
export class TransportStatsRecorder {
  private current: OdooTransportStats = emptyStats()

  record(key: string, outcome: { ok: boolean; bytesSent: number; bytesReceived: number; ms: number }): void {
    const stats = this.current
    stats.requests += 1
    stats.bytesSent += outcome.bytesSent
    stats.bytesReceived += outcome.bytesReceived
    if (!outcome.ok) stats.failures += 1
    const perCall = (stats.byCall[key] ??= { calls: 0, failures: 0, bytesReceived: 0, totalMs: 0 })
    perCall.calls += 1
    perCall.bytesReceived += outcome.bytesReceived
    perCall.totalMs += outcome.ms
    if (!outcome.ok) perCall.failures += 1
  }

  snapshot(): OdooTransportStats {
    const byCall: Record<string, OdooCallStats> = {}
    for (const [key, value] of Object.entries(this.current.byCall)) byCall[key] = { ...value }
    return { ...this.current, byCall }
  }
}

function emptyStats(): OdooTransportStats {
  return { requests: 0, failures: 0, bytesSent: 0, bytesReceived: 0, byCall: {} }
}
