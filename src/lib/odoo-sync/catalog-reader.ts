import type { OdooClient } from "../../modules/odoo/client/client"

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
  "product_variant_ids",
  "write_date",
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
  "write_date",
]
const LINE_FIELDS = ["product_tmpl_id", "attribute_id", "value_ids", "product_template_value_ids", "sequence", "write_date"]
const PTAV_FIELDS = [
  "name",
  "attribute_id",
  "attribute_line_id",
  "product_attribute_value_id",
  "product_tmpl_id",
  "price_extra",
  "ptav_active",
  "write_date",
]
const ATTRIBUTE_FIELDS = ["name", "create_variant", "sequence"]

/** Models whose changes change what a template maps to, with the field pointing at the template. */
export const TEMPLATE_DEPENDENT_MODELS = [
  { model: "product.product", templateField: "product_tmpl_id" },
  { model: "product.template.attribute.line", templateField: "product_tmpl_id" },
  { model: "product.template.attribute.value", templateField: "product_tmpl_id" },
] as const

const NO_ARCHIVE_FILTER = { active_test: false }

/** Asks `fields_get` which of the fields the sync reads exist on this Odoo (version, apps). */
export async function readCatalogShape(client: OdooClient): Promise<CatalogShape> {
  const [templateMeta, variantMeta] = await Promise.all([
    client.fieldsGet("product.template", { attributes: ["type"] }),
    client.fieldsGet("product.product", { attributes: ["type"] }),
  ])
  const templateHas = (field: string) => Object.prototype.hasOwnProperty.call(templateMeta, field)
  const websiteSale = TEMPLATE_WEBSITE_FIELDS.every(templateHas)
  return {
    websiteSale,
    templateFields: [...TEMPLATE_FIELDS, ...TEMPLATE_WEBSITE_FIELDS].filter(templateHas),
    variantFields: VARIANT_FIELDS.filter((field) =>
      Object.prototype.hasOwnProperty.call(variantMeta, field)
    ),
  }
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
 * Templates whose own record, variants, attribute lines or attribute values were written at or
 * after `since` (an Odoo UTC datetime), whatever their state now: archived or no longer for sale
 * ones matter too. `>=` rather than `>`: a write in the same second as the cursor is read again
 * (the content hash makes that free) instead of being missed.
 */
export async function listChangedTemplates(
  client: OdooClient,
  since: string
): Promise<{ ids: number[]; lastWriteDate: string | null }> {
  const changedSince = [["write_date", ">=", since]]
  const [templates, ...dependents] = await Promise.all([
    client.searchRead("product.template", {
      domain: changedSince,
      fields: ["write_date"],
      context: NO_ARCHIVE_FILTER,
    }),
    ...TEMPLATE_DEPENDENT_MODELS.map(({ model, templateField }) =>
      client.searchRead(model, {
        domain: changedSince,
        fields: [templateField, "write_date"],
        context: NO_ARCHIVE_FILTER,
      })
    ),
  ])
  const ids = new Set<number>(templates.map((row) => row.id))
  dependents.forEach((rows, index) => {
    const field = TEMPLATE_DEPENDENT_MODELS[index].templateField
    for (const row of rows) {
      const template = row[field]
      if (Array.isArray(template) && typeof template[0] === "number") {
        ids.add(template[0])
      }
    }
  })
  return {
    ids: [...ids].sort((a, b) => a - b),
    lastWriteDate: latestWriteDate([templates, ...dependents].flat()),
  }
}

/**
 * The latest write on the models the sync follows, read before the run's pages: the next
 * incremental run starts there (writes during this run are then read again, never missed).
 */
export async function readLatestWriteDate(client: OdooClient): Promise<string | null> {
  const models = ["product.template", ...TEMPLATE_DEPENDENT_MODELS.map(({ model }) => model)]
  const latest = await Promise.all(
    models.map((model) =>
      client.searchRead(model, {
        fields: ["write_date"],
        order: "write_date desc",
        limit: 1,
        context: NO_ARCHIVE_FILTER,
      })
    )
  )
  return latestWriteDate(latest.flat())
}

/** The latest `write_date` among rows (Odoo's "YYYY-MM-DD HH:MM:SS" sorts as text). */
export function latestWriteDate(rows: Record<string, unknown>[]): string | null {
  let latest: string | null = null
  for (const row of rows) {
    const value = row.write_date
    if (typeof value === "string" && (latest === null || value > latest)) {
      latest = value
    }
  }
  return latest
}

/** Everything the mapping needs for one page of templates: one call per model. */
export async function readCatalogPage(client: OdooClient, templateIds: number[], shape: CatalogShape) {
  const ofTemplates = [["product_tmpl_id", "in", templateIds]]
  const [templates, variants, attributeLines, templateAttributeValues] = await Promise.all([
    client.read("product.template", templateIds, { fields: shape.templateFields }),
    client.searchRead("product.product", { domain: ofTemplates, fields: shape.variantFields }),
    client.searchRead("product.template.attribute.line", { domain: ofTemplates, fields: LINE_FIELDS }),
    client.searchRead("product.template.attribute.value", { domain: ofTemplates, fields: PTAV_FIELDS }),
  ])
  const attributeIds = [
    ...new Set(
      attributeLines
        .map((line) => line.attribute_id)
        .filter((value): value is [number, string] => Array.isArray(value))
        .map(([id]) => id)
    ),
  ]
  const attributes = attributeIds.length
    ? await client.read("product.attribute", attributeIds, { fields: ATTRIBUTE_FIELDS })
    : []
  return { templates, variants, attributeLines, templateAttributeValues, attributes }
}

/** The company currency and the Odoo rates of the store's other currencies. */
export async function readCurrencies(client: OdooClient, storeCurrencyCodes: string[]) {
  const companies = await client.searchRead("res.company", { fields: ["currency_id"], limit: 1, order: "id asc" })
  const companyCurrencyId = Array.isArray(companies[0]?.currency_id) ? companies[0].currency_id[0] : undefined
  const codes = storeCurrencyCodes.map((code) => code.toUpperCase())
  const currencies = await client.searchRead("res.currency", {
    domain: ["|", ["id", "=", companyCurrencyId ?? 0], ["name", "in", codes]],
    fields: ["name", "rate", "rounding", "active"],
  })
  return { companyCurrencyId, currencies }
}
