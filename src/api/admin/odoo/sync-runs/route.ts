import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { assertOdooConfigured } from "../helpers"
import type { AdminGetOdooSyncRunsParamsType } from "../validators"

/** The history of sync runs, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetOdooSyncRunsParamsType>, res: MedusaResponse) => {
  assertOdooConfigured(req.scope)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sync_runs, metadata } = await query.graph({
    entity: "odoo_sync_run",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ sync_runs, count: metadata?.count ?? 0, offset: metadata?.skip ?? 0, limit: metadata?.take ?? 0 })
}
