import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { abandonOrderPushWorkflow } from "../../../../../../workflows/orders/abandon-order-push"
import { assertOdooConfigured } from "../../../helpers"
import type { AdminOdooOrderActionType } from "../../../validators"

/** An admin gives up on pushing the order: the retry job leaves it alone ("Push again" still works). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminOdooOrderActionType>, res: MedusaResponse) => {
  assertOdooConfigured(req.scope)
  const { result } = await abandonOrderPushWorkflow(req.scope).run({ input: { order_id: req.params.id } })
  res.json({ order_push: result })
}
