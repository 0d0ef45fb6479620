import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { type CatalogShape, readCatalogPage } from "../../lib/odoo-sync/catalog-reader"

export type FetchOdooPageStepInput = { template_ids: number[]; shape: CatalogShape }

export const fetchOdooPageStepId = "fetch-odoo-page"

/** Reads one page of templates with their variants, attribute lines and values from Odoo. */
export const fetchOdooPageStep = createStep(
  fetchOdooPageStepId,
  async (input: FetchOdooPageStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const page = await readCatalogPage(odoo.client, input.template_ids, input.shape)
    return new StepResponse(page)
  }
)
