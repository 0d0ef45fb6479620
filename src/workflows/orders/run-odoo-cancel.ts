import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { describePushError } from "../../lib/odoo-orders/push-error"
import { cancelOdooOrderWorkflow } from "./cancel-odoo-order"
import { recordOdooCancelFailureWorkflow } from "./record-odoo-cancel-failure"

/** Starts the cancellation of an order's Odoo order; a failure is recorded for the job to retry. Never throws. */
export async function runOdooCancel(container: MedusaContainer, orderId: string): Promise<{ ok: boolean; outcome?: string }> {
  try {
    const { result } = await cancelOdooOrderWorkflow(container).run({ input: { order_id: orderId } })
    return { ok: true, outcome: result.outcome }
  } catch (error) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const described = describePushError(error)
    logger.warn(`Order ${orderId}: its Odoo order was not cancelled (the order-push job retries): ${described.message}`)
    await recordOdooCancelFailureWorkflow(container)
      .run({ input: { order_id: orderId, error: described } })
      .catch((recordError: unknown) => {
        logger.error(`Order ${orderId}: the cancel failure could not be recorded: ${describePushError(recordError).message}`)
      })
    return { ok: false }
  }
}
