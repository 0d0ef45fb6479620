import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ODOO_MODULE } from "../../../../modules/odoo/constants"
import type OdooModuleService from "../../../../modules/odoo/service"

/** Whether Odoo is configured and reachable, as whom, and how the last run went. Never the key. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  if (!req.scope.hasRegistration(ODOO_MODULE)) {
    res.json({ configured: false, reachable: false, api_key_set: false, last_run: null })
    return
  }
  const odoo: OdooModuleService = req.scope.resolve(ODOO_MODULE)
  const [connection, [lastRun]] = await Promise.all([
    odoo.checkConnection(),
    odoo.listOdooSyncRuns({}, { order: { started_at: "DESC" }, take: 1 }),
  ])
  const options = odoo.getSyncOptions()
  res.json({
    configured: true,
    url: options.url,
    database: options.dbName,
    username: options.username,
    api_key_set: true,
    ...connection,
    last_run: lastRun ?? null,
  })
}
