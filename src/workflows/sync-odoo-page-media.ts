import { updateProductVariantsWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MEDIA_PRODUCT_FIELDS, pageMediaWrites, planPageImages, type MediaProductRow } from "../lib/odoo-media/page-media-writes"
import type { OdooCategoryTree } from "./steps/read-odoo-categories"
import type { PageMediaRead } from "../lib/odoo-media/image-plan"
import { pageMediaOf } from "../lib/odoo-media/page-media-read"
import { storeOdooImagesStep } from "./steps/store-odoo-images"
import { syncOdooCategoriesWorkflow } from "./sync-odoo-categories"

export type SyncOdooPageMediaWorkflowInput = {
  /** The page's templates that have or get a product. */
  template_ids: number[]
  website_sale: boolean
  /** Odoo's category tree as the run read it. */
  tree?: OdooCategoryTree
  /** What Odoo says of the page's images (checksums and sizes, no bytes) and category links, read with the page (all its templates). */
  read: PageMediaRead
  /** Larger images are skipped (ODOO_MAX_IMAGE_BYTES). */
  max_image_bytes: number
}

export const syncOdooPageMediaWorkflowId = "sync-odoo-page-media"

/**
 * A page's images and categories, before its products are written and in the same page (what
 * Odoo says of them was read with the page, ahead, and comes with the input): the
 * category tree brought in line with Odoo's, the images whose checksum changed downloaded and
 * stored, the variants' thumbnails set; returns each product's images, thumbnail and categories
 * for the page's product writes, and the files to delete once they are done. A failure of the
 * page undoes all of it (new files deleted, categories as they were).
 */
export const syncOdooPageMediaWorkflow = createWorkflow(syncOdooPageMediaWorkflowId, (input: SyncOdooPageMediaWorkflowInput) => {
  const categories = syncOdooCategoriesWorkflow.runAsStep({
    input: transform({ input }, ({ input }) => ({ website_sale: input.website_sale, tree: input.tree })),
  })
  // The page was read whole: only the templates that have or get a product are planned.
  const odoo = transform({ input }, ({ input }) => ({ media: pageMediaOf(input.read, input.template_ids), maxImageBytes: input.max_image_bytes }))
  const productRows = useQueryGraphStep({
    entity: "product",
    fields: MEDIA_PRODUCT_FIELDS,
    filters: transform({ input }, ({ input }) => ({ external_id: input.template_ids.map(String) })),
  }).config({ name: "media-products" })
  const imagePlan = transform({ odoo, productRows }, ({ odoo, productRows }) =>
    planPageImages(odoo.media, productRows.data as unknown as MediaProductRow[], odoo.maxImageBytes)
  )
  const stored = storeOdooImagesStep(
    transform({ odoo, imagePlan }, ({ odoo, imagePlan }) => ({ images: imagePlan.downloads, max_image_bytes: odoo.maxImageBytes }))
  )
  const writes = transform({ odoo, productRows, imagePlan, stored, categories }, (data) =>
    pageMediaWrites({
      read: data.odoo.media,
      products: data.productRows.data as unknown as MediaProductRow[],
      plans: data.imagePlan.plans,
      stored: data.stored.stored,
      storeSkipped: data.stored.skipped,
      categoryModel: data.categories.categoryModel,
      categoryIdByExternalId: data.categories.idByExternalId,
      categoriesBefore: data.categories.before,
    })
  )
  when("update-odoo-variant-thumbnails", { writes }, ({ writes }) => writes.variants.length > 0).then(() => {
    updateProductVariantsWorkflow.runAsStep({
      input: transform({ writes }, ({ writes }) => ({ product_variants: writes.variants })),
    })
  })
  return new WorkflowResponse(
    transform({ writes, categories }, ({ writes, categories }) => ({
      ...writes,
      skipped: [
        ...writes.skipped,
        ...categories.report.problems.map((problem) => ({ odoo_id: problem.odoo_id, model: problem.model, reason: problem.reason })),
        ...categories.report.deactivated.map((entry) => ({
          odoo_id: entry.external_id,
          model: categories.categoryModel ?? "product.category",
          reason: entry.reason,
        })),
      ],
      categories: categories.report,
    }))
  )
})
