import { acquireLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PRODUCT_SYNC_LOCK_KEY } from "../lib/odoo-sync/constants"
import { beginSyncRunStep, type BeginSyncRunStepInput } from "./steps/begin-sync-run"

export const beginProductSyncWorkflowId = "begin-odoo-product-sync"

/**
 * Takes the product sync lock for a new run (for `lock_ttl_seconds`, renewed while the run
 * goes on) and records the run. Fails at once when another run holds the lock; the sync itself is `syncFromErpWorkflow`, which releases the lock.
 */
export const beginProductSyncWorkflow = createWorkflow(
  beginProductSyncWorkflowId,
  (input: BeginSyncRunStepInput) => {
    const lock = transform({ input }, ({ input }) => ({
      key: PRODUCT_SYNC_LOCK_KEY,
      ownerId: input.run_id,
      ttl: input.lock_ttl_seconds,
      timeout: 0,
    }))
    acquireLockStep(lock)
    const run = beginSyncRunStep(input)
    return new WorkflowResponse(run)
  }
)
