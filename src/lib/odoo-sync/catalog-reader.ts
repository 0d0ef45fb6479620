import type { OdooClient } from "../../modules/odoo/client/client"
import { readImageAttachments, unfoldPageMediaRows } from "../../modules/odoo/media-reader"
import { webReadIfAvailable, webSearchReadIfAvailable } from "../../modules/odoo/web-read"
import type { PageMediaRead } from "../odoo-media/image-plan"
import { pageMediaFields, pageMediaLinksOf, pageMediaSpecification } from "../odoo-media/page-media-read"
import { type CatalogMapping, cleanCode, mapCatalogPage, type MappingContext } from "../odoo-mapping"
import type { OdooVariantCodes } from "./page-writes"
import type { CurrencyContext } from "./plan-run"
import { formatOdooDatetime, type ModelRows, readFrom, rowsAfterMark, type WriteMark, writeMarkOf } from "./write-mark"

/** An Odoo domain in prefix notation, e.g. [["sale_ok", "=", true]]. */
export type OdooDomain = unknown[]
export type OdooRow = Record<string, unknown> & { id: number }

/** What one run learns once about the Odoo it talks to. */
export type CatalogShape = {
  /** website_sale is installed: templates have website_url and is_published. */
  websiteSale: boolean
  templateFields: string[]
  variantFields: string[]
}

const TEMPLATE_FIELDS = [
  "name",
  "description_sale",
  "description",
  "active",
  "sale_ok",
  "list_price",
  "currency_id",
  "attribute_line_ids",
]
const TEMPLATE_WEBSITE_FIELDS = ["website_url", "is_published"]
const VARIANT_FIELDS = [
  "product_tmpl_id",
  "active",
  "default_code",
  "barcode",
  "lst_price",
  "price_extra",
  "weight",
  "product_template_attribute_value_ids",
  // Storable: is_storable (Odoo 18) or type "product" (16/17); fields_get tells which exists.
  "is_storable",
  "type",
]
const LINE_FIELDS = ["product_tmpl_id", "attribute_id", "value_ids", "product_template_value_ids", "sequence"]
const PTAV_FIELDS = [
  "name",
  "attribute_id",
  "attribute_line_id",
  "product_attribute_value_id",
  "product_tmpl_id",
  "ptav_active",
]
const ATTRIBUTE_FIELDS = ["name", "create_variant", "sequence"]

/** Models whose changes change what a template maps to, with the field pointing at the template. */
export const TEMPLATE_DEPENDENT_MODELS = [
  { model: "product.product", templateField: "product_tmpl_id" },
  { model: "product.template.attribute.line", templateField: "product_tmpl_id" },
  { model: "product.template.attribute.value", templateField: "product_tmpl_id" },
] as const

const NO_ARCHIVE_FILTER = { active_test: false }

/**
 * Which of the fields the sync reads exist on this Odoo (version, apps), from `fields_get` on
 * product.product: a variant inherits every template field (`_inherits`), so its fields tell
 * both models' and one call does.
 */
export function catalogShapeOf(variantFieldsMeta: Record<string, unknown>): CatalogShape {
  const has = (field: string) => Object.prototype.hasOwnProperty.call(variantFieldsMeta, field)
  const websiteSale = TEMPLATE_WEBSITE_FIELDS.every(has)
  return {
    websiteSale,
    templateFields: [...TEMPLATE_FIELDS, ...TEMPLATE_WEBSITE_FIELDS].filter(has),
    variantFields: VARIANT_FIELDS.filter(has),
  }
}

/** Asks Odoo which of the fields the sync reads it has (one `fields_get`, those fields only). */
export async function readCatalogShape(client: OdooClient): Promise<CatalogShape> {
  const meta = await client.fieldsGet("product.product", {
    allfields: [...new Set([...TEMPLATE_FIELDS, ...TEMPLATE_WEBSITE_FIELDS, ...VARIANT_FIELDS])],
    attributes: ["type"],
  })
  return catalogShapeOf(meta)
}

/** The domain of templates that belong in Medusa: for sale, active, inside `productDomain`. */
export function syncedTemplatesDomain(productDomain: OdooDomain): OdooDomain {
  return [["sale_ok", "=", true], ...productDomain]
}

/** Ids of every template that belongs in Medusa now (one call, ids only). */
export async function listSyncedTemplateIds(client: OdooClient, productDomain: OdooDomain): Promise<number[]> {
  const ids = await client.search("product.template", {
    domain: syncedTemplatesDomain(productDomain),
    order: "id asc",
  })
  return ids
}

/**
 * The models whose writes change a template's product, with the field naming the template, or
 * (attributes and their values, whose renames change no template-side write_date in Odoo) the
 * model and field that lead from the written record to its templates.
 */
const FOLLOWED_MODELS: {
  model: string
  templateField: string | null
  through?: { model: string; field: string }
}[] = [
  { model: "product.template", templateField: null },
  ...TEMPLATE_DEPENDENT_MODELS,
  { model: "product.attribute", templateField: null, through: { model: "product.template.attribute.line", field: "attribute_id" } },
  {
    model: "product.attribute.value",
    templateField: null,
    through: { model: "product.template.attribute.value", field: "product_attribute_value_id" },
  },
]

/**
 * website_sale's extra images: created, changed or deleted on their own, they change no
 * template's write_date in Odoo. A variant's extra image names its variant, not the template.
 */
const EXTRA_IMAGE_MODEL = { model: "product.image", templateField: "product_tmpl_id", variantField: "product_variant_id" } as const

/** The followed models of this Odoo: product.image only exists with website_sale. */
function followedModels(websiteSale: boolean): { model: string; templateField: string | null; through?: { model: string; field: string } }[] {
  return websiteSale ? [...FOLLOWED_MODELS, EXTRA_IMAGE_MODEL] : FOLLOWED_MODELS
}

/** One `search_read` of write dates per followed model, archived records included, together. */
function readFollowedWrites(
  client: OdooClient,
  query: { domain: OdooDomain; order?: string; limit?: number; withTemplate?: boolean; websiteSale?: boolean }
): Promise<ModelRows[]> {
  return Promise.all(
    followedModels(query.websiteSale === true).map(async ({ model, templateField }) => ({
      model,
      rows: await client.searchRead(model, {
        domain: query.domain,
        fields:
          query.withTemplate && templateField
            ? [templateField, ...(model === EXTRA_IMAGE_MODEL.model ? [EXTRA_IMAGE_MODEL.variantField] : []), "write_date"]
            : ["write_date"],
        order: query.order,
        limit: query.limit,
        context: NO_ARCHIVE_FILTER,
      }),
    }))
  )
}

/** A domain that is the OR of the given ones. */
function anyOf(domains: OdooDomain[]): OdooDomain {
  return [...Array(Math.max(domains.length - 1, 0)).fill("|"), ...domains.flat()]
}

/**
 * The paths from a template to the write_date of every template-side followed record: its
 * variants, attribute lines and their template attribute values (a value always has its line),
 * and with website_sale its extra images and its variants' (Odoo 17+ domains and specifications).
 */
function templateSidePaths(websiteSale: boolean): string[] {
  return [
    "write_date",
    "product_variant_ids.write_date",
    "attribute_line_ids.write_date",
    "attribute_line_ids.product_template_value_ids.write_date",
    ...(websiteSale ? ["product_template_image_ids.write_date", "product_variant_ids.product_variant_image_ids.write_date"] : []),
  ]
}

/** Templates with a template-side record written from `from` on (read with active_test false). */
export function changedTemplatesDomain(from: string, websiteSale: boolean): OdooDomain {
  return anyOf(templateSidePaths(websiteSale).map((path) => [[path, ">=", from]]))
}

/**
 * The `web_search_read` specification returning, with each template, the write dates of its
 * variants, attribute lines, template attribute values and (website_sale) extra images: under
 * active_test false Odoo lists archived variants and lines too, as a search of each model would.
 * A variant's extra image tells its own template (set, it is the template's image, found there).
 */
export function changedTemplatesSpecification(websiteSale: boolean): Record<string, unknown> {
  const dated = { fields: { write_date: {} } }
  return {
    write_date: {},
    product_variant_ids: {
      fields: websiteSale ? { write_date: {}, product_variant_image_ids: { fields: { write_date: {}, product_tmpl_id: {} } } } : { write_date: {} },
    },
    attribute_line_ids: { fields: { write_date: {}, product_template_value_ids: dated } },
    ...(websiteSale ? { product_template_image_ids: dated } : {}),
  }
}

/** The attribute side in one call: attributes with a write, or a write on one of their values. */
export function changedAttributesDomain(from: string): OdooDomain {
  return anyOf([[["write_date", ">=", from]], [["value_ids.write_date", ">=", from]]])
}

export const CHANGED_ATTRIBUTES_SPECIFICATION = { write_date: {}, value_ids: { fields: { write_date: {} } } }

function nestedRows(value: unknown): OdooRow[] {
  return Array.isArray(value) ? value.filter((row): row is OdooRow => isObject(row) && typeof row.id === "number") : []
}

/** Rows by model (each once), in the followed models' order, keeping those written from `from` on. */
class DatedRows {
  private readonly byModel = new Map<string, Map<number, OdooRow>>()

  constructor(private readonly from: string) {}

  add(model: string, row: OdooRow, templateId?: number): void {
    if (typeof row.write_date !== "string" || row.write_date < this.from) return
    const rows = this.byModel.get(model) ?? new Map<number, OdooRow>()
    this.byModel.set(model, rows)
    if (!rows.has(row.id)) {
      rows.set(row.id, templateId === undefined ? { id: row.id, write_date: row.write_date } : { id: row.id, write_date: row.write_date, product_tmpl_id: templateId })
    }
  }

  inOrderOf(models: { model: string }[]): ModelRows[] {
    return models.map(({ model }) => ({ model, rows: [...(this.byModel.get(model)?.values() ?? [])].sort((a, b) => a.id - b.id) }))
  }
}

/**
 * The rows the per-model reads would give (see readFollowedWrites), from the nested answers of
 * the template side (changedTemplatesSpecification) and the attribute side: each record written
 * from `from` on, once, with its template (product_tmpl_id as an id) where it has one.
 */
export function followedRowsOfNested(templates: OdooRow[], attributes: OdooRow[], from: string, websiteSale: boolean): ModelRows[] {
  const dated = new DatedRows(from)
  for (const template of templates) {
    dated.add("product.template", template)
    for (const variant of nestedRows(template.product_variant_ids)) {
      dated.add("product.product", variant, template.id)
      for (const image of nestedRows(variant.product_variant_image_ids)) {
        // An image that names a template belongs to that one (read with it); only the others are the variant's.
        if (!templateIdOf(image.product_tmpl_id)) dated.add(EXTRA_IMAGE_MODEL.model, image, template.id)
      }
    }
    for (const line of nestedRows(template.attribute_line_ids)) {
      dated.add("product.template.attribute.line", line, template.id)
      for (const value of nestedRows(line.product_template_value_ids)) {
        dated.add("product.template.attribute.value", value, template.id)
      }
    }
    for (const image of nestedRows(template.product_template_image_ids)) {
      dated.add(EXTRA_IMAGE_MODEL.model, image, template.id)
    }
  }
  for (const attribute of attributes) {
    dated.add("product.attribute", attribute)
    for (const value of nestedRows(attribute.value_ids)) {
      dated.add("product.attribute.value", value)
    }
  }
  return dated.inOrderOf(followedModels(websiteSale))
}

/**
 * The writes on the followed models from `from` on in two calls made together (Odoo 17+): the
 * templates with a write on their side, with their records' write dates nested, and the
 * attributes with a write on them or their values. null on an Odoo without `specification` (16).
 */
async function readFollowedWritesNested(client: OdooClient, from: string, websiteSale: boolean): Promise<ModelRows[] | null> {
  const [templates, attributes] = await Promise.all([
    webSearchReadIfAvailable(client, "product.template", {
      domain: changedTemplatesDomain(from, websiteSale),
      specification: changedTemplatesSpecification(websiteSale),
      order: "id asc",
      context: NO_ARCHIVE_FILTER,
    }),
    webSearchReadIfAvailable(client, "product.attribute", {
      domain: changedAttributesDomain(from),
      specification: CHANGED_ATTRIBUTES_SPECIFICATION,
      order: "id asc",
      context: NO_ARCHIVE_FILTER,
    }),
  ])
  if (!templates || !attributes) return null
  return followedRowsOfNested(nestedRows(templates), nestedRows(attributes), from, websiteSale)
}

/**
 * Templates whose own record, variants, attribute lines or attribute values were written since
 * the cursor's mark, whatever their state now: archived or no longer for sale ones matter too.
 * Read from LOOKBACK before the mark on, leaving out the records the mark has already seen
 * with the same write_date (see WriteMark). Odoo 17+ is asked in two calls (see
 * readFollowedWritesNested), Odoo 16 (or `modelByModel`) one call per followed model; both give
 * the same rows.
 */
export async function listChangedTemplates(
  client: OdooClient,
  since: WriteMark,
  notAfter: string,
  settled: string,
  websiteSale = false,
  options: { modelByModel?: boolean } = {}
): Promise<{ ids: number[]; mark: WriteMark }> {
  const from = readFrom(since)
  const read =
    (options.modelByModel ? null : await readFollowedWritesNested(client, from, websiteSale)) ??
    (await readFollowedWrites(client, { domain: [["write_date", ">=", from]], withTemplate: true, websiteSale }))
  return { ids: await templatesOfChanges(client, rowsAfterMark(read, since), websiteSale), mark: writeMarkOf(read, notAfter, settled) ?? since }
}

/**
 * The templates the changed rows lead to: a row's template (product_tmpl_id, as read gives it or
 * as an id), a template's own row; a variant's extra image through its variant; a renamed
 * attribute or value through the lines and template attribute values that use it.
 */
async function templatesOfChanges(client: OdooClient, changed: ModelRows[], websiteSale: boolean): Promise<number[]> {
  const models = followedModels(websiteSale)
  const ids = new Set<number>()
  const addTemplate = (template: unknown) => {
    const id = templateIdOf(template)
    if (id !== undefined) {
      ids.add(id)
    }
  }
  const throughReads: Promise<OdooRow[]>[] = []
  changed.forEach(({ model, rows }, index) => {
    const { templateField: field, through } = models[index]
    if (model === EXTRA_IMAGE_MODEL.model) {
      // A variant's extra image: its template is the variant's.
      const variantIds = rows
        .filter((row) => !templateIdOf(row[EXTRA_IMAGE_MODEL.templateField]))
        .map((row) => many2oneId(row[EXTRA_IMAGE_MODEL.variantField]))
        .filter((id): id is number => id !== undefined)
      if (variantIds.length > 0) {
        throughReads.push(client.read("product.product", [...new Set(variantIds)], { fields: ["product_tmpl_id"], context: NO_ARCHIVE_FILTER }))
      }
    }
    if (through && rows.length > 0) {
      // A renamed attribute or value: the templates using it read differently.
      throughReads.push(
        client.searchRead(through.model, {
          domain: [[through.field, "in", rows.map((row) => row.id)]],
          fields: ["product_tmpl_id"],
          context: NO_ARCHIVE_FILTER,
        })
      )
      return
    }
    for (const row of rows) {
      addTemplate(field ? row[field] : row.id)
    }
  })
  for (const rows of await Promise.all(throughReads)) {
    for (const row of rows) {
      addTemplate(row.product_tmpl_id)
    }
  }
  return [...ids].sort((a, b) => a - b)
}

/** A template reference as read ([id, name]) or web_read (an id) gives it. */
function templateIdOf(value: unknown): number | undefined {
  return typeof value === "number" ? value : many2oneId(value)
}

/** What an incremental run compares with Medusa: see listSyncedTemplates. */
export type SyncedTemplates = {
  templateIds: number[]
  /** The synced templates' active variants (incremental runs), else null. */
  activeVariantIds: number[] | null
  /** Extra images (product.image) of those templates and active variants (incremental runs, website_sale), else null. */
  extraImageIds: number[] | null
}

const numberIds = (value: unknown): number[] => (Array.isArray(value) ? value.filter((id): id is number => typeof id === "number") : [])
const sortedUnique = (ids: number[]): number[] => [...new Set(ids)].sort((a, b) => a - b)

/**
 * The `web_search_read` specification of the synced templates: their active variants and, with
 * website_sale, the extra images of the templates and of those variants, as the page media
 * read (pageMediaSpecification) finds them.
 */
export function syncedTemplatesSpecification(withExtraImages: boolean): Record<string, unknown> {
  return withExtraImages
    ? { product_variant_ids: { fields: { product_variant_image_ids: {} } }, product_template_image_ids: {} }
    : { product_variant_ids: {} }
}

/** Active variant ids and extra image ids of synced templates' `web_search_read` rows (see syncedTemplatesSpecification). */
export function syncedTemplateContents(rows: OdooRow[], withExtraImages: boolean): Omit<SyncedTemplates, "templateIds"> {
  const variantIds: number[] = []
  const imageIds: number[] = []
  for (const row of rows) {
    const variants = Array.isArray(row.product_variant_ids) ? row.product_variant_ids : []
    for (const variant of variants) {
      if (typeof variant === "number") {
        variantIds.push(variant)
      } else if (isObject(variant) && typeof variant.id === "number") {
        variantIds.push(variant.id)
        imageIds.push(...numberIds(variant.product_variant_image_ids))
      }
    }
    imageIds.push(...numberIds(row.product_template_image_ids))
  }
  return { activeVariantIds: sortedUnique(variantIds), extraImageIds: withExtraImages ? sortedUnique(imageIds) : null }
}

/**
 * The templates that belong in Medusa now and, for incremental runs, the ids of their active
 * variants and (website_sale) of the extra images of the templates and of those variants: a
 * variant or an image deleted in Odoo changes no write_date the sync follows, so incremental
 * runs compare these ids with the ones each product was written with. One call: a
 * `web_search_read` (Odoo 17+), or on Odoo 16 a `search_read` and a search of product.image.
 * A template's `product_variant_ids` holds its active variants only; an archived variant's
 * images leave Medusa with it, as the page media read leaves them out.
 */
export async function listSyncedTemplates(
  client: OdooClient,
  productDomain: OdooDomain,
  incremental: { withExtraImages: boolean } | null
): Promise<SyncedTemplates> {
  if (!incremental) {
    return { templateIds: await listSyncedTemplateIds(client, productDomain), activeVariantIds: null, extraImageIds: null }
  }
  const domain = syncedTemplatesDomain(productDomain)
  const rows = await webSearchReadIfAvailable(client, "product.template", {
    domain,
    specification: syncedTemplatesSpecification(incremental.withExtraImages),
    order: "id asc",
  })
  if (rows) {
    return { templateIds: rows.map((row) => row.id), ...syncedTemplateContents(rows, incremental.withExtraImages) }
  }
  const templates = await client.searchRead("product.template", { domain, fields: ["product_variant_ids"], order: "id asc" })
  const templateIds = templates.map((row) => row.id)
  return {
    templateIds,
    activeVariantIds: syncedTemplateContents(templates, false).activeVariantIds,
    extraImageIds: incremental.withExtraImages ? await listExtraImageIds(client, templateIds) : null,
  }
}

/**
 * Ids of the extra images (`product.image`, website_sale) of these templates and of their
 * active variants (Odoo 16, where listSyncedTemplates cannot read them with the templates).
 */
async function listExtraImageIds(client: OdooClient, templateIds: number[]): Promise<number[]> {
  if (templateIds.length === 0) {
    return []
  }
  return client.search(EXTRA_IMAGE_MODEL.model, {
    domain: ["|", ["product_tmpl_id", "in", templateIds], "&", ["product_variant_id.product_tmpl_id", "in", templateIds], ["product_variant_id.active", "=", true]],
    order: "id asc",
    context: NO_ARCHIVE_FILTER,
  })
}

/** Records per model read to find the latest writes: enough for the LOOKBACK before the latest. */
const LATEST_WRITES_PER_MODEL = 200

/**
 * The latest writes on the models the sync follows, read before the run's pages: the next
 * incremental run starts there (writes during this run are then read again, never missed).
 * Writes dated after `notAfter` are left out (see `writeDateCeiling`).
 */
export async function readLatestWriteMark(
  client: OdooClient,
  notAfter: string,
  settled: string,
  websiteSale = false
): Promise<WriteMark | null> {
  const read = await readFollowedWrites(client, {
    websiteSale,
    domain: [["write_date", "<=", notAfter]],
    order: "write_date desc, id desc",
    limit: LATEST_WRITES_PER_MODEL,
  })
  // A model with more writes than that within LOOKBACK of its latest has some not remembered:
  // the next run reads them again (never misses them), and the content hash makes that cheap.
  return writeMarkOf(read, notAfter, settled)
}

/**
 * The latest write_date a cursor may take: a day after `now`. A record dated later (a server
 * clock that was wrong once, an import) would move the cursor past every real change to come,
 * and incremental runs would miss them all. The day covers clock skew between Medusa and Odoo;
 * leaving a date out only makes a later run read a little more again.
 */
export function writeDateCeiling(now: Date): string {
  return formatOdooDatetime(now.getTime() + 24 * 60 * 60 * 1000)
}

/** Template fields that are many2one (read() gives [id, name], web_read an object). */
const TEMPLATE_MANY2ONE_FIELDS = new Set(["currency_id"])
const LINE_MANY2ONE_FIELDS = new Set(["product_tmpl_id", "attribute_id"])

/**
 * The `web_read` specification of a page's templates (Odoo 17+): the template fields, and
 * nested in them the attribute lines with their attributes, so that one call returns what
 * `read` on three models would.
 */
export function templatePageSpecification(templateFields: string[]): Record<string, unknown> {
  const named = { fields: { display_name: {} } }
  const lineSpecification: Record<string, unknown> = {}
  for (const field of LINE_FIELDS) {
    lineSpecification[field] =
      field === "attribute_id"
        ? { fields: { display_name: {}, ...Object.fromEntries(ATTRIBUTE_FIELDS.map((name) => [name, {}])) } }
        : LINE_MANY2ONE_FIELDS.has(field)
          ? named
          : {}
  }
  return Object.fromEntries(
    templateFields.map((field) => [
      field,
      field === "attribute_line_ids" ? { fields: lineSpecification } : TEMPLATE_MANY2ONE_FIELDS.has(field) ? named : {},
    ])
  )
}

/**
 * The `web_read` specification of a page's templates, and with `withMedia` of their media too
 * (variants, category links, extra images: see pageMediaSpecification), in one call.
 */
export function catalogPageSpecification(shape: CatalogShape, withMedia: boolean): Record<string, unknown> {
  return {
    ...templatePageSpecification(shape.templateFields),
    ...(withMedia ? pageMediaSpecification(shape.websiteSale) : {}),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** web_read's many2one ({ id, display_name }, or false) as read() gives it ([id, name], or false). */
export function many2oneAsRead(value: unknown): unknown {
  if (isObject(value) && typeof value.id === "number") {
    return [value.id, typeof value.display_name === "string" ? value.display_name : ""]
  }
  return value
}

/**
 * Splits `web_read` rows of templates (see templatePageSpecification) into the rows `read` gives
 * for each model: templates (attribute_line_ids as ids), attribute lines, and attributes.
 */
export function splitTemplatePage(rows: OdooRow[]): { templates: OdooRow[]; attributeLines: OdooRow[]; attributes: OdooRow[] } {
  const templates: OdooRow[] = []
  const attributeLines: OdooRow[] = []
  const attributes = new Map<number, OdooRow>()
  for (const row of rows) {
    const template: OdooRow = { ...row }
    for (const field of TEMPLATE_MANY2ONE_FIELDS) {
      if (field in template) template[field] = many2oneAsRead(template[field])
    }
    if (Array.isArray(row.attribute_line_ids)) {
      template.attribute_line_ids = row.attribute_line_ids.map((line) => (isObject(line) ? line.id : line))
      for (const line of row.attribute_line_ids) {
        if (!isObject(line)) continue
        const attribute = line.attribute_id
        if (isObject(attribute) && typeof attribute.id === "number" && !attributes.has(attribute.id)) {
          const { display_name: _name, ...fields } = attribute
          attributes.set(attribute.id, fields as OdooRow)
        }
        const flat = { ...line } as OdooRow
        for (const field of LINE_MANY2ONE_FIELDS) {
          if (field in flat) flat[field] = many2oneAsRead(flat[field])
        }
        attributeLines.push(flat)
      }
    }
    templates.push(template)
  }
  return { templates, attributeLines, attributes: [...attributes.values()] }
}

/** What readCatalogPage reads besides the catalog: the page's images and category links. */
export type CatalogPageOptions = { media?: boolean }

/**
 * Everything the mapping needs for one page of templates, in three calls made together: the
 * templates with their attribute lines and attributes (`web_read`), the variants, and the
 * template attribute values. With `media`, the same `web_read` also brings the templates'
 * variants, category links and extra images, and their image files' checksums are read right
 * after it (one ir.attachment search): the page's workflow then reads nothing of its media.
 */
export async function readCatalogPage(client: OdooClient, templateIds: number[], shape: CatalogShape, options: CatalogPageOptions = {}) {
  const ofTemplates = [["product_tmpl_id", "in", templateIds]]
  const [{ templates, attributeLines, attributes, media }, variants, templateAttributeValues] = await Promise.all([
    readTemplatesWithLines(client, templateIds, shape, options.media === true),
    client.searchRead("product.product", { domain: ofTemplates, fields: shape.variantFields }),
    client.searchRead("product.template.attribute.value", { domain: ofTemplates, fields: PTAV_FIELDS }),
  ])
  return { templates, variants, attributeLines, templateAttributeValues, attributes, media }
}

/**
 * A page's templates with their attribute lines and attributes (and, with `withMedia`, the
 * page's media): one `web_read` (Odoo 17+), or on an Odoo without it (16) `read` on the three
 * models, which gives the same rows, and the media's nesting read model by model too.
 */
async function readTemplatesWithLines(client: OdooClient, templateIds: number[], shape: CatalogShape, withMedia: boolean) {
  const rows = await webReadIfAvailable(client, "product.template", templateIds, catalogPageSpecification(shape, withMedia))
  if (rows) {
    const media = withMedia ? await readImageAttachments(client, pageMediaLinksOf(rows)) : undefined
    return { ...splitTemplatePage(rows), media }
  }
  const templates = await client.read("product.template", templateIds, {
    fields: [...shape.templateFields, ...(withMedia ? pageMediaFields(shape.websiteSale) : [])],
  })
  const [lines, media] = await Promise.all([
    readLinesAndAttributes(client, templates),
    withMedia
      ? unfoldPageMediaRows(client, templates, shape.websiteSale).then((nested) => readImageAttachments(client, pageMediaLinksOf(nested)))
      : undefined,
  ])
  return { templates, ...lines, media }
}

/** The attribute lines of templates `read` without web_read, and their attributes. */
async function readLinesAndAttributes(client: OdooClient, templates: OdooRow[]) {
  const lineIds = templates.flatMap((template) => (Array.isArray(template.attribute_line_ids) ? (template.attribute_line_ids as number[]) : []))
  const attributeLines = lineIds.length ? await client.read("product.template.attribute.line", lineIds, { fields: LINE_FIELDS }) : []
  const attributeIds = [...new Set(attributeLines.map((line) => many2oneId(line.attribute_id)).filter((id): id is number => id !== undefined))]
  const attributes = attributeIds.length ? await client.read("product.attribute", attributeIds, { fields: ATTRIBUTE_FIELDS }) : []
  return { attributeLines, attributes }
}

/** One page of raw Odoo rows, as readCatalogPage returns it. */
export type CatalogPage = Awaited<ReturnType<typeof readCatalogPage>>

/** What mapping a page needs to know: the currencies, and whether website_sale is installed. */
export function mappingContextOf(currencies: CurrencyContext, shape: { websiteSale: boolean }): MappingContext {
  return { ...currencies, websiteSale: shape.websiteSale }
}

/** A page read ahead for its workflow: its templates mapped, and (when asked) its media. */
export type MappedPageRead = { mapped: CatalogMapping; media?: PageMediaRead }

/** A page of templates read from Odoo and mapped to Medusa products (with what was skipped), and its media when asked. */
export async function readMappedCatalogPage(
  client: OdooClient,
  templateIds: number[],
  shape: CatalogShape,
  currencies: CurrencyContext,
  options: CatalogPageOptions = {}
): Promise<MappedPageRead> {
  const { media, ...page } = await readCatalogPage(client, templateIds, shape, options)
  return { mapped: mapCatalogPage(page, mappingContextOf(currencies, shape)), ...(media ? { media } : {}) }
}

function many2oneId(value: unknown): number | undefined {
  return Array.isArray(value) && typeof value[0] === "number" ? value[0] : undefined
}

/** What Odoo says about the currencies a run prices in (see buildCurrencyContext). */
export type OdooCurrencyFacts = {
  /** The current user's company (Odoo converts with its rates) and that company's currency. */
  companyId: number | undefined
  companyCurrencyId: number | undefined
  /** Every company's currency: templates are priced in their company's currency. */
  sourceCurrencyIds: number[]
  /** res.currency rows (name, rounding, active) of the sources and of the store's currencies. */
  currencies: OdooRow[]
  /** By target currency id: Odoo's conversion rate from each source currency id to it. */
  conversions: Record<number, Record<number, number>>
  /** Currencies other than the company's (which needs none) with a rate of the company or shared (company_id false). */
  ratedCurrencyIds: number[]
}

/**
 * The currencies a run prices in, read as Odoo's res.currency._convert would use them: the
 * current user's company, each company's currency (a template's `currency_id`), the store's
 * currencies (archived ones too: Odoo still converts them), Odoo's conversion rate from each
 * source to each store currency (`inverse_rate` with `to_currency` in the context: exactly
 * _get_conversion_rate's number), and which currencies have a rate at all (Odoo would fall back
 * to 1.0 for the others, which the sync refuses).
 *
 * Calls: the user's company and the companies (side by side), the currencies with their rates to
 * the company's currency and their rate ids, then one conversion read per store currency other
 * than the company's. The companies stay a search of res.company: a user with "Access Rights"
 * (base.group_erp_manager) sees every company, not only the user's `company_ids`.
 */
export async function readCurrencies(client: OdooClient, storeCurrencyCodes: string[]): Promise<OdooCurrencyFacts> {
  const uid = await client.authenticate()
  const [users, companies] = await Promise.all([
    client.searchRead("res.users", { domain: [["id", "=", uid]], fields: ["company_id"] }),
    client.searchRead("res.company", { fields: ["currency_id"], order: "id asc" }),
  ])
  const userCompanyId = many2oneId(users[0]?.company_id)
  const companyId = userCompanyId ?? companies[0]?.id
  const companyCurrencyId = many2oneId(companies.find((company) => company.id === companyId)?.currency_id)
  const sourceCurrencyIds = [
    ...new Set(companies.map((company) => many2oneId(company.currency_id)).filter((id): id is number => id !== undefined)),
  ]
  const codes = storeCurrencyCodes.map((code) => code.toUpperCase())
  // inverse_rate without `to_currency` is the conversion rate to the company's currency (Odoo's
  // default target): that target needs no read of its own. `rate_ids`, read for the user's
  // company alone, are the rates Odoo converts with (base's rule on res.currency.rate: shared
  // ones and those of the company and its parents; _get_rates uses the root company's).
  const currencies = await client.searchRead("res.currency", {
    domain: ["|", ["id", "in", sourceCurrencyIds], ["name", "in", codes]],
    fields: ["name", "rounding", "active", "inverse_rate", "rate_ids"],
    // Only a company of the user's may be allowed (Odoo refuses others).
    context: { ...NO_ARCHIVE_FILTER, ...(userCompanyId === undefined ? {} : { allowed_company_ids: [userCompanyId] }) },
  })
  const targets = currencies.filter((currency) => typeof currency.name === "string" && codes.includes(currency.name))
  // A currency converts to itself without a rate: a target is read only for the other sources.
  const sourcesOf = (targetId: number) => sourceCurrencyIds.filter((id) => id !== targetId)
  const conversionReads = targets.filter((target) => target.id !== companyCurrencyId && sourcesOf(target.id).length > 0)
  const conversionRows = await Promise.all(
    conversionReads.map((target) =>
      client.searchRead("res.currency", {
        domain: [["id", "in", sourcesOf(target.id)]],
        fields: ["inverse_rate"],
        context: { ...NO_ARCHIVE_FILTER, to_currency: target.id },
      })
    )
  )
  const ratesOf = (rows: OdooRow[]) =>
    Object.fromEntries(rows.filter((row) => typeof row.inverse_rate === "number").map((row) => [row.id, Number(row.inverse_rate)]))
  const conversions: Record<number, Record<number, number>> = {}
  for (const target of targets) {
    conversions[target.id] =
      target.id === companyCurrencyId ? ratesOf(currencies.filter((currency) => sourcesOf(target.id).includes(currency.id))) : {}
  }
  conversionReads.forEach((target, index) => {
    conversions[target.id] = ratesOf(conversionRows[index])
  })
  return {
    companyId,
    companyCurrencyId,
    sourceCurrencyIds,
    // The rate ids only tell whether there are rates: the facts keep the fields read before.
    currencies: currencies.map(({ rate_ids: _rates, ...currency }) => currency),
    conversions,
    // The company's currency always converts (buildCurrencyContext): only the others' rates count.
    ratedCurrencyIds: currencies
      .filter((currency) => currency.id !== companyCurrencyId && numberIds(currency.rate_ids).length > 0)
      .map((currency) => currency.id),
  }
}

/**
 * The codes Odoo gives these variants now, as the sync writes them; an archived variant has
 * none (it leaves Medusa), a deleted one is absent. One read, archived records included.
 */
export async function readVariantCodes(client: OdooClient, variantIds: number[]): Promise<OdooVariantCodes[]> {
  if (variantIds.length === 0) {
    return []
  }
  const rows = await client.searchRead("product.product", {
    domain: [["id", "in", variantIds]],
    fields: ["default_code", "barcode", "active"],
    context: NO_ARCHIVE_FILTER,
  })
  return rows.map((row) => {
    const code = (value: unknown) => (row.active === true && typeof value === "string" ? cleanCode(value) : null)
    return { id: row.id, sku: code(row.default_code), barcode: code(row.barcode) }
  })
}
