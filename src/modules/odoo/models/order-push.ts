import { model } from "@medusajs/framework/utils"

/**
 * One Medusa order's way to Odoo: whether its sale order exists there (and which), the attempts
 * made, when the retry job tries again, the last error, and what came back (cancellation,
 * deliveries turned into fulfillments).
 */
export const OdooOrderPush = model
  .define("odoo_order_push", {
    id: model.id({ prefix: "oopush" }).primaryKey(),
    order_id: model.text().unique(),
    /** pending: to push; pushing: an attempt runs; pushed: in Odoo; failed: retried later; abandoned: an admin gave up. */
    status: model.enum(["pending", "pushing", "pushed", "failed", "abandoned"]).default("pending"),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    last_attempt_at: model.dateTime().nullable(),
    pushed_at: model.dateTime().nullable(),
    last_error: model.json().nullable(),
    odoo_sale_order_id: model.number().nullable(),
    odoo_sale_order_name: model.text().nullable(),
    odoo_partner_id: model.number().nullable(),
    odoo_state: model.text().nullable(),
    /** none, cancelled (in Odoo), delivered (could not cancel: reported), failed (retried by the job). */
    cancel_status: model.enum(["none", "requested", "cancelled", "delivered", "failed"]).default("none"),
    cancel_error: model.json().nullable(),
    /** Odoo pickings already turned into Medusa fulfillments: `{ ids: number[] }`. */
    fulfilled_picking_ids: model.json().nullable(),
  })
  .indexes([{ on: ["status", "next_attempt_at"] }, { on: ["odoo_sale_order_id"] }])
