/**
 * Test-only helpers: the recorded Odoo 18 demo catalog, and small builders for hand-made rows
 * shaped like search_read output (false for empty, [id, name] for many2one).
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"

import type { MappingContext, OdooCatalogPage, OdooRecord } from "../types"

interface DemoFixture {
  odoo_version: string
  models: Record<string, { fields: Record<string, unknown>; records: OdooRecord[] }>
}

/** Walks up from this folder to the shared `odoo-reference` folder. */
function findReferenceDir(): string {
  let dir = __dirname
  for (;;) {
    const candidate = join(dir, "shared", "odoo-reference")
    if (existsSync(candidate)) {
      return candidate
    }
    const parent = dirname(dir)
    if (parent === dir) {
      throw new Error(`no shared/odoo-reference above ${__dirname}`)
    }
    dir = parent
  }
}

let cached: DemoFixture | undefined

export function loadDemoFixture(): DemoFixture {
  cached ??= JSON.parse(readFileSync(join(findReferenceDir(), "fixtures", "odoo18-demo.json"), "utf8")) as DemoFixture
  // Deep copy so a test that mutates rows cannot leak into another.
  return JSON.parse(JSON.stringify(cached)) as DemoFixture
}

export function demoRecords(fixture: DemoFixture, model: string): OdooRecord[] {
  const found = fixture.models[model]
  if (!found) {
    throw new Error(`model ${model} missing from the fixture`)
  }
  return found.records
}

export function demoPage(fixture: DemoFixture = loadDemoFixture()): OdooCatalogPage {
  const templates = demoRecords(fixture, "product.template")
  // Odoo reads a template's is_storable and type on its variants (the fixture exports them on
  // the template only).
  const templateOf = new Map(templates.map((template) => [template.id, template]))
  const variants = demoRecords(fixture, "product.product").map((variant) => {
    const template = templateOf.get(Array.isArray(variant.product_tmpl_id) ? Number(variant.product_tmpl_id[0]) : 0)
    return template ? { is_storable: template.is_storable, type: template.type, ...variant } : variant
  })
  return {
    templates,
    variants,
    attributeLines: demoRecords(fixture, "product.template.attribute.line"),
    templateAttributeValues: demoRecords(fixture, "product.template.attribute.value"),
    attributes: demoRecords(fixture, "product.attribute"),
  }
}

export const usdOnly: MappingContext = {
  companyCurrency: { code: "usd", rounding: 0.01 },
  otherCurrencies: [],
  websiteSale: true,
}

// ---------------------------------------------------------------------------------------------
// Hand-made rows
// ---------------------------------------------------------------------------------------------

export function template(id: number, name: unknown, extra: Record<string, unknown> = {}): OdooRecord {
  return {
    id,
    name,
    active: true,
    sale_ok: true,
    is_published: true,
    website_url: false,
    list_price: 10,
    description: false,
    description_sale: false,
    ...extra,
  }
}

export function variant(id: number, templateId: number, extra: Record<string, unknown> = {}): OdooRecord {
  return {
    id,
    product_tmpl_id: [templateId, `Template ${templateId}`],
    active: true,
    default_code: false,
    barcode: false,
    lst_price: 10,
    weight: 0,
    product_template_attribute_value_ids: [],
    ...extra,
  }
}

export function attribute(id: number, name: string, createVariant: string, sequence = 10): OdooRecord {
  return { id, name, create_variant: createVariant, sequence }
}

export function line(
  id: number,
  templateId: number,
  attr: OdooRecord,
  ptavIds: number[],
  extra: Record<string, unknown> = {}
): OdooRecord {
  return {
    id,
    product_tmpl_id: [templateId, `Template ${templateId}`],
    attribute_id: [attr.id, String(attr.name)],
    sequence: 10,
    product_template_value_ids: ptavIds,
    ...extra,
  }
}

export function ptav(
  id: number,
  lineRecord: OdooRecord,
  name: unknown,
  extra: Record<string, unknown> = {}
): OdooRecord {
  return {
    id,
    name,
    attribute_line_id: [lineRecord.id, "line"],
    attribute_id: lineRecord.attribute_id,
    product_tmpl_id: lineRecord.product_tmpl_id,
    ptav_active: true,
    price_extra: 0,
    ...extra,
  }
}

export function page(parts: Partial<OdooCatalogPage>): OdooCatalogPage {
  return { templates: [], variants: [], attributeLines: [], templateAttributeValues: [], attributes: [], ...parts }
}

/**
 * A t-shirt: Size (always: S, M) × Color (always: Red, Blue) with 4 variants, plus a
 * no_variant Gift wrap line. Ids are spread out so order-by-id bugs show.
 */
export function shirtPage(): OdooCatalogPage {
  const size = attribute(1, "Size", "always", 1)
  const color = attribute(2, "Color", "always", 2)
  const wrap = attribute(3, "Gift wrap", "no_variant", 3)
  const sizeLine = line(11, 100, size, [22, 21])
  const colorLine = line(12, 100, color, [23, 24])
  const wrapLine = line(13, 100, wrap, [25])
  const values = [
    ptav(21, sizeLine, "M", { price_extra: 2 }),
    ptav(22, sizeLine, "S"),
    ptav(23, colorLine, "Red"),
    ptav(24, colorLine, "Blue", { price_extra: 1 }),
    ptav(25, wrapLine, "Paper", { price_extra: 3 }),
  ]
  return page({
    templates: [template(100, "T-Shirt", { list_price: 20 })],
    attributes: [size, color, wrap],
    attributeLines: [sizeLine, colorLine, wrapLine],
    templateAttributeValues: values,
    variants: [
      variant(504, 100, { product_template_attribute_value_ids: [21, 24], lst_price: 23, default_code: "TS-M-B" }),
      variant(501, 100, { product_template_attribute_value_ids: [22, 23], lst_price: 20, default_code: "TS-S-R" }),
      variant(503, 100, { product_template_attribute_value_ids: [21, 23], lst_price: 22, default_code: "TS-M-R" }),
      variant(502, 100, { product_template_attribute_value_ids: [22, 24], lst_price: 21, default_code: "TS-S-B" }),
    ],
  })
}
