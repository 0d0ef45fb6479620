import { model } from "@medusajs/framework/utils"

/** One sync run (`kind`: product or stock): who started it, how it went, and what it did. */
export const OdooSyncRun = model
  .define("odoo_sync_run", {
    id: model.id({ prefix: "osrun" }).primaryKey(),
    /** Which sync: "product" or "stock" (text, so that later kinds need no migration). */
    kind: model.text().default("product"),
    trigger: model.enum(["scheduled", "admin", "cli", "demo"]),
    status: model.enum(["running", "succeeded", "failed", "interrupted"]).default("running"),
    full: model.boolean().default(false),
    dry_run: model.boolean().default(false),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    counts: model.json().nullable(),
    progress: model.json().nullable(),
    skipped: model.json().nullable(),
    plan: model.json().nullable(),
    odoo_stats: model.json().nullable(),
    error: model.json().nullable(),
    /** Until when the run's process holds the sync lock; renewed while it runs, stale once passed. */
    lease_expires_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["status"] }, { on: ["started_at"] }, { on: ["kind", "started_at"] }])
