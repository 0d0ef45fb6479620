import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isOdooModuleOn, readSyncRunsWithoutModule } from "../sync-run-history"
import type { AdminGetOdooSyncRunsParamsType } from "../validators"

/** The history of sync runs, newest first; readable whether or not the integration is on. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetOdooSyncRunsParamsType>, res: MedusaResponse) => {
  const { skip = 0, take = 20 } = req.queryConfig.pagination
  if (!isOdooModuleOn(req.scope)) {
    const { runs, count } = await readSyncRunsWithoutModule(req.scope, {
      fields: req.queryConfig.fields,
      filters: req.filterableFields,
      skip,
      take,
    })
    res.json({ sync_runs: runs, count, offset: skip, limit: take })
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sync_runs, metadata } = await query.graph({
    entity: "odoo_sync_run",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ sync_runs, count: metadata?.count ?? 0, offset: metadata?.skip ?? 0, limit: metadata?.take ?? 0 })
}
