import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { SYNC_RUN_FIELDS } from "./query-config"

/** POST /admin/odoo/sync */
export const AdminStartOdooSync = z
  .object({
    full: z.boolean().optional().default(false),
    dry_run: z.boolean().optional().default(false),
    /** Only these Odoo product.template ids ("Sync this product now"). */
    template_ids: z.array(z.number().int().positive()).min(1).max(100).optional(),
    /** Confirms a run that drafts or deletes more than ODOO_MAX_REMOVAL_SHARE of the products. */
    allow_mass_removal: z.boolean().optional().default(false),
    /** Which sync: the products (default) or the stock. */
    kind: z.enum(["product", "stock"]).optional().default("product"),
  })
  .strict()
  .refine((body) => body.kind === "product" || body.template_ids === undefined, {
    message: "template_ids applies to the product sync only, not to kind stock",
    path: ["template_ids"],
  })
export type AdminStartOdooSyncType = z.infer<typeof AdminStartOdooSync>

/** Largest page of the run history: a run's report (skipped records) can be large. */
export const MAX_SYNC_RUNS_LIMIT = 100

/**
 * An integer query parameter within bounds ("20" → 20). Medusa's own offset/limit accept
 * negative numbers, which reach the database as an invalid OFFSET/LIMIT (a 500).
 */
const boundedInteger = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z.number().int().min(min).max(max).optional().default(fallback)
  )

/**
 * `?fields=` of a run: its own fields only ("counts", "+error", "-plan"). Medusa would drop an
 * unknown one silently; naming it in a 400 tells the caller about the typo.
 */
const syncRunFields = z.string().superRefine((value, context) => {
  const unknown = value
    .split(",")
    .map((field) => field.trim().replace(/^[+-]/, ""))
    .filter((field) => !SYNC_RUN_FIELDS.includes(field))
  if (unknown.length) {
    context.addIssue({
      code: "custom",
      message: `unknown field(s) ${unknown.map((field) => `'${field}'`).join(", ")}; a sync run has ${SYNC_RUN_FIELDS.join(", ")}`,
    })
  }
})

/** GET /admin/odoo/sync-runs */
export const AdminGetOdooSyncRunsParams = createFindParams({ offset: 0, limit: 20, order: "-started_at" }).extend({
  fields: syncRunFields.optional(),
  offset: boundedInteger(0, Number.MAX_SAFE_INTEGER, 0),
  limit: boundedInteger(1, MAX_SYNC_RUNS_LIMIT, 20),
  status: z.enum(["running", "succeeded", "failed", "interrupted"]).optional(),
  trigger: z.enum(["scheduled", "admin", "cli", "demo"]).optional(),
  kind: z.enum(["product", "stock"]).optional(),
})
export type AdminGetOdooSyncRunsParamsType = z.infer<typeof AdminGetOdooSyncRunsParams>

/** GET /admin/odoo/sync-runs/:id */
export const AdminGetOdooSyncRunParams = createSelectParams().extend({ fields: syncRunFields.optional() })

/** GET /admin/odoo/status: takes no parameters. */
export const AdminGetOdooStatusParams = z.object({}).strict()

/** GET /admin/odoo/products: synced products, by template ids ("1,2,3") and status. */
export const AdminGetOdooProductsParams = z
  .object({
    template_ids: z
      .string()
      .regex(/^\d+(,\d+)*$/, { message: "template_ids must be Odoo template ids separated by commas, e.g. 12,40" })
      .transform((text) => text.split(",").map(Number))
      .optional(),
    status: z.enum(["draft", "published", "proposed", "rejected"]).optional(),
    offset: boundedInteger(0, Number.MAX_SAFE_INTEGER, 0),
    limit: boundedInteger(1, 200, 50),
  })
  .strict()
export type AdminGetOdooProductsParamsType = z.infer<typeof AdminGetOdooProductsParams>

/** POST /admin/odoo/orders/:id/push and /abandon: no body. */
export const AdminOdooOrderAction = z.object({}).strict()
export type AdminOdooOrderActionType = z.infer<typeof AdminOdooOrderAction>
