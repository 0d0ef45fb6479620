/**
 * How images and categories are read from Odoo (used by the module service and the catalog
 * reader): a page's media links (the templates' variants, category links and extra images,
 * nested in the templates' web_read, or read model by model on an Odoo without web_read), the
 * checksums of their files (field attachments with their sha1, no bytes), the bytes of the
 * images that changed, the category tree.
 */
import type { OdooClient } from "./client/client"
import type { OdooRecord } from "./client/types"
import { webReadIfAvailable } from "./web-read"
import { EXTRA_IMAGE_MODEL, TEMPLATE_MODEL, VARIANT_MODEL, type PageMediaLinks, type PageMediaRead } from "../../lib/odoo-media/image-plan"
import {
  IMAGE_ATTACHMENT_FIELDS,
  imageAttachmentDomain,
  imageAttachmentsOf,
  nestPageMediaRows,
  pageMediaFields,
  pageMediaLinksOf,
  pageMediaSpecification,
} from "../../lib/odoo-media/page-media-read"
import { PUBLIC_CATEGORY_MODEL, type OdooCategory, type OdooCategoryModel } from "../../lib/odoo-categories/category-plan"

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((id): id is number => typeof id === "number") : [])
/** A many2one as read gives it ([id, name]). */
const many2oneId = (value: unknown): number | false =>
  typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] : false

/**
 * Templates' rows `read` with pageMediaFields (an Odoo without web_read) put into web_read's
 * nesting: with website_sale, the variants' extra images (`product_variant_image_ids`), then
 * every extra image's `sequence`, are read (two calls); without it there is nothing to unfold.
 */
export async function unfoldPageMediaRows(client: OdooClient, templateRows: OdooRecord[], websiteSale: boolean): Promise<OdooRecord[]> {
  if (!websiteSale) return templateRows
  const variantIds = [...new Set(templateRows.flatMap((row) => ids(row.product_variant_ids)))]
  const variants = variantIds.length ? await client.read(VARIANT_MODEL, variantIds, { fields: ["product_variant_image_ids"] }) : []
  const imageIds = [
    ...new Set([...templateRows.flatMap((row) => ids(row.product_template_image_ids)), ...variants.flatMap((row) => ids(row.product_variant_image_ids))]),
  ]
  const images = imageIds.length ? await client.read(EXTRA_IMAGE_MODEL, imageIds, { fields: ["sequence"] }) : []
  return nestPageMediaRows(templateRows, variants, images)
}

/** The checksums and sizes of the image files a page's links name (one ir.attachment search, no bytes). */
export async function readImageAttachments(client: OdooClient, links: PageMediaLinks): Promise<PageMediaRead> {
  if (links.templates.length === 0) return { ...links, attachments: [] }
  const rows = await client.searchRead("ir.attachment", { domain: imageAttachmentDomain(links), fields: IMAGE_ATTACHMENT_FIELDS })
  return { ...links, attachments: imageAttachmentsOf(rows) }
}

/**
 * A page's media on its own (the product sync reads it with the page's templates instead, see
 * readCatalogPage): the templates' links in one web_read (on Odoo 16 `read`, then the extra
 * images' nesting), then their files' checksums.
 */
export async function readPageMedia(client: OdooClient, templateIds: number[], websiteSale: boolean): Promise<PageMediaRead> {
  if (templateIds.length === 0) return { templates: [], extraImages: [], attachments: [] }
  const rows =
    (await webReadIfAvailable(client, TEMPLATE_MODEL, templateIds, pageMediaSpecification(websiteSale))) ??
    (await unfoldPageMediaRows(client, await client.read(TEMPLATE_MODEL, templateIds, { fields: pageMediaFields(websiteSale) }), websiteSale))
  return readImageAttachments(client, pageMediaLinksOf(rows))
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
