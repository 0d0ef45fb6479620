import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"

export type ReadOdooPageMediaStepInput = {
  template_ids: number[]
  /** website_sale is installed (extra images, eCommerce categories). */
  website_sale: boolean
}

export const readOdooPageMediaStepId = "read-odoo-page-media"

/**
 * What Odoo says about a page's images (checksums and sizes, no bytes) and the templates'
 * category links, with the size limit the sync applies.
 */
export const readOdooPageMediaStep = createStep(readOdooPageMediaStepId, async (input: ReadOdooPageMediaStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const options = odoo.getSyncOptions()
  const media = await odoo.readPageMedia(input.template_ids, input.website_sale)
  return new StepResponse({ media, maxImageBytes: options.maxImageBytes })
})
