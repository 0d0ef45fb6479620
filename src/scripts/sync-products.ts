import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MultiBar, Presets } from "cli-progress"
import { ODOO_MODULE } from "../modules/odoo/constants"
import type OdooModuleService from "../modules/odoo/service"
import { listIds } from "../lib/odoo-sync/messages"
import { notWrittenHeading, notWrittenLine } from "../lib/odoo-sync/not-written"
import { parseSyncArgs } from "../lib/odoo-sync/sync-cli"
import { beginProductSync } from "../lib/odoo-sync/start-sync"
import { beginStockSync } from "../lib/odoo-stock/start-stock-sync"

type RunProgress = { pages_done: number; pages_total: number; products: number }

/**
 * A progress bar redrawn in place on a terminal (cli-progress, on stderr); the lines Medusa's
 * logger writes meanwhile are printed above the bar instead of tearing it. Null off a terminal.
 */
function terminalProgress() {
  if (!process.stdout.isTTY || !process.stderr.isTTY) return null
  const bars = new MultiBar(
    { format: "{bar} {value}/{total} pages, {products} products", hideCursor: true, stream: process.stderr, clearOnComplete: false },
    Presets.shades_classic
  )
  const bar = bars.create(1, 0, { products: 0 })
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    bars.log(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString())
    return true
  }) as typeof process.stdout.write
  return {
    update(progress: RunProgress) {
      bar.setTotal(Math.max(1, progress.pages_total))
      bar.update(progress.pages_done, { products: progress.products })
    },
    stop() {
      bars.stop()
      process.stdout.write = write
    },
  }
}

/**
 * `npm run sync [-- --full] [-- --dry-run]`: one product sync from Odoo, with a progress bar on
 * a terminal and plain log lines otherwise; `-- --stock` syncs stock instead. Exits 1 when the
 * sync fails.
 */
export default async function syncProducts({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const isStockWord = (arg: string) => arg.replace(/^--/, "") === "stock"
  const stock = (args ?? []).some(isStockWord)
  const { full, dryRun, allowMassRemoval, trigger } = parseSyncArgs((args ?? []).filter((arg) => !isStockWord(arg)))
  if (!container.hasRegistration(ODOO_MODULE)) {
    throw new Error("The Odoo integration is off: set ODOO_URL, ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY.")
  }
  if (stock) {
    const report = await (await beginStockSync(container, { trigger, full, dryRun })).execute()
    for (const skip of report.skipped) logger.warn(`  ${skip.model} ${skip.odoo_id}: ${skip.reason}`)
    for (const notice of report.plan.unit_notices) logger.warn(`  ${notice.model} ${notice.odoo_id}: ${notice.notice}`)
    return
  }
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const { runId, execute } = await beginProductSync(container, { trigger, full, dryRun, allowMassRemoval })

  const progress = terminalProgress()
  const showProgress = async () => {
    const [run] = await odoo.listOdooSyncRuns({ id: runId })
    if (run?.progress) progress?.update(run.progress as RunProgress)
  }
  const timer = progress ? setInterval(() => void showProgress().catch(() => undefined), 300) : undefined
  try {
    const report = await execute()
    if (progress) await showProgress()
    clearInterval(timer)
    progress?.stop()
    const plan = report.plan as { create?: string[]; update?: string[]; unchanged?: string[] } | null
    if (dryRun && plan) {
      logger.info(`Dry run, nothing was written. Would create (Odoo template ids): ${listIds(plan.create ?? [])}`)
      logger.info(`Would update: ${listIds(plan.update ?? [])}`)
      logger.info(`Unchanged: ${(plan.unchanged ?? []).length} (every id: GET /admin/odoo/sync-runs/${runId})`)
    }
    const heading = notWrittenHeading(report.skipped)
    if (heading) {
      logger.warn(`${heading}:`)
      for (const entry of report.skipped) logger.warn(notWrittenLine(entry))
    }
  } finally {
    clearInterval(timer)
    progress?.stop()
  }
}
