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
    const products = container.resolve(Modules.PRODUCT)
    const { data } = await query.graph({
      entity: "product",
      fields: ["id", "images.id", "images.metadata", "variants.id", "variants.metadata"],
      filters: { external_id: input.external_ids },
    })
    const rows = data as unknown as VariantImageRow[]
    // The explicit links (query's variants.images adds the product's general images to each).
    const { data: imageRows } = rows.length
      ? await query.graph({ entity: "product_image", fields: ["id", "variants.id"], filters: { product_id: rows.map((row) => row.id) } })
      : { data: [] }
    const images = imageRows as unknown as { id: string; variants?: { id: string }[] | null }[]
    const linked = new Map<string, { id: string }[]>()
    for (const image of images) {
      for (const variant of image.variants ?? []) linked.set(variant.id, [...(linked.get(variant.id) ?? []), { id: image.id }])
    }
    for (const row of rows) for (const variant of row.variants ?? []) variant.images = linked.get(variant.id) ?? []
    const links = variantImageLinks(rows)
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
