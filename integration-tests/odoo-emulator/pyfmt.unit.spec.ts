import { pyFloat, pyRepr, pyTupleRepr, floatRound, collationKey, pyUrlQuote, slugify } from "./pyfmt"

describe("python formatting helpers", () => {
  it("reprs values as Python does in Odoo's messages", () => {
    expect(pyTupleRepr(["no_such_field", "=", 1])).toBe("('no_such_field', '=', 1)")
    expect(pyRepr([1, 2.5, false, null, "it's"])).toBe(`[1, 2.5, False, None, "it's"]`)
  })

  it("parses floats like float()", () => {
    expect(pyFloat("12.5")).toBe(12.5)
    expect(pyFloat(false)).toBe(0)
    expect(() => pyFloat("abc")).toThrow("could not convert string to float: 'abc'")
  })

  it("rounds half up like float_round", () => {
    expect(floatRound(2.675, 2)).toBe(2.68)
    expect(floatRound(-2.675, 2)).toBe(-2.68)
    expect(floatRound(39.4, 2)).toBe(39.4)
  })

  it("collates like en_US: case and punctuation only break ties", () => {
    const sorted = ["Delivery_010", "DESK0005", "E-COM06", "desk0004"].sort((a, b) =>
      collationKey(a) < collationKey(b) ? -1 : 1
    )
    expect(sorted).toEqual(["Delivery_010", "desk0004", "DESK0005", "E-COM06"])
  })

  it("quotes and slugifies like werkzeug and Odoo", () => {
    expect(pyUrlQuote("/json/2/product.template/search_read?")).toBe("%2Fjson%2F2%2Fproduct.template%2Fsearch_read%3F")
    expect(slugify("Restaurant Expenses")).toBe("restaurant-expenses")
  })
})
