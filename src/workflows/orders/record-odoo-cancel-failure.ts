import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOdooCancelFailureStep, type RecordOdooCancelFailureStepInput } from "../steps/record-odoo-cancel-failure"

export const recordOdooCancelFailureWorkflowId = "record-odoo-cancel-failure"

/** Records a cancellation that did not reach Odoo. */
export const recordOdooCancelFailureWorkflow = createWorkflow(recordOdooCancelFailureWorkflowId, (input: RecordOdooCancelFailureStepInput) => {
  return new WorkflowResponse(recordOdooCancelFailureStep(input))
})
