import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { asJsonColumn, PRODUCT_CURSOR_NAME, type SkippedRecord, type SyncCounts } from "../../lib/odoo-sync/constants"
import type { CursorMarks } from "../../lib/odoo-sync/write-mark"
import type { StockCursorMarks } from "../../lib/odoo-stock/cursor"
import type { StockCounts } from "../../lib/odoo-stock/constants"

export type CompleteSyncRunStepInput<Counts = SyncCounts> = {
  run_id: string
  counts: Counts
  skipped: SkippedRecord[]
  plan: Record<string, unknown> | null
  odoo_stats: Record<string, unknown> | null
  /** The new cursor; null leaves the cursor as it is (dry runs). */
  cursor_marks: CursorMarks | StockCursorMarks | null
  /** The cursor this run moves; default the product cursor. */
  cursor_name?: string
}

type CursorSnapshot = { id: string; marks: Record<string, unknown>; run_id: string | null } | null

export const completeSyncRunStepId = "complete-odoo-sync-run"

/** Marks the run succeeded with its report and moves the incremental cursor past it. */
export const completeSyncRunStep = createStep(
  completeSyncRunStepId,
  async (input: CompleteSyncRunStepInput<SyncCounts | StockCounts>, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const cursorName = input.cursor_name ?? PRODUCT_CURSOR_NAME
    const [previous] = await odoo.listOdooSyncCursors({ name: cursorName })
    const snapshot: CursorSnapshot = previous
      ? { id: previous.id, marks: previous.marks as Record<string, unknown>, run_id: previous.run_id }
      : null

    let createdCursorId: string | null = null
    if (input.cursor_marks) {
      if (previous) {
        await odoo.updateOdooSyncCursors({ id: previous.id, marks: input.cursor_marks, run_id: input.run_id })
      } else {
        const created = await odoo.createOdooSyncCursors({
          name: cursorName,
          marks: input.cursor_marks,
          run_id: input.run_id,
        })
        createdCursorId = created.id
      }
    }
    await odoo.updateOdooSyncRuns({
      id: input.run_id,
      status: "succeeded",
      finished_at: new Date(),
      counts: input.counts,
      skipped: asJsonColumn(input.skipped),
      plan: input.plan,
      odoo_stats: input.odoo_stats,
    })
    return new StepResponse(input.run_id, { runId: input.run_id, snapshot, createdCursorId })
  },
  async (data, { container }) => {
    if (!data) {
      return
    }
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    if (data.createdCursorId) {
      await odoo.deleteOdooSyncCursors(data.createdCursorId)
    } else if (data.snapshot) {
      await odoo.updateOdooSyncCursors(data.snapshot)
    }
    await odoo.updateOdooSyncRuns({ id: data.runId, status: "running", finished_at: null })
  }
)
