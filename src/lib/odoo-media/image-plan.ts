/**
 * Which images a synced product should have, from what Odoo says about its files (checksums,
 * sizes; no bytes), and what Medusa has: the images to download, those kept as they are, and the
 * files to delete once the page is written. Pure: no Odoo, no Medusa container.
 */

export const TEMPLATE_MODEL = "product.template"
export const VARIANT_MODEL = "product.product"
export const EXTRA_IMAGE_MODEL = "product.image"

export type OdooImageModel = typeof TEMPLATE_MODEL | typeof VARIANT_MODEL | typeof EXTRA_IMAGE_MODEL

/** One binary field of one Odoo record. */
export type OdooImageRef = { model: OdooImageModel; id: number; field: string }

/** A field attachment as `ir.attachment` returns it. */
export type ImageAttachment = {
  id: number
  res_model: string
  res_id: number
  res_field: string
  checksum: string
  file_size: number
}

/** The page's templates as the media read sees them. */
export type TemplateMedia = {
  id: number
  variantIds: number[]
  publicCategoryIds: number[]
  internalCategoryId: number | false
}

/** A website_sale extra image (`product.image`). */
export type ExtraImage = { id: number; templateId: number | false; variantId: number | false; sequence: number }

/** What the templates' own read says about their images and categories (no files yet). */
export type PageMediaLinks = {
  templates: TemplateMedia[]
  extraImages: ExtraImage[]
}

/** A page's media: the templates' links and their image files' attachments (checksums, sizes). */
export type PageMediaRead = PageMediaLinks & {
  attachments: ImageAttachment[]
}

/** Metadata kept on each Medusa image that came from Odoo. */
export type OdooImageMetadata = {
  odoo_image: string
  odoo_checksum: string
  odoo_file_id: string
  /** The Odoo variant the image is of (its own image or a variant extra image). */
  odoo_variant_id?: string
}

/** A Medusa product image as query.graph returns it. */
export type MedusaImageRow = { id: string; url: string; rank?: number | null; metadata?: Record<string, unknown> | null }

export type WantedImage = OdooImageRef & {
  key: string
  /** The ir.attachment holding the file (its content is downloaded from there). */
  attachmentId: number
  checksum: string
  fileSize: number
  /** The Odoo variant this image belongs to (its own image), if any. */
  variantId?: number
}

export type ImageSkip = { key: string; checksum: string; reason: string }

export type ProductImagePlan = {
  templateId: number
  wanted: WantedImage[]
  /** Wanted images Medusa already has with the same checksum: key → the image row. */
  kept: Record<string, MedusaImageRow>
  download: WantedImage[]
  skipped: ImageSkip[]
  /** Images an admin added in Medusa (no Odoo metadata): kept, after Odoo's. */
  adminImages: MedusaImageRow[]
  /** Odoo images Medusa has that are no longer wanted as they are (removed or changed). */
  replaced: MedusaImageRow[]
}

export const imageKey = (ref: OdooImageRef): string => `${ref.model}-${ref.id}-${ref.field}`

/** `odoo/<model>-<id>-<field>-<checksum>.<ext>`: the same image always gets the same name. */
export function odooImageFileName(ref: OdooImageRef, checksum: string, extension: string): string {
  return `odoo/${imageKey(ref)}-${checksum}.${extension}`
}

export function odooImageMetadata(metadata: MedusaImageRow["metadata"]): OdooImageMetadata | null {
  if (!metadata || typeof metadata.odoo_image !== "string" || typeof metadata.odoo_checksum !== "string") return null
  return {
    odoo_image: metadata.odoo_image,
    odoo_checksum: metadata.odoo_checksum,
    odoo_file_id: typeof metadata.odoo_file_id === "string" ? metadata.odoo_file_id : "",
  }
}

const bySequence = (a: ExtraImage, b: ExtraImage) => a.sequence - b.sequence || a.id - b.id

/**
 * A template's images in Odoo's order: its main image, its extra images (sequence, id), then each
 * variant's own image and extra images, each only when Odoo has a file for it.
 */
export function wantedImages(template: TemplateMedia, read: PageMediaRead): WantedImage[] {
  const attachments = new Map(read.attachments.map((row) => [`${row.res_model}-${row.res_id}-${row.res_field}`, row]))
  const wanted: WantedImage[] = []
  const add = (ref: OdooImageRef, variantId?: number) => {
    const key = imageKey(ref)
    const attachment = attachments.get(key)
    if (!attachment || !attachment.checksum) return
    wanted.push({ ...ref, key, attachmentId: attachment.id, checksum: attachment.checksum, fileSize: attachment.file_size, ...(variantId !== undefined ? { variantId } : {}) })
  }
  add({ model: TEMPLATE_MODEL, id: template.id, field: "image_1920" })
  const extras = read.extraImages.filter((image) => image.templateId === template.id && !image.variantId).sort(bySequence)
  for (const image of extras) add({ model: EXTRA_IMAGE_MODEL, id: image.id, field: "image_1920" })
  for (const variantId of template.variantIds) {
    add({ model: VARIANT_MODEL, id: variantId, field: "image_variant_1920" }, variantId)
    const variantExtras = read.extraImages.filter((image) => image.variantId === variantId).sort(bySequence)
    for (const image of variantExtras) add({ model: EXTRA_IMAGE_MODEL, id: image.id, field: "image_1920" }, variantId)
  }
  return wanted
}

/** What to do with one product's images. */
export function planProductImages(
  template: TemplateMedia,
  read: PageMediaRead,
  existing: MedusaImageRow[],
  maxImageBytes: number
): ProductImagePlan {
  const wanted = wantedImages(template, read)
  const adminImages = existing.filter((image) => odooImageMetadata(image.metadata) === null)
  const fromOdoo = existing.filter((image) => odooImageMetadata(image.metadata) !== null)
  const kept: Record<string, MedusaImageRow> = {}
  const download: WantedImage[] = []
  const skipped: ImageSkip[] = []
  for (const image of wanted) {
    const match = fromOdoo.find((row) => {
      const metadata = odooImageMetadata(row.metadata)
      return metadata?.odoo_image === image.key && metadata.odoo_checksum === image.checksum
    })
    if (match) {
      kept[image.key] = match
    } else if (image.fileSize > maxImageBytes) {
      skipped.push({ key: image.key, checksum: image.checksum, reason: `image of ${image.fileSize} bytes is over the limit of ${maxImageBytes} bytes (ODOO_MAX_IMAGE_BYTES)` })
    } else {
      download.push(image)
    }
  }
  const keptIds = new Set(Object.values(kept).map((row) => row.id))
  const replaced = fromOdoo.filter((row) => !keptIds.has(row.id))
  return { templateId: template.id, wanted, kept, download, skipped, adminImages, replaced }
}

/** A file stored for a downloaded image. */
export type StoredImage = { key: string; checksum: string; url: string; fileId: string }

export type ProductImageUpdate = {
  images: { id?: string; url: string; metadata?: Record<string, unknown> }[]
  thumbnail: string | null
  /** Odoo variant id → the url of its own image. */
  variantThumbnails: Record<string, string>
}

/**
 * The product's images after the sync: Odoo's in Odoo's order (kept or just stored), then the
 * admin's; the thumbnail is Odoo's main image, else what the admin chose.
 */
export function productImageUpdate(
  plan: ProductImagePlan,
  stored: Record<string, StoredImage>,
  currentThumbnail: string | null
): ProductImageUpdate {
  const images: ProductImageUpdate["images"] = []
  const variantThumbnails: Record<string, string> = {}
  for (const image of plan.wanted) {
    const keptRow = plan.kept[image.key]
    const storedImage = stored[`${image.key}-${image.checksum}`]
    const url = keptRow?.url ?? storedImage?.url
    if (!url) continue
    const metadata: OdooImageMetadata = {
      ...(keptRow
        ? (odooImageMetadata(keptRow.metadata) as OdooImageMetadata)
        : { odoo_image: image.key, odoo_checksum: image.checksum, odoo_file_id: storedImage.fileId }),
      ...(image.variantId !== undefined ? { odoo_variant_id: String(image.variantId) } : {}),
    }
    images.push({ ...(keptRow ? { id: keptRow.id } : {}), url, metadata })
    if (image.variantId !== undefined && image.model === VARIANT_MODEL) variantThumbnails[String(image.variantId)] = url
  }
  const odooUrls = images.length
  for (const admin of plan.adminImages) images.push({ id: admin.id, url: admin.url })
  const adminUrls = new Set(plan.adminImages.map((image) => image.url))
  const mainFromOdoo = odooUrls > 0 ? images[0].url : null
  const thumbnail = mainFromOdoo ?? (currentThumbnail && adminUrls.has(currentThumbnail) ? currentThumbnail : plan.adminImages[0]?.url ?? null)
  return { images, thumbnail, variantThumbnails }
}

/** Whether the product's images (urls in order) or thumbnail differ from what Medusa has. */
export function imagesChanged(update: ProductImageUpdate, existing: MedusaImageRow[], currentThumbnail: string | null): boolean {
  const current = [...existing].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((image) => image.url)
  const next = update.images.map((image) => image.url)
  return update.thumbnail !== currentThumbnail || current.length !== next.length || current.some((url, index) => url !== next[index])
}

/** The stored files of the Odoo images of the given products (to delete with them). */
export function odooFileIdsOf(products: { images?: Pick<MedusaImageRow, "metadata">[] | null }[]): string[] {
  return products.flatMap((product) =>
    (product.images ?? []).map((image) => odooImageMetadata(image.metadata)?.odoo_file_id).filter((id): id is string => Boolean(id))
  )
}
