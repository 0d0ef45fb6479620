import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type RecordOdooCancelFailureStepInput = { order_id: string; error: { name: string; message: string } }

type Previous =
  | { id: string; created: true }
  | { id: string; cancel_status: "none" | "requested" | "cancelled" | "delivered" | "failed"; cancel_error: Record<string, unknown> | null }

export const recordOdooCancelFailureStepId = "record-odoo-cancel-failure"

/** A cancellation Odoo did not take (down, refused): kept for the order-push job to try again. */
export const recordOdooCancelFailureStep = createStep(
  recordOdooCancelFailureStepId,
  async (input: RecordOdooCancelFailureStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const [push] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
    if (!push) {
      const created = await odoo.createOdooOrderPushes({ order_id: input.order_id, cancel_status: "failed", cancel_error: input.error })
      return new StepResponse(created, { id: created.id, created: true } as Previous)
    }
    const updated = await odoo.updateOdooOrderPushes({ id: push.id, cancel_status: "failed", cancel_error: input.error })
    return new StepResponse(updated, { id: push.id, cancel_status: push.cancel_status, cancel_error: push.cancel_error } as Previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    if ("created" in previous) await odoo.deleteOdooOrderPushes(previous.id)
    else await odoo.updateOdooOrderPushes(previous)
  }
)
