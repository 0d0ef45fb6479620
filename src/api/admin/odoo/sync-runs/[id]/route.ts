import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isOdooModuleOn, readSyncRunsWithoutModule } from "../../sync-run-history"

/** One sync run with its counts, skipped records, Odoo calls and error. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  let data: unknown[]
  if (isOdooModuleOn(req.scope)) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    ;({ data } = await query.graph({
      entity: "odoo_sync_run",
      fields: req.queryConfig.fields,
      filters: { id: req.params.id },
    }))
  } else {
    ;({ runs: data } = await readSyncRunsWithoutModule(req.scope, {
      fields: req.queryConfig.fields,
      filters: { id: req.params.id },
      skip: 0,
      take: 1,
    }))
  }
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sync run ${req.params.id} was not found`)
  }
  res.json({ sync_run: data[0] })
}
