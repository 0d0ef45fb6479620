/**
 * A seeded catalog generator: the same seed always gives the same catalog, up to 20,000 templates
 * in well under a second or two. The output is a fixture (many2one as plain ids) whose records are
 * consistent the way Odoo keeps them: attribute lines ↔ template attribute values ↔ each
 * variant's combination, one variant per allowed combination of the lines that create variants,
 * exclusions honoured, archived templates with archived variants, no variants for dynamic ones.
 * Derived values (lst_price, product_variant_ids, display names...) are computed by the store.
 */
import { deflateSync } from "node:zlib"
import { formatDatetime, seededRandom } from "./pyfmt"
import type { Fixture, JsonObject } from "./types"

export interface GenerateOptions {
  templates: number
  seed?: number
}

type Row = JsonObject & { id: number }

const ADJECTIVES = [
  "Classic", "Modern", "Rustic", "Compact", "Deluxe", "Ergonomic", "Vintage", "Smart", "Eco", "Premium",
  "Nordic", "Urban", "Folding", "Stackable", "Industrial", "Élégant", "Größer", "Café", "Crème", "Señorial",
]
const NOUNS = [
  "Chair", "Desk", "Lamp", "Table", "Sofa", "Shelf", "Cabinet", "Stool", "Bench", "Mirror", "Rug", "Clock",
  "Vase", "Bed", "Drawer", "Tisch", "Stuhl", "Fauteuil", "Étagère", "Ørsted Pendant", "Кресло", "椅子",
]
const SERVICE_NAMES = ["Assembly", "Delivery", "Installation", "Design Consultation", "Extended Warranty", "Réparation"]

interface AttributeSpec {
  name: string
  createVariant: "always" | "no_variant" | "dynamic"
  displayType: string
  values: { name: string; extra: number; color?: string }[]
}

const ATTRIBUTES: AttributeSpec[] = [
  {
    name: "Color",
    createVariant: "always",
    displayType: "color",
    values: [
      { name: "White", extra: 0, color: "#FFFFFF" },
      { name: "Black", extra: 0, color: "#000000" },
      { name: "Oak", extra: 15, color: "#C19A6B" },
      { name: "Walnut", extra: 25.5, color: "#5C4033" },
      { name: "Bleu Ciel", extra: 5, color: "#87CEEB" },
    ],
  },
  {
    name: "Size",
    createVariant: "always",
    displayType: "pills",
    values: [
      { name: "S", extra: 0 },
      { name: "M", extra: 10 },
      { name: "L", extra: 20 },
      { name: "XL", extra: 35.75 },
    ],
  },
  {
    name: "Material",
    createVariant: "always",
    displayType: "select",
    values: [
      { name: "Steel", extra: 0 },
      { name: "Aluminium", extra: 50.4 },
      { name: "Wood", extra: 30 },
      { name: "Größe Glas", extra: 12.5 },
    ],
  },
  {
    name: "Legs",
    createVariant: "always",
    displayType: "radio",
    values: [
      { name: "Round", extra: 0 },
      { name: "Square", extra: 6.4 },
      { name: "Hairpin", extra: 18 },
    ],
  },
  {
    name: "Extras",
    createVariant: "no_variant",
    displayType: "multi",
    values: [
      { name: "Gift Wrap", extra: 5 },
      { name: "Cleaning Kit", extra: 9.99 },
      { name: "Protection Kit", extra: 10 },
    ],
  },
  {
    name: "Engraving",
    createVariant: "dynamic",
    displayType: "radio",
    values: [
      { name: "None", extra: 0 },
      { name: "Initials", extra: 12 },
    ],
  },
]

/** CRC-32 for PNG chunks (node:zlib.crc32 only exists from Node 20.15). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
/** An 8x8 PNG of one colour, base64: what Odoo's binary fields return. */
function tinyPng(red: number, green: number, blue: number): string {
  const size = 8
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [red, green, blue]).flat())])
  const pixels = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]).toString("base64")
}

const round2 = (value: number): number => Math.round(value * 100) / 100

/**
 * Images and the eCommerce category tree, drawn from their own random sequence so that the rest
 * of the catalog is the same with or without them: every template with an image gets it as its
 * original (several share one), some get extra images (product.image) and some variants their
 * own image; a second level of public categories, some templates in two of them.
 */
function addMedia(seed: number, table: (model: string) => Row[], images: string[], base: JsonObject): void {
  const random = seededRandom(seed + 7919)
  const chance = (probability: number): boolean => random() < probability
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const shades = [
    [120, 40, 200],
    [20, 160, 90],
    [250, 120, 60],
  ].map(([red, green, blue]) => tinyPng(red, green, blue))
  const extraImages = [...images, ...shades]
  const categories = table("product.public.category")
  const roots = categories.filter((category) => category.parent_id === false || category.parent_id === 1)
  const children = roots.map((parent, index) => ({
    id: categories.length + index + 1,
    name: `${String(parent.name)} — Sélection`,
    parent_id: parent.id,
    sequence: 5 + index,
    ...base,
  }))
  categories.push(...children)
  const leafIds = children.map((category) => category.id)
  let imageId = 0
  const products = table("product.product")
  const variantsByTemplate = new Map<number, Row[]>()
  for (const product of products) {
    const templateId = Number(product.product_tmpl_id)
    variantsByTemplate.set(templateId, [...(variantsByTemplate.get(templateId) ?? []), product])
  }
  for (const template of table("product.template")) {
    if (template.image_128) template.image_1920 = template.image_128
    const publicCategories = Array.isArray(template.public_categ_ids) ? (template.public_categ_ids as number[]) : []
    if (publicCategories.length > 0 && chance(0.25)) template.public_categ_ids = [...publicCategories, pick(leafIds)]
    if (template.image_1920 && chance(0.15)) {
      const count = 1 + Math.floor(random() * 2)
      for (let position = 0; position < count; position++) {
        table("product.image").push({
          id: ++imageId,
          name: `${String(template.name)} ${position + 1}`,
          sequence: 10 + position,
          product_tmpl_id: template.id,
          product_variant_id: false,
          image_1920: pick(extraImages),
          ...base,
        })
      }
    }
    const variants = variantsByTemplate.get(template.id) ?? []
    if (template.image_1920 && variants.length > 1 && chance(0.2)) {
      variants[0].image_variant_1920 = pick(shades)
    }
  }
}

export function generateCatalog(options: GenerateOptions): Fixture {
  const templateCount = Math.max(0, Math.floor(options.templates))
  const seed = options.seed ?? 42
  const random = seededRandom(seed)
  const chance = (probability: number): boolean => random() < probability
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1))

  const epoch = Date.UTC(2026, 0, 1)
  const stamp = (offsetSeconds: number): string => formatDatetime(new Date(epoch + offsetSeconds * 1000))
  const models: Record<string, Row[]> = {}
  const table = (model: string): Row[] => (models[model] ??= [])
  const base = { create_date: stamp(0), write_date: stamp(0) }

  // Companies (USD and EUR), currencies (EUR active with a rate, GBP inactive), countries.
  table("res.country").push({ id: 233, name: "United States", code: "US" }, { id: 75, name: "France", code: "FR" })
  table("res.currency").push(
    { id: 1, name: "USD", symbol: "$", active: true, position: "before", rounding: 0.01, decimal_places: 2, full_name: "United States dollar", ...base },
    { id: 2, name: "EUR", symbol: "€", active: true, position: "after", rounding: 0.01, decimal_places: 2, full_name: "Euro", ...base },
    { id: 3, name: "GBP", symbol: "£", active: false, position: "before", rounding: 0.01, decimal_places: 2, full_name: "British pound", ...base }
  )
  table("res.currency.rate").push(
    { id: 1, name: "2020-01-01", currency_id: 1, company_id: 1, rate: 1, ...base },
    { id: 2, name: "2025-01-01", currency_id: 2, company_id: 1, rate: 0.9, ...base },
    { id: 3, name: "2026-01-01", currency_id: 2, company_id: 1, rate: 0.92, ...base },
    { id: 4, name: "2026-01-01", currency_id: 3, company_id: 1, rate: 0.79, ...base },
    // The second company (EUR) has rates of its own: Odoo converts with the current user's company's.
    { id: 5, name: "2020-01-01", currency_id: 2, company_id: 2, rate: 1, ...base },
    { id: 6, name: "2026-01-01", currency_id: 1, company_id: 2, rate: 1.0857, ...base }
  )
  table("res.company").push(
    { id: 1, name: "Emulated Furniture Inc.", currency_id: 1, country_id: 233, sequence: 10, active: true, ...base },
    { id: 2, name: "Emulated Furniture SARL", currency_id: 2, country_id: 75, sequence: 20, active: true, ...base }
  )
  table("uom.category").push({ id: 1, name: "Unit" }, { id: 3, name: "Working Time" })
  table("uom.uom").push(
    { id: 1, name: "Units", category_id: 1, factor: 1, uom_type: "reference", rounding: 0.01, active: true, ...base },
    { id: 2, name: "Dozens", category_id: 1, factor: 1 / 12, uom_type: "bigger", rounding: 0.01, active: true, ...base },
    { id: 4, name: "Hours", category_id: 3, factor: 8, uom_type: "smaller", rounding: 0.01, active: true, ...base }
  )

  // Categories: All > Saleable > a few families (some nested, some non-ASCII).
  const categoryNames: [string, number | false][] = [
    ["All", false],
    ["Saleable", 1],
    ["Office Furniture", 2],
    ["Outdoor", 2],
    ["Décoration", 2],
    ["Lighting", 2],
    ["Services", 2],
    ["Chairs", 3],
    ["Desks", 3],
    ["Garden Tables", 4],
  ]
  categoryNames.forEach(([name, parent], index) => table("product.category").push({ id: index + 1, name, parent_id: parent, ...base }))
  const productCategories = [3, 4, 5, 6, 8, 9, 10]
  const publicCategories = ["Furniture", "Living Room", "Bureau", "Garden"]
  publicCategories.forEach((name, index) =>
    table("product.public.category").push({ id: index + 1, name, parent_id: index === 0 ? false : 1, sequence: index * 10, ...base })
  )

  // Warehouses and locations: stock in two warehouses.
  const locations: [number, string, number | false, string, number | false][] = [
    [1, "Physical Locations", false, "view", false],
    [2, "Partners", false, "view", false],
    [3, "Virtual Locations", false, "view", false],
    [4, "Vendors", 2, "supplier", false],
    [5, "Customers", 2, "customer", false],
    [6, "Inventory adjustment", 3, "inventory", false],
    [7, "WH", 1, "view", 1],
    [8, "Stock", 7, "internal", 1],
    [9, "Shelf 1", 8, "internal", 1],
    [10, "WH2", 1, "view", 2],
    [11, "Stock", 10, "internal", 2],
  ]
  for (const [id, name, parent, usage, warehouse] of locations) {
    table("stock.location").push({ id, name, location_id: parent, usage, warehouse_id: warehouse, active: true, company_id: id > 3 ? 1 : false, ...base })
  }
  table("stock.warehouse").push(
    { id: 1, name: "Main Warehouse", code: "WH", company_id: 1, lot_stock_id: 8, view_location_id: 7, active: true, sequence: 10, ...base },
    { id: 2, name: "Second Warehouse", code: "WH2", company_id: 1, lot_stock_id: 11, view_location_id: 10, active: true, sequence: 20, ...base }
  )

  // Attributes and their values.
  let valueId = 0
  const attributeValueIds: number[][] = []
  ATTRIBUTES.forEach((attribute, index) => {
    table("product.attribute").push({
      id: index + 1,
      name: attribute.name,
      create_variant: attribute.createVariant,
      display_type: attribute.displayType,
      sequence: index * 10,
      visibility: "visible",
      ...base,
    })
    attributeValueIds.push(
      attribute.values.map((value, position) => {
        valueId += 1
        table("product.attribute.value").push({
          id: valueId,
          name: value.name,
          attribute_id: index + 1,
          sequence: position,
          html_color: value.color ?? false,
          is_custom: false,
          default_extra_price: value.extra,
          ...base,
        })
        return valueId
      })
    )
  })
  const variantAttributes = [0, 1, 2, 3]
  const noVariantAttribute = 4
  const dynamicAttribute = 5

  const images = [
    [230, 57, 70],
    [241, 250, 238],
    [168, 218, 220],
    [69, 123, 157],
    [29, 53, 87],
    [255, 183, 3],
  ].map(([red, green, blue]) => tinyPng(red, green, blue))

  let lineId = 0
  let ptavId = 0
  let productId = 0
  let quantId = 0
  let exclusionId = 0
  const usedCodes: string[] = []
  const templates = table("product.template")
  const products = table("product.product")
  const lines = table("product.template.attribute.line")
  const ptavs = table("product.template.attribute.value")
  const quants = table("stock.quant")
  const exclusions = table("product.template.attribute.exclusion")

  for (let index = 1; index <= templateCount; index++) {
    const templateId = index
    const createdStamp = stamp(index * 7)
    const writtenStamp = stamp(index * 7 + between(0, 864000))
    const isService = chance(0.12)
    const archived = chance(0.03)
    const name = isService ? `${pick(SERVICE_NAMES)} ${between(1, 99)}` : `${pick(ADJECTIVES)} ${pick(NOUNS)}${chance(0.4) ? ` ${String.fromCharCode(65 + between(0, 25))}${between(10, 999)}` : ""}`
    const listPrice = round2(isService ? between(20, 400) : between(5, 2500) + between(0, 99) / 100)
    const cost = chance(0.7) ? round2(listPrice * (0.3 + random() * 0.4)) : 0
    const storable = !isService && chance(0.85)

    // 0-2 variant attributes (about 4 variants per template on average), sometimes a no_variant
    // line, rarely a dynamic one (no variant until one is ordered).
    const attributeCount = isService ? (chance(0.2) ? 1 : 0) : pick([0, 0, 0, 1, 1, 1, 2, 2, 2, 2])
    const chosen: number[] = []
    while (chosen.length < attributeCount) {
      const candidate = pick(variantAttributes)
      if (!chosen.includes(candidate)) chosen.push(candidate)
    }
    if (!isService && chance(0.1)) chosen.push(noVariantAttribute)
    const dynamic = !isService && chance(0.005)
    if (dynamic) chosen.push(dynamicAttribute)
    chosen.sort((a, b) => a - b)

    const variantLinePtavs: number[][] = []
    for (const attributeIndex of chosen) {
      const allValues = attributeValueIds[attributeIndex]
      // Mostly 2+ values; now and then a single-value line (kept on every variant, not in names).
      const count = attributeIndex === noVariantAttribute ? allValues.length : chance(0.1) ? 1 : between(2, allValues.length)
      const values = allValues.filter((_, position) => position < count || chance(0.1)).slice(0, count)
      lineId += 1
      lines.push({
        id: lineId,
        product_tmpl_id: templateId,
        attribute_id: attributeIndex + 1,
        value_ids: values,
        sequence: 10,
        active: true,
        create_date: createdStamp,
        write_date: createdStamp,
      })
      const lineValues: number[] = []
      for (const value of values) {
        ptavId += 1
        const defaultExtra = ATTRIBUTES[attributeIndex].values[value - attributeValueIds[attributeIndex][0]].extra
        ptavs.push({
          id: ptavId,
          attribute_line_id: lineId,
          product_attribute_value_id: value,
          price_extra: chance(0.2) ? round2(defaultExtra + between(1, 30)) : defaultExtra,
          ptav_active: true,
          create_date: createdStamp,
          write_date: createdStamp,
        })
        lineValues.push(ptavId)
      }
      if (ATTRIBUTES[attributeIndex].createVariant !== "no_variant") variantLinePtavs.push(lineValues)
    }

    // One variant per combination of the variant-creating lines, minus an occasional exclusion.
    let combinations: number[][] = [[]]
    for (const values of variantLinePtavs) combinations = combinations.flatMap((partial) => values.map((value) => [...partial, value]))
    if (variantLinePtavs.length === 2 && variantLinePtavs.every((values) => values.length > 1) && chance(0.05)) {
      const [first, second] = variantLinePtavs
      exclusionId += 1
      exclusions.push({
        id: exclusionId,
        product_template_attribute_value_id: first[0],
        product_tmpl_id: templateId,
        value_ids: [second[0]],
        create_date: createdStamp,
        write_date: createdStamp,
      })
      combinations = combinations.filter((combination) => !(combination.includes(first[0]) && combination.includes(second[0])))
    }
    if (dynamic) combinations = []

    const variantIds: number[] = []
    const codeBase = `GEN${String(index).padStart(5, "0")}`
    const archiveOne = combinations.length > 1 && chance(0.05)
    combinations.forEach((combination, position) => {
      productId += 1
      let code: string | false = chance(0.08) ? false : combinations.length > 1 ? `${codeBase}-${position + 1}` : codeBase
      if (code && usedCodes.length > 0 && chance(0.01)) code = pick(usedCodes)
      else if (code && usedCodes.length < 500) usedCodes.push(code)
      const product: Row = {
        id: productId,
        product_tmpl_id: templateId,
        default_code: code,
        barcode: chance(0.3) ? String(2000000000000 + productId * 7) : false,
        active: !archived && !(archiveOne && position === combinations.length - 1),
        product_template_attribute_value_ids: combination,
        standard_price: cost,
        weight: storable ? round2(random() * 20) : 0,
        volume: storable ? round2(random() * 2) : 0,
        create_date: createdStamp,
        write_date: writtenStamp,
      }
      if (storable && chance(0.05)) product.__forecast_delta = between(-20, 40)
      products.push(product)
      variantIds.push(productId)

      if (storable && chance(0.7)) {
        const quantity = between(0, 200)
        quantId += 1
        quants.push({
          id: quantId,
          product_id: productId,
          location_id: chance(0.2) ? 9 : 8,
          quantity,
          reserved_quantity: chance(0.2) ? between(0, quantity) : 0,
          lot_id: false,
          write_date: writtenStamp,
          create_date: writtenStamp,
        })
        if (chance(0.3)) {
          quantId += 1
          quants.push({
            id: quantId,
            product_id: productId,
            location_id: 11,
            quantity: between(1, 80),
            reserved_quantity: 0,
            lot_id: false,
            write_date: writtenStamp,
            create_date: writtenStamp,
          })
        }
      }
    })

    const single = combinations.length === 1 ? products[products.length - 1] : undefined
    templates.push({
      id: templateId,
      name,
      sequence: 1,
      list_price: listPrice,
      categ_id: isService ? 7 : pick(productCategories),
      type: isService ? "service" : "consu",
      is_storable: storable,
      sale_ok: true,
      purchase_ok: !isService,
      active: !archived,
      uom_id: isService ? 4 : 1,
      uom_po_id: isService ? 4 : 1,
      // Every tenth template belongs to the EUR company: its list price is in euros.
      company_id: templateId % 10 === 7 ? 2 : false,
      default_code: single ? single.default_code : false,
      description_sale: chance(0.3) ? `${name} — livrée montée, garantie 2 ans.` : false,
      description: false,
      is_published: chance(0.7),
      allow_out_of_stock_order: true,
      image_128: chance(0.3) ? pick(images) : false,
      public_categ_ids: isService ? [] : [between(1, publicCategories.length)],
      taxes_id: [],
      product_tag_ids: [],
      weight: single ? single.weight : 0,
      volume: single ? single.volume : 0,
      is_favorite: false,
      create_date: createdStamp,
      write_date: writtenStamp,
    })
  }

  // Pricelists: one per currency plus rule-rich ones, one archived.
  const firstTemplate = templates[0]?.id ?? false
  const firstVariant = products[0]?.id ?? false
  table("product.pricelist").push(
    { id: 1, name: "Public Pricelist", currency_id: 1, company_id: false, active: true, sequence: 1, ...base },
    { id: 2, name: "Euro", currency_id: 2, company_id: 1, active: true, sequence: 2, ...base },
    { id: 3, name: "Wholesale", currency_id: 1, company_id: 1, active: true, sequence: 3, ...base },
    { id: 4, name: "VIP", currency_id: 1, company_id: 1, active: true, sequence: 4, ...base },
    { id: 5, name: "Old Promotion", currency_id: 1, company_id: 1, active: false, sequence: 5, ...base }
  )
  const item = (id: number, values: JsonObject): Row => ({
    id,
    applied_on: "3_global",
    display_applied_on: "1_product",
    compute_price: "formula",
    base: "list_price",
    base_pricelist_id: false,
    categ_id: false,
    product_tmpl_id: false,
    product_id: false,
    min_quantity: 0,
    fixed_price: 0,
    percent_price: 0,
    price_discount: 0,
    price_surcharge: 0,
    price_round: 0,
    price_min_margin: 0,
    price_max_margin: 0,
    date_start: false,
    date_end: false,
    ...base,
    ...values,
  })
  table("product.pricelist.item").push(
    item(1, { pricelist_id: 1 }),
    item(2, { pricelist_id: 2 }),
    item(3, { pricelist_id: 3, price_discount: 10, price_round: 1, price_surcharge: -0.01 }),
    item(4, { pricelist_id: 3, applied_on: "2_product_category", display_applied_on: "2_product_category", categ_id: 3, compute_price: "percentage", percent_price: 15 }),
    item(5, { pricelist_id: 3, compute_price: "percentage", percent_price: 20, min_quantity: 10 }),
    item(6, { pricelist_id: 4, applied_on: "1_product", product_tmpl_id: firstTemplate, compute_price: "fixed", fixed_price: 99 }),
    item(7, { pricelist_id: 4, applied_on: "0_product_variant", product_id: firstVariant, product_tmpl_id: firstTemplate, compute_price: "fixed", fixed_price: 89.5 }),
    item(8, { pricelist_id: 5, compute_price: "percentage", percent_price: 50, date_start: "2025-12-01 00:00:00", date_end: "2025-12-31 23:59:59" })
  )
  addMedia(seed, table, images, base)

  if (!firstTemplate) {
    // No product to point at: keep only the global rules.
    models["product.pricelist.item"] = table("product.pricelist.item").filter((row) => row.applied_on !== "1_product" && row.applied_on !== "0_product_variant")
  }

  return {
    odoo_version: "18.0-20250702",
    exported_at: stamp(templateCount * 7 + 864000),
    models: Object.fromEntries(Object.entries(models).map(([model, records]) => [model, { records }])),
  }
}
