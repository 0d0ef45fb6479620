import { hashMappedProduct } from "./hash"
import { DEFAULT_OPTION_TITLE, DEFAULT_OPTION_VALUE, mapCatalogPage, mapTemplate } from "./map-template"
import { indexPage } from "./page-index"
import { floatRound } from "./money"
import type { MappedProduct, MappingContext, MappingSkip, OdooCatalogPage, OdooRecord } from "./types"
import { attribute, line, page, ptav, shirtPage, template, usdOnly, variant } from "./__tests__/helpers"

function mapOne(p: OdooCatalogPage, ctx: MappingContext = usdOnly): MappedProduct {
  const result = mapCatalogPage(p, ctx)
  expect(result.skipped).toEqual([])
  expect(result.products).toHaveLength(1)
  return result.products[0]
}

function skipsOf(p: OdooCatalogPage, ctx: MappingContext = usdOnly): MappingSkip[] {
  const result = mapCatalogPage(p, ctx)
  expect(result.products).toEqual([])
  return result.skipped
}

/** A one-variant template page with the given template / variant fields. */
function simple(templateExtra: Record<string, unknown> = {}, variantExtra: Record<string, unknown> = {}): OdooCatalogPage {
  return page({ templates: [template(7, "Desk", templateExtra)], variants: [variant(70, 7, variantExtra)] })
}

const eurCtx: MappingContext = {
  companyCurrency: { code: "USD", rounding: 0.01 },
  otherCurrencies: [
    { code: "jpy", rate: 133.62, rounding: 1 },
    { code: "eur", rate: 1.2834, rounding: 0.01 },
  ],
  websiteSale: false,
}

describe("mapCatalogPage – product fields", () => {
  it("uses the template id as external id, in metadata too", () => {
    const product = mapOne(simple())
    expect(product.externalId).toBe("7")
    expect(product.metadata.external_id).toBe("7")
  })

  it("syncs only sale_ok templates", () => {
    const p = page({
      templates: [template(1, "For sale"), template(2, "Internal", { sale_ok: false })],
      variants: [variant(10, 1), variant(20, 2)],
    })
    const result = mapCatalogPage(p, usdOnly)
    expect(result.products.map((x) => x.externalId)).toEqual(["1"])
    expect(result.skipped).toEqual([])
  })

  it("keeps the name as Odoo holds it, removing only controls, bidi overrides and lone surrogates", () => {
    expect(mapOne(simple({ name: "  Big\u0000 Desk\n " })).title).toBe("  Big Desk ")
    expect(mapOne(simple({ name: "Desk\tOak  Top" })).title).toBe("Desk\tOak  Top")
    expect(mapOne(simple({ name: "abc\u202Edef\u0085\u200F\uD800" })).title).toBe("abcdef\u200F")
    expect(mapOne(simple({ name: "😀".repeat(300) })).title).toBe("😀".repeat(255))
  })

  it("keeps markup-like text in names, option values and codes verbatim: Odoo's name is text, not HTML", () => {
    const size = attribute(1, "<b>Size</b>", "always")
    const sizeLine = line(11, 7, size, [21, 22])
    const product = mapOne(
      page({
        templates: [template(7, "<b>Bold</b> Name", { description_sale: "Cable <5 m> & <script>x()</script>" })],
        attributes: [size],
        attributeLines: [sizeLine],
        templateAttributeValues: [ptav(21, sizeLine, "Cable <5 m>"), ptav(22, sizeLine, "A &amp; B")],
        variants: [
          variant(70, 7, { product_template_attribute_value_ids: [21], default_code: "<SKU-1>" }),
          variant(71, 7, { product_template_attribute_value_ids: [22], barcode: " 1\t23 " }),
        ],
      })
    )
    expect(product.title).toBe("<b>Bold</b> Name")
    expect(product.description).toBe("Cable <5 m> & <script>x()</script>")
    expect(product.options).toEqual([{ title: "<b>Size</b>", values: ["Cable <5 m>", "A &amp; B"] }])
    expect(product.variants.map((v) => [v.title, v.sku, v.barcode])).toEqual([
      ["Cable <5 m>", "<SKU-1>", null],
      ["A &amp; B", null, "1\t23"],
    ])
  })

  it("prefers description_sale, falls back to the HTML description", () => {
    expect(mapOne(simple({ description_sale: "Sale text\r\nline 2", description: "<p>Other</p>" })).description).toBe(
      "Sale text\nline 2"
    )
    expect(mapOne(simple({ description: "<p>Solid &amp; <b>oak</b></p><p>2nd</p>" })).description).toBe("Solid & oak\n2nd")
    expect(mapOne(simple({ description_sale: "   ", description: "<p>Fallback</p>" })).description).toBe("Fallback")
    expect(mapOne(simple({ description: "<p><br></p>" })).description).toBeNull()
  })

  it("converts only the HTML description to text; description_sale is plain text", () => {
    expect(mapOne(simple({ description_sale: "Fits a < 10 cm gap & more" })).description).toBe("Fits a < 10 cm gap & more")
    expect(mapOne(simple({ description_sale: "<p>Pasted</p>" })).description).toBe("<p>Pasted</p>")
    expect(mapOne(simple({ description: "<p>Pasted</p><script>x()</script>" })).description).toBe("Pasted")
  })

  it("maps a 2 MB HTML description to text", () => {
    const paragraph = "<p>Solid <b>oak</b> &amp; steel, <a href='/x'>see more</a></p>\n"
    const html = paragraph.repeat(Math.ceil(2_000_000 / paragraph.length))
    expect(html.length).toBeGreaterThanOrEqual(2_000_000)
    const description = mapOne(simple({ description: html })).description
    expect(description?.startsWith("Solid oak & steel, see more\nSolid oak")).toBe(true)
    // Capped at the description limit, with no markup left.
    expect(Array.from(description ?? "").length).toBeGreaterThan(99_900)
    expect(Array.from(description ?? "").length).toBeLessThanOrEqual(100_000)
    expect(description).not.toMatch(/<[a-z/]/)
  })

  it("takes the handle from website_url when website_sale is installed, else from the name", () => {
    const withUrl = simple({ name: "Renamed Desk", website_url: "/shop/customizable-desk-9" })
    expect(mapOne(withUrl, { ...usdOnly, websiteSale: true }).handle).toBe("customizable-desk-9")
    expect(mapOne(withUrl, { ...usdOnly, websiteSale: false }).handle).toBe("renamed-desk")
    expect(mapOne(simple({ name: "Crème Desk", website_url: false })).handle).toBe("crème-desk")
  })

  it("gives names in any script a readable handle, also when Odoo's URL holds only the id", () => {
    const names: [string, string][] = [
      ["Стол дубовый", "стол-дубовый"],
      ["Τραπέζι", "τραπέζι"],
      ["مكتب خشبي", "مكتب-خشبي"],
      ["שולחן עץ", "שולחן-עץ"],
      ["木製の机", "木製の机"],
    ]
    for (const [name, handle] of names) {
      // Odoo slugs names to ASCII: a name without Latin letters gets the URL /shop/<id>.
      expect(mapOne(simple({ name, website_url: "/shop/7" }), { ...usdOnly, websiteSale: true }).handle).toBe(handle)
    }
  })

  it("falls back to product-<id> when the name has no letter or digit", () => {
    expect(mapOne(simple({ name: "🪑" })).handle).toBe("product-7")
    expect(mapOne(simple({ name: "🪑", website_url: "/shop/7" }), { ...usdOnly, websiteSale: true }).handle).toBe("product-7")
  })

  it("publishes only active, sale_ok and (with website_sale) is_published templates", () => {
    expect(mapOne(simple()).status).toBe("published")
    expect(mapOne(simple({ is_published: false })).status).toBe("draft")
    expect(mapOne(simple({ is_published: false }), { ...usdOnly, websiteSale: false }).status).toBe("published")
    expect(mapOne(simple({ active: false })).status).toBe("draft")
  })

  it("maps a template with sale_ok false to draft when asked directly", () => {
    const p = simple({ sale_ok: false })
    const result = mapTemplate(p.templates[0], indexPage(p), usdOnly)
    expect(result.ok && result.product.status).toBe("draft")
  })

  it("keeps a template without active variants as a draft with no variants", () => {
    const product = mapOne(simple({}, { active: false }))
    expect(product.variants).toEqual([])
    expect(product.status).toBe("draft")
  })
})

describe("mapCatalogPage – options and variants", () => {
  it("gives a template without variant attributes Medusa's default option", () => {
    const product = mapOne(simple({}, { default_code: "D-1", barcode: "4006381333931", weight: 2.5, lst_price: 99.9 }))
    expect(product.options).toEqual([{ title: "Default option", values: ["Default option value"] }])
    expect(product.variants).toEqual([
      {
        externalId: "70",
        title: "Desk",
        sku: "D-1",
        barcode: "4006381333931",
        weight: 2.5,
        options: { [DEFAULT_OPTION_TITLE]: DEFAULT_OPTION_VALUE },
        prices: [{ currency_code: "usd", amount: 99.9 }],
        manageInventory: false,
      },
    ])
  })

  it("manages inventory of storable variants: is_storable in Odoo 18, type 'product' in 16/17", () => {
    const storable = (fields: Record<string, unknown>) => mapOne(simple({}, fields)).variants[0].manageInventory
    expect(storable({ is_storable: true, type: "consu" })).toBe(true)
    expect(storable({ is_storable: false, type: "consu" })).toBe(false)
    expect(storable({ is_storable: false, type: "service" })).toBe(false)
    expect(storable({ type: "product" })).toBe(true)
    expect(storable({ type: "consu" })).toBe(false)
  })

  it("makes one option per variant-creating line, in line then value order (not id order)", () => {
    const product = mapOne(shirtPage())
    expect(product.options).toEqual([
      { title: "Size", values: ["S", "M"] },
      { title: "Color", values: ["Red", "Blue"] },
    ])
  })

  it("orders lines by line sequence before attribute sequence", () => {
    const p = shirtPage()
    p.attributeLines[1].sequence = 1 // Color line first now
    expect(mapOne(p).options.map((o) => o.title)).toEqual(["Color", "Size"])
  })

  it("maps every active variant with title, options and sku, ordered like the options", () => {
    const product = mapOne(shirtPage())
    expect(product.variants.map((v) => [v.externalId, v.title, v.sku, v.options])).toEqual([
      ["501", "S / Red", "TS-S-R", { Size: "S", Color: "Red" }],
      ["502", "S / Blue", "TS-S-B", { Size: "S", Color: "Blue" }],
      ["503", "M / Red", "TS-M-R", { Size: "M", Color: "Red" }],
      ["504", "M / Blue", "TS-M-B", { Size: "M", Color: "Blue" }],
    ])
  })

  it("prices each variant at its lst_price (list_price + extras), not the template list_price", () => {
    const product = mapOne(shirtPage())
    expect(product.variants.map((v) => v.prices[0].amount)).toEqual([20, 21, 22, 23])
  })

  it("computes list_price + price_extra when lst_price was not read", () => {
    const product = mapOne(simple({ list_price: 750 }, { lst_price: undefined, price_extra: 50.4 }))
    expect(product.variants[0].prices).toEqual([{ currency_code: "usd", amount: 800.4 }])
  })

  it("adds converted prices for the other store currencies, rounded Odoo's way", () => {
    const product = mapOne(simple({}, { lst_price: 800.4 }), eurCtx)
    // Company currency first, then the others by code; amounts checked by hand (decimal, half-up).
    expect(product.variants[0].prices).toEqual([
      { currency_code: "usd", amount: 800.4 },
      { currency_code: "eur", amount: 1027.23 },
      { currency_code: "jpy", amount: 106949 },
    ])
  })

  it("keeps no_variant values out of the options and in metadata.odoo_attributes", () => {
    const product = mapOne(shirtPage())
    expect(product.options.map((o) => o.title)).not.toContain("Gift wrap")
    expect(product.metadata.odoo_attributes).toEqual({ "Gift wrap": ["Paper"] })
    expect(mapOne(simple()).metadata.odoo_attributes).toEqual({})
  })

  it("treats dynamic attributes as variant-creating", () => {
    const p = shirtPage()
    p.attributes[1].create_variant = "dynamic"
    expect(mapOne(p).options.map((o) => o.title)).toEqual(["Size", "Color"])
  })

  it("excludes archived variants and inactive values", () => {
    const p = shirtPage()
    p.variants = p.variants.map((v) => (v.id === 502 || v.id === 504 ? { ...v, active: false } : v))
    p.templateAttributeValues = p.templateAttributeValues.map((v) => (v.id === 24 ? { ...v, ptav_active: false } : v))
    const product = mapOne(p)
    expect(product.variants.map((v) => v.externalId)).toEqual(["501", "503"])
    expect(product.options[1]).toEqual({ title: "Color", values: ["Red"] })
  })

  it("maps false sku/barcode to null and a zero weight to null", () => {
    const v = mapOne(simple()).variants[0]
    expect([v.sku, v.barcode, v.weight]).toEqual([null, null, null])
  })

  it("titles a single variant with an attribute value after that value", () => {
    const size = attribute(1, "Size", "always")
    const sizeLine = line(11, 7, size, [21])
    const p = page({
      templates: [template(7, "Desk")],
      attributes: [size],
      attributeLines: [sizeLine],
      templateAttributeValues: [ptav(21, sizeLine, "XL")],
      variants: [variant(70, 7, { product_template_attribute_value_ids: [21] })],
    })
    expect(mapOne(p).variants[0].title).toBe("XL")
  })

  it("disambiguates two attributes that share a name", () => {
    const a = attribute(1, "Color", "always", 1)
    const b = attribute(2, "Color", "always", 2)
    const la = line(11, 7, a, [21])
    const lb = line(12, 7, b, [22])
    const p = page({
      templates: [template(7, "Chair")],
      attributes: [a, b],
      attributeLines: [la, lb],
      templateAttributeValues: [ptav(21, la, "Red"), ptav(22, lb, "Blue")],
      variants: [variant(70, 7, { product_template_attribute_value_ids: [21, 22] })],
    })
    const product = mapOne(p)
    expect(product.options.map((o) => o.title)).toEqual(["Color", "Color (2)"])
    expect(product.variants[0].options).toEqual({ Color: "Red", "Color (2)": "Blue" })
  })
})

describe("mapCatalogPage – hostile names", () => {
  it.each([
    ["false", false],
    ["empty", ""],
    ["blank", " \t\n "],
    ["only control characters", "\u0000\u0001\u007F"],
  ])("skips a template whose name is %s", (_label, name) => {
    expect(skipsOf(simple({ name }))).toEqual([
      { odooId: 7, model: "product.template", reason: "template has no name", templateId: 7 },
    ])
  })

  it("skips a template whose name is not a string", () => {
    const [skip] = skipsOf(simple({ name: 42 }))
    expect(skip).toMatchObject({ odooId: 7, model: "product.template" })
    expect(skip.reason).toMatch(/name/)
  })

  it("truncates a 10,000 character name to 255 characters", () => {
    const product = mapOne(simple({ name: "Desk ".repeat(2_000) }))
    expect(product.title.length).toBeLessThanOrEqual(255)
    expect(product.title.startsWith("Desk Desk")).toBe(true)
    expect(product.handle.length).toBeLessThanOrEqual(100)
    expect(product.variants[0].title).toBe(product.title)
  })

  it("keeps emoji and RTL text intact in titles", () => {
    expect(mapOne(simple({ name: "مكتب 🪑 desk" })).title).toBe("مكتب 🪑 desk")
    const emoji = mapOne(simple({ name: "🪑".repeat(400) })).title
    expect(Array.from(emoji)).toHaveLength(255)
    expect(emoji).not.toContain("\uFFFD")
  })
})

describe("mapCatalogPage – hostile prices", () => {
  it.each([
    ["negative", -1, /negative price/],
    ["a string", "12.50", /lst_price should be a number/],
    ["NaN", Number.NaN, /lst_price should be a number/],
    ["Infinity", Number.POSITIVE_INFINITY, /lst_price should be a number/],
    ["null", null, /lst_price should be a number/],
    ["false", false, /lst_price should be a number/],
    ["huge", 1e20, /larger than the accepted maximum/],
  ])("skips the template when a variant price is %s, naming the variant", (_label, price, reason) => {
    const [skip] = skipsOf(simple({}, { lst_price: price }))
    expect(skip).toMatchObject({ odooId: 70, model: "product.product", templateId: 7 })
    expect(skip.reason).toMatch(reason)
  })

  it("accepts a zero price", () => {
    expect(mapOne(simple({}, { lst_price: 0 })).variants[0].prices[0].amount).toBe(0)
  })

  it("skips when the conversion overflows the maximum", () => {
    const ctx: MappingContext = { ...usdOnly, otherCurrencies: [{ code: "vnd", rate: 25_000, rounding: 1 }] }
    const [skip] = skipsOf(simple({}, { lst_price: 1e9 }), ctx)
    expect(skip.reason).toMatch(/vnd/)
  })

  it("syncs the rest of the page when one template is bad", () => {
    const p = page({
      templates: [template(1, "Good"), template(2, false), template(3, "Bad price"), template(4, "Also good")],
      variants: [variant(10, 1), variant(20, 2), variant(30, 3, { lst_price: -5 }), variant(40, 4)],
    })
    const result = mapCatalogPage(p, usdOnly)
    expect(result.products.map((x) => x.externalId)).toEqual(["1", "4"])
    expect(result.skipped.map((s) => [s.model, s.odooId, s.templateId])).toEqual([
      ["product.template", 2, 2],
      ["product.product", 30, 3],
    ])
  })
})

describe("mapCatalogPage – broken structure", () => {
  it("reports a variant whose template is missing or false, without throwing", () => {
    const p = page({
      templates: [template(1, "Desk")],
      variants: [variant(10, 1), variant(11, 999), { ...variant(12, 1), product_tmpl_id: false }],
    })
    const result = mapCatalogPage(p, usdOnly)
    expect(result.products.map((x) => x.externalId)).toEqual(["1"])
    expect(result.products[0].variants.map((v) => v.externalId)).toEqual(["10"])
    expect(result.skipped).toHaveLength(2)
    expect(result.skipped.map((s) => [s.model, s.odooId])).toEqual([
      ["product.product", 11],
      ["product.product", 12],
    ])
    expect(result.skipped[0].reason).toMatch(/without a template/)
  })

  it("skips the template when one of its attribute values has no attribute", () => {
    const p = shirtPage()
    p.templateAttributeValues = p.templateAttributeValues.map((v) => (v.id === 23 ? { ...v, attribute_id: false } : v))
    const [skip] = skipsOf(p)
    expect(skip).toMatchObject({ odooId: 23, model: "product.template.attribute.value", templateId: 100 })
    expect(skip.reason).toMatch(/no attribute/)
  })

  it("skips the template when an active variant uses an attribute value that has no line", () => {
    const p = shirtPage()
    p.templateAttributeValues = p.templateAttributeValues.map((v) =>
      v.id === 23 ? { ...v, attribute_line_id: false } : v
    )
    const [skip] = skipsOf(p)
    expect(skip).toMatchObject({ model: "product.product", templateId: 100 })
    expect(skip.reason).toContain("attribute value 23")
  })

  it("ignores values of an archived line that no active variant uses", () => {
    // Odoo archives a removed line with the values its old variants used.
    const p = shirtPage()
    const leftover = { ...p.templateAttributeValues[0], id: 99, attribute_line_id: [999, "Old"], ptav_active: false }
    p.templateAttributeValues = [...p.templateAttributeValues, leftover]
    const result = mapCatalogPage(p, usdOnly)
    expect(result.skipped).toEqual([])
    expect(result.products).toHaveLength(1)
  })

  it("reports an attribute value that belongs to nothing in the page", () => {
    const p = simple()
    p.templateAttributeValues = [
      { id: 77, name: "Loose", attribute_id: false, attribute_line_id: false, product_tmpl_id: false, ptav_active: true },
    ]
    const result = mapCatalogPage(p, usdOnly)
    expect(result.products).toHaveLength(1)
    expect(result.skipped).toEqual([expect.objectContaining({ odooId: 77, model: "product.template.attribute.value" })])
  })

  it("skips the template when a line's attribute is not in the page", () => {
    const p = shirtPage()
    p.attributes = p.attributes.filter((a) => a.id !== 2)
    const [skip] = skipsOf(p)
    expect(skip).toMatchObject({ odooId: 12, model: "product.template.attribute.line", templateId: 100 })
  })

  it("skips the template when an attribute has an unknown create_variant", () => {
    const p = shirtPage()
    p.attributes[0].create_variant = "sometimes"
    const [skip] = skipsOf(p)
    expect(skip).toMatchObject({ odooId: 1, model: "product.attribute" })
  })

  it("skips the template when a variant misses a value or uses an unknown one", () => {
    const missing = shirtPage()
    missing.variants[0].product_template_attribute_value_ids = [21]
    expect(skipsOf(missing)[0].reason).toMatch(/no value for attribute "Color"/)

    const unknown = shirtPage()
    unknown.variants[0].product_template_attribute_value_ids = [21, 24, 999]
    expect(skipsOf(unknown)[0].reason).toMatch(/999, which is not in the page/)
  })

  it("skips the template when two active variants have the same values", () => {
    const p = shirtPage()
    p.variants.push(variant(505, 100, { product_template_attribute_value_ids: [22, 23] }))
    const [skip] = skipsOf(p)
    expect(skip).toMatchObject({ odooId: 505, model: "product.product" })
    expect(skip.reason).toMatch(/same attribute values as variant 501/)
  })

  it.each([
    ["active", "yes"],
    ["sale_ok", 1],
    ["is_published", "true"],
    ["description", 5],
    ["website_url", ["x"]],
  ])("skips a template whose %s has the wrong type", (field, value) => {
    const [skip] = skipsOf(simple({ [field]: value }))
    expect(skip).toMatchObject({ odooId: 7, model: "product.template" })
    expect(skip.reason).toContain(field)
  })

  it.each([
    ["default_code", 123],
    ["barcode", { x: 1 }],
    ["weight", "heavy"],
    ["product_template_attribute_value_ids", "1,2"],
    ["active", "no"],
  ])("skips the template when a variant's %s has the wrong type", (field, value) => {
    const [skip] = skipsOf(simple({}, { [field]: value }))
    expect(skip).toMatchObject({ odooId: 70, model: "product.product", templateId: 7 })
    expect(skip.reason).toContain(field)
  })

  it("does not throw on rows that are not even objects or lack ids", () => {
    const p = {
      templates: [null, 5, { name: "No id", sale_ok: true }] as unknown as OdooRecord[],
      variants: "nope" as unknown as OdooRecord[],
      attributeLines: [],
      templateAttributeValues: [],
      attributes: [],
    }
    const result = mapCatalogPage(p, usdOnly)
    expect(result.products).toEqual([])
    expect(result.skipped).toEqual([expect.objectContaining({ odooId: 0, model: "product.template" })])
  })

  it("skips every template, without throwing, when the currency context is invalid", () => {
    const bad: MappingContext = { ...usdOnly, otherCurrencies: [{ code: "eur", rate: 0, rounding: 0.01 }] }
    const skipped = skipsOf(simple(), bad)
    expect(skipped).toEqual([expect.objectContaining({ odooId: 7, model: "product.template" })])
    expect(skipped[0].reason).toMatch(/invalid currency/)
  })
})

describe("mapped product hash", () => {
  it("is the hash of the mapped content and changes when content changes", () => {
    const product = mapOne(shirtPage())
    const { hash, ...content } = product
    expect(hash).toBe(hashMappedProduct(content))
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    const p = shirtPage()
    p.variants[0].lst_price = 23.01
    expect(mapOne(p).hash).not.toBe(hash)
  })

  it("does not depend on the order rows arrive in or on currency order in the context", () => {
    const a = mapOne(shirtPage(), eurCtx)
    const shuffled = shirtPage()
    shuffled.variants.reverse()
    shuffled.templateAttributeValues.reverse()
    shuffled.attributeLines.reverse()
    const b = mapOne(shuffled, { ...eurCtx, otherCurrencies: [...eurCtx.otherCurrencies].reverse() })
    expect(b).toEqual(a)
  })
})

describe("prices from the template's own currency (two companies)", () => {
  const context: MappingContext = {
    ...usdOnly,
    websiteSale: false,
    sourceCurrencies: {
      "1": { code: "usd", rounding: 0.01, rates: { eur: 0.9123, jpy: 150.537 } },
      "2": { code: "eur", rounding: 0.01, rates: { usd: 1.5, jpy: 165.03 } },
    },
    targetCurrencies: [
      { code: "usd", rounding: 0.01 },
      { code: "eur", rounding: 0.01 },
      { code: "jpy", rounding: 1 },
    ],
  }

  it("converts each template from its own currency, from the unrounded price, rounding once", () => {
    const p = page({
      templates: [
        template(1, "Desk", { list_price: 10.004, currency_id: [1, "USD"] }),
        template(2, "Stuhl", { list_price: 100, currency_id: [2, "EUR"] }),
      ],
      variants: [variant(10, 1, { lst_price: 10.004 }), variant(20, 2, { lst_price: 100.004 })],
    })
    const { products, skipped } = mapCatalogPage(p, context)
    expect(skipped).toEqual([])
    expect(products[0].variants[0].prices).toEqual([
      { currency_code: "eur", amount: floatRound(10.004 * 0.9123, 0.01) },
      { currency_code: "jpy", amount: floatRound(10.004 * 150.537, 1) },
      { currency_code: "usd", amount: 10 },
    ])
    // 100.004 EUR shows as 100.00 EUR, but Odoo converts the unrounded amount: 150.006 → 150.01 USD.
    expect(products[1].variants[0].prices).toEqual([
      { currency_code: "eur", amount: 100 },
      { currency_code: "jpy", amount: floatRound(100.004 * 165.03, 1) },
      { currency_code: "usd", amount: 150.01 },
    ])
  })

  it("gives no price in a store currency the template's currency has no rate to", () => {
    const p = page({
      templates: [template(2, "Stuhl", { list_price: 100, currency_id: [2, "EUR"] })],
      variants: [variant(20, 2, { lst_price: 100 })],
    })
    const withoutJpy = { ...context, sourceCurrencies: { "2": { code: "eur", rounding: 0.01, rates: { usd: 1.1 } } } }
    const { products } = mapCatalogPage(p, withoutJpy)
    expect(products[0].variants[0].prices.map((price) => price.currency_code)).toEqual(["eur", "usd"])
  })

  it("skips a template whose currency was not read, naming it", () => {
    const p = page({
      templates: [template(3, "Lamp", { list_price: 5, currency_id: [9, "GBP"] })],
      variants: [variant(30, 3, { lst_price: 5 })],
    })
    const { products, skipped } = mapCatalogPage(p, context)
    expect(products).toEqual([])
    expect(skipped[0].reason).toMatch(/res\.currency 9/)
  })
})
