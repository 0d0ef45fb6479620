import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import type { SyncTrigger } from "../../lib/odoo-sync/constants"
import { partitionByLease, SyncLeaseHeldError } from "../../lib/odoo-sync/sync-lease"

export type BeginSyncRunStepInput = {
  run_id: string
  trigger: SyncTrigger
  full: boolean
  dry_run: boolean
  /** Which sync; runs of other kinds are left alone. Default "product". */
  kind?: "product" | "stock"
  /**
   * How long the lock outlives its last renewal; the run's lease starts with that much. Without
   * it the run records no lease, and a later run of its kind treats it as cut short.
   */
  lock_ttl_seconds?: number
}

export const beginSyncRunStepId = "begin-odoo-sync-run"

/**
 * Records a new sync run. A run of its kind still marked running whose lease has lapsed (or
 * that has none) was cut short: it is marked interrupted. One whose lease is still live belongs
 * to another process that holds the sync without sharing our lock (no REDIS_URL): this run is
 * refused instead, and that run is left alone.
 */
export const beginSyncRunStep = createStep(
  beginSyncRunStepId,
  async (input: BeginSyncRunStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const startedAt = new Date()
    const kind = input.kind ?? "product"
    const running = await odoo.listOdooSyncRuns({ status: "running", kind }, { select: ["id", "lease_expires_at"] })
    const { live, lapsed } = partitionByLease(running, startedAt)
    if (live.length) {
      throw new SyncLeaseHeldError(live[0].id, live[0].lease_expires_at!, kind)
    }
    if (lapsed.length) {
      await odoo.updateOdooSyncRuns(
        lapsed.map(({ id }) => ({ id, status: "interrupted" as const, finished_at: startedAt }))
      )
    }
    const run = await odoo.createOdooSyncRuns({
      id: input.run_id,
      kind,
      trigger: input.trigger,
      full: input.full,
      dry_run: input.dry_run,
      status: "running",
      started_at: startedAt,
      lease_expires_at:
        input.lock_ttl_seconds === undefined ? null : new Date(startedAt.getTime() + input.lock_ttl_seconds * 1000),
    })
    return new StepResponse(run, run.id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    await odoo.deleteOdooSyncRuns(runId)
  }
)
