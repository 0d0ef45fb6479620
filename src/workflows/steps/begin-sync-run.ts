import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import type { SyncTrigger } from "../../lib/odoo-sync/constants"

export type BeginSyncRunStepInput = {
  run_id: string
  trigger: SyncTrigger
  full: boolean
  dry_run: boolean
  /** Which sync; runs of other kinds are left alone. Default "product". */
  kind?: "product" | "stock"
}

export const beginSyncRunStepId = "begin-odoo-sync-run"

/**
 * Records a new sync run. Runs of its kind still marked running were cut short (the lock of
 * that kind is ours now, so nothing else of it is running): they are marked interrupted.
 */
export const beginSyncRunStep = createStep(
  beginSyncRunStepId,
  async (input: BeginSyncRunStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const startedAt = new Date()
    const kind = input.kind ?? "product"
    const stale = await odoo.listOdooSyncRuns({ status: "running", kind }, { select: ["id"] })
    if (stale.length) {
      await odoo.updateOdooSyncRuns(
        stale.map(({ id }) => ({ id, status: "interrupted" as const, finished_at: startedAt }))
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
