import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { type CatalogPage, type CatalogShape, readCatalogPage } from "../../lib/odoo-sync/catalog-reader"

export type FetchOdooPageStepInput = {
  template_ids: number[]
  shape: CatalogShape
  /** The page already read (the run reads the next page while this one is written). */
  page?: CatalogPage
}

export const fetchOdooPageStepId = "fetch-odoo-page"

/**
 * The page's templates with their variants, attribute lines and values from Odoo: as given when
 * the run read it ahead, else read now.
 */
export const fetchOdooPageStep = createStep(
  fetchOdooPageStepId,
  async (input: FetchOdooPageStepInput, { container }) => {
    if (input.page) {
      return new StepResponse(input.page)
    }
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const page = await readCatalogPage(odoo.client, input.template_ids, input.shape)
    return new StepResponse(page)
  }
)
