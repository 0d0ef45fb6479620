/** Which runs marked running are still held by a live process: their lease has not lapsed. */

export type LeasedRun = { id: string; lease_expires_at: Date | string | null }

/**
 * Splits runs marked running into live ones (lease in the future) and lapsed ones (lease
 * passed, or none recorded: a run from before leases, or one that never renewed).
 */
export function partitionByLease<T extends LeasedRun>(runs: T[], now: Date): { live: T[]; lapsed: T[] } {
  const live: T[] = []
  const lapsed: T[] = []
  for (const run of runs) {
    const expiresAt = run.lease_expires_at === null ? null : new Date(run.lease_expires_at)
    if (expiresAt !== null && expiresAt.getTime() > now.getTime()) live.push(run)
    else lapsed.push(run)
  }
  return { live, lapsed }
}

/** Another process's run is under way (found by its live lease rather than by a shared lock). */
export class SyncLeaseHeldError extends Error {
  constructor(runId: string, leaseExpiresAt: Date | string, kind: "product" | "stock" = "product") {
    super(
      `An Odoo ${kind} sync is already running: the sync lock is held by run ${runId} ` +
        `(its lease runs until ${new Date(leaseExpiresAt).toISOString()} unless renewed)`
    )
    this.name = "SyncLeaseHeldError"
  }
}
