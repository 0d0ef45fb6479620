import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import type { CatalogMapping } from "../../lib/odoo-mapping"
import { type CatalogShape, readMappedCatalogPage } from "../../lib/odoo-sync/catalog-reader"
import type { CurrencyContext } from "../../lib/odoo-sync/plan-run"

export type MapOdooPageStepInput = {
  template_ids: number[]
  shape: CatalogShape
  currency_context: CurrencyContext
  /** The page already read and mapped (the run reads the next page while this one is written). */
  mapped?: CatalogMapping
}

export const mapOdooPageStepId = "map-odoo-page"

/**
 * The page's templates as Medusa products, with the records that could not be mapped: as the
 * run mapped them when it read the page ahead, else read from Odoo and mapped now.
 */
export const mapOdooPageStep = createStep(mapOdooPageStepId, async (input: MapOdooPageStepInput, { container }) => {
  if (input.mapped) {
    return new StepResponse(input.mapped)
  }
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  return new StepResponse(
    await readMappedCatalogPage(odoo.client, input.template_ids, input.shape, input.currency_context)
  )
})
