import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderPushPlan } from "../../lib/odoo-orders/types"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import type { OdooPartnerResult } from "../../modules/odoo/sales"

export type CreateOdooSaleOrderStepInput = { plan: OrderPushPlan; partner: OdooPartnerResult }

export const createOdooSaleOrderStepId = "create-odoo-sale-order"

/**
 * The Odoo sale order of the Medusa order, created only when none has its client_order_ref. Not
 * undone when a later step fails: cancelling it would leave a cancelled order that the next
 * attempt finds by reference; the next attempt picks this one up and carries on instead.
 */
export const createOdooSaleOrderStep = createStep(createOdooSaleOrderStepId, async (input: CreateOdooSaleOrderStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const result = await odoo.createSaleOrder(input.plan, input.partner)
  return new StepResponse(result)
})
