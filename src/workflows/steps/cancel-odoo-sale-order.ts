import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type CancelOdooSaleOrderStepInput = { order_id: string }

export const cancelOdooSaleOrderStepId = "cancel-odoo-sale-order"

/**
 * Cancels the order's Odoo sale order (found by its stored id, else by client_order_ref), unless
 * a delivery of it is done: then the push records that it could not. An order that never reached
 * Odoo is not pushed any more. Odoo's cancel is not undone (nothing after it can fail on Odoo's side).
 */
export const cancelOdooSaleOrderStep = createStep(cancelOdooSaleOrderStepId, async (input: CancelOdooSaleOrderStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const [push] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
  const result = await odoo.cancelSaleOrder({ id: push?.odoo_sale_order_id ?? null, clientOrderRef: input.order_id })
  const values =
    result.outcome === "delivered"
      ? {
          cancel_status: "delivered" as const,
          cancel_error: {
            name: "AlreadyDelivered",
            message: `Odoo order ${push?.odoo_sale_order_name ?? result.saleOrderId} was not cancelled: its delivery ${result.deliveredPickings.join(", ")} is done`,
          },
        }
      : result.outcome === "not_found"
        ? {
            cancel_status: "cancelled" as const,
            cancel_error: null,
            ...(push && push.status !== "pushed" ? { status: "abandoned" as const, next_attempt_at: null } : {}),
          }
        : { cancel_status: "cancelled" as const, cancel_error: null, odoo_state: "cancel" }
  const record = push
    ? await odoo.updateOdooOrderPushes({ id: push.id, ...values })
    : await odoo.createOdooOrderPushes({ order_id: input.order_id, status: "abandoned", ...values })
  return new StepResponse({ outcome: result.outcome, order_push: record })
})
