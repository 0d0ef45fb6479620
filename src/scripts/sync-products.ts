import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../modules/odoo/constants"
import type OdooModuleService from "../modules/odoo/service"
import { parseSyncArgs, renderProgressBar } from "../lib/odoo-sync/sync-cli"
import { notWrittenHeading, notWrittenLine } from "../lib/odoo-sync/not-written"
import { beginProductSync } from "../lib/odoo-sync/start-sync"
import { beginStockSync } from "../lib/odoo-stock/start-stock-sync"

/**
 * `npm run sync [-- --full] [-- --dry-run]`: one product sync from Odoo, with a progress bar on
 * a terminal and plain log lines otherwise; `-- --stock` syncs stock instead. Exits 1 when the
 * sync fails.
 */
export default async function syncProducts({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const isStockWord = (arg: string) => arg.replace(/^--/, "") === "stock"
  const stock = (args ?? []).some(isStockWord)
  const { full, dryRun } = parseSyncArgs((args ?? []).filter((arg) => !isStockWord(arg)))
  if (!container.hasRegistration(ODOO_MODULE)) {
    throw new Error("The Odoo integration is off: set ODOO_URL, ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY.")
  }
  if (stock) {
    const report = await (await beginStockSync(container, { trigger: "cli", full, dryRun })).execute()
    for (const skip of report.skipped) logger.warn(`  ${skip.model} ${skip.odoo_id}: ${skip.reason}`)
    for (const notice of report.plan.unit_notices) logger.warn(`  ${notice.model} ${notice.odoo_id}: ${notice.notice}`)
    return
  }
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const { runId, execute } = await beginProductSync(container, { trigger: "cli", full, dryRun })

  // The bar is redrawn on a line of its own when a page is done: Medusa's logger writes its own
  // lines meanwhile, and a bar redrawn in place would be torn by them.
  const interactive = process.stdout.isTTY === true
  let pagesShown = -1
  const showProgress = async () => {
    const [run] = await odoo.listOdooSyncRuns({ id: runId })
    const progress = (run?.progress ?? null) as { pages_done: number; pages_total: number; products: number } | null
    if (progress && progress.pages_done !== pagesShown) {
      pagesShown = progress.pages_done
      process.stdout.write(`${renderProgressBar(progress.pages_done, progress.pages_total, progress.products)}\n`)
    }
  }
  const timer = interactive ? setInterval(showProgress, 500) : undefined
  try {
    const report = await execute()
    if (interactive) await showProgress()
    if (dryRun && report.plan) {
      logger.info(`Dry run, nothing written. Plan: ${JSON.stringify(report.plan)}`)
    }
    const heading = notWrittenHeading(report.skipped)
    if (heading) {
      logger.warn(`${heading}:`)
      for (const entry of report.skipped) logger.warn(notWrittenLine(entry))
    }
  } finally {
    if (timer) clearInterval(timer)
  }
}
