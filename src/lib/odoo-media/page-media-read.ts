/**
 * A page's images and category links as Odoo's reads give them, taken apart (pure): the
 * templates' rows (web_read's nesting, or `read` rows of three models put into that nesting on
 * an Odoo without web_read), the checksum search of their field attachments, and the part of a
 * page's read that concerns the templates a page workflow writes.
 */
import {
  EXTRA_IMAGE_MODEL,
  TEMPLATE_MODEL,
  VARIANT_MODEL,
  type ExtraImage,
  type ImageAttachment,
  type PageMediaLinks,
  type PageMediaRead,
} from "./image-plan"

type Row = Record<string, unknown> & { id: number }

const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Row).id === "number"
const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? value.filter(isRow) : [])
const idsOf = (value: unknown): number[] => (Array.isArray(value) ? value.filter((id): id is number => typeof id === "number") : [])
const sequenceOf = (row: Row): number => (typeof row.sequence === "number" ? row.sequence : 0)
/** A many2one as web_read (an id, or an object) or read ([id, name]) gives it. */
const many2oneId = (value: unknown): number | false =>
  typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] : isRow(value) ? value.id : false

/**
 * The template fields (web_read specification) a page's media needs: the active variants, the
 * category links, and with website_sale the extra images of the templates and of their variants
 * with their sequence.
 */
export function pageMediaSpecification(websiteSale: boolean): Record<string, unknown> {
  if (!websiteSale) return { product_variant_ids: {}, categ_id: {} }
  return {
    product_variant_ids: { fields: { product_variant_image_ids: { fields: { sequence: {} } } } },
    categ_id: {},
    public_categ_ids: {},
    product_template_image_ids: { fields: { sequence: {} } },
  }
}

/** The template fields `read` is asked for where there is no web_read (the specification's keys). */
export function pageMediaFields(websiteSale: boolean): string[] {
  return Object.keys(pageMediaSpecification(websiteSale))
}

/**
 * Templates' rows read with pageMediaSpecification (web_read, nested) taken apart: each
 * template's active variants and category links, and the extra images of the templates and of
 * their variants (an image listed on both counts as the template's). Other fields are ignored.
 */
export function pageMediaLinksOf(templateRows: Row[]): PageMediaLinks {
  const extraImages: ExtraImage[] = []
  const seen = new Set<number>()
  const templates = templateRows.map((row) => {
    const variants: unknown[] = Array.isArray(row.product_variant_ids) ? row.product_variant_ids : []
    const variantIds = variants.map((variant) => (isRow(variant) ? variant.id : variant)).filter((id): id is number => typeof id === "number")
    for (const image of rowsOf(row.product_template_image_ids)) {
      if (seen.has(image.id)) continue
      seen.add(image.id)
      extraImages.push({ id: image.id, templateId: row.id, variantId: false, sequence: sequenceOf(image) })
    }
    for (const variant of rowsOf(variants)) {
      for (const image of rowsOf(variant.product_variant_image_ids)) {
        if (seen.has(image.id)) continue
        seen.add(image.id)
        extraImages.push({ id: image.id, templateId: false, variantId: variant.id, sequence: sequenceOf(image) })
      }
    }
    return {
      id: row.id,
      variantIds,
      publicCategoryIds: idsOf(row.public_categ_ids),
      internalCategoryId: many2oneId(row.categ_id),
    }
  })
  return { templates, extraImages }
}

/**
 * `read` rows (an Odoo without web_read) in web_read's nesting for pageMediaLinksOf: the
 * templates' `product_variant_ids` and `product_template_image_ids` (ids) unfolded with the
 * variants' `product_variant_image_ids` (ids) and the images' `sequence`. A variant or image
 * that is not among the rows stays an id.
 */
export function nestPageMediaRows(templates: Row[], variants: Row[], images: Row[]): Row[] {
  const imageById = new Map(images.map((image) => [image.id, { id: image.id, sequence: image.sequence }]))
  const unfoldImages = (value: unknown) => idsOf(value).map((id) => imageById.get(id) ?? id)
  const variantById = new Map(
    variants.map((variant) => [variant.id, { id: variant.id, product_variant_image_ids: unfoldImages(variant.product_variant_image_ids) }])
  )
  return templates.map((template) => ({
    ...template,
    ...("product_variant_ids" in template
      ? { product_variant_ids: idsOf(template.product_variant_ids).map((id) => variantById.get(id) ?? id) }
      : {}),
    ...("product_template_image_ids" in template ? { product_template_image_ids: unfoldImages(template.product_template_image_ids) } : {}),
  }))
}

/** The ids of the records whose images a page's links name: templates, variants, extra images. */
export function imageOwnerIds(links: PageMediaLinks): { templateIds: number[]; variantIds: number[]; extraImageIds: number[] } {
  return {
    templateIds: links.templates.map((template) => template.id),
    variantIds: links.templates.flatMap((template) => template.variantIds),
    extraImageIds: links.extraImages.map((image) => image.id),
  }
}

/** A domain that is the OR of the given ones. */
function anyOf(domains: unknown[][]): unknown[] {
  if (domains.length === 0) return [["id", "=", 0]]
  return [...Array(domains.length - 1).fill("|"), ...domains.flat()]
}

/**
 * The `ir.attachment` domain of the image files of a page's templates, variants and extra
 * images. Field attachments are only found when the domain names res_field (Odoo's
 * ir.attachment._search leaves them out otherwise).
 */
export function imageAttachmentDomain(links: PageMediaLinks): unknown[] {
  const { templateIds, variantIds, extraImageIds } = imageOwnerIds(links)
  const fieldOf = (model: string, field: string, ids: number[]) =>
    ids.length ? [["&", "&", ["res_model", "=", model], ["res_field", "=", field], ["res_id", "in", ids]]] : []
  return anyOf([
    ...fieldOf(TEMPLATE_MODEL, "image_1920", templateIds),
    ...fieldOf(VARIANT_MODEL, "image_variant_1920", variantIds),
    ...fieldOf(EXTRA_IMAGE_MODEL, "image_1920", extraImageIds),
  ])
}

/** The fields of an image's attachment the sync reads (no bytes). */
export const IMAGE_ATTACHMENT_FIELDS = ["res_model", "res_id", "res_field", "checksum", "file_size"]

/** `ir.attachment` rows (IMAGE_ATTACHMENT_FIELDS) as the image plan takes them. */
export function imageAttachmentsOf(rows: Row[]): ImageAttachment[] {
  return rows.map((row) => ({
    id: row.id,
    res_model: String(row.res_model),
    res_id: Number(row.res_id),
    res_field: String(row.res_field),
    checksum: typeof row.checksum === "string" ? row.checksum : "",
    file_size: typeof row.file_size === "number" ? row.file_size : 0,
  }))
}

/**
 * The part of a page's media read that concerns the given templates (those the page workflow
 * writes: the page was read whole, ahead): their links, their extra images and the attachments
 * of their own, their variants' and those images' files.
 */
export function pageMediaOf(read: PageMediaRead, templateIds: number[]): PageMediaRead {
  const wanted = new Set(templateIds)
  const templates = read.templates.filter((template) => wanted.has(template.id))
  const variantIds = new Set(templates.flatMap((template) => template.variantIds))
  const extraImages = read.extraImages.filter((image) =>
    image.templateId !== false ? wanted.has(image.templateId) : image.variantId !== false && variantIds.has(image.variantId)
  )
  const owners = new Set([
    ...templates.map((template) => `${TEMPLATE_MODEL}-${template.id}`),
    ...[...variantIds].map((id) => `${VARIANT_MODEL}-${id}`),
    ...extraImages.map((image) => `${EXTRA_IMAGE_MODEL}-${image.id}`),
  ])
  const attachments = read.attachments.filter((attachment) => owners.has(`${attachment.res_model}-${attachment.res_id}`))
  return { templates, extraImages, attachments }
}
