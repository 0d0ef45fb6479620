import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { MassRemovalError, massRemovalProblem } from "../../lib/odoo-sync/removed-products"

export type GuardMassRemovalStepInput = {
  /** Products the run would draft or delete. */
  removals: number
  /** Products the sync wrote and has not taken out. */
  live_products: number
  on_removed: "draft" | "delete"
  /** The admin confirmed the removal (`--allow-mass-removal`, `allow_mass_removal`). */
  allowed: boolean
}

export const guardMassRemovalStepId = "guard-odoo-mass-removal"

/** Fails the run, before anything is written, when it would take out more than ODOO_MAX_REMOVAL_SHARE of the products. */
export const guardMassRemovalStep = createStep(guardMassRemovalStepId, async (input: GuardMassRemovalStepInput, { container }) => {
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const problem = massRemovalProblem({
    removals: input.removals,
    liveProducts: input.live_products,
    maxShare: odoo.getSyncOptions().maxRemovalShare,
    onRemoved: input.on_removed,
    allowed: input.allowed,
  })
  if (problem) {
    throw new MassRemovalError(problem)
  }
  return new StepResponse(undefined)
})
