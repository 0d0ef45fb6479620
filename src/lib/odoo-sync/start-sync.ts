import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { beginProductSyncWorkflow } from "../../workflows/begin-product-sync"
import { failProductSyncWorkflow } from "../../workflows/fail-product-sync"
import { syncFromErpWorkflow } from "../../workflows/sync-from-erp"
import type { CompleteSyncRunStepInput } from "../../workflows/steps/complete-sync-run"
import type { SyncTrigger } from "./constants"
import { describeSyncFailure, formatDryRunLine, formatFinishedLine } from "./messages"
import { diffOdooStats } from "./odoo-stats"
import { isLockConflict, syncLockTtlSeconds, withSyncLease } from "./sync-lock"

export type StartSyncOptions = {
  trigger: SyncTrigger
  full?: boolean
  dryRun?: boolean
  /** Limits the run to these Odoo templates (the admin's "Sync this product now"). */
  templateIds?: number[]
  /** Confirms a run that takes more than ODOO_MAX_REMOVAL_SHARE of the products out. */
  allowMassRemoval?: boolean
}

/** Another run holds the product sync lock. */
export class SyncAlreadyRunningError extends Error {
  constructor() {
    super("An Odoo product sync is already running")
    this.name = "SyncAlreadyRunningError"
  }
}


/**
 * Begins a run: takes the lock and records the run, or throws SyncAlreadyRunningError.
 * Returns the run id and a function that performs the sync and settles the run.
 */
export async function beginProductSync(container: MedusaContainer, options: StartSyncOptions) {
  const runId = generateEntityId(undefined, "osrun")
  const full = options.full ?? false
  const dryRun = options.dryRun ?? false
  const { errors } = await beginProductSyncWorkflow(container).run({
    input: {
      run_id: runId,
      trigger: options.trigger,
      full,
      dry_run: dryRun,
      lock_ttl_seconds: syncLockTtlSeconds(container),
    },
    throwOnError: false,
  })
  if (errors.length) {
    if (isLockConflict(errors[0].error)) {
      throw new SyncAlreadyRunningError()
    }
    throw errors[0].error
  }
  const templateIds = options.templateIds ?? null
  const allowMassRemoval = options.allowMassRemoval ?? false
  return { runId, execute: () => executeProductSync(container, { runId, full, dryRun, templateIds, allowMassRemoval }) }
}

type BegunRun = { runId: string; full: boolean; dryRun: boolean; templateIds: number[] | null; allowMassRemoval: boolean }

/** Runs the sync of a begun run under its lease (see withSyncLease). */
function executeProductSync(container: MedusaContainer, run: BegunRun): Promise<CompleteSyncRunStepInput> {
  return withSyncLease(container, run.runId, "product", () => settleProductSync(container, run))
}

/**
 * Runs the sync workflow. On failure the run is recorded as failed with the reason and what to
 * check, the lock is released, and the error is thrown again.
 */
async function settleProductSync(container: MedusaContainer, run: BegunRun): Promise<CompleteSyncRunStepInput> {
  const logger: Logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  // A succeeding run records its Odoo statistics itself; a failed one gets them from here.
  const statsBefore = odoo.client.stats()
  const started = Date.now()
  logger.info(`🔄 Starting Odoo product sync… (${run.full ? "full" : "incremental"}${run.dryRun ? ", dry run" : ""})`)
  const { result, errors } = await syncFromErpWorkflow(container).run({
    input: {
      run_id: run.runId,
      full: run.full,
      dry_run: run.dryRun,
      template_ids: run.templateIds,
      allow_mass_removal: run.allowMassRemoval,
    },
    throwOnError: false,
  })
  if (!errors.length) {
    logger.info((run.dryRun ? formatDryRunLine : formatFinishedLine)(result.counts, Date.now() - started))
    return result
  }
  const failure = describeSyncFailure(errors[0].error, { url: odoo.getSyncOptions().url })
  logger.error(`❌ Product sync failed: ${failure.message}${failure.hint ? ` (${failure.hint})` : ""}`)
  await failProductSyncWorkflow(container).run({
    input: { run_id: run.runId, error: failure, odoo_stats: diffOdooStats(statsBefore, odoo.client.stats()) },
  })
  const error = new Error(failure.message)
  error.name = failure.name ?? "OdooSyncError"
  throw error
}
