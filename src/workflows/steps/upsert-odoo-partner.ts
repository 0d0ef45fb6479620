import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PartnerPlan } from "../../lib/odoo-orders/types"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type UpsertOdooPartnerStepInput = { plan: PartnerPlan | null }

export const upsertOdooPartnerStepId = "upsert-odoo-partner"

/**
 * The customer's partner in Odoo (by stored link, then email) gets its name, email, phone and
 * address, or is created. Not undone: the sync never deletes an Odoo partner.
 */
export const upsertOdooPartnerStep = createStep(upsertOdooPartnerStepId, async (input: UpsertOdooPartnerStepInput, { container }) => {
  if (!input.plan) return new StepResponse(null)
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  return new StepResponse(await odoo.upsertCustomerPartner(input.plan))
})
