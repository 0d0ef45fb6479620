/**
 * Behaviour of real Odoo 18 that the sync meets on real shops (issue 8, "Emulator fidelity"),
 * over real HTTP: ignored terms on non-searchable fields, non-JSON requests, the models the sync
 * reads and their rights, renames that leave the templates' write dates alone, variants that
 * cannot be deleted, company-specific currency rates.
 */
import path from "node:path"
import { startOdooEmulator, type OdooEmulator } from "../index"
import { findReferenceDir } from "../reference-path"
import type { JsonValue } from "../types"
import { executeKw, rpc } from "./rpc-client"

describe("emulator fidelity", () => {
  let emu: OdooEmulator
  let clock = Date.UTC(2026, 10, 20, 8, 0, 0)
  const admin = () => ({ db: emu.db, uid: emu.admin.uid, key: emu.admin.apiKey })
  const call = async (model: string, method: string, args: JsonValue[], kwargs: Record<string, JsonValue> = {}): Promise<JsonValue> => {
    const response = await executeKw(emu.url, admin(), model, method, args, kwargs)
    if (response.body?.error) throw new Error(`${response.body.error.data.name}: ${response.body.error.data.message}`)
    return response.body?.result as JsonValue
  }
  const errorOf = async (model: string, method: string, args: JsonValue[]) =>
    (await executeKw(emu.url, admin(), model, method, args)).body?.error?.data

  beforeEach(async () => {
    emu = await startOdooEmulator({ now: () => new Date(clock) })
  })

  afterEach(async () => {
    await emu.close()
  })

  it("ignores a domain term on a non-stored field without search method, as if it were absent", async () => {
    const all = await call("product.template", "search", [[["sale_ok", "=", true]]])
    // website_url and currency_id are computed, not stored, not searchable on product.template.
    expect(await call("product.template", "search", [[["sale_ok", "=", true], ["website_url", "=", "/nowhere"]]])).toEqual(all)
    expect(await call("product.template", "search", [[["currency_id", "=", 999999], ["sale_ok", "=", true]]])).toEqual(all)
    expect(await call("product.template", "search_count", [[["sale_ok", "=", true], ["website_url", "!=", false]]])).toBe(
      (all as number[]).length
    )
  })

  it("answers a POST /jsonrpc that is not JSON by its Content-Type with HTTP 400 and an HTML page, as malformed JSON", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { service: "common", method: "version", args: [] } })
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await rpc(emu.url, "common", "version", [], { headers: { "Content-Type": contentType }, body })
      expect(response.status).toBe(400)
      expect(response.contentType).toMatch(/^text\/html/)
      expect(response.text).toContain("<title>400 Bad Request</title>")
      expect(response.body).toBeUndefined()
    }
    const malformed = await rpc(emu.url, "common", "version", [], { body: "{" })
    expect(malformed.status).toBe(400)
    expect(malformed.contentType).toMatch(/^text\/html/)
  })

  it("lets the sync's user search_read every model the sync reads, currency rates within Odoo's multi-company rule", async () => {
    const reads: [string, string[]][] = [
      ["product.template", ["name", "currency_id", "write_date"]],
      ["product.product", ["default_code", "barcode", "lst_price", "write_date"]],
      ["product.template.attribute.line", ["product_tmpl_id", "attribute_id", "write_date"]],
      ["product.template.attribute.value", ["name", "product_attribute_value_id", "price_extra", "write_date"]],
      ["product.attribute", ["name", "create_variant", "write_date"]],
      ["product.attribute.value", ["name", "attribute_id", "write_date"]],
      ["res.company", ["currency_id"]],
      ["res.users", ["company_id"]],
      ["res.currency", ["name", "rounding", "inverse_rate"]],
      ["res.currency.rate", ["name", "rate", "currency_id", "company_id"]],
    ]
    for (const [model, fields] of reads) {
      const rows = (await call(model, "search_read", [[]], { fields, limit: 5 })) as unknown[]
      expect({ model, read: rows.length > 0 }).toEqual({ model, read: true })
    }
    // A rate of another company is not seen by a request acting for company 1; shared ones are.
    const [eur] = emu.store.search("res.currency", [["name", "=", "EUR"]], { active_test: false })
    const otherCompany = emu.store.create("res.currency.rate", { currency_id: eur, company_id: 2, rate: 3, name: "2026-01-01" })
    const shared = emu.store.create("res.currency.rate", { currency_id: eur, company_id: false, rate: 2, name: "2026-01-02" })
    const seen = (await call("res.currency.rate", "search", [[["currency_id", "=", eur]]], { context: { allowed_company_ids: [1] } })) as number[]
    expect(seen).toContain(shared)
    expect(seen).not.toContain(otherCompany)
  })

  it("converts with the current company's rates (company ones before shared ones) and to_currency, as _get_conversion_rate", async () => {
    const [eur] = emu.store.search("res.currency", [["name", "=", "EUR"]], { active_test: false })
    const [usd] = emu.store.search("res.currency", [["name", "=", "USD"]])
    emu.store.create("res.currency.rate", { currency_id: eur, company_id: 1, rate: 0.8, name: "2026-01-01" })
    emu.store.create("res.currency.rate", { currency_id: eur, company_id: false, rate: 0.5, name: "2026-06-01" })
    emu.store.create("res.currency.rate", { currency_id: eur, company_id: 2, rate: 0.6, name: "2026-06-01" })
    const read = async (context: Record<string, JsonValue>) =>
      ((await call("res.currency", "read", [[usd], ["inverse_rate"]], { context })) as { inverse_rate: number }[])[0].inverse_rate
    // USD → EUR for company 1: company 1's EUR rate (0.8) wins over the newer shared one.
    expect(await read({ to_currency: eur })).toBeCloseTo(0.8, 12)
    expect(await read({ to_currency: eur, company_id: 2 })).toBeCloseTo(0.6, 12)
  })

  it("reads a currency's rate_ids within the rate rule of the request's companies (allowed_company_ids), as Odoo reads an x2many", async () => {
    const [eur] = emu.store.search("res.currency", [["name", "=", "EUR"]], { active_test: false })
    const own = emu.store.create("res.currency.rate", { currency_id: eur, company_id: 1, rate: 0.8, name: "2026-01-01" })
    const shared = emu.store.create("res.currency.rate", { currency_id: eur, company_id: false, rate: 0.5, name: "2026-06-01" })
    const other = emu.store.create("res.currency.rate", { currency_id: eur, company_id: 2, rate: 0.6, name: "2026-06-01" })
    const rateIds = async (context: Record<string, JsonValue>) =>
      ((await call("res.currency", "search_read", [[["id", "=", eur]]], { fields: ["rate_ids"], context: { active_test: false, ...context } })) as {
        rate_ids: number[]
      }[])[0].rate_ids
    // Another company's rate only when that company is allowed.
    expect(await rateIds({ allowed_company_ids: [1] })).toEqual(expect.arrayContaining([shared, own]))
    expect(await rateIds({ allowed_company_ids: [1] })).not.toContain(other)
    expect(await rateIds({ allowed_company_ids: [2] })).toEqual(expect.arrayContaining([shared, other]))
    expect(await rateIds({ allowed_company_ids: [2] })).not.toContain(own)
    expect(await rateIds({ allowed_company_ids: [1, 2] })).toEqual(expect.arrayContaining([shared, own, other]))
    // Without allowed_company_ids, every company of the user's: the demo's admin is in both (ordered as res.company: sequence, name).
    expect(await rateIds({})).toEqual(expect.arrayContaining([shared, own, other]))
    expect(await call("res.users", "read", [[emu.admin.uid], ["company_id", "company_ids"]])).toEqual([
      { id: emu.admin.uid, company_id: [1, "My Company (San Francisco)"], company_ids: [2, 1] },
    ])
  })

  it("answers web_search_read with variants and their extra images nested, images of archived variants left out", async () => {
    const templateOf = (row: { product_tmpl_id: JsonValue }) => (row.product_tmpl_id as [number, string])[0]
    const variantRows = emu.store.searchRead("product.product", [], ["product_tmpl_id"])
    const template = variantRows.map(templateOf).find((id, _index, all) => all.filter((other) => other === id).length > 1) as number
    const [first, second] = emu.store.search("product.product", [["product_tmpl_id", "=", template]], { order: "id" })
    const templateImage = emu.store.create("product.image", { name: "Template image", product_tmpl_id: template })
    const firstImage = emu.store.create("product.image", { name: "First variant", product_variant_id: first })
    emu.store.create("product.image", { name: "Second variant", product_variant_id: second })
    emu.store.write("product.product", [second], { active: false })
    const answer = (await call("product.template", "web_search_read", [], {
      domain: [["id", "=", template]],
      specification: { product_variant_ids: { fields: { product_variant_image_ids: {} } }, product_template_image_ids: {} },
      order: "id asc",
    })) as { length: number; records: JsonValue[] }
    const variants = emu.store.search("product.product", [["product_tmpl_id", "=", template]])
    expect(answer.length).toBe(1)
    expect(answer.records[0]).toEqual({
      id: template,
      product_variant_ids: expect.arrayContaining(variants.map((id) => ({ id, product_variant_image_ids: id === first ? [firstImage] : [] }))),
      product_template_image_ids: [templateImage],
    })
    expect((answer.records[0] as { product_variant_ids: JsonValue[] }).product_variant_ids).toHaveLength(variants.length)
  })

  it("renaming an attribute or attribute value changes only that record's write_date", async () => {
    const [ptav] = emu.store.searchRead(
      "product.template.attribute.value",
      [["product_tmpl_id", "=", 9]],
      ["product_attribute_value_id", "attribute_id"]
    )
    const valueId = (ptav.product_attribute_value_id as [number, string])[0]
    const attributeId = (ptav.attribute_id as [number, string])[0]
    const dates = () => ({
      template: emu.store.read("product.template", [9], ["write_date"]),
      lines: emu.store.searchRead("product.template.attribute.line", [["product_tmpl_id", "=", 9]], ["write_date"]),
      ptavs: emu.store.searchRead("product.template.attribute.value", [["product_tmpl_id", "=", 9]], ["write_date"]),
      variants: emu.store.searchRead("product.product", [["product_tmpl_id", "=", 9]], ["write_date"], { active_test: false }),
    })
    const before = dates()
    clock += 3600_000
    await call("product.attribute.value", "write", [[valueId], { name: "Renamed value" }])
    await call("product.attribute", "write", [[attributeId], { name: "Renamed attribute" }])
    expect(dates()).toEqual(before)
    const stamp = "2026-11-20 09:00:00"
    expect(emu.store.read("product.attribute.value", [valueId], ["write_date"])[0].write_date).toBe(stamp)
    expect(emu.store.read("product.attribute", [attributeId], ["write_date"])[0].write_date).toBe(stamp)
    // The names read through the template's records change all the same.
    const names = emu.store.searchRead("product.template.attribute.value", [["product_tmpl_id", "=", 9]], ["name"]).map((row) => row.name)
    expect(names).toContain("Renamed value")
  })
})

describe("emulator fidelity: variants that stock moves or order lines refer to", () => {
  let emu: OdooEmulator
  const reference = findReferenceDir(__dirname) ?? findReferenceDir(process.cwd())

  beforeEach(async () => {
    emu = await startOdooEmulator({ fixture: path.join(reference ?? "", "v2", "fixture.json") })
  })

  afterEach(async () => {
    await emu.close()
  })

  const referencedBy = (model: string): number[] =>
    [...new Set(emu.store.searchRead(model, [], ["product_id"]).map((row) => (row.product_id as [number, string])[0]))]

  it("refuses to unlink them with Odoo's error (archive instead), and unlinks an unreferenced one", async () => {
    const credentials = { db: emu.db, uid: emu.admin.uid, key: emu.admin.apiKey }
    const quants = new Set(referencedBy("stock.quant"))
    const lines = new Set(referencedBy("sale.order.line"))
    const moves = new Set(referencedBy("stock.move"))
    const onlyLine = [...lines].find((id) => !quants.has(id) && !moves.has(id))!
    const onlyMove = [...moves].find((id) => !quants.has(id) && !lines.has(id))!
    for (const [variant, model] of [
      [onlyLine, "sale.order.line"],
      [onlyMove, "stock.move"],
    ] as const) {
      const response = await executeKw(emu.url, credentials, "product.product", "unlink", [[variant]])
      const error = response.body?.error?.data
      expect(error).toMatchObject({
        name: "odoo.exceptions.ValidationError",
        message: expect.stringContaining("another model requires the record being deleted. If possible, archive it instead."),
      })
      expect(error?.message).toContain(`(${model})`)
      expect(emu.store.search("product.product", [["id", "=", variant]], { active_test: false })).toEqual([variant])
    }
    const free = emu.store
      .search("product.product", [], { active_test: false })
      .find((id) => !quants.has(id) && !lines.has(id) && !moves.has(id))!
    const result = await executeKw(emu.url, credentials, "product.product", "unlink", [[free]])
    expect(result.body?.result).toBe(true)
    expect(emu.store.search("product.product", [["id", "=", free]], { active_test: false })).toEqual([])
  })
})
