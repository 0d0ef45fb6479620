import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { beginProductSync, SyncAlreadyRunningError } from "../../../../lib/odoo-sync/start-sync"
import { beginStockSync, StockSyncAlreadyRunningError } from "../../../../lib/odoo-stock/start-stock-sync"
import { assertOdooConfigured } from "../helpers"
import type { AdminStartOdooSyncType } from "../validators"

/** Starts a product (or, with kind "stock", a stock) sync in the background: 202 with the run id, 409 while one runs. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStartOdooSyncType>, res: MedusaResponse) => {
  assertOdooConfigured(req.scope)
  let begun: { runId: string; execute: () => Promise<unknown> }
  try {
    begun =
      req.validatedBody.kind === "stock"
        ? await beginStockSync(req.scope, { trigger: "admin", full: req.validatedBody.full, dryRun: req.validatedBody.dry_run })
        : await beginProductSync(req.scope, {
            trigger: "admin",
            full: req.validatedBody.full,
            dryRun: req.validatedBody.dry_run,
            templateIds: req.validatedBody.template_ids,
            allowMassRemoval: req.validatedBody.allow_mass_removal,
          })
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError || error instanceof StockSyncAlreadyRunningError) {
      // Answered here: Medusa's error handler replaces a CONFLICT's message with one about
      // idempotency keys, which would not say why the sync did not start.
      res.status(409).json({
        type: MedusaError.Types.CONFLICT,
        message: `${error.message}: see GET /admin/odoo/sync-runs?status=running`,
      })
      return
    }
    throw error
  }
  // The run records its own outcome; nobody awaits it here.
  void begun.execute().catch(() => undefined)
  res.status(202).json({ run_id: begun.runId })
}
