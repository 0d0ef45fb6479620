import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export const readOdooStatsStepId = "read-odoo-client-stats"

/**
 * A snapshot of the Odoo client's counters (requests, retries, bytes, per call). A run reads
 * them when it starts and when it ends; the difference is what the run asked of Odoo.
 */
export const readOdooStatsStep = createStep(readOdooStatsStepId, async (_input: void, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  return new StepResponse(odoo.client.stats())
})
