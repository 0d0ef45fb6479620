import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderPushPlan } from "../../lib/odoo-orders/types"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type FindOrCreateOdooPartnerStepInput = { plan: OrderPushPlan }

export const findOrCreateOdooPartnerStepId = "find-or-create-odoo-partner"

/**
 * The order's customer in Odoo (stored link, then email) with its invoice and delivery addresses
 * as child contacts. Nothing to undo: the sync never deletes an Odoo partner, and the next attempt
 * finds what this one created (by email and by address content).
 */
export const findOrCreateOdooPartnerStep = createStep(findOrCreateOdooPartnerStepId, async (input: FindOrCreateOdooPartnerStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const { plan } = input
  const partner = await odoo.findOrCreatePartner(plan.partner, plan.invoiceAddress, plan.shippingAddress)
  return new StepResponse(partner)
})
