import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { nextAttemptAt } from "../../lib/odoo-orders/retry-schedule"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type RecordOrderPushFailureStepInput = {
  order_id: string
  error: { name: string; message: string; [key: string]: unknown }
  /** When the attempt failed (a Date, or its ISO text once the workflow has serialised its input). */
  failed_at: Date | string
}

export const recordOrderPushFailureStepId = "record-odoo-order-push-failure"

/** Records why a push failed and when the retry job tries again (backoff on the attempts made). */
export const recordOrderPushFailureStep = createStep(
  recordOrderPushFailureStepId,
  async (input: RecordOrderPushFailureStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const [push] = await odoo.listOdooOrderPushes({ order_id: input.order_id }, { take: 1 })
    const previous = push ? { id: push.id, status: push.status, last_error: push.last_error, next_attempt_at: push.next_attempt_at } : null
    const attempts = push?.attempts ?? 1
    const values = {
      // An order already in Odoo stays pushed (e.g. a replay that lost its lock); an abandoned one stays abandoned.
      status: push && (push.status === "pushed" || push.status === "abandoned") ? push.status : ("failed" as const),
      last_error: input.error,
      next_attempt_at: nextAttemptAt(attempts, new Date(input.failed_at)),
    }
    const record = push
      ? await odoo.updateOdooOrderPushes({ id: push.id, ...values })
      : await odoo.createOdooOrderPushes({ order_id: input.order_id, attempts, last_attempt_at: new Date(input.failed_at), ...values })
    return new StepResponse(record, previous ?? { id: record.id, created: true as const })
  },
  async (previous, { container }) => {
    if (!previous) return
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    if ("created" in previous) await odoo.deleteOdooOrderPushes(previous.id)
    else await odoo.updateOdooOrderPushes(previous)
  }
)
