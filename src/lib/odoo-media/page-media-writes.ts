/**
 * A page's image and category changes as Medusa writes: which images to download, then each
 * product's images, thumbnail and categories, the variants' thumbnails, the files to delete. Pure.
 */
import type { SkippedRecord } from "../odoo-sync/constants"
import { odooCategoryOf, productCategoryIds, templateCategoryIds, type MedusaCategoryRow, type OdooCategoryModel } from "../odoo-categories/category-plan"
import {
  imagesChanged,
  odooImageMetadata,
  planProductImages,
  productImageUpdate,
  type ImageSkip,
  type MedusaImageRow,
  type PageMediaRead,
  type ProductImagePlan,
  type StoredImage,
  type WantedImage,
} from "./image-plan"

/** A synced product as the media workflow reads it from Medusa. */
export type MediaProductRow = {
  id: string
  external_id: string | null
  thumbnail: string | null
  images?: MedusaImageRow[] | null
  categories?: { id: string }[] | null
  variants?: { id: string; thumbnail?: string | null; metadata?: Record<string, unknown> | null }[] | null
}

export const MEDIA_PRODUCT_FIELDS = [
  "id",
  "external_id",
  "thumbnail",
  "images.id",
  "images.url",
  "images.rank",
  "images.metadata",
  "categories.id",
  "variants.id",
  "variants.thumbnail",
  "variants.metadata",
]

export const MEDIA_CATEGORY_FIELDS = ["id", "name", "handle", "parent_category_id", "rank", "is_active", "metadata"]

/** The image plan of each template read (a product the page creates starts with no image). */
export function planPageImages(read: PageMediaRead, products: MediaProductRow[], maxImageBytes: number): { plans: ProductImagePlan[]; downloads: WantedImage[] } {
  const byExternalId = new Map(products.map((product) => [product.external_id, product]))
  const plans: ProductImagePlan[] = []
  for (const template of read.templates) {
    const product = byExternalId.get(String(template.id))
    plans.push(planProductImages(template, read, product?.images ?? [], maxImageBytes))
  }
  return { plans, downloads: plans.flatMap((plan) => plan.download) }
}

/** What the page's product writes take on for one product: images, thumbnail, categories. */
export type ProductMediaChange = {
  images?: { id?: string; url: string; metadata?: Record<string, unknown> }[]
  thumbnail?: string | null
  categories?: { id: string }[]
}

export type PageMediaWrites = {
  /** Changes per product external id (only products whose images or categories differ). */
  byExternalId: Record<string, ProductMediaChange>
  /** Medusa product id → external id, for the page's products Medusa already has. */
  externalIdById: Record<string, string>
  /** Thumbnails of variants Medusa has (their own Odoo image, or none any more). */
  variants: { id: string; thumbnail: string | null }[]
  /** Thumbnails of variants the page creates, by Odoo variant id. */
  newVariantThumbnails: Record<string, string>
  replacedFileIds: string[]
  /** External ids of the products whose variants' image links may change (images changed, and a variant image among them now or before). */
  imagesChanged: string[]
  skipped: SkippedRecord[]
}

function skipRecord(skip: ImageSkip, templateId: number): SkippedRecord {
  const [model, id] = skip.key.split(/-(?=\d+-)/)
  return { odoo_id: Number(id.split("-")[0]), model, reason: `image skipped: ${skip.reason}`, template_id: templateId }
}

export function pageMediaWrites(input: {
  read: PageMediaRead
  products: MediaProductRow[]
  plans: ProductImagePlan[]
  stored: Record<string, StoredImage>
  storeSkipped: ImageSkip[]
  categoryModel: OdooCategoryModel | null
  categoryIdByExternalId: Record<string, string>
  categoriesBefore: MedusaCategoryRow[]
}): PageMediaWrites {
  const byExternalId = new Map(input.products.map((product) => [product.external_id, product]))
  const owned = new Set([
    ...input.categoriesBefore.filter((row) => odooCategoryOf(row) !== null).map((row) => row.id),
    ...Object.values(input.categoryIdByExternalId),
  ])
  const writes: PageMediaWrites = {
    byExternalId: {},
    externalIdById: Object.fromEntries(input.products.map((product) => [product.id, String(product.external_id)])),
    variants: [],
    newVariantThumbnails: {},
    replacedFileIds: [],
    imagesChanged: [],
    skipped: [],
  }
  const storeSkipped = new Map(input.storeSkipped.map((skip) => [`${skip.key}-${skip.checksum}`, skip]))
  for (const plan of input.plans) {
    const externalId = String(plan.templateId)
    // A product the page creates has no row yet: no images, no categories, no variants.
    const product: MediaProductRow = byExternalId.get(externalId) ?? { id: "", external_id: externalId, thumbnail: null }
    const template = input.read.templates.find((candidate) => candidate.id === plan.templateId)
    if (!template) continue
    for (const skip of plan.skipped) writes.skipped.push(skipRecord(skip, plan.templateId))
    for (const image of plan.download) {
      const skip = storeSkipped.get(`${image.key}-${image.checksum}`)
      if (skip) writes.skipped.push(skipRecord(skip, plan.templateId))
    }
    const existingImages = product.images ?? []
    const update = productImageUpdate(plan, input.stored, product.thumbnail)
    const change: ProductMediaChange = {}
    if (imagesChanged(update, existingImages, product.thumbnail)) {
      change.images = update.images
      change.thumbnail = update.thumbnail
      const variantImages = plan.wanted.some((image) => image.variantId !== undefined) || existingImages.some((image) => image.metadata?.odoo_variant_id)
      if (variantImages) writes.imagesChanged.push(externalId)
      const keptUrls = new Set(update.images.map((image) => image.url))
      for (const replaced of plan.replaced) {
        const fileId = odooImageMetadata(replaced.metadata)?.odoo_file_id
        if (fileId && !keptUrls.has(replaced.url)) writes.replacedFileIds.push(fileId)
      }
    }
    if (input.categoryModel) {
      const current = (product.categories ?? []).map((category) => category.id)
      const next = productCategoryIds(templateCategoryIds(template, input.categoryModel), current, input.categoryIdByExternalId, owned)
      const same = next.length === current.length && next.every((id) => current.includes(id))
      if (!same) change.categories = next.map((id) => ({ id }))
    }
    if (Object.keys(change).length > 0) writes.byExternalId[externalId] = change
    const known = new Set<string>()
    for (const variant of product.variants ?? []) {
      const odooId = variant.metadata?.external_id
      if (typeof odooId === "string") known.add(odooId)
      const wanted = typeof odooId === "string" ? update.variantThumbnails[odooId] ?? null : null
      const current = variant.thumbnail ?? null
      // Only thumbnails the sync set are taken back (an admin's stays).
      const ours = current === null || existingImages.some((image) => image.url === current && odooImageMetadata(image.metadata))
      if (wanted !== current && (wanted !== null || ours)) writes.variants.push({ id: variant.id, thumbnail: wanted })
    }
    for (const [odooId, url] of Object.entries(update.variantThumbnails)) if (!known.has(odooId)) writes.newVariantThumbnails[odooId] = url
  }
  return writes
}
