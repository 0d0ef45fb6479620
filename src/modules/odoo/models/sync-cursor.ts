import { model } from "@medusajs/framework/utils"

/** Where the next incremental run starts: Odoo write_date high-water marks per model. */
export const OdooSyncCursor = model.define("odoo_sync_cursor", {
  id: model.id({ prefix: "oscur" }).primaryKey(),
  name: model.text().unique(),
  marks: model.json(),
  run_id: model.text().nullable(),
})
