import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { beginStockSyncWorkflow } from "../../workflows/begin-stock-sync"
import { failStockSyncWorkflow } from "../../workflows/fail-stock-sync"
import { syncInventoryFromOdooWorkflow } from "../../workflows/sync-inventory-from-odoo"
import type { SyncTrigger } from "../odoo-sync/constants"
import { describeSyncFailure } from "../odoo-sync/messages"
import { diffOdooStats } from "../odoo-sync/odoo-stats"
import { isLockConflict, syncLockTtlSeconds, withSyncLease } from "../odoo-sync/sync-lock"
import { formatStockFinishedLine } from "./run-report"

export type StartStockSyncOptions = { trigger: SyncTrigger; full?: boolean; dryRun?: boolean }

/** Another run holds the stock sync lock. */
export class StockSyncAlreadyRunningError extends Error {
  constructor() {
    super("An Odoo stock sync is already running")
    this.name = "StockSyncAlreadyRunningError"
  }
}


/**
 * Begins a stock run: takes the stock lock and records the run (kind "stock") with a lease, or
 * throws StockSyncAlreadyRunningError (another stock run holds the lock or a live lease).
 * Returns the run id and a function that performs the sync.
 */
export async function beginStockSync(container: MedusaContainer, options: StartStockSyncOptions) {
  const runId = generateEntityId(undefined, "osrun")
  const full = options.full ?? false
  const dryRun = options.dryRun ?? false
  const { errors } = await beginStockSyncWorkflow(container).run({
    input: { run_id: runId, trigger: options.trigger, full, dry_run: dryRun, lock_ttl_seconds: syncLockTtlSeconds(container) },
    throwOnError: false,
  })
  if (errors.length) {
    if (isLockConflict(errors[0].error)) throw new StockSyncAlreadyRunningError()
    throw errors[0].error
  }
  return { runId, execute: () => executeStockSync(container, { runId, full, dryRun }) }
}

type BegunStockRun = { runId: string; full: boolean; dryRun: boolean }

/** Runs a begun stock run under its lease (see withSyncLease). */
function executeStockSync(container: MedusaContainer, run: BegunStockRun) {
  return withSyncLease(container, run.runId, "stock", () => settleStockSync(container, run))
}

/** Runs the stock workflow; on failure records it with the reason, releases the lock, throws. */
async function settleStockSync(container: MedusaContainer, run: BegunStockRun) {
  const logger: Logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const statsBefore = odoo.client.stats()
  const started = Date.now()
  logger.info(`🔄 Starting Odoo stock sync… (${run.full ? "full" : "incremental"}${run.dryRun ? ", dry run" : ""})`)
  const { result, errors } = await syncInventoryFromOdooWorkflow(container).run({
    input: { run_id: run.runId, full: run.full, dry_run: run.dryRun },
    throwOnError: false,
  })
  if (!errors.length) {
    logger.info(formatStockFinishedLine(result.counts, Date.now() - started))
    return result
  }
  const failure = describeSyncFailure(errors[0].error, { url: odoo.getSyncOptions().url })
  logger.error(`❌ Stock sync failed: ${failure.message}${failure.hint ? ` (${failure.hint})` : ""}`)
  await failStockSyncWorkflow(container).run({
    input: { run_id: run.runId, error: failure, odoo_stats: diffOdooStats(statsBefore, odoo.client.stats()) },
  })
  const error = new Error(failure.message)
  error.name = failure.name ?? "OdooStockSyncError"
  throw error
}
