import { generateCatalog } from "./generate"
import { createStore, storeApi, type EmulatorStore } from "./index"
import type { JsonObject } from "./types"

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((item): item is number => typeof item === "number") : [])
const m2o = (value: unknown): number | false => (Array.isArray(value) && typeof value[0] === "number" ? value[0] : false)

describe("generated catalog", () => {
  let store: EmulatorStore
  const seed = 11
  const templateCount = 800

  beforeAll(() => {
    store = storeApi(createStore({ generate: { templates: templateCount, seed } }).store)
  })

  it("is deterministic for a seed and differs across seeds", () => {
    const first = JSON.stringify(generateCatalog({ templates: 200, seed: 5 }))
    expect(JSON.stringify(generateCatalog({ templates: 200, seed: 5 }))).toBe(first)
    expect(JSON.stringify(generateCatalog({ templates: 200, seed: 6 }))).not.toBe(first)
  })

  // Its speed is the benchmark's business (npm run bench), not a timed test's.
  it("generates and loads 20,000 templates with 3 to 5 variants each", () => {
    const { store: big } = createStore({ generate: { templates: 20000, seed: 1 } })
    const env = big.env(2, { active_test: false })
    expect(env.searchCount("product.template", [])).toBe(20000)
    const variants = env.searchCount("product.product", [])
    expect(variants / 20000).toBeGreaterThan(3)
    expect(variants / 20000).toBeLessThan(5)
  })

  it("keeps attribute lines, template values and variant combinations consistent", () => {
    const lines = store.searchRead("product.template.attribute.line", [], ["product_tmpl_id", "attribute_id", "value_ids", "product_template_value_ids"], { active_test: false })
    const ptavs = new Map(
      store
        .searchRead("product.template.attribute.value", [], ["attribute_line_id", "product_attribute_value_id", "product_tmpl_id", "attribute_id", "price_extra"])
        .map((row) => [row.id as number, row])
    )
    const attributes = new Map(store.searchRead("product.attribute", [], ["create_variant"]).map((row) => [row.id as number, row.create_variant]))
    const linesByTemplate = new Map<number, JsonObject[]>()
    for (const line of lines) {
      const values = ids(line.product_template_value_ids).map((ptavId) => ptavs.get(ptavId) as JsonObject)
      expect(values.map((ptav) => m2o(ptav.product_attribute_value_id)).sort()).toEqual([...ids(line.value_ids)].sort())
      for (const ptav of values) {
        expect(m2o(ptav.product_tmpl_id)).toBe(m2o(line.product_tmpl_id))
        expect(m2o(ptav.attribute_id)).toBe(m2o(line.attribute_id))
      }
      const template = m2o(line.product_tmpl_id) as number
      linesByTemplate.set(template, [...(linesByTemplate.get(template) ?? []), line])
    }

    const variants = store.searchRead(
      "product.product",
      [],
      ["product_tmpl_id", "product_template_attribute_value_ids", "lst_price", "list_price", "price_extra", "active"],
      { active_test: false }
    )
    const variantsByTemplate = new Map<number, JsonObject[]>()
    for (const variant of variants) {
      const template = m2o(variant.product_tmpl_id) as number
      variantsByTemplate.set(template, [...(variantsByTemplate.get(template) ?? []), variant])
      const extras = ids(variant.product_template_attribute_value_ids).reduce((sum, id) => sum + (ptavs.get(id)?.price_extra as number), 0)
      expect(variant.price_extra).toBeCloseTo(extras, 9)
      expect(variant.lst_price).toBe((variant.list_price as number) + (variant.price_extra as number))
    }

    const templates = store.searchRead("product.template", [], ["active", "product_variant_ids", "product_variant_count", "attribute_line_ids"], { active_test: false })
    expect(templates.length).toBe(templateCount)
    for (const template of templates) {
      const own = variantsByTemplate.get(template.id as number) ?? []
      const templateLines = linesByTemplate.get(template.id as number) ?? []
      const variantLines = templateLines.filter((line) => attributes.get(m2o(line.attribute_id) as number) !== "no_variant")
      const dynamic = variantLines.some((line) => attributes.get(m2o(line.attribute_id) as number) === "dynamic")
      if (dynamic) expect(own).toEqual([])
      const combinations = new Set<string>()
      for (const variant of own) {
        const combination = ids(variant.product_template_attribute_value_ids)
        // Exactly one value per line that creates variants, none of no_variant lines.
        const linesOfCombination = combination.map((id) => m2o(ptavs.get(id)?.attribute_line_id)).sort()
        expect(linesOfCombination).toEqual(variantLines.map((line) => line.id as number).sort())
        combinations.add([...combination].sort().join(","))
        if (!template.active) expect(variant.active).toBe(false)
      }
      expect(combinations.size).toBe(own.length)
      const activeIds = own.filter((variant) => variant.active).map((variant) => variant.id as number)
      expect([...ids(template.product_variant_ids)].sort((a, b) => a - b)).toEqual(activeIds.sort((a, b) => a - b))
      expect(template.product_variant_count).toBe(activeIds.length)
    }
  })

  it("covers the awkward cases: archived, non-ASCII, duplicate codes, currencies, stock in two warehouses", () => {
    expect(store.count("product.template", [["active", "=", false]])).toBeGreaterThan(0)
    expect(store.count("product.product", [["active", "=", false], ["product_tmpl_id.active", "=", true]])).toBeGreaterThan(0)
    expect(store.count("product.template", [["product_variant_ids", "=", false]])).toBeGreaterThan(0)
    expect(store.count("product.template.attribute.line", [["attribute_id.create_variant", "=", "no_variant"]])).toBeGreaterThan(0)
    const names = store.searchRead("product.template", [], ["name"]).map((row) => String(row.name))
    expect(names.some((name) => /[^\x00-\x7f]/.test(name))).toBe(true)
    const codes = store.searchRead("product.product", [["default_code", "!=", false]], ["default_code"], { active_test: false }).map((row) => row.default_code)
    expect(new Set(codes).size).toBeLessThan(codes.length)
    const currencies = store.searchRead("res.currency", [], ["name", "rate"])
    expect(currencies.map((row) => row.name).sort()).toEqual(["EUR", "USD"])
    expect(currencies.find((row) => row.name === "EUR")?.rate).toBe(0.92)
    const quantLocations = new Set(store.searchRead("stock.quant", [], ["warehouse_id"]).map((row) => m2o(row.warehouse_id)))
    expect(quantLocations).toEqual(new Set([1, 2]))
    expect(store.count("product.pricelist", [], { active_test: false })).toBeGreaterThan(3)
    const image = store.searchRead("product.template", [["image_128", "!=", false]], ["image_128"], { limit: 1 })[0].image_128
    expect(Buffer.from(String(image), "base64").subarray(1, 4).toString("ascii")).toBe("PNG")
  })
})
