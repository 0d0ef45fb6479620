import { acquireLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { STOCK_SYNC_LOCK_KEY } from "../lib/odoo-stock/constants"
import { beginSyncRunStep, type BeginSyncRunStepInput } from "./steps/begin-sync-run"

export const beginStockSyncWorkflowId = "begin-odoo-stock-sync"

/**
 * Takes the stock sync lock for a new run (for `lock_ttl_seconds`, renewed while the run goes
 * on) and records the run (kind "stock") with its lease. Fails at once when another stock run
 * holds the lock; the sync itself is `syncInventoryFromOdooWorkflow`, which releases the lock.
 */
export const beginStockSyncWorkflow = createWorkflow(
  beginStockSyncWorkflowId,
  (input: Omit<BeginSyncRunStepInput, "kind">) => {
    acquireLockStep(
      transform({ input }, ({ input }) => ({
        key: STOCK_SYNC_LOCK_KEY,
        ownerId: input.run_id,
        ttl: input.lock_ttl_seconds,
        timeout: 0,
      }))
    )
    const run = beginSyncRunStep(transform({ input }, ({ input }) => ({ ...input, kind: "stock" as const })))
    return new WorkflowResponse(run)
  }
)
