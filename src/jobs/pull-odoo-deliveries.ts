import type { MedusaContainer } from "@medusajs/framework/types"
import { ODOO_MODULE } from "../modules/odoo/constants"
import { runDeliveryPull } from "../workflows/orders/run-delivery-pull"

/** Deliveries done in Odoo become fulfillments (with tracking) of their Medusa orders. */
export default async function pullOdooDeliveriesJob(container: MedusaContainer) {
  if (!container.hasRegistration(ODOO_MODULE)) return
  await runDeliveryPull(container).catch(() => undefined)
}

export const config = {
  name: "odoo-order-deliveries",
  schedule: "*/5 * * * *",
}
