import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export const DELIVERY_CURSOR_NAME = "order-deliveries"

export type ReadOdooDeliveriesStepInput = { limit?: number }

export const readOdooDeliveriesStepId = "read-odoo-deliveries"

/**
 * Odoo's done deliveries of Medusa orders written since the cursor's mark (read again from that
 * second on: the pushes remember which pickings they have turned into fulfillments).
 */
export const readOdooDeliveriesStep = createStep(readOdooDeliveriesStepId, async (input: ReadOdooDeliveriesStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const [cursor] = await odoo.listOdooSyncCursors({ name: DELIVERY_CURSOR_NAME })
  const marks = (cursor?.marks ?? {}) as { write_date?: string }
  const deliveries = await odoo.readDoneDeliveries(marks.write_date ?? null, input.limit)
  return new StepResponse({ since: marks.write_date ?? null, deliveries })
})
