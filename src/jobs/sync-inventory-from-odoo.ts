import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../modules/odoo/constants"
import { scheduleFromEnv } from "../lib/odoo-sync/schedule"
import { beginStockSync, StockSyncAlreadyRunningError } from "../lib/odoo-stock/start-stock-sync"

let reportedOff = false

/** The stock sync from Odoo: incremental every 15 minutes, a full comparison once a day. */
export default async function syncInventoryFromOdooJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!container.hasRegistration(ODOO_MODULE)) {
    if (!reportedOff) {
      reportedOff = true
      logger.info("Odoo stock sync job skipped: the Odoo integration is off (ODOO_* variables not set).")
    }
    return
  }
  let begun: Awaited<ReturnType<typeof beginStockSync>>
  try {
    begun = await beginStockSync(container, { trigger: "scheduled" })
  } catch (error) {
    if (error instanceof StockSyncAlreadyRunningError) {
      logger.info("Odoo stock sync job skipped: another stock sync is still running.")
    } else {
      logger.error(`❌ Stock sync could not start: ${error instanceof Error ? error.message : String(error)}`)
    }
    return
  }
  // A failure is logged and recorded on the run by the sync itself.
  await begun.execute().catch(() => undefined)
}

export const config = {
  name: "inventory-sync",
  // ODOO_STOCK_SYNC_CRON overrides the default (every 15 minutes) without a code change.
  schedule: scheduleFromEnv("*/15 * * * *", "ODOO_STOCK_SYNC_CRON"),
}
