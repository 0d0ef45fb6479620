import { updateProductVariantsWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MEDIA_PRODUCT_FIELDS, pageMediaWrites, planPageImages, type MediaProductRow } from "../lib/odoo-media/page-media-writes"
import type { OdooCategoryTree } from "./steps/read-odoo-categories"
import { readOdooPageMediaStep } from "./steps/read-odoo-page-media"
import { storeOdooImagesStep } from "./steps/store-odoo-images"
import { syncOdooCategoriesWorkflow } from "./sync-odoo-categories"

export type SyncOdooPageMediaWorkflowInput = {
  /** The page's templates that have or get a product. */
  template_ids: number[]
  website_sale: boolean
  /** Odoo's category tree as the run read it. */
  tree?: OdooCategoryTree
}

export const syncOdooPageMediaWorkflowId = "sync-odoo-page-media"

/**
 * A page's images and categories, before its products are written and in the same page: the
 * category tree brought in line with Odoo's, the images whose checksum changed downloaded and
 * stored, the variants' thumbnails set; returns each product's images, thumbnail and categories
 * for the page's product writes, and the files to delete once they are done. A failure of the
 * page undoes all of it (new files deleted, categories as they were).
 */
export const syncOdooPageMediaWorkflow = createWorkflow(syncOdooPageMediaWorkflowId, (input: SyncOdooPageMediaWorkflowInput) => {
  const categories = syncOdooCategoriesWorkflow.runAsStep({
    input: transform({ input }, ({ input }) => ({ website_sale: input.website_sale, tree: input.tree })),
  })
  const odoo = readOdooPageMediaStep(transform({ input }, ({ input }) => ({ template_ids: input.template_ids, website_sale: input.website_sale })))
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
