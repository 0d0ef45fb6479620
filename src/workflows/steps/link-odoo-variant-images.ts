import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { variantImageLinks, type ImageVariantPair, type VariantImageRow } from "../../lib/odoo-media/variant-images"

export const linkOdooVariantImagesStepId = "link-odoo-variant-images"

/**
 * Links each variant to the images Odoo has for it (Medusa's variant images), once the page's
 * products and images are written; undone by the opposite links.
 */
export const linkOdooVariantImagesStep = createStep(
  linkOdooVariantImagesStepId,
  async (input: { external_ids: string[] }, { container }) => {
    const none = { add: [] as ImageVariantPair[], remove: [] as ImageVariantPair[] }
    if (input.external_ids.length === 0) return new StepResponse(none, none)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product",
      fields: ["id", "images.id", "images.metadata", "variants.id", "variants.metadata", "variants.images.id"],
      filters: { external_id: input.external_ids },
    })
    const links = variantImageLinks(data as unknown as VariantImageRow[])
    const products = container.resolve(Modules.PRODUCT)
    if (links.add.length) await products.addImageToVariant(links.add)
    if (links.remove.length) await products.removeImageFromVariant(links.remove)
    return new StepResponse(links, links)
  },
  async (links, { container }) => {
    if (!links || (!links.add.length && !links.remove.length)) return
    const products = container.resolve(Modules.PRODUCT)
    if (links.add.length) await products.removeImageFromVariant(links.add)
    if (links.remove.length) await products.addImageToVariant(links.remove)
  }
)
