import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { describePushError } from "../../lib/odoo-orders/push-error"
import { pushOrderToOdooWorkflow } from "./push-order-to-odoo"
import { recordOrderPushFailureWorkflow } from "./record-order-push-failure"

export type OrderPushOutcome =
  | { ok: true; sale_order_id: number; sale_order_name: string; created: boolean }
  | { ok: false; error: { name: string; message: string } }

/**
 * Starts the push of one order and, when it fails, the workflow that records why and when the
 * retry job tries again. Never throws: an order is placed in Medusa whatever Odoo does.
 */
export async function runOrderPush(container: MedusaContainer, orderId: string): Promise<OrderPushOutcome> {
  try {
    const { result } = await pushOrderToOdooWorkflow(container).run({ input: { order_id: orderId } })
    return { ok: true, sale_order_id: result.sale_order.id, sale_order_name: result.sale_order.name, created: result.created }
  } catch (error) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const described = describePushError(error)
    logger.warn(`Order ${orderId} not pushed to Odoo (the order-push job retries it): ${described.message}`)
    await recordOrderPushFailureWorkflow(container)
      .run({ input: { order_id: orderId, error: described, failed_at: new Date() } })
      .catch((recordError: unknown) => {
        logger.error(`Order ${orderId}: the push failure could not be recorded: ${describePushError(recordError).message}`)
      })
    return { ok: false, error: described }
  }
}
