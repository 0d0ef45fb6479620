import type { MedusaContainer } from "@medusajs/framework/types"
import { ODOO_MODULE } from "../modules/odoo/constants"
import type OdooModuleService from "../modules/odoo/service"
import { runOrderPush } from "../workflows/orders/run-order-push"

/** Pushes per run, oldest due first: a long outage is worked off over a few runs. */
export const ORDER_PUSH_BATCH = 50

/**
 * Retries the pushes that failed (or never ran) once their next attempt is due; each push finds an
 * order Odoo already has by its client_order_ref, so none is created twice.
 */
export default async function pushOrdersToOdooJob(container: MedusaContainer) {
  if (!container.hasRegistration(ODOO_MODULE)) return
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const due = await odoo.listOdooOrderPushes(
    { status: ["pending", "failed"], $or: [{ next_attempt_at: null }, { next_attempt_at: { $lte: new Date() } }] },
    { order: { next_attempt_at: "ASC" }, take: ORDER_PUSH_BATCH, select: ["order_id"] }
  )
  for (const push of due) {
    await runOrderPush(container, push.order_id)
  }
}

export const config = {
  name: "order-push",
  schedule: "*/2 * * * *",
}
