import { updateProductsWorkflow, updateProductVariantsWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  MEDIA_PRODUCT_FIELDS,
  pageMediaWrites,
  planPageImages,
  type MediaProductRow,
} from "../lib/odoo-media/page-media-writes"
import { deleteOdooFilesStep } from "./steps/delete-odoo-files"
import { readOdooPageMediaStep } from "./steps/read-odoo-page-media"
import { storeOdooImagesStep } from "./steps/store-odoo-images"
import { syncOdooCategoriesWorkflow } from "./sync-odoo-categories"

export type SyncOdooPageMediaWorkflowInput = {
  template_ids: number[]
  website_sale: boolean
}

export const syncOdooPageMediaWorkflowId = "sync-odoo-page-media"

/**
 * A page's images and categories, after its products are written and in the same page: the
 * category tree brought in line with Odoo's, the images whose checksum changed downloaded and
 * stored, each product's images, thumbnail and categories (and its variants' thumbnails) written,
 * then the files of removed or replaced images deleted. A failure undoes all of it with the page.
 */
export const syncOdooPageMediaWorkflow = createWorkflow(syncOdooPageMediaWorkflowId, (input: SyncOdooPageMediaWorkflowInput) => {
  const categories = syncOdooCategoriesWorkflow.runAsStep({
    input: transform({ input }, ({ input }) => ({ website_sale: input.website_sale })),
  })
  const odoo = readOdooPageMediaStep(input)
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
  when("update-odoo-media-products", { writes }, ({ writes }) => writes.products.length > 0).then(() => {
    updateProductsWorkflow.runAsStep({ input: transform({ writes }, ({ writes }) => ({ products: writes.products })) })
  })
  when("update-odoo-media-variants", { writes }, ({ writes }) => writes.variants.length > 0).then(() => {
    updateProductVariantsWorkflow.runAsStep({
      input: transform({ writes }, ({ writes }) => ({ product_variants: writes.variants })),
    })
  })
  deleteOdooFilesStep(transform({ writes }, ({ writes }) => ({ file_ids: writes.replacedFileIds })))
  return new WorkflowResponse(
    transform({ writes, categories }, ({ writes, categories }) => ({
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
