import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../modules/odoo/constants"
import { syncSchedule } from "../lib/odoo-sync/schedule"
import { beginProductSync, SyncAlreadyRunningError } from "../lib/odoo-sync/start-sync"

let reportedOff = false

/** The nightly incremental product sync from Odoo. */
export default async function syncProductsFromErpJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!container.hasRegistration(ODOO_MODULE)) {
    if (!reportedOff) {
      reportedOff = true
      logger.info("Odoo product sync job skipped: the Odoo integration is off (ODOO_* variables not set).")
    }
    return
  }
  let begun: Awaited<ReturnType<typeof beginProductSync>>
  try {
    begun = await beginProductSync(container, { trigger: "scheduled" })
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) {
      logger.info("Odoo product sync job skipped: another sync is still running.")
    } else {
      logger.error(`❌ Product sync could not start: ${error instanceof Error ? error.message : String(error)}`)
    }
    return
  }
  // A failure is logged and recorded on the run by the sync itself.
  await begun.execute().catch(() => undefined)
}

export const config = {
  name: "daily-product-sync",
  // Change the default schedule here; ODOO_SYNC_CRON overrides it without a code change.
  schedule: syncSchedule("0 0 * * *"),
}
