import type { MedusaContainer } from "@medusajs/framework/types"
import { ODOO_MODULE } from "../modules/odoo/constants"
import type OdooModuleService from "../modules/odoo/service"
import { runOdooCancel } from "../workflows/orders/run-odoo-cancel"
import { runOrderPush } from "../workflows/orders/run-order-push"

/** Pushes per run, oldest due first: a long outage is worked off over a few runs. */
export const ORDER_PUSH_BATCH = 50
/** A push still "pushing" after this long was interrupted. */
export const STALE_PUSH_MS = 10 * 60_000

/**
 * Retries the pushes that failed (or never ran) once their next attempt is due; each push finds an
 * order Odoo already has by its client_order_ref, so none is created twice.
 */
export default async function pushOrdersToOdooJob(container: MedusaContainer) {
  if (!container.hasRegistration(ODOO_MODULE)) return
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const now = new Date()
  const select = { take: ORDER_PUSH_BATCH, select: ["order_id"] }
  const [due, neverScheduled, interrupted] = await Promise.all([
    odoo.listOdooOrderPushes({ status: ["pending", "failed"], next_attempt_at: { $lte: now } }, { ...select, order: { next_attempt_at: "ASC" } }),
    odoo.listOdooOrderPushes({ status: ["pending", "failed"], next_attempt_at: null }, select),
    // An attempt cut short (the process was killed mid-push) leaves "pushing" behind.
    odoo.listOdooOrderPushes({ status: "pushing", last_attempt_at: { $lte: new Date(now.getTime() - STALE_PUSH_MS) } }, select),
  ])
  const orderIds = [...new Set([...due, ...neverScheduled, ...interrupted].map((push) => push.order_id))].slice(0, ORDER_PUSH_BATCH)
  for (const orderId of orderIds) {
    await runOrderPush(container, orderId)
  }
  // Cancellations that Odoo did not take (it was down) are tried again too.
  const cancellations = await odoo.listOdooOrderPushes({ cancel_status: "failed" }, { take: ORDER_PUSH_BATCH, select: ["order_id"] })
  for (const push of cancellations) {
    await runOdooCancel(container, push.order_id)
  }
}

export const config = {
  name: "order-push",
  schedule: "*/2 * * * *",
}
