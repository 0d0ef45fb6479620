import type { IOrderModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { totalMismatch } from "../../lib/odoo-orders/totals"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type { OdooSaleOrderSummary } from "../../modules/odoo/sales"
import type OdooModuleService from "../../modules/odoo/service"

export type RecordOrderPushedStepInput = {
  order_id: string
  partner_id: number
  sale_order: OdooSaleOrderSummary
  expected_total: number
}

type Previous = { push_id: string; order_id: string; order_metadata: Record<string, unknown> }

export const recordOrderPushedStepId = "record-odoo-order-pushed"

/**
 * Records the Odoo order on the push record and on the order (metadata.odoo_sale_order_id and
 * name). A total that differs from Medusa's is kept as the push's error for an admin to see.
 */
export const recordOrderPushedStep = createStep(
  recordOrderPushedStepId,
  async (input: RecordOrderPushedStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const orders: IOrderModuleService = container.resolve(Modules.ORDER)
    const [push] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
    const order = await orders.retrieveOrder(input.order_id, { select: ["id", "metadata"] })
    const mismatch = totalMismatch(input.expected_total, input.sale_order.amount_total, input.sale_order.name)
    await odoo.updateOdooOrderPushes({
      id: push.id,
      status: "pushed",
      pushed_at: push.pushed_at ?? new Date(),
      next_attempt_at: null,
      last_error: mismatch ? { name: "TotalMismatch", message: mismatch } : null,
      odoo_sale_order_id: input.sale_order.id,
      odoo_sale_order_name: input.sale_order.name,
      odoo_partner_id: input.partner_id,
      odoo_state: input.sale_order.state,
    })
    await orders.updateOrders(input.order_id, {
      metadata: { ...(order.metadata ?? {}), odoo_sale_order_id: input.sale_order.id, odoo_sale_order_name: input.sale_order.name },
    })
    return new StepResponse(input.sale_order, { push_id: push.id, order_id: input.order_id, order_metadata: order.metadata ?? {} } as Previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const orders: IOrderModuleService = container.resolve(Modules.ORDER)
    await orders.updateOrders(previous.order_id, { metadata: previous.order_metadata })
  }
)
