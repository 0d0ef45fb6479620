/**
 * Model definitions: what each Odoo 18 model adds to its stored columns (computed and related
 * fields, display names, `_order`, access rights) and its business rules on create/write/unlink
 * (variant generation from attribute lines, archiving, lst_price = list_price + extras).
 */
import { OdooError } from "./errors"
import { floatRound, slugify } from "./pyfmt"
import type { AccessOperation, Env, ExtraField, ModelSpec } from "./store"
import type { JsonObject, JsonValue, RawRecord } from "./types"
import { isIdList } from "./types"
import { withSales } from "./sales"
import { GROUPS } from "./users"
import { createWarehouseLocations, locationWarehouseId, productStockComputes, stockFigures, warehouseStockLocationId, warehouseViewLocationId } from "./stock"
import { withMedia } from "./media"

const T = "product.template"
const P = "product.product"
const PTAL = "product.template.attribute.line"
const PTAV = "product.template.attribute.value"
const PAV = "product.attribute.value"
const PA = "product.attribute"

const num = (value: JsonValue | undefined): number => (typeof value === "number" ? value : 0)
const ref = (value: JsonValue | undefined): number | false => (typeof value === "number" ? value : false)
const text = (value: JsonValue | undefined): string => (typeof value === "string" ? value : "")
const idList = (value: JsonValue | undefined): number[] => (isIdList(value) ? value : [])

function access(read: string[], write: string[], create: string[] = write, unlink: string[] = write): Record<AccessOperation, string[]> {
  return { read, write, create, unlink }
}
const EVERYONE = [GROUPS.internal, GROUPS.portal, GROUPS.public]
const INTERNAL_AND_PORTAL = [GROUPS.internal, GROUPS.portal]
const PRODUCT_MANAGERS = [GROUPS.productCreation, GROUPS.stockManager, GROUPS.accountManager, GROUPS.saleManager]

/** Reads a related record's field (`record.m2o.field`), false when unset. */
function related(env: Env, model: string, record: RawRecord, path: string): JsonValue {
  const [head, ...rest] = path.split(".")
  const value = env.get(model, record, head)
  if (rest.length === 0) return value
  const field = env.field(model, head)
  if (typeof value !== "number" || !field.relation) return false
  const target = env.browse(field.relation, value)
  return target ? related(env, field.relation, target, rest.join(".")) : false
}

// ------------------------------------------------------------------ stock
// Quantities, warehouses' locations and moves: see stock.ts.

const round2 = (value: number): number => floatRound(value, 2)

// ---------------------------------------------------------- product helpers

/** The template's active variants, whatever the context (counts, prices and stock of the template). */
function activeVariantIds(env: Env, templateId: number): number[] {
  return env.memo(`variants:${templateId}`, () => idList(env.withContext({ active_test: true }).getById(T, templateId, "product_variant_ids")))
}

function allVariantIds(env: Env, templateId: number): number[] {
  return [...env.table(P).referencing("product_tmpl_id", templateId)].sort((a, b) => a - b)
}

function ptavIdsOfLine(env: Env, lineId: number, activeOnly: boolean): number[] {
  const table = env.table(PTAV)
  const ids = [...table.referencing("attribute_line_id", lineId)].filter(
    (id) => !activeOnly || table.records.get(id)?.ptav_active !== false
  )
  return env.sortIds(PTAV, ids)
}

function attributeOfLine(env: Env, lineId: number): RawRecord | undefined {
  const line = env.browse(PTAL, lineId)
  const attributeId = line ? ref(line.attribute_id) : false
  return attributeId ? env.browse(PA, attributeId) : undefined
}

/** "Steel, White": the variant's values on multi-value lines, without no_variant attributes. */
function combinationName(env: Env, product: RawRecord): string {
  const ptavs = idList(env.get(P, product, "product_template_attribute_value_ids"))
  const names: string[] = []
  for (const ptavId of ptavs) {
    const ptav = env.browse(PTAV, ptavId)
    if (!ptav) continue
    const lineId = ref(ptav.attribute_line_id)
    if (!lineId) continue
    if (attributeOfLine(env, lineId)?.create_variant === "no_variant") continue
    if (ptavIdsOfLine(env, lineId, true).length <= 1) continue
    names.push(text(env.get(PTAV, ptav, "name")))
  }
  return names.join(", ")
}

function productDisplayName(env: Env, product: RawRecord): string {
  const name = text(env.get(P, product, "name"))
  const variant = combinationName(env, product)
  const full = variant ? `${name} (${variant})` : name
  const code = product.default_code
  return typeof code === "string" && code && env.context.display_default_code !== false ? `[${code}] ${full}` : full
}

function companyCurrency(env: Env, companyId: JsonValue | undefined): number | false {
  const companies = env.table("res.company")
  const company = typeof companyId === "number" ? companies.records.get(companyId) : companies.records.get(mainCompanyId(env))
  return company ? ref(company.currency_id) : false
}

function mainCompanyId(env: Env): number {
  const ids = [...env.table("res.company").records.keys()].sort((a, b) => a - b)
  return ids[0] ?? 1
}

/** Writes `vals` on the single variant of each template (Odoo's inverse of related fields). */
function writeOnSingleVariant(env: Env, template: RawRecord, vals: JsonObject): void {
  let variants = activeVariantIds(env, template.id)
  if (variants.length === 0) {
    const archived = allVariantIds(env, template.id)
    variants = archived.length === 1 ? archived : []
  }
  if (variants.length === 1) env.write(P, variants, vals)
}

const VARIANT_RELATED_FIELDS = ["barcode", "default_code", "standard_price", "volume", "weight"]

/**
 * product.template._create_variant_ids: one variant per possible combination of the active
 * values of the lines that create variants (exclusions honoured); existing ones are reactivated,
 * the others are deleted, or archived when something still refers to them.
 */
export function createVariantIds(env: Env, templateIds: number[]): void {
  for (const templateId of templateIds) {
    const template = env.browse(T, templateId)
    if (!template) continue
    const lineTable = env.table(PTAL)
    const lines = env.sortIds(
      PTAL,
      [...lineTable.referencing("product_tmpl_id", templateId)].filter((lineId) => {
        const line = lineTable.records.get(lineId)
        return line !== undefined && line.active !== false && idList(line.value_ids).length > 0
      })
    )
    const variantLines = lines.filter((lineId) => attributeOfLine(env, lineId)?.create_variant !== "no_variant")
    const valuesPerLine = variantLines.map((lineId) => ptavIdsOfLine(env, lineId, true))
    const variants = allVariantIds(env, templateId)
    const productTable = env.table(P)

    // A line with a single value is added to every existing variant rather than recreating them.
    const singleValues = valuesPerLine.filter((values) => values.length === 1).map((values) => values[0])
    if (singleValues.length > 0) {
      for (const variantId of variants) {
        const variant = productTable.records.get(variantId) as RawRecord
        const combination = [...new Set([...idList(variant.product_template_attribute_value_ids), ...singleValues])]
        const linesOfCombination = combination.map((ptavId) => ref(env.browse(PTAV, ptavId)?.attribute_line_id))
        const coversAllLines = combination.length === variantLines.length && variantLines.every((lineId) => linesOfCombination.includes(lineId))
        if (coversAllLines && combination.length !== idList(variant.product_template_attribute_value_ids).length) {
          productTable.set(variant, "product_template_attribute_value_ids", combination)
        }
      }
    }

    const keyOf = (ptavIds: number[]): string => [...ptavIds].sort((a, b) => a - b).join(",")
    const existing = new Map<string, number>()
    for (const variantId of [...variants].sort((a, b) => b - a)) {
      const variant = productTable.records.get(variantId) as RawRecord
      const key = keyOf(idList(variant.product_template_attribute_value_ids))
      const current = existing.get(key)
      const currentActive = current !== undefined && productTable.records.get(current)?.active !== false
      if (current === undefined || (!currentActive && variant.active !== false) || (currentActive === (variant.active !== false))) {
        existing.set(key, variantId)
      }
    }
    const exclusions = exclusionMap(env, templateId)
    const possible = (combination: number[]): boolean =>
      combination.every((ptavId) => !(exclusions.get(ptavId) ?? []).some((excluded) => combination.includes(excluded)))

    const toActivate: number[] = []
    const toCreate: number[][] = []
    const dynamic = variantLines.some((lineId) => attributeOfLine(env, lineId)?.create_variant === "dynamic")
    if (!dynamic) {
      let combinations: number[][] = [[]]
      for (const values of valuesPerLine) {
        const next: number[][] = []
        for (const partial of combinations) for (const value of values) next.push([...partial, value])
        combinations = next
        if (combinations.length > 20000) break
      }
      for (const combination of combinations) {
        if (!possible(combination)) continue
        const found = existing.get(keyOf(combination))
        if (found !== undefined) toActivate.push(found)
        else toCreate.push(combination)
      }
    } else {
      for (const [key, variantId] of existing) {
        const combination = key ? key.split(",").map(Number) : []
        if (possible(combination)) toActivate.push(variantId)
      }
    }
    const toRemove = variants.filter((variantId) => !toActivate.includes(variantId))
    if (toActivate.length > 0) env.write(P, toActivate, { active: true })
    if (toCreate.length > 0) {
      env.create(
        P,
        toCreate.map((combination) => ({
          product_tmpl_id: templateId,
          product_template_attribute_value_ids: [[6, 0, combination]],
          active: template.active !== false,
        }))
      )
    }
    unlinkOrArchiveVariants(env, toRemove)
  }
}

function exclusionMap(env: Env, templateId: number): Map<number, number[]> {
  const map = new Map<number, number[]>()
  if (!env.hasModel("product.template.attribute.exclusion")) return map
  for (const exclusion of env.table("product.template.attribute.exclusion").records.values()) {
    if (exclusion.product_tmpl_id !== templateId) continue
    const ptavId = ref(exclusion.product_template_attribute_value_id)
    if (!ptavId) continue
    map.set(ptavId, [...(map.get(ptavId) ?? []), ...idList(exclusion.value_ids)])
  }
  return map
}

/** Variants still referenced (stock, sales, pricelist rules) are archived, the others deleted. */
function unlinkOrArchiveVariants(env: Env, variantIds: number[]): void {
  const referenced = (variantId: number): boolean =>
    [
      ["stock.quant", "product_id"],
      ["sale.order.line", "product_id"],
      ["product.pricelist.item", "product_id"],
    ].some(([model, field]) => env.hasModel(model) && env.table(model).referencing(field, variantId).size > 0)
  const toArchive = variantIds.filter(referenced)
  const toDelete = variantIds.filter((variantId) => !referenced(variantId))
  if (toDelete.length > 0) env.unlinkGeneric(P, toDelete)
  const stillActive = toArchive.filter((variantId) => env.browse(P, variantId)?.active !== false)
  if (stillActive.length > 0) env.write(P, stillActive, { active: false })
}

/** Keeps a line's product.template.attribute.value records in step with its value_ids. */
function syncLineValues(env: Env, lineIds: number[]): void {
  const ptavTable = env.table(PTAV)
  for (const lineId of lineIds) {
    const line = env.browse(PTAL, lineId)
    if (!line) continue
    const values = idList(line.value_ids)
    const ptavs = [...ptavTable.referencing("attribute_line_id", lineId)]
    for (const valueId of values) {
      const ptavId = ptavs.find((id) => ptavTable.records.get(id)?.product_attribute_value_id === valueId)
      if (ptavId !== undefined) {
        const ptav = ptavTable.records.get(ptavId) as RawRecord
        if (ptav.ptav_active === false) env.write(PTAV, [ptavId], { ptav_active: true })
      } else {
        const value = env.browse(PAV, valueId)
        env.create(PTAV, [
          {
            attribute_line_id: lineId,
            product_attribute_value_id: valueId,
            price_extra: num(value?.default_extra_price),
            ptav_active: true,
          },
        ])
      }
    }
    for (const ptavId of ptavs) {
      const ptav = ptavTable.records.get(ptavId)
      if (!ptav || values.includes(num(ptav.product_attribute_value_id))) continue
      const used = env.table(P).referencing("product_template_attribute_value_ids", ptavId).size > 0
      if (used) {
        if (ptav.ptav_active !== false) env.write(PTAV, [ptavId], { ptav_active: false })
      } else {
        env.unlink(PTAV, [ptavId])
      }
    }
  }
}

/** PTAL's _check_valid_values: an active line has values, all of its own attribute. */
function checkLineValues(env: Env, lineIds: number[]): void {
  for (const lineId of lineIds) {
    const line = env.browse(PTAL, lineId)
    if (!line || line.active === false) continue
    const attributeId = num(line.attribute_id)
    const attributeName = env.displayName(PA, attributeId)
    const productName = env.displayName(T, num(line.product_tmpl_id))
    const values = idList(line.value_ids)
    if (values.length === 0) {
      throw new OdooError(
        "odoo.exceptions.ValidationError",
        `The attribute ${attributeName} must have at least one value for the product ${productName}.`
      )
    }
    for (const valueId of values) {
      if (env.browse(PAV, valueId)?.attribute_id !== attributeId) {
        throw new OdooError(
          "odoo.exceptions.ValidationError",
          `On the product ${productName} you cannot associate the value ${env.displayName(PAV, valueId)} with the attribute ${attributeName} because they do not match.`
        )
      }
    }
  }
}

function templatesOfLines(env: Env, lineIds: number[]): number[] {
  return [...new Set(lineIds.map((lineId) => ref(env.browse(PTAL, lineId)?.product_tmpl_id)).filter((id): id is number => id !== false))]
}

// ------------------------------------------------------------ price labels

function formatAmount(env: Env, amount: number, currencyId: JsonValue): string {
  const currency = typeof currencyId === "number" ? env.browse("res.currency", currencyId) : undefined
  const digits = typeof currency?.decimal_places === "number" ? currency.decimal_places : 2
  const [whole, fraction] = Math.abs(amount).toFixed(digits).split(".")
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  const formatted = (amount < 0 ? "-" : "") + grouped + (fraction ? "." + fraction : "")
  const symbol = text(currency?.symbol)
  if (!symbol) return formatted
  return currency?.position === "after" ? `${formatted}\u00a0${symbol}` : `${symbol}\u00a0${formatted}`
}

const integerOrFloat = (value: number): string => String(value)

function pricelistItemName(env: Env, item: RawRecord): string {
  const applied = item.applied_on
  if (item.categ_id && applied === "2_product_category") return `Category: ${env.displayName("product.category", num(item.categ_id))}`
  if (item.product_tmpl_id && applied === "1_product") return env.displayName(T, num(item.product_tmpl_id))
  if (item.product_id && applied === "0_product_variant") return `Variant: ${env.displayName(P, num(item.product_id))}`
  if (item.display_applied_on === "2_product_category") return "All Categories"
  return "All Products"
}

function pricelistItemPrice(env: Env, item: RawRecord): string {
  const currency = related(env, "product.pricelist.item", item, "pricelist_id.currency_id")
  if (item.compute_price === "fixed") return formatAmount(env, num(item.fixed_price), currency)
  if (item.compute_price === "percentage") {
    const percentage = integerOrFloat(num(item.percent_price))
    return item.base_pricelist_id
      ? `${percentage} % discount on ${env.displayName("product.pricelist", num(item.base_pricelist_id))}`
      : `${percentage} % discount on sales price`
  }
  const base =
    item.base === "pricelist" && item.base_pricelist_id
      ? env.displayName("product.pricelist", num(item.base_pricelist_id))
      : item.base === "standard_price"
        ? "product cost"
        : "sales price"
  const surcharge = num(item.price_surcharge)
  const extra =
    surcharge > 0
      ? `+ ${formatAmount(env, Math.abs(surcharge), currency)} extra fee`
      : surcharge < 0
        ? `- ${formatAmount(env, Math.abs(surcharge), currency)} rebate`
        : ""
  const markup = item.base === "standard_price"
  const percentage = integerOrFloat(markup ? -num(item.price_discount) : num(item.price_discount))
  return `${percentage} % ${markup ? "markup" : "discount"} on ${base} ${extra}`
}

// ------------------------------------------------------------ currencies

/** env.companies: the context's allowed_company_ids, else every company of the user. */
function requestCompanyIds(env: Env): number[] {
  const allowed = env.context.allowed_company_ids
  if (Array.isArray(allowed) && allowed.length > 0) return allowed.filter((id): id is number => typeof id === "number")
  const user = env.table("res.users").records.get(env.uid)
  const ids = Array.isArray(user?.company_ids) ? user.company_ids.filter((id): id is number => typeof id === "number") : []
  return ids.length > 0 ? ids : [currentCompanyId(env)]
}

/** The company a request acts for: context company_id, else the user's current company (env.company). */
function currentCompanyId(env: Env): number {
  if (typeof env.context.company_id === "number") return env.context.company_id
  const allowed = env.context.allowed_company_ids
  if (Array.isArray(allowed) && typeof allowed[0] === "number") return allowed[0]
  const user = env.table("res.users").records.get(env.uid)
  return typeof user?.company_id === "number" ? user.company_id : mainCompanyId(env)
}

/**
 * Odoo 18 res.currency._get_rates for one currency: the latest rate on or before `date` of the
 * company (then shared ones, company_id false), else the oldest rate of the company (then shared),
 * else 1.0.
 */
function currencyRateOn(env: Env, currencyId: number, company: number, date: string): number {
  const rates = env.table("res.currency.rate")
  const candidates = [...rates.referencing("currency_id", currencyId)]
    .map((id) => rates.records.get(id))
    .filter((rate): rate is RawRecord => rate !== undefined && (rate.company_id === false || rate.company_id === undefined || rate.company_id === company))
  const specificFirst = (a: RawRecord, b: RawRecord): number => Number(a.company_id === false || a.company_id === undefined) - Number(b.company_id === false || b.company_id === undefined)
  const onOrBefore = candidates
    .filter((rate) => text(rate.name) <= date)
    .sort((a, b) => specificFirst(a, b) || (text(a.name) < text(b.name) ? 1 : text(a.name) > text(b.name) ? -1 : 0))
  const fallback = [...candidates].sort((a, b) => specificFirst(a, b) || (text(a.name) < text(b.name) ? -1 : text(a.name) > text(b.name) ? 1 : 0))
  const best = onOrBefore[0] ?? fallback[0]
  return best ? num(best.rate) : 1
}

/**
 * Odoo 18 res.currency._compute_current_rate: (rate of the currency) / (rate of `to_currency`
 * from the context, else the company's currency), both from the current company's rates.
 */
function currencyRate(env: Env, currencyId: number): number {
  const today = typeof env.context.date === "string" ? env.context.date.slice(0, 10) : new Date().toISOString().slice(0, 10)
  const company = currentCompanyId(env)
  const toCurrency = typeof env.context.to_currency === "number" ? env.context.to_currency : companyCurrency(env, company)
  const own = currencyRateOn(env, currencyId, company, today) || 1
  const target = typeof toCurrency === "number" ? currencyRateOn(env, toCurrency, company, today) : 1
  return own / target
}

// ------------------------------------------------------------------ specs

const f = (
  name: string,
  type: ExtraField["type"],
  string: string,
  options: Partial<Omit<ExtraField, "name" | "type" | "string">> = {}
): ExtraField => ({ name, type, string, ...options })

/** Fields the ORM gives every model (create/write users and dates). */
const LOG_FIELDS: ExtraField[] = [
  f("create_uid", "many2one", "Created by", { relation: "res.users", readonly: true }),
  f("create_date", "datetime", "Created on", { readonly: true }),
  f("write_uid", "many2one", "Last Updated by", { relation: "res.users", readonly: true }),
  f("write_date", "datetime", "Last Updated on", { readonly: true }),
]

const productTemplate: ModelSpec = {
  name: T,
  description: "Product",
  order: "is_favorite desc, name, id",
  extraFields: [...LOG_FIELDS],
  access: access(EVERYONE, PRODUCT_MANAGERS),
  onDelete: { categ_id: "restrict", uom_id: "restrict" },
  defaults: {
    active: true,
    type: "consu",
    sale_ok: true,
    purchase_ok: true,
    list_price: 1,
    sequence: 1,
    is_storable: false,
    is_published: false,
    allow_out_of_stock_order: true,
    categ_id: (env) => (env.browse("product.category", 1) ? 1 : ref(env.search("product.category", [], { limit: 1 })[0])),
    uom_id: (env) => (env.browse("uom.uom", 1) ? 1 : ref(env.search("uom.uom", [], { limit: 1 })[0])),
    uom_po_id: (env) => (env.browse("uom.uom", 1) ? 1 : ref(env.search("uom.uom", [], { limit: 1 })[0])),
    tracking: "none",
    invoice_policy: "order",
    service_tracking: "no",
    service_type: "manual",
    expense_policy: "no",
    sale_line_warn: "no-message",
    website_sequence: (env) => env.table(T).nextId * 5 + 10000,
  },
  displayName: (env, record) => {
    const code = env.get(T, record, "default_code")
    const name = text(record.name)
    return typeof code === "string" && code ? `[${code}] ${name}` : name
  },
  computes: {
    product_variant_count: (env, record) => activeVariantIds(env, record.id).length,
    product_variant_id: (env, record) => activeVariantIds(env, record.id)[0] ?? false,
    default_code: (env, record) => {
      const variants = activeVariantIds(env, record.id)
      if (variants.length === 1) return env.browse(P, variants[0])?.default_code ?? false
      if (variants.length === 0) {
        const archived = allVariantIds(env, record.id)
        return archived.length === 1 ? (env.browse(P, archived[0])?.default_code ?? false) : (record.default_code ?? false)
      }
      return false
    },
    barcode: (env, record) => {
      const variants = activeVariantIds(env, record.id)
      if (variants.length === 1) return env.browse(P, variants[0])?.barcode ?? false
      if (variants.length === 0) {
        const archived = allVariantIds(env, record.id)
        return archived.length === 1 ? (env.browse(P, archived[0])?.barcode ?? false) : false
      }
      return false
    },
    standard_price: (env, record) => {
      const variants = activeVariantIds(env, record.id)
      return variants.length === 1 ? num(env.browse(P, variants[0])?.standard_price) : 0
    },
    currency_id: (env, record) => companyCurrency(env, record.company_id),
    cost_currency_id: (env, record) => companyCurrency(env, record.company_id),
    qty_available: (env, record) => round2(activeVariantIds(env, record.id).reduce((sum, id) => sum + stockFigures(env, id).onHand, 0)),
    virtual_available: (env, record) =>
      round2(
        activeVariantIds(env, record.id).reduce((sum, id) => {
          const figures = stockFigures(env, id)
          return sum + figures.onHand + figures.incoming - figures.outgoing
        }, 0)
      ),
    incoming_qty: (env, record) => round2(activeVariantIds(env, record.id).reduce((sum, id) => sum + stockFigures(env, id).incoming, 0)),
    outgoing_qty: (env, record) => round2(activeVariantIds(env, record.id).reduce((sum, id) => sum + stockFigures(env, id).outgoing, 0)),
    website_published: (_env, record) => record.is_published === true,
    website_url: (env, record) => {
      // ir.http._slug: the seo_name, else the display name ("[CODE] Name"), then the id.
      const slug = slugify(text(record.seo_name) || env.displayName(T, record.id))
      return `/shop/${slug ? `${slug}-${record.id}` : record.id}`
    },
    // The export carries image_128 only; a real database derives it from image_1920, so the
    // larger sizes exist whenever it does.
    image_1920: (_env, record) => record.image_1920 || record.image_128 || false,
    image_1024: (_env, record) => record.image_1024 || record.image_1920 || record.image_128 || false,
    image_512: (_env, record) => record.image_512 || record.image_1920 || record.image_128 || false,
    image_256: (_env, record) => record.image_256 || record.image_1920 || record.image_128 || false,
    uom_name: (env, record) => related(env, T, record, "uom_id.name"),
    uom_category_id: (env, record) => related(env, T, record, "uom_id.category_id"),
    is_product_variant: () => false,
    valid_product_template_attribute_line_ids: (env, record) =>
      idList(env.get(T, record, "attribute_line_ids")).filter((lineId) => idList(env.browse(PTAL, lineId)?.value_ids).length > 0),
    has_configurable_attributes: (env, record) =>
      idList(env.get(T, record, "attribute_line_ids")).some((lineId) => {
        const attribute = attributeOfLine(env, lineId)
        return attribute?.display_type === "multi" || attribute?.create_variant !== "always" || idList(env.browse(PTAL, lineId)?.value_ids).length > 1
      }),
  },
  inverses: {
    default_code: (env, record, value) => writeOnSingleVariant(env, record, { default_code: value }),
    barcode: (env, record, value) => writeOnSingleVariant(env, record, { barcode: value }),
    standard_price: (env, record, value) => writeOnSingleVariant(env, record, { standard_price: value }),
  },
  afterCreate: (env, ids, valsList) => {
    createVariantIds(env, ids)
    ids.forEach((id, index) => {
      const template = env.browse(T, id)
      const vals = valsList[index]
      const relatedVals: JsonObject = {}
      for (const name of VARIANT_RELATED_FIELDS) if (vals[name]) relatedVals[name] = vals[name]
      if (template && Object.keys(relatedVals).length > 0) writeOnSingleVariant(env, template, relatedVals)
    })
  },
  afterWrite: (env, ids, vals) => {
    const needsVariants = ids.filter((id) => "attribute_line_ids" in vals || (vals.active && activeVariantIds(env, id).length === 0))
    if (needsVariants.length > 0) createVariantIds(env, needsVariants)
    if ("active" in vals && !vals.active) {
      const variants = ids.flatMap((id) => allVariantIds(env, id))
      if (variants.length > 0) env.write(P, variants, { active: false })
    }
    const propagated: JsonObject = {}
    for (const name of ["volume", "weight"]) if (name in vals) propagated[name] = vals[name]
    if (Object.keys(propagated).length > 0) {
      for (const id of ids) {
        const template = env.browse(T, id)
        if (template) writeOnSingleVariant(env, template, propagated)
      }
    }
  },
}

const PRODUCT_OWN_FIELDS = [
  "product_tmpl_id",
  "default_code",
  "code",
  "partner_ref",
  "active",
  "barcode",
  "product_template_attribute_value_ids",
  "product_template_variant_value_ids",
  "combination_indices",
  "is_product_variant",
  "standard_price",
  "volume",
  "weight",
  "price_extra",
  "lst_price",
  "pricelist_item_count",
  "packaging_ids",
  "additional_product_tag_ids",
  "all_product_tag_ids",
  "image_variant_1920",
  "image_variant_1024",
  "image_variant_512",
  "image_variant_256",
  "image_variant_128",
  "can_image_variant_1024_be_zoomed",
  "image_1920",
  "image_1024",
  "image_512",
  "image_256",
  "image_128",
  "can_image_1024_be_zoomed",
  "write_date",
  "create_date",
  "create_uid",
  "write_uid",
  "display_name",
  "stock_quant_ids",
  "stock_move_ids",
  "qty_available",
  "virtual_available",
  "free_qty",
  "incoming_qty",
  "outgoing_qty",
  "orderpoint_ids",
  "website_url",
  "variant_ribbon_id",
  "product_variant_image_ids",
  "base_unit_price",
  "valid_ean",
  "product_document_ids",
  "product_document_count",
  "lot_properties_definition",
  "sales_count",
  "activity_ids",
  "message_ids",
  "message_follower_ids",
  "website_message_ids",
]

const productProduct: ModelSpec = {
  name: P,
  description: "Product Variant",
  order: "is_favorite desc, default_code, name, id",
  inherits: { model: T, field: "product_tmpl_id", ownFields: PRODUCT_OWN_FIELDS },
  extraFields: [...LOG_FIELDS],
  access: access(EVERYONE, PRODUCT_MANAGERS),
  onDelete: { product_tmpl_id: "cascade" },
  defaults: { active: true },
  displayName: productDisplayName,
  computes: {
    lst_price: (env, record) => num(env.get(P, record, "list_price")) + num(env.get(P, record, "price_extra")),
    price_extra: (env, record) =>
      idList(env.get(P, record, "product_template_attribute_value_ids")).reduce((sum, id) => sum + num(env.browse(PTAV, id)?.price_extra), 0),
    product_template_variant_value_ids: (env, record) =>
      idList(record.product_template_attribute_value_ids).filter((ptavId) => {
        const lineId = ref(env.browse(PTAV, ptavId)?.attribute_line_id)
        return lineId !== false && idList(env.browse(PTAL, lineId)?.value_ids).length > 1
      }),
    combination_indices: (_env, record) =>
      [...idList(record.product_template_attribute_value_ids)].sort((a, b) => a - b).join(","),
    code: (_env, record) => record.default_code ?? false,
    partner_ref: (env, record) => env.displayName(P, record.id),
    is_product_variant: () => true,
    ...productStockComputes,
    stock_quant_ids: (env, record) => [...env.table("stock.quant").referencing("product_id", record.id)],
    image_1920: (env, record) => record.image_variant_1920 || related(env, P, record, "product_tmpl_id.image_1920"),
    image_1024: (env, record) => record.image_variant_1024 || related(env, P, record, "product_tmpl_id.image_1024"),
    image_512: (env, record) => record.image_variant_512 || related(env, P, record, "product_tmpl_id.image_512"),
    image_256: (env, record) => record.image_variant_256 || related(env, P, record, "product_tmpl_id.image_256"),
    image_128: (env, record) => record.image_variant_128 || related(env, P, record, "product_tmpl_id.image_128"),
    website_url: (env, record) => {
      const base = text(related(env, P, record, "product_tmpl_id.website_url"))
      const ptavs = idList(env.get(P, record, "product_template_attribute_value_ids"))
      return ptavs.length > 0 ? `${base}#attr=${ptavs.join(",")}` : base
    },
  },
  inverses: {
    // Odoo's _set_product_lst_price: the template's list_price becomes value - extras.
    lst_price: (env, record, value) => {
      const extra = num(env.get(P, record, "price_extra"))
      const templateId = ref(record.product_tmpl_id)
      if (templateId) env.write(T, [templateId], { list_price: (typeof value === "number" ? value : Number(value) || 0) - extra })
    },
  },
  unlink: (env, ids, generic) => {
    // Deleting the last variant deletes its template too (unless variants are dynamic).
    const templates = new Set<number>()
    for (const id of ids) {
      const templateId = ref(env.browse(P, id)?.product_tmpl_id)
      if (!templateId) continue
      const others = activeVariantIds(env, templateId).filter((other) => !ids.includes(other))
      const dynamic = idList(env.getById(T, templateId, "attribute_line_ids")).some(
        (lineId) => attributeOfLine(env, lineId)?.create_variant === "dynamic"
      )
      if (others.length === 0 && !dynamic) templates.add(templateId)
    }
    generic(ids)
    const remaining = [...templates].filter((templateId) => env.browse(T, templateId))
    if (remaining.length > 0) env.unlink(T, remaining)
  },
}

const productAttribute: ModelSpec = {
  name: PA,
  description: "Product Attribute",
  order: "sequence, id",
  extraFields: [
    ...LOG_FIELDS,
    f("visibility", "selection", "Visibility", { selection: [["visible", "Visible"], ["hidden", "Hidden"]] }),
    f("value_ids", "one2many", "Values", { relation: PAV, inverseName: "attribute_id" }),
    f("attribute_line_ids", "one2many", "Lines", { relation: PTAL, inverseName: "attribute_id" }),
    f("number_related_products", "integer", "Number Related Products", { store: false, readonly: true }),
    f("product_tmpl_ids", "many2many", "Related Products", { relation: T, store: false, readonly: true }),
  ],
  access: access(INTERNAL_AND_PORTAL, PRODUCT_MANAGERS),
  defaults: { create_variant: "always", display_type: "radio", visibility: "visible", sequence: 20 },
  computes: {
    product_tmpl_ids: (env, record) =>
      [...new Set(idList(env.get(PA, record, "attribute_line_ids")).map((lineId) => ref(env.browse(PTAL, lineId)?.product_tmpl_id)))].filter(
        (id): id is number => id !== false
      ),
    number_related_products: (env, record) => idList(env.get(PA, record, "product_tmpl_ids")).length,
  },
}

const productAttributeValue: ModelSpec = {
  name: PAV,
  description: "Attribute Value",
  order: "attribute_id, sequence, id",
  extraFields: [
    ...LOG_FIELDS,
    f("display_type", "selection", "Display Type", {
      store: false,
      readonly: true,
      selection: [["radio", "Radio"], ["pills", "Pills"], ["select", "Select"], ["color", "Color"], ["multi", "Multi-checkbox"]],
    }),
    f("pav_attribute_line_ids", "many2many", "Lines", { relation: PTAL, store: false, readonly: true }),
    f("is_used_on_products", "boolean", "Used on Products", { store: false, readonly: true }),
  ],
  access: access(INTERNAL_AND_PORTAL, PRODUCT_MANAGERS),
  onDelete: { attribute_id: "cascade" },
  defaults: { sequence: 0, is_custom: false, html_color: false, default_extra_price: 0 },
  displayName: (env, record) => {
    const attribute = env.browse(PA, num(record.attribute_id))
    return env.context.show_attribute === false || !attribute ? text(record.name) : `${text(attribute.name)}: ${text(record.name)}`
  },
  computes: {
    display_type: (env, record) => related(env, PAV, record, "attribute_id.display_type"),
    pav_attribute_line_ids: (env, record) =>
      [...env.table(PTAL).referencing("value_ids", record.id)],
    is_used_on_products: (env, record) => env.table(PTAL).referencing("value_ids", record.id).size > 0,
  },
}

const templateAttributeLine: ModelSpec = {
  name: PTAL,
  description: "Product Template Attribute Line",
  order: "sequence, attribute_id, id",
  recName: "attribute_id",
  extraFields: [
    ...LOG_FIELDS,
    f("active", "boolean", "Active"),
    f("product_template_value_ids", "one2many", "Product Attribute Values", { relation: PTAV, inverseName: "attribute_line_id" }),
  ],
  access: access(INTERNAL_AND_PORTAL, PRODUCT_MANAGERS),
  onDelete: { product_tmpl_id: "cascade", attribute_id: "restrict" },
  defaults: { active: true, sequence: 10 },
  displayName: (env, record) => text(env.browse(PA, num(record.attribute_id))?.name),
  computes: {
    value_count: (_env, record) => idList(record.value_ids).length,
  },
  afterCreate: (env, ids) => {
    checkLineValues(env, ids)
    syncLineValues(env, ids)
    createVariantIds(env, templatesOfLines(env, ids))
  },
  afterWrite: (env, ids, vals) => {
    if ("value_ids" in vals || "active" in vals || "attribute_id" in vals) {
      checkLineValues(env, ids)
      syncLineValues(env, ids)
      createVariantIds(env, templatesOfLines(env, ids))
    }
  },
  unlink: (env, ids, generic) => {
    const templates = templatesOfLines(env, ids)
    // Values still used by variants are archived with their line; the rest is deleted.
    const keep: number[] = []
    for (const lineId of ids) {
      let used = false
      for (const ptavId of [...env.table(PTAV).referencing("attribute_line_id", lineId)]) {
        if (env.table(P).referencing("product_template_attribute_value_ids", ptavId).size > 0) {
          used = true
          env.write(PTAV, [ptavId], { ptav_active: false })
        } else {
          env.unlink(PTAV, [ptavId])
        }
      }
      if (used) keep.push(lineId)
    }
    if (keep.length > 0) env.write(PTAL, keep, { active: false })
    generic(ids.filter((id) => !keep.includes(id)))
    createVariantIds(env, templates)
  },
}

const templateAttributeValue: ModelSpec = {
  name: PTAV,
  description: "Product Template Attribute Value",
  order: "attribute_line_id, product_attribute_value_id, id",
  extraFields: [
    ...LOG_FIELDS,
    f("ptav_product_variant_ids", "many2many", "Related Variants", { relation: P, readonly: true }),
    f("exclude_for", "one2many", "Exclude for", {
      relation: "product.template.attribute.exclusion",
      inverseName: "product_template_attribute_value_id",
    }),
    f("display_type", "selection", "Display Type", {
      store: false,
      readonly: true,
      selection: [["radio", "Radio"], ["pills", "Pills"], ["select", "Select"], ["color", "Color"], ["multi", "Multi-checkbox"]],
    }),
    f("color", "integer", "Color", { store: false }),
  ],
  access: access(INTERNAL_AND_PORTAL, PRODUCT_MANAGERS),
  onDelete: { attribute_line_id: "cascade", product_attribute_value_id: "cascade" },
  defaults: { ptav_active: true, price_extra: 0 },
  displayName: (env, record) => {
    const name = text(env.get(PTAV, record, "name"))
    const attribute = env.get(PTAV, record, "attribute_id")
    return env.context.show_attribute === false || typeof attribute !== "number" ? name : `${text(env.browse(PA, attribute)?.name)}: ${name}`
  },
  computes: {
    name: (env, record) => related(env, PTAV, record, "product_attribute_value_id.name"),
    html_color: (env, record) => related(env, PTAV, record, "product_attribute_value_id.html_color"),
    is_custom: (env, record) => related(env, PTAV, record, "product_attribute_value_id.is_custom"),
    attribute_id: (env, record) => related(env, PTAV, record, "attribute_line_id.attribute_id"),
    product_tmpl_id: (env, record) => related(env, PTAV, record, "attribute_line_id.product_tmpl_id"),
    display_type: (env, record) => related(env, PTAV, record, "attribute_line_id.attribute_id.display_type"),
    ptav_product_variant_ids: (env, record) => [...env.table(P).referencing("product_template_attribute_value_ids", record.id)],
    color: (_env, record) => (record.id % 11) + 1,
  },
}

const attributeExclusion: ModelSpec = {
  name: "product.template.attribute.exclusion",
  description: "Product Template Attribute Exclusion",
  order: "product_tmpl_id, id",
  extraFields: [
    ...LOG_FIELDS,
    f("product_template_attribute_value_id", "many2one", "Attribute Value", { relation: PTAV }),
    f("product_tmpl_id", "many2one", "Product Template", { relation: T, required: true }),
    f("value_ids", "many2many", "Attribute Values", { relation: PTAV }),
  ],
  access: access(INTERNAL_AND_PORTAL, PRODUCT_MANAGERS),
  onDelete: { product_template_attribute_value_id: "cascade", product_tmpl_id: "cascade" },
  displayName: (_env, record) => `product.template.attribute.exclusion,${record.id}`,
  afterCreate: (env, ids) => createVariantIds(env, [...new Set(ids.map((id) => num(env.browse("product.template.attribute.exclusion", id)?.product_tmpl_id)))]),
}

const productCategory: ModelSpec = {
  name: "product.category",
  description: "Product Category",
  order: "complete_name",
  recName: "complete_name",
  parentName: "parent_id",
  extraFields: [
    ...LOG_FIELDS,
    f("child_id", "one2many", "Child Categories", { relation: "product.category", inverseName: "parent_id" }),
    f("product_count", "integer", "# Products", {
      store: false,
      readonly: true,
      help: "The number of products under this category (Does not consider the children categories)",
    }),
  ],
  access: access(INTERNAL_AND_PORTAL, [GROUPS.stockManager, GROUPS.accountManager, GROUPS.saleManager]),
  onDelete: { parent_id: "cascade" },
  computes: {
    complete_name: (env, record) => {
      const parentId = ref(record.parent_id)
      const parent = parentId ? env.browse("product.category", parentId) : undefined
      return parent ? `${text(env.get("product.category", parent, "complete_name"))} / ${text(record.name)}` : text(record.name)
    },
    warehouse_id: locationWarehouseId,
    parent_path: (env, record) => {
      const parentId = ref(record.parent_id)
      const parent = parentId ? env.browse("product.category", parentId) : undefined
      return (parent ? text(env.get("product.category", parent, "parent_path")) : "") + `${record.id}/`
    },
    product_count: (env, record) => env.searchCount(T, [["categ_id", "child_of", record.id]]),
  },
  displayName: (env, record) => text(env.get("product.category", record, "complete_name")),
}

const publicCategory: ModelSpec = {
  name: "product.public.category",
  description: "Website Product Category",
  order: "sequence, name, id",
  parentName: "parent_id",
  extraFields: [
    ...LOG_FIELDS,
    f("child_id", "one2many", "Children Categories", { relation: "product.public.category", inverseName: "parent_id" }),
    f("product_tmpl_ids", "many2many", "Products", { relation: T, store: false, readonly: true }),
  ],
  access: access(EVERYONE, [GROUPS.websiteDesigner, GROUPS.saleManager]),
  onDelete: { parent_id: "cascade" },
  displayName: (env, record) => {
    const names: string[] = []
    let current: RawRecord | undefined = record
    let guard = 0
    while (current && guard++ < 50) {
      names.unshift(text(current.name))
      const parentId: number | false = ref(current.parent_id)
      current = parentId ? env.browse("product.public.category", parentId) : undefined
    }
    return names.join(" / ")
  },
  computes: {
    product_tmpl_ids: (env, record) => [...env.table(T).referencing("public_categ_ids", record.id)],
  },
}

const pricelist: ModelSpec = {
  name: "product.pricelist",
  description: "Pricelist",
  order: "sequence asc, id asc",
  extraFields: [
    ...LOG_FIELDS,
    f("website_id", "many2one", "Website", { relation: "website" }),
    f("selectable", "boolean", "Selectable", { help: "Allow the end user to choose this price list" }),
    f("code", "char", "E-commerce Promotional Code"),
    f("country_group_ids", "many2many", "Country Groups", { relation: "res.country.group" }),
    f("item_ids", "one2many", "Pricelist Rules", { relation: "product.pricelist.item", inverseName: "pricelist_id" }),
  ],
  access: access(EVERYONE, [GROUPS.saleManager, GROUPS.stockManager]),
  defaults: {
    active: true,
    sequence: 16,
    selectable: false,
    code: false,
    company_id: false,
    currency_id: (env) => companyCurrency(env, false),
  },
  displayName: (env, record) => `${text(record.name)} (${text(env.browse("res.currency", num(record.currency_id))?.name)})`,
}

const pricelistItem: ModelSpec = {
  name: "product.pricelist.item",
  description: "Pricelist Rule",
  order: "applied_on, min_quantity desc, categ_id desc, id desc",
  extraFields: [
    ...LOG_FIELDS,
    f("display_applied_on", "selection", "Display Applied On", {
      selection: [["1_product", "Product"], ["2_product_category", "Category"]],
      required: true,
    }),
    f("name", "char", "Name", { store: false, readonly: true, help: "Explicit rule name for this pricelist line." }),
    f("price", "char", "Price", { store: false, readonly: true, help: "Explicit rule name for this pricelist line." }),
    f("price_markup", "float", "Markup", { digits: 2 }),
  ],
  access: access(EVERYONE, [GROUPS.saleManager, GROUPS.stockManager]),
  onDelete: { pricelist_id: "cascade", product_tmpl_id: "cascade", product_id: "cascade", categ_id: "cascade" },
  defaults: {
    applied_on: "3_global",
    display_applied_on: "1_product",
    compute_price: "fixed",
    base: "list_price",
    min_quantity: 0,
    fixed_price: 0,
    percent_price: 0,
    price_discount: 0,
    price_surcharge: 0,
    price_round: 0,
    price_min_margin: 0,
    price_max_margin: 0,
  },
  displayName: (env, record) => pricelistItemName(env, record),
  computes: {
    name: (env, record) => pricelistItemName(env, record),
    price: (env, record) => pricelistItemPrice(env, record),
    company_id: (env, record) => related(env, "product.pricelist.item", record, "pricelist_id.company_id"),
    currency_id: (env, record) => related(env, "product.pricelist.item", record, "pricelist_id.currency_id"),
    price_markup: (_env, record) => -num(record.price_discount),
  },
  beforeWrite: (_env, _ids, vals) => normalizeAppliedOn(vals),
}

/** Odoo clears the targets that do not match applied_on, so later searches stay consistent. */
function normalizeAppliedOn(vals: JsonObject): void {
  switch (vals.applied_on) {
    case "3_global":
      Object.assign(vals, { product_id: false, product_tmpl_id: false, categ_id: false })
      break
    case "2_product_category":
      Object.assign(vals, { product_id: false, product_tmpl_id: false })
      break
    case "1_product":
      Object.assign(vals, { product_id: false, categ_id: false })
      break
    case "0_product_variant":
      Object.assign(vals, { categ_id: false })
      break
  }
}

const currency: ModelSpec = {
  name: "res.currency",
  description: "Currency",
  order: "active desc, name",
  extraFields: [
    ...LOG_FIELDS,
    f("inverse_rate", "float", "Inverse Rate", { store: false, readonly: true }),
    f("rate_ids", "one2many", "Rates", { relation: "res.currency.rate", inverseName: "currency_id" }),
    f("full_name", "char", "Name"),
    f("currency_unit_label", "char", "Currency Unit"),
    f("currency_subunit_label", "char", "Currency Subunit"),
  ],
  access: access(EVERYONE, [GROUPS.accountManager, GROUPS.settings]),
  defaults: { active: true, rounding: 0.01, decimal_places: 2, position: "after" },
  computes: {
    rate: (env, record) => currencyRate(env, record.id),
    inverse_rate: (env, record) => 1 / currencyRate(env, record.id),
    decimal_places: (_env, record) => {
      const rounding = num(record.rounding)
      return rounding > 0 && rounding < 1 ? Math.ceil(Math.log10(1 / rounding)) : 0
    },
  },
}

const currencyRateSpec: ModelSpec = {
  name: "res.currency.rate",
  description: "Currency Rate",
  order: "name desc",
  extraFields: [...LOG_FIELDS],
  access: access(EVERYONE, [GROUPS.accountManager, GROUPS.settings]),
  onDelete: { currency_id: "cascade" },
  // base's multi-company rule: shared rates and those of the request's companies (env.companies).
  recordRule: (env) => [["company_id", "in", [false, ...requestCompanyIds(env)]]],
  defaults: {
    name: () => new Date().toISOString().slice(0, 10),
    rate: 1,
    company_id: (env) => mainCompanyId(env),
  },
}

const company: ModelSpec = {
  name: "res.company",
  description: "Companies",
  order: "sequence, name",
  extraFields: [
    ...LOG_FIELDS,
    f("country_id", "many2one", "Country", { relation: "res.country" }),
    f("partner_id", "many2one", "Partner", { relation: "res.partner" }),
    f("sequence", "integer", "Sequence"),
    f("active", "boolean", "Active"),
    f("email", "char", "Email"),
  ],
  access: access(EVERYONE, [GROUPS.settings]),
  defaults: { sequence: 10, active: true },
}

const simple = (name: string, description: string, order: string, extra: ExtraField[], readGroups: string[], writeGroups: string[]): ModelSpec => ({
  name,
  description,
  order,
  extraFields: [...LOG_FIELDS, ...extra],
  access: access(readGroups, writeGroups),
})

const country = simple(
  "res.country",
  "Country",
  "name",
  [f("name", "char", "Country Name", { required: true }), f("code", "char", "Country Code")],
  EVERYONE,
  [GROUPS.settings]
)
const countryGroup = simple(
  "res.country.group",
  "Country Group",
  "name",
  [f("name", "char", "Name", { required: true }), f("country_ids", "many2many", "Countries", { relation: "res.country" })],
  EVERYONE,
  [GROUPS.settings]
)
const website = simple("website", "Website", "sequence, id", [f("name", "char", "Website Name", { required: true }), f("sequence", "integer", "Sequence")], EVERYONE, [
  GROUPS.websiteDesigner,
])
const uomCategory = simple("uom.category", "Product UoM Categories", "id", [f("name", "char", "Unit of Measure Category", { required: true })], INTERNAL_AND_PORTAL, [
  GROUPS.settings,
  GROUPS.stockManager,
])
const productTag = simple("product.tag", "Product Tag", "sequence, id", [f("name", "char", "Tag Name", { required: true }), f("sequence", "integer", "Sequence")], EVERYONE, PRODUCT_MANAGERS)
const accountTax = simple(
  "account.tax",
  "Tax",
  "sequence,id",
  [f("name", "char", "Tax Name", { required: true }), f("amount", "float", "Amount"), f("sequence", "integer", "Sequence")],
  [GROUPS.internal],
  [GROUPS.accountManager]
)

const uom: ModelSpec = {
  name: "uom.uom",
  description: "Product Unit of Measure",
  order: "factor DESC, id",
  extraFields: [...LOG_FIELDS, f("active", "boolean", "Active"), f("rounding", "float", "Rounding Precision")],
  access: access(INTERNAL_AND_PORTAL, [GROUPS.settings, GROUPS.stockManager]),
  defaults: { active: true, rounding: 0.01, factor: 1, uom_type: "reference" },
}

const warehouse: ModelSpec = {
  name: "stock.warehouse",
  description: "Warehouse",
  order: "sequence,id",
  extraFields: [
    ...LOG_FIELDS,
    f("active", "boolean", "Active"),
    f("sequence", "integer", "Sequence"),
    f("view_location_id", "many2one", "View Location", { relation: "stock.location" }),
    f("partner_id", "many2one", "Address", { relation: "res.partner" }),
  ],
  access: access([GROUPS.internal], [GROUPS.stockManager]),
  defaults: { active: true, sequence: 10, company_id: (env) => mainCompanyId(env) },
  computes: { view_location_id: warehouseViewLocationId, lot_stock_id: warehouseStockLocationId },
  afterCreate: createWarehouseLocations,
}

const location: ModelSpec = {
  name: "stock.location",
  description: "Inventory Locations",
  order: "complete_name, id",
  recName: "complete_name",
  parentName: "location_id",
  extraFields: [
    ...LOG_FIELDS,
    f("company_id", "many2one", "Company", { relation: "res.company" }),
    f("child_ids", "one2many", "Contains", { relation: "stock.location", inverseName: "location_id" }),
    f("parent_path", "char", "Parent Path", { readonly: true }),
  ],
  access: access([GROUPS.internal, GROUPS.contactCreation], [GROUPS.stockManager]),
  onDelete: { location_id: "cascade" },
  defaults: { active: true, usage: "internal" },
  displayName: (env, record) => text(env.get("stock.location", record, "complete_name")),
  computes: {
    complete_name: (env, record) => {
      const parentId = ref(record.location_id)
      const parent = parentId ? env.browse("stock.location", parentId) : undefined
      return parent && record.usage !== "view" ? `${text(env.get("stock.location", parent, "complete_name"))}/${text(record.name)}` : text(record.name)
    },
    company_id: (env, record) => {
      if (typeof record.company_id === "number") return record.company_id
      const warehouseId = ref(record.warehouse_id)
      return warehouseId ? ref(env.browse("stock.warehouse", warehouseId)?.company_id) : false
    },
    parent_path: (env, record) => {
      const ids: number[] = []
      let current: RawRecord | undefined = record
      let guard = 0
      while (current && guard++ < 50) {
        ids.unshift(current.id)
        const parentId: number | false = ref(current.location_id)
        current = parentId ? env.browse("stock.location", parentId) : undefined
      }
      return ids.join("/") + "/"
    },
  },
}

const quant: ModelSpec = {
  name: "stock.quant",
  description: "Quants",
  order: "id",
  extraFields: [
    ...LOG_FIELDS,
    f("available_quantity", "float", "Available Quantity", { store: false, readonly: true }),
    f("lot_id", "many2one", "Lot/Serial Number", { relation: "stock.lot" }),
    f("company_id", "many2one", "Company", { relation: "res.company", readonly: true }),
    f("warehouse_id", "many2one", "Warehouse", { relation: "stock.warehouse", store: false, readonly: true }),
    f("product_tmpl_id", "many2one", "Product Template", { relation: T, readonly: true }),
    f("product_uom_id", "many2one", "Unit", { relation: "uom.uom", readonly: true }),
    f("in_date", "datetime", "Incoming Date", { readonly: true }),
    f("inventory_quantity", "float", "Counted Quantity"),
  ],
  access: access([GROUPS.stockUser, GROUPS.internal], [GROUPS.stockUser], [GROUPS.stockUser], []),
  onDelete: { product_id: "restrict", location_id: "restrict" },
  defaults: { quantity: 0, reserved_quantity: 0, lot_id: false },
  displayName: (env, record) => env.displayName("stock.location", num(record.location_id)),
  computes: {
    available_quantity: (_env, record) => num(record.quantity) - num(record.reserved_quantity),
    company_id: (env, record) => related(env, "stock.quant", record, "location_id.company_id"),
    warehouse_id: (env, record) => related(env, "stock.quant", record, "location_id.warehouse_id"),
    product_tmpl_id: (env, record) => related(env, "stock.quant", record, "product_id.product_tmpl_id"),
    product_uom_id: (env, record) => related(env, "stock.quant", record, "product_id.uom_id"),
    in_date: (_env, record) => record.in_date || record.create_date || false,
  },
}

const stockLot: ModelSpec = {
  name: "stock.lot",
  description: "Lot/Serial",
  order: "name, id",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "Lot/Serial Number", { required: true }),
    f("product_id", "many2one", "Product", { relation: P, required: true }),
    f("company_id", "many2one", "Company", { relation: "res.company" }),
  ],
  access: access([GROUPS.stockUser, GROUPS.internal], [GROUPS.stockUser]),
  onDelete: { product_id: "restrict" },
}

const configParameter = simple(
  "ir.config_parameter",
  "System Parameter",
  "key",
  [f("key", "char", "Key", { required: true }), f("value", "text", "Value", { required: true })],
  [GROUPS.settings],
  [GROUPS.settings]
)
configParameter.recName = "key"

const partner: ModelSpec = {
  name: "res.partner",
  description: "Contact",
  order: "complete_name ASC, id DESC",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "Name"),
    f("complete_name", "char", "Complete Name", { readonly: true }),
    f("email", "char", "Email"),
    f("phone", "char", "Phone"),
    f("is_company", "boolean", "Is a Company"),
    f("active", "boolean", "Active"),
    f("parent_id", "many2one", "Related Company", { relation: "res.partner" }),
    f("child_ids", "one2many", "Contact", { relation: "res.partner", inverseName: "parent_id" }),
    f("company_id", "many2one", "Company", { relation: "res.company" }),
    f("country_id", "many2one", "Country", { relation: "res.country" }),
    f("street", "char", "Street"),
    f("city", "char", "City"),
    f("zip", "char", "Zip"),
    f("ref", "char", "Reference"),
    f("lang", "selection", "Language", { selection: [["en_US", "English (US)"]] }),
    f("customer_rank", "integer", "Customer Rank"),
    f("type", "selection", "Address Type", {
      selection: [["contact", "Contact"], ["invoice", "Invoice Address"], ["delivery", "Delivery Address"], ["other", "Other Address"]],
    }),
    f("property_product_pricelist", "many2one", "Pricelist", { relation: "product.pricelist", store: false }),
  ],
  access: access(EVERYONE, [GROUPS.contactCreation, GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager], undefined, [GROUPS.contactCreation]),
  defaults: { active: true, is_company: false, customer_rank: 0, type: "contact", lang: "en_US" },
  computes: {
    complete_name: (env, record) => {
      const parentId = ref(record.parent_id)
      const parent = parentId ? env.browse("res.partner", parentId) : undefined
      return parent && !record.is_company ? `${text(parent.name)}, ${text(record.name)}` : text(record.name)
    },
    property_product_pricelist: (env) => ref(env.search("product.pricelist", [], { limit: 1 })[0]),
  },
  displayName: (env, record) => text(env.get("res.partner", record, "complete_name")),
}

const resUsers: ModelSpec = {
  name: "res.users",
  description: "User",
  order: "name, login",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "Name"),
    f("login", "char", "Login", { required: true }),
    f("active", "boolean", "Active"),
    f("partner_id", "many2one", "Related Partner", { relation: "res.partner", required: true }),
    f("company_id", "many2one", "Company", { relation: "res.company" }),
    f("company_ids", "many2many", "Companies", { relation: "res.company" }),
    f("share", "boolean", "Share User", { readonly: true }),
  ],
  access: access([GROUPS.internal], [GROUPS.accessRights]),
  defaults: { active: true },
}

const saleOrder: ModelSpec = {
  name: "sale.order",
  description: "Sales Order",
  order: "date_order desc, id desc",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "Order Reference", { required: true }),
    f("partner_id", "many2one", "Customer", { relation: "res.partner", required: true }),
    f("date_order", "datetime", "Order Date", { required: true }),
    f("state", "selection", "Status", {
      selection: [["draft", "Quotation"], ["sent", "Quotation Sent"], ["sale", "Sales Order"], ["cancel", "Cancelled"]],
    }),
    f("order_line", "one2many", "Order Lines", { relation: "sale.order.line", inverseName: "order_id" }),
    f("pricelist_id", "many2one", "Pricelist", { relation: "product.pricelist" }),
    f("currency_id", "many2one", "Currency", { relation: "res.currency", store: false, readonly: true }),
    f("company_id", "many2one", "Company", { relation: "res.company", required: true }),
    f("client_order_ref", "char", "Customer Reference"),
    f("origin", "char", "Source Document"),
    f("note", "html", "Terms and conditions"),
    f("user_id", "many2one", "Salesperson", { relation: "res.users" }),
    f("amount_untaxed", "monetary", "Untaxed Amount", { store: false, readonly: true }),
    f("amount_total", "monetary", "Total", { store: false, readonly: true }),
  ],
  access: access(
    [GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager, GROUPS.portal],
    [GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager],
    [GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager],
    [GROUPS.saleManager]
  ),
  onDelete: { partner_id: "restrict" },
  defaults: {
    name: (env) => `S${String(env.table("sale.order").nextId).padStart(5, "0")}`,
    date_order: (env) => env.store.tick(),
    state: "draft",
    company_id: (env) => mainCompanyId(env),
    user_id: (env) => env.uid,
  },
  computes: {
    currency_id: (env, record) =>
      typeof record.pricelist_id === "number"
        ? related(env, "sale.order", record, "pricelist_id.currency_id")
        : companyCurrency(env, record.company_id),
    amount_untaxed: (env, record) =>
      round2(idList(env.get("sale.order", record, "order_line")).reduce((sum, id) => sum + num(env.getById("sale.order.line", id, "price_subtotal")), 0)),
    amount_total: (env, record) => num(env.get("sale.order", record, "amount_untaxed")),
  },
}

const saleOrderLine: ModelSpec = {
  name: "sale.order.line",
  description: "Sales Order Line",
  order: "order_id, sequence, id",
  extraFields: [
    ...LOG_FIELDS,
    f("order_id", "many2one", "Order Reference", { relation: "sale.order", required: true }),
    f("sequence", "integer", "Sequence"),
    f("product_id", "many2one", "Product", { relation: P }),
    f("product_template_id", "many2one", "Product Template", { relation: T, store: false, readonly: true }),
    f("name", "text", "Description", { required: true }),
    f("product_uom_qty", "float", "Quantity", { digits: 2 }),
    f("price_unit", "float", "Unit Price", { digits: 2 }),
    f("discount", "float", "Discount (%)", { digits: 2 }),
    f("price_subtotal", "monetary", "Subtotal", { store: false, readonly: true }),
    f("display_type", "selection", "Display Type", { selection: [["line_section", "Section"], ["line_note", "Note"]] }),
  ],
  access: access(
    [GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager, GROUPS.portal],
    [GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager]
  ),
  onDelete: { order_id: "cascade", product_id: "restrict" },
  defaults: {
    sequence: 10,
    product_uom_qty: 1,
    discount: 0,
    display_type: false,
    name: (env) => `Line ${env.table("sale.order.line").nextId}`,
  },
  computes: {
    product_template_id: (env, record) => related(env, "sale.order.line", record, "product_id.product_tmpl_id"),
    price_subtotal: (_env, record) => round2(num(record.product_uom_qty) * num(record.price_unit) * (1 - num(record.discount) / 100)),
  },
}

// Sale order lines take the product's price when none is given, as the sales UI would.
saleOrderLine.afterCreate = (env, ids, valsList) => {
  ids.forEach((id, index) => {
    const line = env.browse("sale.order.line", id)
    const productId = line ? ref(line.product_id) : false
    if (line && productId && !("price_unit" in valsList[index])) {
      env.table("sale.order.line").set(line, "price_unit", num(env.getById(P, productId, "lst_price")))
    }
    if (line && productId && !("name" in valsList[index])) {
      env.table("sale.order.line").set(line, "name", env.displayName(P, productId))
    }
  })
}

export function modelSpecs(): ModelSpec[] {
  return withMedia(withSales([
    productTemplate,
    productProduct,
    productAttribute,
    productAttributeValue,
    templateAttributeLine,
    templateAttributeValue,
    attributeExclusion,
    productCategory,
    publicCategory,
    pricelist,
    pricelistItem,
    currency,
    currencyRateSpec,
    company,
    country,
    countryGroup,
    website,
    uom,
    uomCategory,
    productTag,
    accountTax,
    warehouse,
    location,
    quant,
    stockLot,
    configParameter,
    partner,
    resUsers,
    saleOrder,
    saleOrderLine,
  ]))
}

/** Models whose fixture records carry derived values the emulator recomputes instead. */
export function prepareLoadedData(env: Env): void {
  const templates = env.table(T)
  const products = env.table(P)
  // A fixture with its stock moves gives the forecast through them; one without keeps the recorded
  // difference between forecast and on hand (the moves it left out).
  const movesLoaded = env.hasModel("stock.move") && env.table("stock.move").records.size > 0
  for (const product of products.records.values()) {
    if (product.__forecast_delta === undefined) {
      const onHand = typeof product.qty_available === "number" ? product.qty_available : 0
      const forecast = typeof product.virtual_available === "number" ? product.virtual_available : onHand
      product.__forecast_delta = movesLoaded ? 0 : round2(forecast - onHand)
    }
    if (product.standard_price === undefined) {
      // The fixture has the cost on the template only; it is the variant's when there is one.
      const template = templates.records.get(num(product.product_tmpl_id))
      const siblings = template ? products.referencing("product_tmpl_id", template.id).size : 0
      product.standard_price = template && siblings === 1 ? num(template.standard_price) : 0
    }
  }
}
