import {
  createProductOptionsStep,
  createProductsWorkflow,
  updateProductsWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  parallelize,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { CatalogMapping, MappingSkip } from "../lib/odoo-mapping"
import type { SkippedRecord } from "../lib/odoo-sync/constants"
import { EXISTING_PRODUCT_FIELDS, type ExistingProductRow, withOptionIds } from "../lib/odoo-sync/medusa-product"
import {
  buildPageWrites,
  type HandleHolderRow,
  type IdentifierHolderRow,
  identifiersOf,
  outsideHolderOdooIds,
} from "../lib/odoo-sync/page-writes"
import { addProductOptionsStep } from "./steps/add-product-options"
import { guardCreatedProductOptionsStep } from "./steps/guard-created-product-options"
import { pruneProductOptionsStep } from "./steps/prune-product-options"
import { readOdooVariantCodesStep } from "./steps/read-odoo-variant-codes"
import { releaseVariantCodesStep } from "./steps/release-variant-codes"
import { syncOdooPageMediaWorkflow } from "./sync-odoo-page-media"
import { deleteOdooFilesStep } from "./steps/delete-odoo-files"
import { linkOdooVariantImagesStep } from "./steps/link-odoo-variant-images"
import type { OdooCategoryTree } from "./steps/read-odoo-categories"
import type { PageMediaRead } from "../lib/odoo-media/image-plan"
import { withCreateMedia, withUpdateMedia } from "../lib/odoo-media/merge-page-media"

export type SyncProductPageWorkflowInput = {
  /** The page's templates as read from Odoo and mapped (the run reads ahead while pages are written). */
  mapped: CatalogMapping
  sales_channel_id?: string
  shipping_profile_id?: string
  /** When the page is written (ISO), stored with each product's content hash. */
  synced_at: string
  /** External ids to write even when their hash matches (a cut-short run was writing them). */
  rewrite_external_ids?: string[]
  dry_run: boolean
  /**
   * For the page's images and categories: whether website_sale is there, the run's category
   * tree, what Odoo said of the page's media (read ahead with the page) and the image size limit.
   */
  media?: { website_sale: boolean; tree?: OdooCategoryTree; read: PageMediaRead; max_image_bytes: number }
}

export const syncProductPageWorkflowId = "sync-odoo-product-page"

function toSkippedRecord(skip: MappingSkip): SkippedRecord {
  return {
    odoo_id: skip.odooId,
    model: skip.model,
    reason: skip.reason,
    kind: "skipped",
    ...(skip.templateId !== undefined ? { template_id: skip.templateId } : {}),
  }
}

/** The workflow's input without the page's mapped products. */
function pageParams(input: SyncProductPageWorkflowInput) {
  const { mapped: _products, ...params } = input
  return params
}

/**
 * Syncs one page of Odoo templates into Medusa, atomically: if any write fails, the page's
 * earlier writes are compensated and Medusa is as it was before the page.
 */
export const syncProductPageWorkflow = createWorkflow(
  syncProductPageWorkflowId,
  (input: SyncProductPageWorkflowInput) => {
    // Every reference to a value resolves (walks and copies) all of it: the page's products are
    // referenced only where they are needed, and the rest of the input through `params`.
    const params = transform({ input }, ({ input }) => pageParams(input))
    const mapped = transform({ input }, ({ input }) => input.mapped)
    const identifiers = transform({ mapped }, ({ mapped }) => identifiersOf(mapped.products))

    // Who holds the page's products and identifiers in Medusa: four independent reads, together.
    const [existingProducts, skuHolderRows, barcodeHolderRows, handleHolderRows] = parallelize(
      useQueryGraphStep({
        entity: "product",
        fields: EXISTING_PRODUCT_FIELDS,
        filters: transform({ identifiers }, ({ identifiers }) => ({ external_id: identifiers.externalIds })),
      }).config({ name: "existing-products" }),
      useQueryGraphStep({
        entity: "product_variant",
        fields: ["id", "sku", "barcode", "metadata", "product.external_id"],
        filters: transform({ identifiers }, ({ identifiers }) => ({ sku: identifiers.skus })),
      }).config({ name: "sku-holders" }),
      useQueryGraphStep({
        entity: "product_variant",
        fields: ["id", "sku", "barcode", "metadata", "product.external_id"],
        filters: transform({ identifiers }, ({ identifiers }) => ({ barcode: identifiers.barcodes })),
      }).config({ name: "barcode-holders" }),
      useQueryGraphStep({
        entity: "product",
        fields: ["id", "handle"],
        filters: transform({ identifiers }, ({ identifiers }) => ({ handle: identifiers.handles })),
      }).config({ name: "handle-holders" })
    )
    // A code held outside the page is free when Odoo no longer gives it to that holder's variant.
    const odooCodes = readOdooVariantCodesStep(
      transform({ skuHolderRows, barcodeHolderRows, identifiers }, (data) => ({
        variant_ids: outsideHolderOdooIds(
          [...data.skuHolderRows.data, ...data.barcodeHolderRows.data] as unknown as IdentifierHolderRow[],
          data.identifiers.externalIds
        ),
      }))
    )
    const writes = transform(
      { mapped, existingProducts, skuHolderRows, barcodeHolderRows, handleHolderRows, odooCodes, params },
      (data) =>
        buildPageWrites({
          products: data.mapped.products,
          skipped: data.mapped.skipped.map(toSkippedRecord),
          existing: data.existingProducts.data as unknown as ExistingProductRow[],
          holders: [...data.skuHolderRows.data, ...data.barcodeHolderRows.data] as unknown as IdentifierHolderRow[],
          handleHolders: data.handleHolderRows.data as unknown as HandleHolderRow[],
          salesChannelId: data.params.sales_channel_id,
          shippingProfileId: data.params.shipping_profile_id,
          syncedAt: data.params.synced_at,
          rewriteExternalIds: data.params.rewrite_external_ids,
          odooCodes: data.odooCodes,
        })
    )
    // Images and categories of the products the page creates or has: stored and written first,
    // then merged into the product writes (undone with the page).
    const media = when("sync-odoo-page-media", { params }, ({ params }) => !params.dry_run && params.media !== undefined).then(() =>
      syncOdooPageMediaWorkflow.runAsStep({
        input: transform({ params, writes, existingProducts }, ({ params, writes, existingProducts }) => ({
          template_ids: [
            ...writes.create.map((product) => Number(product.external_id)),
            ...(existingProducts.data as unknown as ExistingProductRow[]).map((product) => Number(product.external_id)),
          ],
          website_sale: params.media?.website_sale ?? false,
          tree: params.media?.tree,
          read: params.media?.read ?? { templates: [], extraImages: [], attachments: [] },
          max_image_bytes: params.media?.max_image_bytes ?? 0,
        })),
      })
    )
    const productUpdates = transform({ writes, media }, ({ writes, media }) => withUpdateMedia(writes.update, media))

    // The writes taken apart once each: what to do and what to report (small), the creations,
    // and the updates with their option changes.
    const outline = transform({ writes, params, productUpdates }, ({ writes, params, productUpdates }) => ({
      release: !params.dry_run && writes.releases.length > 0,
      create: !params.dry_run && writes.create.length > 0,
      update: !params.dry_run && productUpdates.length > 0,
      createdOptionTitles: writes.createdOptionTitles,
      report: { plan: writes.plan, skipped: writes.skipped, clashes: writes.clashes },
    }))
    const creations = transform({ writes, media }, ({ writes, media }) => ({ products: withCreateMedia(writes.create, media) }))
    const updates = transform({ writes, productUpdates }, ({ writes, productUpdates }) => ({
      products: productUpdates,
      optionsBefore: writes.optionsBefore,
      optionsToCreate: writes.optionsToCreate,
      optionsKept: writes.optionsKept,
      optionsAfter: writes.optionsAfter,
    }))

    // Codes that move between variants are cleared first: Medusa keeps SKUs and barcodes unique.
    when("release-variant-codes", { outline }, ({ outline }) => outline.release).then(() => {
      releaseVariantCodesStep(
        transform({ writes, identifiers }, ({ writes, identifiers }) => ({
          releases: writes.releases,
          page_external_ids: identifiers.externalIds,
        }))
      )
    })
    when("create-odoo-products", { outline }, ({ outline }) => outline.create).then(() => {
      guardCreatedProductOptionsStep(transform({ outline }, ({ outline }) => ({ option_titles: outline.createdOptionTitles })))
      createProductsWorkflow.runAsStep({ input: creations })
    })
    when("update-odoo-products", { outline }, ({ outline }) => outline.update).then(() => {
      addProductOptionsStep(transform({ updates }, ({ updates }) => updates.optionsBefore))
      const createdOptions = createProductOptionsStep(
        transform({ updates }, ({ updates }) => updates.optionsToCreate.map(({ product_id: _product, ...option }) => option))
      )
      updateProductsWorkflow.runAsStep({
        input: transform({ updates, createdOptions }, ({ updates, createdOptions }) => ({
          products: withOptionIds(updates.products, updates.optionsKept, createdOptions, updates.optionsToCreate),
        })),
      })
      pruneProductOptionsStep(transform({ updates }, ({ updates }) => updates.optionsAfter))
    })

    // Each variant shows its own Odoo images (Medusa's variant images).
    when("link-odoo-variant-images", { media }, ({ media }) => (media?.imagesChanged.length ?? 0) > 0).then(() => {
      linkOdooVariantImagesStep(transform({ media }, ({ media }) => ({ external_ids: media?.imagesChanged ?? [] })))
    })
    // Files of removed or replaced images go last, once the page is written.
    when("delete-odoo-files", { media }, ({ media }) => (media?.replacedFileIds.length ?? 0) > 0).then(() => {
      deleteOdooFilesStep(transform({ media }, ({ media }) => ({ file_ids: media?.replacedFileIds ?? [] })))
    })

    return new WorkflowResponse(
      transform({ outline, media }, ({ outline, media }) => ({
        ...outline.report,
        skipped: [...outline.report.skipped, ...(media?.skipped ?? [])],
        ...(media ? { categories: media.categories } : {}),
      }))
    )
  }
)
