import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import type { OdooCategory, OdooCategoryModel } from "../../lib/odoo-categories/category-plan"
import { categoryModelFor } from "../../lib/odoo-categories/category-source"

/** Odoo's category tree as a run reads it once (null model: categories are not synced). */
export type OdooCategoryTree = { categoryModel: OdooCategoryModel | null; categories: OdooCategory[] | null }

export type ReadOdooCategoriesStepInput = {
  website_sale: boolean
  /** The tree already read by the run: used as it is. */
  tree?: OdooCategoryTree
}

export const readOdooCategoriesStepId = "read-odoo-categories"

/** Odoo's category tree from the configured source (eCommerce or internal), or none. */
export const readOdooCategoriesStep = createStep(readOdooCategoriesStepId, async (input: ReadOdooCategoriesStepInput, { container }) => {
  if (input.tree) {
    return new StepResponse<OdooCategoryTree>(input.tree)
  }
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const categoryModel = categoryModelFor(odoo.getSyncOptions().categorySource, input.website_sale)
  const categories = categoryModel ? await odoo.readCategories(categoryModel) : null
  return new StepResponse<OdooCategoryTree>({ categoryModel, categories })
})
