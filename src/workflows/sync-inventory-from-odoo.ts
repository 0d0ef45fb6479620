import { releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, parallelize, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { diffOdooStats } from "../lib/odoo-sync/odoo-stats"
import { STOCK_CURSOR_NAME, STOCK_SYNC_LOCK_KEY } from "../lib/odoo-stock/constants"
import { buildStockRunReport } from "../lib/odoo-stock/run-report"
import { completeSyncRunStep } from "./steps/complete-sync-run"
import { readOdooStatsStep } from "./steps/read-odoo-stats"
import { readOdooStockChangesStep } from "./steps/read-odoo-stock-changes"
import { syncStockLevelsStep } from "./steps/sync-stock-levels"
import { syncStockLocationsStep } from "./steps/sync-stock-locations"

export type SyncInventoryFromOdooWorkflowInput = {
  /** The run begun by `beginStockSyncWorkflow`, whose lock this workflow releases. */
  run_id: string
  full: boolean
  dry_run: boolean
}

export const syncInventoryFromOdooWorkflowId = "sync-inventory-from-odoo"

/**
 * Syncs Odoo's stock into Medusa: warehouses become stock locations linked to the default
 * sales channel, and the quantities of the products whose stock moved since the cursor (all of
 * them on a full run, at least daily) become inventory levels, page by page. Then records the
 * run and moves the stock cursor. A failure leaves written pages in place and the cursor where
 * it was; the caller records the failure and releases the lock.
 */
export const syncInventoryFromOdooWorkflow = createWorkflow(
  syncInventoryFromOdooWorkflowId,
  (input: SyncInventoryFromOdooWorkflowInput) => {
    const [statsBefore, storeRows] = parallelize(
      readOdooStatsStep().config({ name: "odoo-stats-before" }),
      useQueryGraphStep({ entity: "store", fields: ["id", "default_sales_channel_id"] }).config({ name: "store" })
    )
    const odoo = readOdooStockChangesStep(transform({ input }, ({ input }) => ({ full: input.full })))
    const locations = syncStockLocationsStep(
      transform({ input, odoo, storeRows }, ({ input, odoo, storeRows }) => ({
        warehouses: odoo.warehouses,
        sales_channel_id: (storeRows.data[0] as { default_sales_channel_id?: string | null } | undefined)?.default_sales_channel_id ?? null,
        dry_run: input.dry_run,
      }))
    )
    const levels = syncStockLevelsStep(
      transform({ input, odoo, locations }, ({ input, odoo, locations }) => ({
        run_id: input.run_id,
        locations: locations.locations,
        changed_product_ids: odoo.changedProductIds,
        fresh_warehouse_ids: locations.freshWarehouseIds,
        dry_run: input.dry_run,
      }))
    )
    const statsAfter = readOdooStatsStep().config({ name: "odoo-stats-after" })
    const report = transform(
      { input, odoo, locations, levels, statsBefore, statsAfter },
      ({ input, odoo, locations, levels, statsBefore, statsAfter }) =>
        buildStockRunReport({
          runId: input.run_id,
          dryRun: input.dry_run,
          full: odoo.full,
          quantityField: odoo.quantityField,
          warehouses: odoo.warehouses,
          changedProductIds: odoo.changedProductIds,
          locations,
          levels,
          cursorMarks: odoo.cursorMarks,
          cursorName: STOCK_CURSOR_NAME,
          odooStats: diffOdooStats(statsBefore, statsAfter),
        })
    )
    completeSyncRunStep(report)
    releaseLockStep(transform({ input }, ({ input }) => ({ key: STOCK_SYNC_LOCK_KEY, ownerId: input.run_id })))
    return new WorkflowResponse(report)
  }
)
