import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { unfinishedTemplateIds } from "../../lib/odoo-sync/run-report"

export const readUnfinishedWritesStepId = "read-unfinished-odoo-writes"

/**
 * The templates whose page a run was writing when it failed or was killed, since the last run
 * that succeeded. Medusa writes a product, its variants, prices and links in separate steps,
 * so a killed process can leave a product with its new hash but not all of it: these are
 * written again whatever their hashes say.
 */
export const readUnfinishedWritesStep = createStep(readUnfinishedWritesStepId, async (_input: void, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const [lastSucceeded] = await odoo.listOdooSyncRuns(
    { status: "succeeded", dry_run: false, kind: "product" },
    { select: ["started_at"], order: { started_at: "DESC" }, take: 1 }
  )
  const cutShort = await odoo.listOdooSyncRuns(
    {
      status: ["failed", "interrupted"],
      dry_run: false,
      kind: "product",
      ...(lastSucceeded ? { started_at: { $gt: lastSucceeded.started_at } } : {}),
    },
    { select: ["progress"] }
  )
  return new StepResponse(unfinishedTemplateIds(cutShort.map((run) => run.progress)))
})
