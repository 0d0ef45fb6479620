import { releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PRODUCT_SYNC_LOCK_KEY } from "../lib/odoo-sync/constants"
import { failSyncRunStep, type FailSyncRunStepInput } from "./steps/fail-sync-run"

export const failProductSyncWorkflowId = "fail-odoo-product-sync"

/** Records why a sync run failed and releases its lock. */
export const failProductSyncWorkflow = createWorkflow(
  failProductSyncWorkflowId,
  (input: FailSyncRunStepInput) => {
    const run = failSyncRunStep(input)
    const lock = transform({ input }, ({ input }) => ({ key: PRODUCT_SYNC_LOCK_KEY, ownerId: input.run_id }))
    releaseLockStep(lock)
    return new WorkflowResponse(run)
  }
)
