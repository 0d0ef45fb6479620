import type { OdooClientStats } from "../../modules/odoo/client/client"

/** What one run asked of Odoo: the client's counters over the run (a difference of two snapshots). */
export type RunOdooStats = {
  requests: number
  failures: number
  retries: number
  authentications: number
  reauthentications: number
  bytesSent: number
  bytesReceived: number
  /** Per `model.method` (or `common.method`), only the calls made during the run. */
  byCall: Record<string, { calls: number; failures: number; bytesReceived: number; totalMs: number }>
}

const nonNegative = (value: number) => Math.max(0, value)

/**
 * The client's counters between two snapshots (`before` taken when the run started). The client
 * is shared by the whole process, so a reset in between (counters going down) counts from zero.
 */
export function diffOdooStats(before: OdooClientStats, after: OdooClientStats): RunOdooStats {
  const reset = after.requests < before.requests || after.retries < before.retries
  const base = reset ? null : before
  const byCall: RunOdooStats["byCall"] = {}
  for (const [key, now] of Object.entries(after.byCall)) {
    const then = base?.byCall[key]
    const calls = now.calls - (then?.calls ?? 0)
    if (calls <= 0) {
      continue
    }
    byCall[key] = {
      calls,
      failures: nonNegative(now.failures - (then?.failures ?? 0)),
      bytesReceived: nonNegative(now.bytesReceived - (then?.bytesReceived ?? 0)),
      totalMs: nonNegative(now.totalMs - (then?.totalMs ?? 0)),
    }
  }
  return {
    requests: nonNegative(after.requests - (base?.requests ?? 0)),
    failures: nonNegative(after.failures - (base?.failures ?? 0)),
    retries: nonNegative(after.retries - (base?.retries ?? 0)),
    authentications: nonNegative(after.authentications - (base?.authentications ?? 0)),
    reauthentications: nonNegative(after.reauthentications - (base?.reauthentications ?? 0)),
    bytesSent: nonNegative(after.bytesSent - (base?.bytesSent ?? 0)),
    bytesReceived: nonNegative(after.bytesReceived - (base?.bytesReceived ?? 0)),
    byCall,
  }
}
