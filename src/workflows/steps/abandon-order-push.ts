import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type AbandonOrderPushStepInput = { order_id: string }

export const abandonOrderPushStepId = "abandon-odoo-order-push"

/** Stops the retries of an order that is not in Odoo; an order already pushed cannot be abandoned. */
export const abandonOrderPushStep = createStep(
  abandonOrderPushStepId,
  async (input: AbandonOrderPushStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const [push] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
    if (!push) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} has no push to Odoo`)
    if (push.status === "pushed") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Order ${input.order_id} is in Odoo already (${push.odoo_sale_order_name}): nothing to give up`)
    }
    const updated = await odoo.updateOdooOrderPushes({ id: push.id, status: "abandoned", next_attempt_at: null })
    return new StepResponse(updated, { id: push.id, status: push.status, next_attempt_at: push.next_attempt_at })
  },
  async (previous, { container }) => {
    if (!previous) return
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    await odoo.updateOdooOrderPushes(previous)
  }
)
