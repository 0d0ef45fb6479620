/**
 * How images and categories are read from Odoo (used by the module service): a page's media in
 * three calls (templates' links, extra images, field attachments with their sha1 checksums, no
 * bytes), the bytes of the images that changed (one read per model and field), the category tree.
 */
import type { OdooClient } from "./client/client"
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
const many2oneId = (value: unknown): number | false => (Array.isArray(value) && typeof value[0] === "number" ? value[0] : false)

/** A domain that is the OR of the given ones. */
function anyOf(domains: OdooDomain[]): OdooDomain {
  if (domains.length === 0) return [["id", "=", 0]]
  return [...Array(domains.length - 1).fill("|"), ...domains.flat()]
}

export async function readPageMedia(client: OdooClient, templateIds: number[], websiteSale: boolean): Promise<PageMediaRead> {
  if (templateIds.length === 0) return { templates: [], extraImages: [], attachments: [] }
  const templateFields = ["product_variant_ids", "categ_id", ...(websiteSale ? ["public_categ_ids"] : [])]
  const [templateRows, imageRows] = await Promise.all([
    client.read(TEMPLATE_MODEL, templateIds, { fields: templateFields, context: { active_test: false } }),
    websiteSale
      ? client.searchRead(EXTRA_IMAGE_MODEL, {
          domain: ["|", ["product_tmpl_id", "in", templateIds], ["product_variant_id.product_tmpl_id", "in", templateIds]],
          fields: ["product_tmpl_id", "product_variant_id", "sequence"],
          order: "sequence, id",
        })
      : Promise.resolve([]),
  ])
  const templates = templateRows.map((row) => ({
    id: row.id,
    variantIds: ids(row.product_variant_ids),
    publicCategoryIds: ids(row.public_categ_ids),
    internalCategoryId: many2oneId(row.categ_id),
  }))
  const extraImages: ExtraImage[] = imageRows.map((row) => ({
    id: row.id,
    templateId: many2oneId(row.product_tmpl_id),
    variantId: many2oneId(row.product_variant_id),
    sequence: typeof row.sequence === "number" ? row.sequence : 0,
  }))
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
