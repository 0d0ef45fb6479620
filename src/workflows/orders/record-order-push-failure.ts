import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderPushFailureStep, type RecordOrderPushFailureStepInput } from "../steps/record-order-push-failure"

export const recordOrderPushFailureWorkflowId = "record-odoo-order-push-failure"

/** A failed push: its error and next attempt on the push record (the order itself is untouched). */
export const recordOrderPushFailureWorkflow = createWorkflow(recordOrderPushFailureWorkflowId, (input: RecordOrderPushFailureStepInput) => {
  return new WorkflowResponse(recordOrderPushFailureStep(input))
})
