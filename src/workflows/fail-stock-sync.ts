import { releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { STOCK_SYNC_LOCK_KEY } from "../lib/odoo-stock/constants"
import { failSyncRunStep, type FailSyncRunStepInput } from "./steps/fail-sync-run"

export const failStockSyncWorkflowId = "fail-odoo-stock-sync"

/** Records why a stock sync run failed and releases the stock lock. */
export const failStockSyncWorkflow = createWorkflow(failStockSyncWorkflowId, (input: FailSyncRunStepInput) => {
  const run = failSyncRunStep(input)
  releaseLockStep(transform({ input }, ({ input }) => ({ key: STOCK_SYNC_LOCK_KEY, ownerId: input.run_id })))
  return new WorkflowResponse(run)
})
