import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { type CatalogShape, readMappedCatalogPage } from "../../lib/odoo-sync/catalog-reader"
import type { SkippedRecord } from "../../lib/odoo-sync/constants"
import type { Clash } from "../../lib/odoo-mapping"
import { clashRecord } from "../../lib/odoo-sync/page-writes"
import type { CurrencyContext } from "../../lib/odoo-sync/plan-run"
import { withLookahead } from "../../lib/odoo-sync/lookahead"
import { formatPageLine } from "../../lib/odoo-sync/messages"
import { PageSyncError, progressBefore, summarisePages, type PageOutcome } from "../../lib/odoo-sync/run-report"
import { renewSyncLease } from "../../lib/odoo-sync/sync-lock"
import { syncProductPageWorkflow } from "../sync-product-page"
import type { OdooCategoryTree } from "./read-odoo-categories"

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

/** A read's outcome as a value: a failed read fails its own page, with the page's context. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )
}

export type SyncProductPagesStepInput = {
  run_id: string
  pages: number[][]
  /** Clashes of waiting products the run does not read: reported as the pages' are. */
  waiting_clashes?: Clash[]
  /** Templates to write even when unchanged (a cut-short run was writing them). */
  rewrite_template_ids: number[]
  shape: CatalogShape
  /** Odoo's category tree, read once by the run. */
  category_tree?: OdooCategoryTree
  currency_context: CurrencyContext
  sales_channel_id?: string
  shipping_profile_id?: string
  dry_run: boolean
}

export const syncProductPagesStepId = "sync-odoo-product-pages"

/**
 * Runs the page workflow for each page in turn, reading the next page from Odoo while one is
 * written. Each page commits on its own (pages written stay written), so this step has nothing
 * to compensate; a failing page has already undone itself, and the run stops there with the
 * page's reason and what was done before it. The run record names the page being written
 * before it is written, so that a process killed mid-page leaves word of what to redo.
 */
export const syncProductPagesStep = createStep(
  syncProductPagesStepId,
  async (input: SyncProductPagesStepInput, { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const outcomes: PageOutcome[] = input.waiting_clashes?.length
      ? [{ plan: { create: [], update: [], unchanged: [] }, skipped: [], clashes: input.waiting_clashes.map(clashRecord) }]
      : []
    const rewrite = new Set(input.rewrite_template_ids)
    // Per page: templates and milliseconds from the previous page's end (Odoo read + write), for the admin's run detail.
    const pageTimings: { templates: number; ms: number }[] = []
    const recordProgress = (pageIndex: number, summary = summarisePages(outcomes)) =>
      odoo.updateOdooSyncRuns({
        id: input.run_id,
        counts: summary.counts,
        progress: { ...progressBefore(input.pages, pageIndex, summary.processed), page_timings: pageTimings },
      })
    let pageStarted = Date.now()
    if (input.pages.length) {
      await recordProgress(0)
    }
    // The next page is read from Odoo (and mapped, with its images' checksums and category
    // links) while this one is written. A dry run writes no media: it reads none.
    const maxImageBytes = odoo.getSyncOptions().maxImageBytes
    const reads = withLookahead(input.pages, (templateIds) =>
      settle(readMappedCatalogPage(odoo.client, templateIds, input.shape, input.currency_context, { media: !input.dry_run }))
    )
    let index = -1
    for await (const [templateIds, read] of reads) {
      index += 1
      if (!read.ok) {
        throw new PageSyncError(index, input.pages.length, templateIds, read.error, summarisePages(outcomes))
      }
      const { result, errors } = await syncProductPageWorkflow(container).run({
        input: {
          mapped: read.value.mapped,
          synced_at: new Date().toISOString(),
          rewrite_external_ids: templateIds.filter((id) => rewrite.has(id)).map(String),
          sales_channel_id: input.sales_channel_id,
          shipping_profile_id: input.shipping_profile_id,
          dry_run: input.dry_run,
          media: read.value.media && {
            website_sale: input.shape.websiteSale,
            tree: input.category_tree,
            read: read.value.media,
            max_image_bytes: maxImageBytes,
          },
        },
        throwOnError: false,
      })
      if (errors.length) {
        throw new PageSyncError(index, input.pages.length, templateIds, errors[0].error, summarisePages(outcomes))
      }
      outcomes.push(result)
      pageTimings.push({ templates: templateIds.length, ms: Date.now() - pageStarted })
      pageStarted = Date.now()
      const summary = summarisePages(outcomes)
      const pageProducts = result.plan.create.length + result.plan.update.length + result.plan.unchanged.length
      logger.info(formatPageLine(pageProducts, summary.counts, summary.processed, input.dry_run))
      await recordProgress(index + 1, summary)
      // Progress renews the lease; a run that lost the lock to another one stops here.
      await renewSyncLease(container, input.run_id, "product")
    }
    return new StepResponse(summarisePages(outcomes))
  }
)

export type { SkippedRecord }
