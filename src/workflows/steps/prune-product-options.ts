import { createAndLinkProductOptionsToProductWorkflow } from "@medusajs/medusa/core-flows"
import type { LinkProductOptionsToProductWorkflowInput } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const pruneProductOptionsStepId = "prune-odoo-product-options"

/**
 * Removes options and option values that no variant uses any more, after the variants were
 * written. It is the page's last write and tidies only: a value left behind is unused and
 * harmless, so a failure here is logged and does not undo the page.
 */
export const pruneProductOptionsStep = createStep(
  pruneProductOptionsStepId,
  async (changes: LinkProductOptionsToProductWorkflowInput[], { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const pruned: string[] = []
    for (const change of changes) {
      try {
        await createAndLinkProductOptionsToProductWorkflow(container).run({ input: change })
        pruned.push(change.product_id)
      } catch (error) {
        logger.warn(
          `Odoo sync: unused options of product ${change.product_id} were left in place: ${
            error instanceof Error ? error.message : String(error)
          }`
        )
      }
    }
    return new StepResponse(pruned)
  }
)
