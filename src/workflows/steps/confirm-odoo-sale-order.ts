import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type { OdooSaleOrderSummary } from "../../modules/odoo/sales"
import type OdooModuleService from "../../modules/odoo/service"

export type ConfirmOdooSaleOrderStepInput = { order: OdooSaleOrderSummary }

export const confirmOdooSaleOrderStepId = "confirm-odoo-sale-order"

/** Confirms the quotation (action_confirm: stock reserved, delivery created) when ODOO_CONFIRM_ORDERS is on. */
export const confirmOdooSaleOrderStep = createStep(confirmOdooSaleOrderStepId, async (input: ConfirmOdooSaleOrderStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  if (!odoo.confirmOrders) return new StepResponse(input.order)
  return new StepResponse(await odoo.confirmSaleOrder(input.order))
})
