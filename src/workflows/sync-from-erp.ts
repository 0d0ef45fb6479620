import {
  deleteProductsWorkflow,
  releaseLockStep,
  updateProductsWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, parallelize, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PRODUCT_SYNC_LOCK_KEY } from "../lib/odoo-sync/constants"
import { pendingCodeValues, planRun, type PendingCodeHolder, type SyncedProductState } from "../lib/odoo-sync/plan-run"
import { diffOdooStats } from "../lib/odoo-sync/odoo-stats"
import { removalUpdates } from "../lib/odoo-sync/removed-products"
import { buildRunReport } from "../lib/odoo-sync/run-report"
import { storeContext, type StoreRow } from "../lib/odoo-sync/store-context"
import { completeSyncRunStep } from "./steps/complete-sync-run"
import { readOdooChangesStep } from "./steps/read-odoo-changes"
import { readOdooStatsStep } from "./steps/read-odoo-stats"
import { readUnfinishedWritesStep } from "./steps/read-unfinished-writes"
import { syncProductPagesStep } from "./steps/sync-product-pages"
import { syncOdooCategoriesWorkflow } from "./sync-odoo-categories"
import { guardMassRemovalStep } from "./steps/guard-mass-removal"
import { readOdooCategoriesStep } from "./steps/read-odoo-categories"
import { deleteOdooFilesStep } from "./steps/delete-odoo-files"
import { odooFileIdsOf } from "../lib/odoo-media/image-plan"

export type SyncFromErpWorkflowInput = {
  /** The run begun by `beginProductSyncWorkflow`, whose lock this workflow releases. */
  run_id: string
  full: boolean
  dry_run: boolean
  /** Limits the run to these Odoo templates; the cursor stays where it is. */
  template_ids?: number[] | null
  /** Confirms a run that takes more than ODOO_MAX_REMOVAL_SHARE of the products out. */
  allow_mass_removal?: boolean
}

export const syncFromErpWorkflowId = "sync-from-erp"

/**
 * Syncs Odoo's product catalog into Medusa: plans the run (incremental from the cursor, or
 * full), writes page by page (each page atomic), takes removed templates out, then records
 * the run (with what it asked of Odoo: requests, retries, bytes) and moves the cursor. A
 * failure leaves the pages already written in place and the cursor where it was; the caller
 * records the failure and releases the lock.
 */
export const syncFromErpWorkflow = createWorkflow(
  syncFromErpWorkflowId,
  (input: SyncFromErpWorkflowInput) => {
    // Independent reads run together: Odoo's counters, then the store; then Odoo's changes,
    // Medusa's synced products and what cut-short runs left unfinished.
    const [statsBefore, storeRows, shippingProfileRows] = parallelize(
      readOdooStatsStep().config({ name: "odoo-stats-before" }),
      useQueryGraphStep({
        entity: "store",
        fields: ["id", "default_sales_channel_id", "supported_currencies.currency_code"],
      }).config({ name: "store" }),
      useQueryGraphStep({
        entity: "shipping_profile",
        fields: ["id", "type"],
        filters: { type: "default" },
      }).config({ name: "default-shipping-profile" })
    )
    const store = transform({ storeRows, shippingProfileRows }, ({ storeRows, shippingProfileRows }) =>
      storeContext(storeRows.data as unknown as StoreRow[], shippingProfileRows.data as unknown as { id: string }[])
    )

    const [odoo, syncedProductRows, unfinishedTemplateIds] = parallelize(
      readOdooChangesStep(
        transform({ input, store }, ({ input, store }) => ({
          full: input.full,
          store_currency_codes: store.currencyCodes,
        }))
      ),
      useQueryGraphStep({
        entity: "product",
        fields: ["id", "external_id", "title", "description", "status", "metadata", "images.metadata"],
        filters: { external_id: { $ne: null } },
      }).config({ name: "synced-products" }),
      readUnfinishedWritesStep()
    )

    // Who holds the codes synced products wait for: a waiting product is read again only when
    // its code may have been freed (see planRun).
    const pendingCodes = transform({ syncedProductRows }, ({ syncedProductRows }) =>
      pendingCodeValues(syncedProductRows.data as SyncedProductState[])
    )
    const pendingSkuHolders = when("pending-sku-holders", { pendingCodes }, ({ pendingCodes }) => pendingCodes.skus.length > 0).then(() =>
      useQueryGraphStep({
        entity: "product_variant",
        fields: ["product_id", "sku", "barcode"],
        filters: transform({ pendingCodes }, ({ pendingCodes }) => ({ sku: pendingCodes.skus })),
      }).config({ name: "pending-sku-holders" })
    )
    const pendingBarcodeHolders = when("pending-barcode-holders", { pendingCodes }, ({ pendingCodes }) => pendingCodes.barcodes.length > 0).then(
      () =>
        useQueryGraphStep({
          entity: "product_variant",
          fields: ["product_id", "sku", "barcode"],
          filters: transform({ pendingCodes }, ({ pendingCodes }) => ({ barcode: pendingCodes.barcodes })),
        }).config({ name: "pending-barcode-holders" })
    )

    const plan = transform({ input, odoo, syncedProductRows, unfinishedTemplateIds, pendingSkuHolders, pendingBarcodeHolders }, (data) =>
      planRun({
        full: data.input.full,
        syncedTemplateIds: data.odoo.syncedTemplateIds,
        changedTemplateIds: data.odoo.changedTemplateIds,
        unfinishedTemplateIds: data.unfinishedTemplateIds,
        medusaProducts: data.syncedProductRows.data as unknown as SyncedProductState[],
        activeVariantIds: data.odoo.activeVariantIds,
        extraImageIds: data.odoo.extraImageIds,
        batchSize: data.odoo.batchSize,
        onRemoved: data.odoo.onRemoved,
        onlyTemplateIds: data.input.template_ids,
        pendingCodeHolders: [...(data.pendingSkuHolders?.data ?? []), ...(data.pendingBarcodeHolders?.data ?? [])] as PendingCodeHolder[],
      })
    )

    // Odoo's category tree, read once for the whole run.
    const categoryTree = readOdooCategoriesStep(transform({ odoo }, ({ odoo }) => ({ website_sale: odoo.shape.websiteSale }))).config({
      name: "run-category-tree",
    })

    // Before anything is written: a run that would take out too many products stops here.
    guardMassRemovalStep(
      transform({ input, plan, odoo }, ({ input, plan, odoo }) => ({
        removals: input.dry_run ? 0 : plan.removals.draft.length + plan.removals.delete.length,
        live_products: plan.liveProducts,
        on_removed: odoo.onRemoved,
        allowed: input.allow_mass_removal === true,
      }))
    )

    const pages = syncProductPagesStep(
      transform({ input, plan, odoo, store, unfinishedTemplateIds, categoryTree }, ({ input, plan, odoo, store, unfinishedTemplateIds, categoryTree }) => ({
        category_tree: categoryTree,
        run_id: input.run_id,
        pages: plan.pages,
        waiting_clashes: plan.waitingClashes,
        rewrite_template_ids: unfinishedTemplateIds,
        shape: odoo.shape,
        currency_context: odoo.currencyContext,
        sales_channel_id: store.salesChannelId,
        shipping_profile_id: store.shippingProfileId,
        dry_run: input.dry_run,
      }))
    )

    // Without a page to write, the category tree still follows Odoo (each page does it otherwise).
    when("sync-odoo-categories", { input, plan }, ({ input, plan }) => !input.dry_run && plan.pages.length === 0).then(() => {
      syncOdooCategoriesWorkflow.runAsStep({
        input: transform({ odoo, categoryTree }, ({ odoo, categoryTree }) => ({ website_sale: odoo.shape.websiteSale, tree: categoryTree })),
      })
    })

    when("draft-removed-products", { input, plan }, ({ input, plan }) => !input.dry_run && plan.removals.draft.length > 0).then(
      () => {
        updateProductsWorkflow.runAsStep({
          input: transform({ plan }, ({ plan }) => ({ products: removalUpdates(plan.removals.draft) })),
        })
      }
    )
    when("delete-removed-products", { input, plan }, ({ input, plan }) => !input.dry_run && plan.removals.delete.length > 0).then(
      () => {
        // Their Odoo images' files go with them (the run read their images with the synced products;
        // no page writes a product that leaves).
        const removedFileIds = transform({ plan, syncedProductRows }, ({ plan, syncedProductRows }) => {
          const leaving = new Set(plan.removals.delete)
          return odooFileIdsOf((syncedProductRows.data as SyncedProductState[]).filter((product) => leaving.has(product.id)))
        })
        deleteProductsWorkflow.runAsStep({
          input: transform({ plan }, ({ plan }) => ({ ids: plan.removals.delete })),
        })
        deleteOdooFilesStep(transform({ removedFileIds }, ({ removedFileIds }) => ({ file_ids: removedFileIds }))).config({
          name: "delete-removed-product-files",
        })
      }
    )

    const statsAfter = readOdooStatsStep().config({ name: "odoo-stats-after" })
    const report = transform(
      { input, plan, pages, odoo, statsBefore, statsAfter },
      ({ input, plan, pages, odoo, statsBefore, statsAfter }) =>
        buildRunReport({
          runId: input.run_id,
          dryRun: input.dry_run,
          plan,
          pages,
          // A run limited to some templates has not read the others' changes.
          writeMark: input.template_ids?.length ? null : odoo.writeMark,
          fingerprint: odoo.fingerprint,
          odooStats: diffOdooStats(statsBefore, statsAfter),
          unpriced: odoo.currencyContext.unpriced,
        })
    )
    completeSyncRunStep(report)
    releaseLockStep(
      transform({ input }, ({ input }) => ({ key: PRODUCT_SYNC_LOCK_KEY, ownerId: input.run_id }))
    )
    return new WorkflowResponse(report)
  }
)
