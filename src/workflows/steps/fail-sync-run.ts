import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { asJsonColumn, type SkippedRecord, type SyncCounts } from "../../lib/odoo-sync/constants"
import type { RunOdooStats } from "../../lib/odoo-sync/odoo-stats"

export type FailSyncRunStepInput = {
  run_id: string
  error: { message: string; name?: string; kind?: string; odoo_name?: string; hint?: string }
  counts?: SyncCounts
  skipped?: SkippedRecord[]
  /** What the run asked of Odoo before it failed (requests, retries, bytes). */
  odoo_stats?: RunOdooStats
}

export const failSyncRunStepId = "fail-odoo-sync-run"

/** Marks a run failed with the reason (no secrets: errors arrive already redacted). */
export const failSyncRunStep = createStep(
  failSyncRunStepId,
  async (input: FailSyncRunStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const [previous] = await odoo.listOdooSyncRuns({ id: input.run_id })
    if (!previous) {
      return new StepResponse(null, null)
    }
    await odoo.updateOdooSyncRuns({
      id: input.run_id,
      status: "failed",
      finished_at: new Date(),
      error: input.error,
      ...(input.counts ? { counts: input.counts } : {}),
      ...(input.skipped ? { skipped: asJsonColumn(input.skipped) } : {}),
      ...(input.odoo_stats ? { odoo_stats: input.odoo_stats } : {}),
    })
    return new StepResponse(input.run_id, {
      id: previous.id,
      status: previous.status,
      error: previous.error,
      odoo_stats: previous.odoo_stats,
    })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    await odoo.updateOdooSyncRuns(previous)
  }
)
