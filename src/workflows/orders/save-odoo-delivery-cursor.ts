import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveOdooDeliveryCursorStep, type SaveOdooDeliveryCursorStepInput } from "../steps/save-odoo-delivery-cursor"

export const saveOdooDeliveryCursorWorkflowId = "save-odoo-delivery-cursor"

/** Where the next delivery pull starts. */
export const saveOdooDeliveryCursorWorkflow = createWorkflow(saveOdooDeliveryCursorWorkflowId, (input: SaveOdooDeliveryCursorStepInput) => {
  return new WorkflowResponse(saveOdooDeliveryCursorStep(input))
})
