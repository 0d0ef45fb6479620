import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { assertOdooConfigured } from "../../helpers"

/** One sync run with its counts, skipped records and error. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  assertOdooConfigured(req.scope)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "odoo_sync_run",
    fields: req.queryConfig.fields,
    filters: { id: req.params.id },
  })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sync run ${req.params.id} was not found`)
  }
  res.json({ sync_run: data[0] })
}
