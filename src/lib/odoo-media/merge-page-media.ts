/**
 * The page's images and categories merged into its product writes, so that a product is written
 * once: creations take theirs (and their variants' thumbnails), updates theirs, and a product
 * whose only change is its media gets an update of its own. Pure.
 */
import type { CreateProductWorkflowInputDTO, UpdateProductWorkflowInputDTO } from "@medusajs/framework/types"
import type { PageMediaWrites } from "./page-media-writes"

type VariantInput = { metadata?: Record<string, unknown> | null; thumbnail?: string | null }

function withVariantThumbnails<T extends VariantInput>(variants: T[] | undefined, thumbnails: Record<string, string>): T[] | undefined {
  if (!variants) return variants
  return variants.map((variant) => {
    const odooId = variant.metadata?.external_id
    const url = typeof odooId === "string" ? thumbnails[odooId] : undefined
    return url ? { ...variant, thumbnail: url } : variant
  })
}

export function withCreateMedia(products: CreateProductWorkflowInputDTO[], media: PageMediaWrites | undefined): CreateProductWorkflowInputDTO[] {
  if (!media) return products
  return products.map((product) => {
    const change = media.byExternalId[String(product.external_id)]
    const variants = withVariantThumbnails(product.variants as VariantInput[] | undefined, media.newVariantThumbnails)
    return {
      ...product,
      ...(change?.images ? { images: change.images } : {}),
      ...(change?.thumbnail !== undefined ? { thumbnail: change.thumbnail ?? undefined } : {}),
      ...(change?.categories ? { categories: change.categories } : {}),
      ...(variants ? { variants: variants as CreateProductWorkflowInputDTO["variants"] } : {}),
    }
  })
}

export type ProductUpdate = UpdateProductWorkflowInputDTO & { id: string }

/** The page's updates with their media, plus an update for each product whose only change is its media. */
export function withUpdateMedia(products: ProductUpdate[], media: PageMediaWrites | undefined): ProductUpdate[] {
  if (!media) return products
  const updated = new Set(products.map((product) => product.id))
  const merged = products.map((product) => {
    const change = media.byExternalId[media.externalIdById[product.id] ?? ""]
    const variants = withVariantThumbnails(product.variants as VariantInput[] | undefined, media.newVariantThumbnails)
    return {
      ...product,
      ...(change ?? {}),
      ...(variants ? { variants: variants as ProductUpdate["variants"] } : {}),
    }
  })
  const mediaOnly = Object.entries(media.externalIdById)
    .filter(([id, externalId]) => !updated.has(id) && media.byExternalId[externalId])
    .map(([id, externalId]) => ({ id, ...media.byExternalId[externalId] }))
  return [...merged, ...mediaOnly]
}
