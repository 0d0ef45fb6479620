import { createStore } from "./index"
import { parseDomain } from "./domain"
import type { Env } from "./store"
import type { JsonValue } from "./types"

/** Domain evaluation against the demo catalog (ids and values as in the recorded database). */
describe("domains", () => {
  let env: Env
  const search = (model: string, domain: JsonValue[], context: Record<string, JsonValue> = {}): number[] =>
    env.withContext(context).search(model, domain, { order: "id" })

  beforeAll(() => {
    const { store } = createStore()
    env = store.env(2)
  })

  it("combines leaves with implicit and, explicit &, | and !", () => {
    const desks = search("product.template", [["name", "ilike", "desk"], ["default_code", "!=", false]])
    expect(desks).toEqual([8, 10, 13, 18, 21, 25, 31, 32])
    expect(search("product.template", ["&", ["name", "ilike", "desk"], ["default_code", "!=", false]])).toEqual(desks)
    expect(search("product.template", ["|", ["id", "=", 1], ["id", "=", 2]])).toEqual([1, 2])
    expect(search("product.template", ["!", ["id", ">", 2]])).toEqual([1, 2])
    expect(search("product.template", ["|", "&", ["id", ">", 1], ["id", "<", 4], ["id", "=", 40]])).toEqual([2, 3, 40])
  })

  it("compares numbers, strings and dates", () => {
    expect(search("product.template", [["list_price", ">=", 2000]])).toEqual([21, 25, 26, 29])
    expect(search("product.template", [["list_price", "<", 10]])).toEqual(search("product.template", ["!", ["list_price", ">=", 10]]))
    expect(search("product.template", [["write_date", ">", "2026-11-23 21:45:19"]]).length).toBe(40)
    // A date alone means midnight for a datetime field.
    expect(search("product.template", [["create_date", ">=", "2026-11-24"]])).toEqual([])
  })

  it("treats false as NULL: = false, != false, != value includes empty ones", () => {
    const withCode = search("product.template", [["default_code", "!=", false]])
    const withoutCode = search("product.template", [["default_code", "=", false]])
    expect(withCode.length + withoutCode.length).toBe(40)
    expect(search("product.template", [["default_code", "!=", "FURN_0001"]]).length).toBe(39)
    expect(search("product.template", [["default_code", "not in", ["FURN_0001"]]]).length).toBe(39)
    expect(search("product.template", [["default_code", "in", [false, "FURN_0001"]]]).length).toBe(withoutCode.length + 1)
  })

  it("supports like, ilike, =like, =ilike and their negations", () => {
    expect(search("product.template", [["name", "like", "Desk"]])).toEqual(search("product.template", [["name", "ilike", "desk"]]))
    expect(search("product.template", [["name", "like", "desk"]])).toEqual([])
    expect(search("product.template", [["name", "=like", "Desk%"]])).toEqual([8, 21, 31, 32])
    expect(search("product.template", [["name", "=ilike", "desk pad"]])).toEqual([32])
    expect(search("product.template", [["default_code", "=like", "FURN\\_000_"]])).toEqual([31, 32, 33])
    expect(search("product.template", [["name", "not ilike", "desk"]]).length).toBe(40 - 9)
  })

  it("follows many2one paths and x2many relations", () => {
    expect(search("product.template", [["categ_id.name", "=", "Expenses"]])).toEqual([1, 2])
    expect(search("stock.quant", [["location_id.usage", "=", "internal"]]).length).toBe(19)
    expect(search("product.template", [["attribute_line_ids", "!=", false]])).toEqual([9, 16, 23, 30, 31, 40])
    expect(search("product.template", [["product_variant_ids.default_code", "=", "DESK0005"]])).toEqual([9])
    expect(search("product.product", [["product_template_attribute_value_ids", "in", [3]]])).toEqual([12, 14, 45])
    expect(search("product.template", [["categ_id", "=", "All / Expenses"]])).toEqual([1, 2])
    expect(search("product.template", [["attribute_line_ids", "any", [["attribute_id.name", "=", "Legs"]]]])).toEqual([9, 16])
  })

  it("resolves child_of and parent_of on hierarchies", () => {
    const saleable = search("product.category", [["id", "child_of", 2]])
    expect(saleable).toEqual([2, 5, 6, 7, 8, 11])
    expect(search("product.category", [["id", "parent_of", 6]])).toEqual([1, 2, 5, 6])
    expect(search("product.template", [["categ_id", "child_of", 5]])).toEqual([3, 4, 36, 40])
    expect(search("stock.location", [["id", "child_of", 8]], { active_test: false })).toEqual([8, 17, 18, 33])
  })

  it("hides archived records unless active_test is false or the domain mentions active", () => {
    expect(search("res.currency", [])).toEqual([1])
    expect(search("res.currency", [], { active_test: false }).length).toBe(169)
    expect(search("res.currency", [["active", "=", false]]).length).toBe(168)
    expect(search("res.currency", [["name", "=", "EUR"]])).toEqual([])
    expect(search("res.currency", [["name", "=", "EUR"]], { active_test: false })).toEqual([125])
  })

  it("rejects unknown fields and malformed leaves as Odoo does", () => {
    expect(() => search("product.template", [["no_such_field", "=", 1]])).toThrow(
      "Invalid field product.template.no_such_field in leaf ('no_such_field', '=', 1)"
    )
    expect(() => search("product.template", [["categ_id.nope", "=", 1]])).toThrow("Invalid field product.category.nope in leaf ('nope', '=', 1)")
    expect(() => search("product.template", [["name", "~", "x"]])).toThrow("Invalid leaf ('name', '~', 'x')")
    expect(() => parseDomain(["&", ["id", "=", 1]])).toThrow(/syntactically not correct/)
  })

  it("honours the true and false leaves", () => {
    expect(search("product.template", [[1, "=", 1]]).length).toBe(40)
    expect(search("product.template", [[0, "=", 1]])).toEqual([])
  })
})
