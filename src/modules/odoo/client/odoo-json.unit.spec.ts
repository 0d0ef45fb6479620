import { parseOdooJson, replaceNonFiniteNumbers } from "./odoo-json"

describe("parseOdooJson", () => {
  it("parses ordinary JSON as JSON.parse does", () => {
    expect(parseOdooJson('{"jsonrpc": "2.0", "id": 1, "result": [1.5, false, "x"]}')).toEqual({
      jsonrpc: "2.0",
      id: 1,
      result: [1.5, false, "x"],
    })
  })

  it("reads Python's NaN, Infinity and -Infinity as null", () => {
    expect(parseOdooJson('{"result": [{"id": 7, "lst_price": NaN, "weight": Infinity, "x": -Infinity}]}')).toEqual({
      result: [{ id: 7, lst_price: null, weight: null, x: null }],
    })
    expect(parseOdooJson("[NaN,Infinity,-Infinity]")).toEqual([null, null, null])
  })

  it("leaves the words alone inside strings, escaped quotes included", () => {
    expect(parseOdooJson('{"name": "NaN Infinity -Infinity", "q": "say \\"NaN\\"", "v": NaN}')).toEqual({
      name: "NaN Infinity -Infinity",
      q: 'say "NaN"',
      v: null,
    })
  })

  it("still refuses what is not JSON", () => {
    expect(() => parseOdooJson("<html>NaN</html>")).toThrow(SyntaxError)
    expect(() => parseOdooJson('{"a": 1')).toThrow(SyntaxError)
    expect(() => parseOdooJson("nope")).toThrow(SyntaxError)
  })
})

describe("replaceNonFiniteNumbers", () => {
  it("returns the text itself when there is nothing to replace", () => {
    const text = '{"a": [1, 2, "NaN"]}'
    expect(replaceNonFiniteNumbers(text)).toBe(text)
  })

  it("copes with a string left open at the end", () => {
    expect(replaceNonFiniteNumbers('[NaN, "open')).toBe('[null, "open')
  })
})
