/**
 * A sync's lease, per kind (product, stock): Medusa's locking module holds the kind's lock for
 * the run (in Redis with REDIS_URL, so every server, worker and CLI shares it) and the run record
 * carries `lease_expires_at`. Both are renewed together while the run goes on; a crashed holder
 * stops renewing, its lock expires and its record shows a lapsed lease, so the next run of its
 * kind may start. Runs of different kinds hold different locks and may overlap.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { STOCK_SYNC_LOCK_KEY } from "../odoo-stock/constants"
import { PRODUCT_SYNC_LOCK_KEY } from "./constants"

/** Which sync a run belongs to; each kind runs one at a time, under its own lock. */
export type SyncKind = "product" | "stock"

/** The lock each kind of run holds while it runs. */
export const SYNC_LOCK_KEYS: Record<SyncKind, string> = {
  product: PRODUCT_SYNC_LOCK_KEY,
  stock: STOCK_SYNC_LOCK_KEY,
}

/** The run no longer holds the sync lock: its lease lapsed and another run took the lock. */
export class SyncLockLostError extends Error {
  constructor(runId: string, ttlSeconds: number, kind: SyncKind = "product") {
    super(
      `Run ${runId} lost the ${kind} sync lock: it was not renewed within ${ttlSeconds} s ` +
        "(ODOO_SYNC_LOCK_TTL_SECONDS) and another run holds it now; this run stopped so that two never write at once"
    )
    this.name = "SyncLockLostError"
  }
}

/** How long the lock outlives its last renewal (the module option ODOO_SYNC_LOCK_TTL_SECONDS). */
export function syncLockTtlSeconds(container: MedusaContainer): number {
  return container.resolve<OdooModuleService>(ODOO_MODULE).getSyncOptions().syncLockTtlSeconds
}

/**
 * Extends the run's hold on the lock by the TTL and records the new end of its lease. Throws
 * SyncLockLostError when another owner holds the lock. The recorded end is computed before the
 * lock is extended, so it never outlasts the lock itself.
 */
export async function renewSyncLease(container: MedusaContainer, runId: string, kind: SyncKind): Promise<void> {
  const ttlSeconds = syncLockTtlSeconds(container)
  const leaseExpiresAt = new Date(Date.now() + ttlSeconds * 1000)
  const locking = container.resolve(Modules.LOCKING)
  try {
    await locking.acquire(SYNC_LOCK_KEYS[kind], { ownerId: runId, expire: ttlSeconds })
  } catch {
    throw new SyncLockLostError(runId, ttlSeconds, kind)
  }
  await container.resolve<OdooModuleService>(ODOO_MODULE).updateOdooSyncRuns({ id: runId, lease_expires_at: leaseExpiresAt })
}

/**
 * Renews the lease every third of the TTL while the run's process lives (a long page never loses
 * it; two renewals may fail before it lapses). A lost lock is logged here; the run itself stops
 * at its next page, where the lease is renewed again and the loss throws. `stop` waits for a
 * renewal under way and then releases the lock, since a renewal that raced the run's own release
 * would have taken the lock again.
 */
function keepSyncLeaseAlive(container: MedusaContainer, runId: string, kind: SyncKind): { stop: () => Promise<void> } {
  const logger: Logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const intervalMs = Math.max(1000, Math.floor((syncLockTtlSeconds(container) * 1000) / 3))
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let renewing: Promise<void> = Promise.resolve()
  const renew = async () => {
    try {
      await renewSyncLease(container, runId, kind)
    } catch (error) {
      if (stopped) return
      logger.warn(`Odoo ${kind} sync: renewing the lock of run ${runId} failed: ${error instanceof Error ? error.message : String(error)}`)
      if (error instanceof SyncLockLostError) return
    }
    if (!stopped) schedule()
  }
  const schedule = () => {
    timer = setTimeout(() => {
      renewing = renew()
    }, intervalMs)
    timer.unref()
  }
  schedule()
  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await renewing
      await releaseSyncLock(container, runId, kind)
    },
  }
}

/** Releases the lock if `runId` holds it (a no-op otherwise). */
export async function releaseSyncLock(container: MedusaContainer, runId: string, kind: SyncKind): Promise<void> {
  await container.resolve(Modules.LOCKING).release(SYNC_LOCK_KEYS[kind], { ownerId: runId })
}

/** Whether a failed begin was refused because another run holds the lock (Medusa's locking module's words). */
export function isLockConflict(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? "")
  return /acquire lock|lock.*(held|acquired)|CONFLICT/i.test(message)
}

/**
 * Runs a begun run's `settle`, renewing its lease while this process runs it, and stops the
 * renewals once the run is settled (the lock is released again, in case a renewal raced the
 * workflow's own release).
 */
export async function withSyncLease<T>(container: MedusaContainer, runId: string, kind: SyncKind, settle: () => Promise<T>): Promise<T> {
  const lease = keepSyncLeaseAlive(container, runId, kind)
  try {
    return await settle()
  } finally {
    await lease.stop()
  }
}
