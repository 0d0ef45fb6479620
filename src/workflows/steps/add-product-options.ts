import { createAndLinkProductOptionsToProductWorkflow } from "@medusajs/medusa/core-flows"
import type { LinkProductOptionsToProductWorkflowInput } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

type OptionsSnapshot = { product_id: string; options: { id: string; value_ids: string[] }[] }
type ProductOptionsRow = { id: string; options: { id: string; values: { id: string }[] | null }[] | null }

const OPTION_FIELDS = ["id", "options.id", "options.values.id"]

async function readProductOptions(container: MedusaContainer, productIds: string[]): Promise<ProductOptionsRow[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product", fields: OPTION_FIELDS, filters: { id: productIds } })
  return data as unknown as ProductOptionsRow[]
}

export const addProductOptionsStepId = "add-odoo-product-options"

/**
 * Adds the options and option values that new Odoo attribute values need, before the variants
 * that use them are written. Compensation removes whatever was added, back to the snapshot.
 */
export const addProductOptionsStep = createStep(
  addProductOptionsStepId,
  async (changes: LinkProductOptionsToProductWorkflowInput[], { container }) => {
    if (!changes.length) {
      return new StepResponse([], [])
    }
    const products = await readProductOptions(
      container,
      changes.map((change) => change.product_id)
    )
    const snapshots: OptionsSnapshot[] = products.map((product) => ({
      product_id: product.id,
      options: (product.options ?? []).map((option) => ({
        id: option.id,
        value_ids: (option.values ?? []).map((value) => value.id),
      })),
    }))
    for (const change of changes) {
      await createAndLinkProductOptionsToProductWorkflow(container).run({ input: change })
    }
    return new StepResponse(changes.map((change) => change.product_id), snapshots)
  },
  async (snapshots, { container }) => {
    if (!snapshots?.length) {
      return
    }
    const products = await readProductOptions(
      container,
      snapshots.map((snapshot) => snapshot.product_id)
    )
    for (const product of products) {
      const before = snapshots.find((snapshot) => snapshot.product_id === product.id)
      if (!before) {
        continue
      }
      const beforeOptions = new Map(before.options.map((option) => [option.id, new Set(option.value_ids)]))
      const remove = (product.options ?? []).filter((option) => !beforeOptions.has(option.id)).map((option) => option.id)
      const update = (product.options ?? [])
        .filter((option) => beforeOptions.has(option.id))
        .map((option) => ({
          product_option_id: option.id,
          remove: (option.values ?? [])
            .map((value) => value.id)
            .filter((id) => !beforeOptions.get(option.id)?.has(id)),
        }))
        .filter((change) => change.remove.length > 0)
      if (remove.length || update.length) {
        await createAndLinkProductOptionsToProductWorkflow(container).run({
          input: { product_id: product.id, remove, update },
        })
      }
    }
  }
)
