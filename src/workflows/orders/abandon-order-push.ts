import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { abandonOrderPushStep, type AbandonOrderPushStepInput } from "../steps/abandon-order-push"

export const abandonOrderPushWorkflowId = "abandon-odoo-order-push"

/** An admin gives up on an order's push. */
export const abandonOrderPushWorkflow = createWorkflow(abandonOrderPushWorkflowId, (input: AbandonOrderPushStepInput) => {
  return new WorkflowResponse(abandonOrderPushStep(input))
})
