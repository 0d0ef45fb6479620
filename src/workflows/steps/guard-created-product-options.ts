import type { IProductModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type GuardCreatedProductOptionsStepInput = { option_titles: string[] }

export const guardCreatedProductOptionsStepId = "guard-created-product-options"

/**
 * Runs before a page's products are created and does nothing itself. Its compensation removes
 * the options that creation left behind: when createProductsWorkflow is compensated, Medusa
 * deletes the products but not their new options, which would otherwise pile up unlinked.
 */
export const guardCreatedProductOptionsStep = createStep(
  guardCreatedProductOptionsStepId,
  async (input: GuardCreatedProductOptionsStepInput) => {
    const guard = { titles: [...new Set(input.option_titles)], since: new Date().toISOString() }
    return new StepResponse(undefined, guard)
  },
  async (guard, { container }) => {
    if (!guard?.titles.length) {
      return
    }
    const productModule: IProductModuleService = container.resolve(Modules.PRODUCT)
    const candidates = await productModule.listProductOptions({ title: guard.titles }, { relations: ["products"] })
    const orphans = candidates
      .filter((option) => !option.products?.length && new Date(option.created_at) >= new Date(guard.since))
      .map((option) => option.id)
    if (orphans.length) {
      await productModule.deleteProductOptions(orphans)
    }
  }
)
