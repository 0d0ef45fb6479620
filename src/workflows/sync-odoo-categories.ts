import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { planCategories, type MedusaCategoryRow } from "../lib/odoo-categories/category-plan"
import { MEDIA_CATEGORY_FIELDS } from "../lib/odoo-media/page-media-writes"
import { readOdooCategoriesStep, type OdooCategoryTree } from "./steps/read-odoo-categories"
import { writeOdooCategoriesStep } from "./steps/write-odoo-categories"

export type SyncOdooCategoriesWorkflowInput = {
  website_sale: boolean
  /** The tree the run read (read here otherwise). */
  tree?: OdooCategoryTree
}

export const syncOdooCategoriesWorkflowId = "sync-odoo-categories"

/**
 * Brings Medusa's synced categories in line with Odoo's tree (created, renamed, moved, reordered,
 * removed or deactivated); categories an admin made are left alone. Returns the Medusa id of each
 * synced Odoo category.
 */
export const syncOdooCategoriesWorkflow = createWorkflow(syncOdooCategoriesWorkflowId, (input: SyncOdooCategoriesWorkflowInput) => {
  const odoo = readOdooCategoriesStep(input)
  const rows = useQueryGraphStep({ entity: "product_category", fields: MEDIA_CATEGORY_FIELDS }).config({ name: "odoo-categories-before" })
  const before = transform({ rows }, ({ rows }) => rows.data as unknown as MedusaCategoryRow[])
  const written = writeOdooCategoriesStep(
    transform({ odoo, before }, ({ odoo, before }) => ({
      plan: odoo.categories && odoo.categoryModel ? planCategories(odoo.categories, odoo.categoryModel, before) : null,
      before,
    }))
  )
  return new WorkflowResponse(
    transform({ odoo, before, written }, ({ odoo, before, written }) => ({
      categoryModel: odoo.categoryModel,
      before,
      idByExternalId: written.idByExternalId,
      report: written.report,
    }))
  )
})
