/**
 * Odoo product.template (+ its lines, values, variants) → one Medusa product, as plain data.
 * Bad data never throws out of here: it becomes a skip naming the Odoo record and the reason.
 */
import { hashMappedProduct } from "./hash"
import { convertPrice, floatRound, isPositiveFinite, MAX_PRICE_AMOUNT } from "./money"
import { describe, FieldReader, MappingFailure, MODELS, recordId } from "./odoo-fields"
import { indexPage, type PageIndex } from "./page-index"
import { handleOf, hasVisibleText, htmlToText, lastUrlSegment, stripUnsafeChars, verbatimLine, verbatimText } from "./text"
import type {
  CatalogMapping,
  MappedPrice,
  MappedProduct,
  MappedVariant,
  MappingContext,
  MappingResult,
  MappingSkip,
  OdooCatalogPage,
  OdooRecord,
  SourceCurrency,
} from "./types"

/** What Medusa's admin uses for a product without options (dashboard PRODUCT_CREATE_FORM_DEFAULTS). */
export const DEFAULT_OPTION_TITLE = "Default option"
export const DEFAULT_OPTION_VALUE = "Default option value"
export const VARIANT_TITLE_SEPARATOR = " / "

const VARIANT_CREATING = new Set(["always", "dynamic"])
const CREATE_VARIANT_MODES = new Set(["always", "dynamic", "no_variant"])

// ---------------------------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------------------------

interface Currency {
  code: string
  rate: number
  rounding: number
}

interface CheckedContext {
  company: Currency
  /** Other currencies, deduplicated, company currency removed, sorted by code (stable hashes). */
  others: Currency[]
  /** Per template currency (Odoo id), when the caller read them (see MappingContext). */
  sources: Map<number, SourceCurrency> | null
  /** Store currencies, sorted by code. */
  targets: { code: string; rounding: number }[]
  websiteSale: boolean
}

function currencyCode(value: unknown): string | null {
  return typeof value === "string" && /^[a-z]{3}$/i.test(value.trim()) ? value.trim().toLowerCase() : null
}

/** Checks the caller's context once; a bad context skips every template rather than mis-price them. */
export function checkContext(ctx: MappingContext): { ok: true; ctx: CheckedContext } | { ok: false; reason: string } {
  const companyCode = currencyCode(ctx?.companyCurrency?.code)
  if (!companyCode || !isPositiveFinite(ctx.companyCurrency.rounding)) {
    return { ok: false, reason: `invalid company currency in the mapping context: ${describe(ctx?.companyCurrency)}` }
  }
  const others = new Map<string, Currency>()
  for (const currency of Array.isArray(ctx.otherCurrencies) ? ctx.otherCurrencies : []) {
    const code = currencyCode(currency?.code)
    if (!code || !isPositiveFinite(currency.rate) || !isPositiveFinite(currency.rounding)) {
      // Dropping it would silently delete that currency's prices on update: refuse instead.
      return { ok: false, reason: `invalid currency in the mapping context: ${describe(currency)}` }
    }
    if (code !== companyCode && !others.has(code)) {
      others.set(code, { code, rate: currency.rate, rounding: currency.rounding })
    }
  }
  let sources: Map<number, SourceCurrency> | null = null
  if (ctx.sourceCurrencies) {
    sources = new Map()
    for (const [id, source] of Object.entries(ctx.sourceCurrencies)) {
      const code = currencyCode(source?.code)
      const ratesOk = Object.entries(source?.rates ?? {}).every(([target, rate]) => currencyCode(target) && isPositiveFinite(rate))
      if (!code || !isPositiveFinite(source.rounding) || !ratesOk) {
        return { ok: false, reason: `invalid template currency in the mapping context: ${describe(source)}` }
      }
      sources.set(Number(id), { code, rounding: source.rounding, rates: source.rates })
    }
  }
  const targets = (ctx.targetCurrencies ?? [])
    .filter((target) => currencyCode(target?.code) && isPositiveFinite(target.rounding))
    .map((target) => ({ code: currencyCode(target.code)!, rounding: target.rounding }))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  return {
    ok: true,
    ctx: {
      company: { code: companyCode, rate: 1, rounding: ctx.companyCurrency.rounding },
      others: [...others.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
      sources,
      targets,
      websiteSale: ctx.websiteSale === true,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Attribute lines and their values
// ---------------------------------------------------------------------------------------------

interface ResolvedValue {
  ptavId: number
  name: string
}

interface ResolvedLine {
  lineId: number
  attributeId: number
  title: string
  createsVariants: boolean
  /** Active values in Odoo's order. */
  values: ResolvedValue[]
  sortKey: number[]
}

interface ResolvedAttribute {
  name: string
  createsVariants: boolean
  sequence: number
}

function readAttribute(index: PageIndex, attributeId: number, line: FieldReader): ResolvedAttribute {
  const record = index.attributesById.get(attributeId)
  if (!record) {
    return line.fail(`attribute ${attributeId} is not in the page`)
  }
  const attribute = new FieldReader(record, MODELS.attribute)
  const name = verbatimLine(attribute.optionalString("name") ?? "")
  if (!hasVisibleText(name)) {
    return attribute.fail("attribute has no name")
  }
  const mode = attribute.optionalString("create_variant")
  if (mode === null || !CREATE_VARIANT_MODES.has(mode)) {
    return attribute.fail(`field create_variant should be always/dynamic/no_variant, got ${describe(record.create_variant)}`)
  }
  return { name, createsVariants: VARIANT_CREATING.has(mode), sequence: attribute.optionalNumber("sequence", 0) }
}

/** Position of `id` in `list`, or +Infinity (unknown positions sort last). */
function positionIn(list: number[], id: number | null): number {
  const at = id === null ? -1 : list.indexOf(id)
  return at === -1 ? Number.POSITIVE_INFINITY : at
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0 && !Number.isNaN(d)) {
      return d
    }
  }
  return 0
}

/**
 * Active values of a line in Odoo's order. Odoo returns a line's product_template_value_ids
 * already ordered (attribute value sequence, id); value_ids is the fallback, then the PTAV id.
 */
function readLineValues(
  index: PageIndex,
  templateId: number,
  line: FieldReader,
  attributeId: number
): ResolvedValue[] {
  const ptavOrder = line.idList("product_template_value_ids")
  const valueOrder = line.idList("value_ids")
  const ranked: { value: ResolvedValue; key: number[] }[] = []
  for (const record of index.ptavsByLine.get(line.id) ?? []) {
    const ptav = new FieldReader(record, MODELS.ptav)
    if (!ptav.boolean("ptav_active", true)) {
      continue
    }
    const ptavAttribute = ptav.requiredMany2one("attribute_id", "attribute")
    if (ptavAttribute !== attributeId) {
      ptav.fail(`attribute value is for attribute ${ptavAttribute} but its line ${line.id} is for attribute ${attributeId}`)
    }
    const ptavTemplate = ptav.many2one("product_tmpl_id")
    if (ptavTemplate !== null && ptavTemplate !== templateId) {
      ptav.fail(`attribute value belongs to template ${ptavTemplate} but its line to template ${templateId}`)
    }
    const name = verbatimLine(ptav.optionalString("name") ?? "")
    if (!hasVisibleText(name)) {
      ptav.fail("attribute value has no name")
    }
    const attributeValueId = ptav.has("product_attribute_value_id") ? ptav.many2one("product_attribute_value_id") : null
    ranked.push({
      value: { ptavId: ptav.id, name },
      key: [positionIn(ptavOrder, ptav.id), positionIn(valueOrder, attributeValueId), ptav.id],
    })
  }
  ranked.sort((a, b) => compareKeys(a.key, b.key))
  const values = ranked.map((r) => r.value)
  const seen = new Set<string>()
  for (const value of values) {
    if (seen.has(value.name)) {
      // Medusa would merge them and two variants would end up with the same options.
      line.fail(`two values of this line are both named "${value.name}"`)
    }
    seen.add(value.name)
  }
  return values
}

function resolveLine(index: PageIndex, templateId: number, record: OdooRecord): ResolvedLine {
  const line = new FieldReader(record, MODELS.line)
  const attributeId = line.requiredMany2one("attribute_id", "attribute")
  const attribute = readAttribute(index, attributeId, line)
  return {
    lineId: line.id,
    attributeId,
    title: attribute.name,
    createsVariants: attribute.createsVariants,
    values: readLineValues(index, templateId, line, attributeId),
    // Odoo orders lines by sequence, then attribute (its sequence, id), then line id.
    sortKey: [line.optionalNumber("sequence", 0), attribute.sequence, attributeId, line.id],
  }
}

/** Two attributes may share a name; Medusa option titles (variant option keys) must not. */
function makeTitlesUnique(lines: ResolvedLine[]): ResolvedLine[] {
  const used = new Set<string>()
  return lines.map((line) => {
    const title = used.has(line.title) ? verbatimLine(`${line.title} (${line.attributeId})`) : line.title
    used.add(title)
    return { ...line, title }
  })
}

function resolveLines(index: PageIndex, templateId: number): ResolvedLine[] {
  // Values outside the template's active lines (an archived line keeps its archived values)
  // matter only if an active variant uses them, which readCombination reports.
  const lines = (index.linesByTemplate.get(templateId) ?? []).map((record) => resolveLine(index, templateId, record))
  lines.sort((a, b) => compareKeys(a.sortKey, b.sortKey))
  return makeTitlesUnique(lines)
}

// ---------------------------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------------------------

interface VariantDraft {
  variant: MappedVariant
  sortKey: number[]
  combination: string
}

/** The variant's value for each variant-creating line; every line needs exactly one. */
function readCombination(variant: FieldReader, optionLines: ResolvedLine[], allLines: ResolvedLine[], index: PageIndex): ResolvedValue[] {
  const activeValues = new Map<number, { line: ResolvedLine; value: ResolvedValue }>()
  for (const line of allLines) {
    for (const value of line.values) {
      activeValues.set(value.ptavId, { line, value })
    }
  }
  const chosen = new Map<number, ResolvedValue>()
  for (const ptavId of variant.idList("product_template_attribute_value_ids")) {
    const found = activeValues.get(ptavId)
    if (!found) {
      const known = index.ptavsById.has(ptavId)
      variant.fail(
        known
          ? `variant uses attribute value ${ptavId}, which is archived or belongs to another template`
          : `variant uses attribute value ${ptavId}, which is not in the page`
      )
    }
    const { line, value } = found
    if (!line.createsVariants) {
      continue // no_variant values are never stored on variants; ignore if they are
    }
    if (chosen.has(line.lineId)) {
      variant.fail(`variant has two values for attribute "${line.title}"`)
    }
    chosen.set(line.lineId, value)
  }
  return optionLines.map(
    (line) => chosen.get(line.lineId) ?? variant.fail(`variant has no value for attribute "${line.title}"`)
  )
}

/** lst_price (list_price + price_extra) in the template's currency, unrounded as Odoo holds it. */
function readListPrice(variant: FieldReader, template: FieldReader): number {
  const raw = variant.has("lst_price")
    ? variant.number("lst_price")
    : template.number("list_price") + variant.optionalNumber("price_extra", 0)
  if (raw < 0) {
    variant.fail(`negative price ${raw}`)
  }
  if (raw > MAX_PRICE_AMOUNT) {
    variant.fail(`price ${raw} is larger than the accepted maximum ${MAX_PRICE_AMOUNT}`)
  }
  return raw
}

function checkedAmount(variant: FieldReader, raw: number, amount: number, code: string): number {
  if (amount > MAX_PRICE_AMOUNT) {
    variant.fail(`price ${raw} converts to ${amount} ${code}, above the accepted maximum`)
  }
  return amount
}

/**
 * The variant's prices as Odoo's res.currency._convert gives them: from the unrounded price in
 * the template's currency, times Odoo's conversion rate, rounded once with the target's rounding.
 * A store currency without a rate for the template's currency gets no price (the run reports it).
 */
function buildPrices(variant: FieldReader, template: FieldReader, raw: number, ctx: CheckedContext): MappedPrice[] {
  if (ctx.sources === null) {
    const prices: MappedPrice[] = [{ currency_code: ctx.company.code, amount: floatRound(raw, ctx.company.rounding) }]
    for (const currency of ctx.others) {
      const converted = checkedAmount(variant, raw, convertPrice(raw, currency.rate, currency.rounding), currency.code)
      prices.push({ currency_code: currency.code, amount: converted })
    }
    return prices
  }
  const currencyId = template.has("currency_id") ? template.many2one("currency_id") : null
  const source = currencyId === null ? undefined : ctx.sources.get(currencyId)
  if (!source) {
    return template.fail(`the template's currency (res.currency ${currencyId ?? "none"}) could not be read from Odoo`)
  }
  const prices: MappedPrice[] = [{ currency_code: source.code, amount: floatRound(raw, source.rounding) }]
  for (const target of ctx.targets) {
    const rate = source.rates[target.code]
    if (target.code === source.code || rate === undefined) {
      continue
    }
    prices.push({ currency_code: target.code, amount: checkedAmount(variant, raw, convertPrice(raw, rate, target.rounding), target.code) })
  }
  return prices.sort((a, b) => (a.currency_code < b.currency_code ? -1 : a.currency_code > b.currency_code ? 1 : 0))
}

/** Odoo stores "no weight" as 0.0; Medusa's null says the same without claiming weightless. */
function readWeight(variant: FieldReader): number | null {
  const weight = variant.optionalNumberOrNull("weight")
  if (weight === null) {
    return null
  }
  if (weight < 0) {
    variant.fail(`negative weight ${weight}`)
  }
  return weight === 0 ? null : weight
}

/**
 * A code (SKU, barcode) as Odoo holds it, markup-like text included, without unsafe characters
 * or surrounding spaces (a scanner or a search never matches those; none when blank).
 */
export function cleanCode(value: string | null): string | null {
  const cleaned = value === null ? "" : stripUnsafeChars(value).trim()
  return cleaned || null
}

interface TemplateParts {
  template: FieldReader
  title: string
  optionLines: ResolvedLine[]
  allLines: ResolvedLine[]
  ctx: CheckedContext
}

/**
 * Whether Odoo tracks the variant's stock: `is_storable` in Odoo 18, `type = "product"` in 16
 * and 17. Services, combos and untracked goods are sold without inventory in Medusa.
 */
function readStorable(variant: FieldReader): boolean {
  if (variant.has("is_storable")) return variant.boolean("is_storable")
  return variant.optionalString("type") === "product"
}

function mapVariant(record: OdooRecord, parts: TemplateParts, index: PageIndex): VariantDraft {
  const variant = new FieldReader(record, MODELS.variant)
  const values = readCombination(variant, parts.optionLines, parts.allLines, index)
  const options: Record<string, string> =
    parts.optionLines.length === 0
      ? { [DEFAULT_OPTION_TITLE]: DEFAULT_OPTION_VALUE }
      : Object.fromEntries(parts.optionLines.map((line, i) => [line.title, values[i].name]))
  const title = values.length === 0 ? parts.title : verbatimLine(values.map((v) => v.name).join(VARIANT_TITLE_SEPARATOR))
  const raw = readListPrice(variant, parts.template)
  return {
    variant: {
      externalId: String(variant.id),
      title,
      sku: cleanCode(variant.optionalString("default_code")),
      barcode: cleanCode(variant.optionalString("barcode")),
      weight: readWeight(variant),
      options,
      prices: buildPrices(variant, parts.template, raw, parts.ctx),
      manageInventory: readStorable(variant),
    },
    // Variants follow the options' value order (Steel/White, Steel/Black, Aluminium/White…).
    sortKey: [
      ...values.map((v, i) => parts.optionLines[i].values.findIndex((x) => x.ptavId === v.ptavId)),
      variant.id,
    ],
    combination: values.map((v) => v.ptavId).join(","),
  }
}

function mapVariants(parts: TemplateParts, index: PageIndex): MappedVariant[] {
  const templateId = parts.template.id
  const drafts: VariantDraft[] = []
  const seen = new Map<string, string>()
  for (const record of index.variantsByTemplate.get(templateId) ?? []) {
    const reader = new FieldReader(record, MODELS.variant)
    if (!reader.boolean("active", true)) {
      continue // archived variants are not sold
    }
    const draft = mapVariant(record, parts, index)
    const twin = seen.get(draft.combination)
    if (twin !== undefined) {
      reader.fail(`variant has the same attribute values as variant ${twin}`)
    }
    seen.set(draft.combination, draft.variant.externalId)
    drafts.push(draft)
  }
  drafts.sort((a, b) => compareKeys(a.sortKey, b.sortKey))
  return drafts.map((d) => d.variant)
}

// ---------------------------------------------------------------------------------------------
// Template
// ---------------------------------------------------------------------------------------------

/**
 * description_sale (a Text field: plain text, kept as written), else the description (an Html
 * field: converted to text).
 */
function readDescription(template: FieldReader): string | null {
  const sale = template.optionalString("description_sale")
  const fromSale = sale === null ? null : verbatimText(sale)
  if (fromSale) {
    return fromSale
  }
  return htmlToText(template.optionalString("description"))
}

/**
 * website_sale's URL slug when it holds a letter, else a handle from the name (any script), else
 * product-<id>. Odoo slugs names to ASCII: a name in another script gives a URL of the bare id
 * ("/shop/42"), which says nothing; the name's own letters then make the handle.
 */
function readHandle(template: FieldReader, title: string, websiteSale: boolean): string {
  const url = websiteSale ? template.optionalString("website_url") : null
  const fromUrl = url === null ? "" : handleOf(lastUrlSegment(url))
  return (/\p{L}/u.test(fromUrl) ? fromUrl : "") || handleOf(title) || `product-${template.id}`
}

function readStatus(template: FieldReader, websiteSale: boolean, variantCount: number): "published" | "draft" {
  const active = template.boolean("active", true)
  const saleOk = template.boolean("sale_ok")
  const published = websiteSale ? template.boolean("is_published") : true
  // A product without a sellable variant cannot be bought: keep it out of the store.
  return active && saleOk && published && variantCount > 0 ? "published" : "draft"
}

/** no_variant attributes make no option; their values stay visible in metadata. */
function noVariantAttributes(lines: ResolvedLine[]): Record<string, string[]> {
  return Object.fromEntries(lines.filter((l) => !l.createsVariants).map((l) => [l.title, l.values.map((v) => v.name)]))
}

function mapCheckedTemplate(record: OdooRecord, index: PageIndex, ctx: CheckedContext): MappedProduct {
  const template = new FieldReader(record, MODELS.template)
  if (template.id === 0) {
    template.fail(`template without a valid id (id is ${describe(record.id)})`)
  }
  const title = verbatimLine(template.optionalString("name") ?? "")
  if (!hasVisibleText(title)) {
    template.fail("template has no name")
  }
  const allLines = resolveLines(index, template.id)
  // A variant line with no active value cannot be an option (Medusa needs values).
  const optionLines = allLines.filter((l) => l.createsVariants && l.values.length > 0)
  const variants = mapVariants({ template, title, optionLines, allLines, ctx }, index)
  const content: Omit<MappedProduct, "hash"> = {
    externalId: String(template.id),
    title,
    description: readDescription(template),
    handle: readHandle(template, title, ctx.websiteSale),
    status: readStatus(template, ctx.websiteSale, variants.length),
    options:
      optionLines.length === 0
        ? [{ title: DEFAULT_OPTION_TITLE, values: [DEFAULT_OPTION_VALUE] }]
        : optionLines.map((l) => ({ title: l.title, values: l.values.map((v) => v.name) })),
    variants,
    // Always present (possibly {}): Medusa merges metadata key by key, so a key that is left out
    // would keep stale values.
    metadata: { external_id: String(template.id), odoo_attributes: noVariantAttributes(allLines) },
  }
  return { ...content, hash: hashMappedProduct(content) }
}

function unexpectedSkip(record: OdooRecord, error: unknown): MappingSkip {
  const message = error instanceof Error ? error.message : String(error)
  return { odooId: recordId(record), model: MODELS.template, reason: `unexpected mapping error: ${message}` }
}

/** Maps one template of an indexed page. Never throws. */
export function mapTemplate(template: OdooRecord, index: PageIndex, ctx: MappingContext): MappingResult {
  const checked = checkContext(ctx)
  if (!checked.ok) {
    return { ok: false, odooId: recordId(template), model: MODELS.template, reason: checked.reason, templateId: recordId(template) }
  }
  try {
    return { ok: true, product: mapCheckedTemplate(template, index, checked.ctx) }
  } catch (error) {
    const skip = error instanceof MappingFailure ? error.toSkip(recordId(template)) : unexpectedSkip(template, error)
    return { ok: false, ...skip, templateId: recordId(template) }
  }
}

/**
 * Maps a page: every template with sale_ok = true becomes a product or a skip; rows that
 * belong to no template of the page are reported as skips too. Never throws.
 */
export function mapCatalogPage(page: OdooCatalogPage, ctx: MappingContext): CatalogMapping {
  const index = indexPage(page)
  const products: MappedProduct[] = []
  const skipped: MappingSkip[] = [...index.orphans]
  for (const template of index.templatesById.values()) {
    if (template.sale_ok === false) {
      continue // not for sale: not synced (removal is the run planner's job)
    }
    const result = mapTemplate(template, index, ctx)
    if (result.ok) {
      products.push(result.product)
    } else {
      const { ok: _ok, ...skip } = result
      skipped.push(skip)
    }
  }
  return { products, skipped }
}
