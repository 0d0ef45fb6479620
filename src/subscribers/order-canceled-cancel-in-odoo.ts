import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ODOO_MODULE } from "../modules/odoo/constants"
import { runOdooCancel } from "../workflows/orders/run-odoo-cancel"

/** An order cancelled in Medusa is cancelled in Odoo (unless delivered there: then reported on its push). */
export default async function orderCanceledCancelInOdoo({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!container.hasRegistration(ODOO_MODULE)) return
  await runOdooCancel(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: "order.canceled",
}
