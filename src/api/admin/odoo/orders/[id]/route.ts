import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ODOO_MODULE } from "../../../../../modules/odoo/constants"
import type OdooModuleService from "../../../../../modules/odoo/service"
import { assertOdooConfigured } from "../../helpers"

/** The order's Odoo side: its push record (status, attempts, last error, Odoo ids) and the Odoo order's URL. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  assertOdooConfigured(req.scope)
  const odoo: OdooModuleService = req.scope.resolve(ODOO_MODULE)
  const [push] = await odoo.listOdooOrderPushes({ order_id: req.params.id }, { take: 1 })
  res.json({
    order_push: push ?? null,
    odoo_url: push?.odoo_sale_order_id ? odoo.saleOrderUrl(push.odoo_sale_order_id) : null,
  })
}
