import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ODOO_MODULE } from "../../../modules/odoo/constants"

type HistoryQuery = {
  fields: string[]
  filters: Record<string, unknown>
  skip: number
  take: number
}

/**
 * The run history read straight from its table when the Odoo module is off (no ODOO_*): the runs
 * an earlier configuration (the demo) recorded stay readable. Empty when the table was never created.
 */
export async function readSyncRunsWithoutModule(
  scope: MedusaContainer,
  query: HistoryQuery
): Promise<{ runs: Record<string, unknown>[]; count: number }> {
  const knex: Knex = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  if (!(await knex.schema.hasTable("odoo_sync_run"))) return { runs: [], count: 0 }
  const filters = Object.fromEntries(
    Object.entries(query.filters).filter(([key, value]) => ["id", "kind", "status", "trigger"].includes(key) && typeof value === "string")
  )
  const base = knex("odoo_sync_run").where(filters).whereNull("deleted_at")
  const [{ count }] = await base.clone().count<{ count: string }[]>("id as count")
  const runs = await base.select(query.fields).orderBy("started_at", "desc").offset(query.skip).limit(query.take)
  return { runs: runs as Record<string, unknown>[], count: Number(count) }
}

export function isOdooModuleOn(scope: MedusaContainer): boolean {
  return scope.hasRegistration(ODOO_MODULE)
}
