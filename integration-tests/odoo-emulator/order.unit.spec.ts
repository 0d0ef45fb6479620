import { createStore } from "./index"
import type { Env } from "./store"

describe("ordering", () => {
  let env: Env

  beforeAll(() => {
    env = createStore().store.env(2)
  })

  it("uses each model's _order by default", () => {
    // product.template: is_favorite desc, name: alphabetical here.
    const names = env.search("product.template", [["name", "ilike", "desk"]]).map((id) => env.browse("product.template", id)?.name)
    expect(names.slice(0, 5)).toEqual(["Corner Desk Left Sit", "Corner Desk Right Sit", "Customizable Desk", "Desk Combination", "Desk Organizer"])
    // product.product: default_code first.
    expect(env.search("product.product", [["is_storable", "=", true]], { limit: 5 })).toEqual([45, 46, 16, 17, 18])
    // pricelist items: applied_on, min_quantity desc, categ_id desc, id desc.
    expect(env.search("product.pricelist.item", [])).toEqual([4, 3, 2, 1])
  })

  it("orders a many2one by the comodel's _order, recursively", () => {
    // Template attribute lines: sequence, then attribute (sequence, id), then id.
    expect(env.search("product.template.attribute.line", [])).toEqual([1, 3, 2, 4, 8, 6, 5, 7])
    // Values: by line, then by attribute value (attribute, sequence, id).
    expect(env.search("product.template.attribute.value", [["product_tmpl_id", "=", 9]])).toEqual([1, 2, 18, 3, 4])
    // Descending flips the comodel's terms too.
    const ascending = env.search("product.template", [], { order: "categ_id, id" })
    const descending = env.search("product.template", [], { order: "categ_id desc, id" })
    const categoryOf = (id: number): string => env.displayName("product.category", env.browse("product.template", id)?.categ_id as number)
    expect(ascending.map(categoryOf)).toEqual([...ascending.map(categoryOf)].sort())
    expect(descending.map(categoryOf)).toEqual([...ascending.map(categoryOf)].reverse())
  })

  it("supports several keys, directions and NULLS FIRST/LAST", () => {
    const currencies = env.search("res.currency", [], { order: "active desc, id asc", limit: 3, activeTest: false })
    expect(currencies).toEqual([1, 2, 3])
    const nullsLast = env.search("product.template", [], { order: "default_code asc, id" })
    expect(env.browse("product.template", nullsLast[nullsLast.length - 1])?.default_code).toBe(false)
    const nullsFirst = env.search("product.template", [], { order: "default_code desc, id" })
    expect(env.browse("product.template", nullsFirst[0])?.default_code).toBe(false)
    const forced = env.search("product.template", [], { order: "default_code asc nulls first, id" })
    expect(env.browse("product.template", forced[0])?.default_code).toBe(false)
  })

  it("applies offset and limit after ordering", () => {
    expect(env.search("product.template", [["write_date", ">=", "2000-01-01 00:00:00"]], { order: "write_date asc, id asc", offset: 1, limit: 3 })).toEqual([2, 3, 4])
  })

  it("rejects unknown fields and malformed orders", () => {
    expect(() => env.search("product.template", [], { order: "nope" })).toThrow("Invalid field 'nope' on model 'product.template'")
    expect(() => env.search("product.template", [], { order: "name; drop table" })).toThrow(/Invalid "order" specified/)
  })
})
