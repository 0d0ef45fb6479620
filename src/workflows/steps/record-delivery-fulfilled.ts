import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { fulfilledPickingIds } from "../../lib/odoo-orders/deliveries"

export type RecordDeliveryFulfilledStepInput = { order_id: string; picking_id: number }

export const recordDeliveryFulfilledStepId = "record-odoo-delivery-fulfilled"

/** Remembers on the order's push that this Odoo picking is a Medusa fulfillment now. */
export const recordDeliveryFulfilledStep = createStep(
  recordDeliveryFulfilledStepId,
  async (input: RecordDeliveryFulfilledStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const [push] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
    if (!push) return new StepResponse(null, null)
    const previous = fulfilledPickingIds(push.fulfilled_picking_ids)
    await odoo.updateOdooOrderPushes({ id: push.id, fulfilled_picking_ids: { ids: [...new Set([...previous, input.picking_id])] } })
    return new StepResponse(null, { id: push.id, ids: previous })
  },
  async (previous, { container }) => {
    if (!previous) return
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    await odoo.updateOdooOrderPushes({ id: previous.id, fulfilled_picking_ids: { ids: previous.ids } })
  }
)
