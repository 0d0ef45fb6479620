/**
 * Which Odoo images each variant shows (Medusa's variant images): the images of an Odoo variant
 * (its own image, its extra images) linked to that variant; links an admin made to their own
 * images are left alone. Pure.
 */
import { odooImageMetadata, type MedusaImageRow } from "./image-plan"

export type VariantImageRow = {
  id: string
  images?: MedusaImageRow[] | null
  /** Each variant with the images explicitly linked to it (not the general ones Medusa adds). */
  variants?: { id: string; metadata?: Record<string, unknown> | null; images?: { id: string }[] | null }[] | null
}

export type ImageVariantPair = { image_id: string; variant_id: string }

export function variantImageLinks(products: VariantImageRow[]): { add: ImageVariantPair[]; remove: ImageVariantPair[] } {
  const add: ImageVariantPair[] = []
  const remove: ImageVariantPair[] = []
  for (const product of products) {
    const odooImages = (product.images ?? []).filter((image) => odooImageMetadata(image.metadata) !== null)
    const odooImageIds = new Set(odooImages.map((image) => image.id))
    for (const variant of product.variants ?? []) {
      const odooId = variant.metadata?.external_id
      const wanted = new Set(
        odooImages.filter((image) => typeof odooId === "string" && image.metadata?.odoo_variant_id === odooId).map((image) => image.id)
      )
      const linked = new Set((variant.images ?? []).map((image) => image.id).filter((id) => odooImageIds.has(id)))
      for (const id of wanted) if (!linked.has(id)) add.push({ image_id: id, variant_id: variant.id })
      for (const id of linked) if (!wanted.has(id)) remove.push({ image_id: id, variant_id: variant.id })
    }
  }
  return { add, remove }
}
