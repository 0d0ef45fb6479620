import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { fulfilledPickingIds } from "../../lib/odoo-orders/deliveries"
import { describePushError } from "../../lib/odoo-orders/push-error"
import { fulfillOdooDeliveryWorkflow } from "./fulfill-odoo-delivery"
import { readOdooDeliveriesWorkflow } from "./read-odoo-deliveries"
import { saveOdooDeliveryCursorWorkflow } from "./save-odoo-delivery-cursor"

export interface DeliveryPullResult {
  read: number
  fulfilled: number
  failed: { picking: string; order_id: string; message: string }[]
}

export const DELIVERY_PULL_LOCK = "odoo-order-deliveries"

/**
 * One pull of Odoo's done deliveries, one at a time (the scheduled job and a manual run wait
 * for each other: two pulls would fulfil the same delivery twice).
 */
export async function runDeliveryPull(container: MedusaContainer): Promise<DeliveryPullResult> {
  const locking = container.resolve(Modules.LOCKING)
  return locking.execute(DELIVERY_PULL_LOCK, () => pullDeliveries(container), { timeout: 60, expire: 600 })
}

/**
 * Each done delivery not yet seen becomes a fulfillment; the cursor moves to the last write date,
 * but never past a delivery that failed (it is read again next time).
 */
async function pullDeliveries(container: MedusaContainer): Promise<DeliveryPullResult> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const { result } = await readOdooDeliveriesWorkflow(container).run({ input: {} })
  const outcome: DeliveryPullResult = { read: result.deliveries.length, fulfilled: 0, failed: [] }
  let mark: string | null = null
  let blocked = false
  for (const delivery of result.deliveries) {
    const [push] = await odoo.listOdooOrderPushes({ order_id: delivery.clientOrderRef }, { take: 1 })
    const seen = fulfilledPickingIds(push?.fulfilled_picking_ids).includes(delivery.pickingId)
    if (push && !seen) {
      try {
        await fulfillOdooDeliveryWorkflow(container).run({ input: { order_id: delivery.clientOrderRef, delivery } })
        outcome.fulfilled++
      } catch (error) {
        const { message } = describePushError(error)
        outcome.failed.push({ picking: delivery.pickingName, order_id: delivery.clientOrderRef, message })
        logger.warn(`Odoo delivery ${delivery.pickingName} of order ${delivery.clientOrderRef} not fulfilled in Medusa: ${message}`)
        blocked = true
      }
    }
    if (!blocked) mark = delivery.writeDate
  }
  if (mark && mark !== result.since) await saveOdooDeliveryCursorWorkflow(container).run({ input: { write_date: mark } })
  return outcome
}
