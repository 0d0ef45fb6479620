/**
 * How images and categories are read from Odoo (used by the module service): a page's media in
 * three calls (templates' links, extra images, field attachments with their sha1 checksums, no
 * bytes), the bytes of the images that changed (one read per model and field), the category tree.
 */
import type { OdooClient } from "./client/client"
import { isOdooError } from "./client/errors"
import type { OdooDomain } from "./client/types"
import {
  EXTRA_IMAGE_MODEL,
  TEMPLATE_MODEL,
  VARIANT_MODEL,
  type ExtraImage,
  type ImageAttachment,
  type PageMediaRead,
} from "../../lib/odoo-media/image-plan"
import { PUBLIC_CATEGORY_MODEL, type OdooCategory, type OdooCategoryModel } from "../../lib/odoo-categories/category-plan"

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((id): id is number => typeof id === "number") : [])
/** A many2one as web_read (an id) or read ([id, name]) gives it. */
const many2oneId = (value: unknown): number | false =>
  typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] : false

/** A domain that is the OR of the given ones. */
function anyOf(domains: OdooDomain[]): OdooDomain {
  if (domains.length === 0) return [["id", "=", 0]]
  return [...Array(domains.length - 1).fill("|"), ...domains.flat()]
}

type Row = Record<string, unknown> & { id: number }
const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((row): row is Row => typeof row === "object" && row !== null && "id" in row) : [])
const sequenceOf = (row: Row): number => (typeof row.sequence === "number" ? row.sequence : 0)

/** The template fields (web_read specification) a page's media needs: two levels of extra images with website_sale. */
export function pageMediaSpecification(websiteSale: boolean): Record<string, unknown> {
  if (!websiteSale) return { product_variant_ids: {}, categ_id: {} }
  return {
    product_variant_ids: { fields: { product_variant_image_ids: { fields: { sequence: {} } } } },
    categ_id: {},
    public_categ_ids: {},
    product_template_image_ids: { fields: { sequence: {} } },
  }
}

export async function readPageMedia(client: OdooClient, templateIds: number[], websiteSale: boolean): Promise<PageMediaRead> {
  if (templateIds.length === 0) return { templates: [], extraImages: [], attachments: [] }
  const templateRows = await readTemplateMediaLinks(client, templateIds, websiteSale)
  const extraImages: ExtraImage[] = []
  const templates = templateRows.map((row) => {
    const variants = Array.isArray(row.product_variant_ids) ? row.product_variant_ids : []
    const variantIds = variants.map((variant) => (typeof variant === "number" ? variant : Number((variant as Row).id)))
    for (const image of rows(row.product_template_image_ids)) {
      extraImages.push({ id: image.id, templateId: row.id, variantId: false, sequence: sequenceOf(image) })
    }
    for (const variant of rows(variants)) {
      for (const image of rows(variant.product_variant_image_ids)) {
        if (extraImages.some((known) => known.id === image.id)) continue
        extraImages.push({ id: image.id, templateId: false, variantId: variant.id, sequence: sequenceOf(image) })
      }
    }
    return {
      id: row.id,
      variantIds,
      publicCategoryIds: ids(row.public_categ_ids),
      internalCategoryId: many2oneId(row.categ_id),
    }
  })
  const variantIds = templates.flatMap((template) => template.variantIds)
  // Field attachments are only found when the domain names res_field (ir.attachment._search).
  const attachmentDomain = anyOf([
    ["&", "&", ["res_model", "=", TEMPLATE_MODEL], ["res_field", "=", "image_1920"], ["res_id", "in", templateIds]],
    ...(variantIds.length
      ? [["&", "&", ["res_model", "=", VARIANT_MODEL], ["res_field", "=", "image_variant_1920"], ["res_id", "in", variantIds]]]
      : []),
    ...(extraImages.length
      ? [["&", "&", ["res_model", "=", EXTRA_IMAGE_MODEL], ["res_field", "=", "image_1920"], ["res_id", "in", extraImages.map((image) => image.id)]]]
      : []),
  ])
  const attachmentRows = await client.searchRead("ir.attachment", {
    domain: attachmentDomain,
    fields: ["res_model", "res_id", "res_field", "checksum", "file_size"],
  })
  const attachments: ImageAttachment[] = attachmentRows.map((row) => ({
    id: row.id,
    res_model: String(row.res_model),
    res_id: Number(row.res_id),
    res_field: String(row.res_field),
    checksum: typeof row.checksum === "string" ? row.checksum : "",
    file_size: typeof row.file_size === "number" ? row.file_size : 0,
  }))
  return { templates, extraImages, attachments }
}

/** The base64 content of the given field attachments, by attachment id (false: no content). */
export async function downloadImages(client: OdooClient, attachmentIds: number[]): Promise<Record<number, string | false>> {
  if (attachmentIds.length === 0) return {}
  const rows = await client.read("ir.attachment", [...new Set(attachmentIds)], { fields: ["datas"] })
  const contents: Record<number, string | false> = {}
  for (const row of rows) contents[row.id] = typeof row.datas === "string" && row.datas.length > 0 ? row.datas : false
  return contents
}

/** Clients whose Odoo's web_search_read takes no `specification` (Odoo 16): asked once per client. */
const withoutSpecification = new WeakSet<OdooClient>()

function isMissingSpecification(error: unknown): boolean {
  return isOdooError(error) && /unexpected keyword argument 'specification'/.test(error.odooMessage ?? error.message)
}

/**
 * The page's templates with their variants, categories and extra images (see
 * pageMediaSpecification), archived variants included: one web_search_read (Odoo 17+), or on
 * Odoo 16 a read of the templates and one search of the extra images, nested the same way.
 */
async function readTemplateMediaLinks(client: OdooClient, templateIds: number[], websiteSale: boolean): Promise<Row[]> {
  if (!withoutSpecification.has(client)) {
    try {
      // web_search_read (not web_read): the same nesting, and the product pages' own reads stay
      // countable on their own in the run's call statistics.
      const answer = await client.call<{ records?: Row[] }>(TEMPLATE_MODEL, "web_search_read", [], {
        domain: [["id", "in", templateIds]],
        specification: pageMediaSpecification(websiteSale),
        context: { active_test: false },
      })
      const templateRows = answer?.records
      if (!Array.isArray(templateRows)) {
        throw new Error(`Odoo's ${TEMPLATE_MODEL} web_search_read did not return records`)
      }
      return templateRows
    } catch (error) {
      if (!isMissingSpecification(error)) throw error
      withoutSpecification.add(client)
    }
  }
  // read (not search_read, which drops active_test before reading) lists archived variants too.
  const templates = await client.read(TEMPLATE_MODEL, templateIds, {
    fields: Object.keys(pageMediaSpecification(websiteSale)).filter((field) => field !== "product_template_image_ids"),
    context: { active_test: false },
  })
  if (!websiteSale) return templates
  const variantIds = templates.flatMap((template) => ids(template.product_variant_ids))
  const images = await client.searchRead(EXTRA_IMAGE_MODEL, {
    domain: variantIds.length ? ["|", ["product_tmpl_id", "in", templateIds], ["product_variant_id", "in", variantIds]] : [["product_tmpl_id", "in", templateIds]],
    fields: ["sequence", "product_tmpl_id", "product_variant_id"],
  })
  // Odoo's order of product.image (sequence, id) is the one2many's.
  const imagesWhere = (field: "product_tmpl_id" | "product_variant_id", id: number) =>
    images.filter((image) => many2oneId(image[field]) === id).map((image) => ({ id: image.id, sequence: image.sequence }))
  return templates.map((template) => ({
    ...template,
    product_template_image_ids: imagesWhere("product_tmpl_id", template.id),
    product_variant_ids: ids(template.product_variant_ids).map((variantId) => ({
      id: variantId,
      product_variant_image_ids: imagesWhere("product_variant_id", variantId),
    })),
  }))
}

/** Every category of the chosen tree. */
export async function readCategories(client: OdooClient, model: OdooCategoryModel): Promise<OdooCategory[]> {
  const fields = model === PUBLIC_CATEGORY_MODEL ? ["name", "parent_id", "sequence"] : ["name", "parent_id"]
  const rows = await client.searchRead(model, { domain: [], fields, order: "id" })
  return rows.map((row) => ({
    id: row.id,
    name: typeof row.name === "string" ? row.name : String(row.id),
    parentId: many2oneId(row.parent_id),
    sequence: typeof row.sequence === "number" ? row.sequence : 0,
  }))
}
