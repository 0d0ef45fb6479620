import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"

/** POST /admin/odoo/sync */
export const AdminStartOdooSync = z
  .object({
    full: z.boolean().optional().default(false),
    dry_run: z.boolean().optional().default(false),
  })
  .strict()
export type AdminStartOdooSyncType = z.infer<typeof AdminStartOdooSync>

/** GET /admin/odoo/sync-runs */
export const AdminGetOdooSyncRunsParams = createFindParams({ offset: 0, limit: 20, order: "-started_at" }).extend({
  status: z.enum(["running", "succeeded", "failed", "interrupted"]).optional(),
  trigger: z.enum(["scheduled", "admin", "cli", "demo"]).optional(),
})
export type AdminGetOdooSyncRunsParamsType = z.infer<typeof AdminGetOdooSyncRunsParams>

/** GET /admin/odoo/sync-runs/:id */
export const AdminGetOdooSyncRunParams = createSelectParams()
