import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { readVariantCodes } from "../../lib/odoo-sync/catalog-reader"

export type ReadOdooVariantCodesStepInput = { variant_ids: number[] }

export const readOdooVariantCodesStepId = "read-odoo-variant-codes"

/** Reads the codes Odoo gives these variants now (none asked: no call). */
export const readOdooVariantCodesStep = createStep(
  readOdooVariantCodesStepId,
  async (input: ReadOdooVariantCodesStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    return new StepResponse(await readVariantCodes(odoo.client, input.variant_ids))
  }
)
