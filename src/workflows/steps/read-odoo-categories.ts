import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { categoryModelFor } from "../../lib/odoo-categories/category-source"

export const readOdooCategoriesStepId = "read-odoo-categories"

/** Odoo's category tree from the configured source (eCommerce or internal), or none. */
export const readOdooCategoriesStep = createStep(readOdooCategoriesStepId, async (input: { website_sale: boolean }, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const categoryModel = categoryModelFor(odoo.getSyncOptions().categorySource, input.website_sale)
  const categories = categoryModel ? await odoo.readCategories(categoryModel) : null
  return new StepResponse({ categoryModel, categories })
})
