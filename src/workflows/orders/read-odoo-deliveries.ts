import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { readOdooDeliveriesStep, type ReadOdooDeliveriesStepInput } from "../steps/read-odoo-deliveries"

export const readOdooDeliveriesWorkflowId = "read-odoo-deliveries"

/** The done Odoo deliveries of Medusa orders since the last pull. */
export const readOdooDeliveriesWorkflow = createWorkflow(readOdooDeliveriesWorkflowId, (input: ReadOdooDeliveriesStepInput) => {
  return new WorkflowResponse(readOdooDeliveriesStep(input))
})
