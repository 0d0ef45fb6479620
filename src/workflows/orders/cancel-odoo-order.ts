import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { orderLockKey } from "../../lib/odoo-orders/lock-keys"
import { cancelOdooSaleOrderStep, type CancelOdooSaleOrderStepInput } from "../steps/cancel-odoo-sale-order"

export const cancelOdooOrderWorkflowId = "cancel-odoo-order"

/** A Medusa order cancelled: its Odoo order too (under the order's push lock, so no push runs meanwhile). */
export const cancelOdooOrderWorkflow = createWorkflow(cancelOdooOrderWorkflowId, (input: CancelOdooSaleOrderStepInput) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 300 })
  const result = cancelOdooSaleOrderStep(input)
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(result)
})
