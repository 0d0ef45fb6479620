import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type BeginOrderPushStepInput = { order_id: string }

type PushStatus = "pending" | "pushing" | "pushed" | "failed" | "abandoned"
type PushSnapshot = { id: string; status: PushStatus }

export const beginOrderPushStepId = "begin-odoo-order-push"

/** Marks the order's push record as pushing (created on the first attempt) and counts the attempt. */
export const beginOrderPushStep = createStep(
  beginOrderPushStepId,
  async (input: BeginOrderPushStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const now = new Date()
    const [existing] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
    if (!existing) {
      const push = await odoo.createOdooOrderPushes({ order_id: input.order_id, status: "pushing", attempts: 1, last_attempt_at: now })
      return new StepResponse(push, { id: push.id, status: "pending" } as PushSnapshot)
    }
    const push = await odoo.updateOdooOrderPushes({
      id: existing.id,
      // A pushed order stays pushed: the push runs again only to find it (a replayed event).
      status: existing.status === "pushed" ? "pushed" : "pushing",
      attempts: existing.attempts + 1,
      last_attempt_at: now,
    })
    return new StepResponse(push, { id: existing.id, status: existing.status } as PushSnapshot)
  },
  async (snapshot, { container }) => {
    if (!snapshot) return
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    // The attempt counts even when it failed; the caller records the error, "failed" and the next attempt together.
    await odoo.updateOdooOrderPushes({ id: snapshot.id, status: snapshot.status })
  }
)
