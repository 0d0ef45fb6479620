import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../../../../../../modules/odoo/constants"
import type OdooModuleService from "../../../../../../modules/odoo/service"
import { runOrderPush } from "../../../../../../workflows/orders/run-order-push"
import { assertOdooConfigured } from "../../../helpers"
import type { AdminOdooOrderActionType } from "../../../validators"

/** "Push again": pushes the order now (exactly once: an order already in Odoo is found, not created again). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminOdooOrderActionType>, res: MedusaResponse) => {
  assertOdooConfigured(req.scope)
  const orders = req.scope.resolve("order")
  const [order] = await orders.listOrders({ id: req.params.id }, { select: ["id"], take: 1 })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id ${req.params.id} was not found`)
  const outcome = await runOrderPush(req.scope, req.params.id)
  const odoo: OdooModuleService = req.scope.resolve(ODOO_MODULE)
  const [push] = await odoo.listOdooOrderPushes({ order_id: req.params.id }, { take: 1 })
  res.status(outcome.ok ? 200 : 502).json({ outcome, order_push: push ?? null })
}
