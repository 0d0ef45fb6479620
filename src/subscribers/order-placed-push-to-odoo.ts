import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ODOO_MODULE } from "../modules/odoo/constants"
import { runOrderPush } from "../workflows/orders/run-order-push"

/** A placed order is pushed to Odoo; a failure is recorded for the order-push job to retry. */
export default async function orderPlacedPushToOdoo({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!container.hasRegistration(ODOO_MODULE)) return
  await runOrderPush(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: "order.placed",
}
