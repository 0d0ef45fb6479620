/**
 * Behaviour beyond the recorded samples, over real HTTP: store mutations as Odoo writes them,
 * argument binding, access rights per user, variants, transactions.
 */
import { createStore, startOdooEmulator, storeApi, type OdooEmulator } from "../index"
import type { JsonValue } from "../types"
import { executeKw, rpc } from "./rpc-client"

describe("emulated ORM over JSON-RPC", () => {
  let emu: OdooEmulator
  const as = (user: { uid: number; apiKey: string }) => ({ db: emu.db, uid: user.uid, key: user.apiKey })
  const call = async (model: string, method: string, args: JsonValue[], kwargs: Record<string, JsonValue> = {}): Promise<JsonValue | undefined> => {
    const response = await executeKw(emu.url, as(emu.users.admin), model, method, args, kwargs)
    if (response.body?.error) throw new Error(`${response.body.error.data.name}: ${response.body.error.data.message}`)
    return response.body?.result
  }
  const errorOf = async (user: { uid: number; apiKey: string }, model: string, method: string, args: JsonValue[], kwargs: Record<string, JsonValue> = {}) =>
    (await executeKw(emu.url, as(user), model, method, args, kwargs)).body?.error?.data

  beforeEach(async () => {
    emu = await startOdooEmulator()
  })

  afterEach(async () => {
    await emu.close()
  })

  it("exposes the recorded database, version and admin credentials", async () => {
    expect(emu.db).toBe("odoo_medusa")
    expect(emu.version).toBe("18.0-20250702")
    expect(emu.admin).toMatchObject({ login: "admin", uid: 2, apiKey: expect.stringMatching(/^[0-9a-f]{40}$/) })
    for (const user of Object.values(emu.users)) {
      expect((await rpc(emu.url, "common", "authenticate", [emu.db, user.login, user.password, {}])).body?.result).toBe(user.uid)
      expect((await rpc(emu.url, "common", "authenticate", [emu.db, user.login, user.apiKey, {}])).body?.result).toBe(user.uid)
    }
  })

  it("store writes bump write_date, and incremental syncs see them", async () => {
    const cursor = emu.store
      .searchRead("product.template", [], ["write_date"], { active_test: false })
      .reduce((latest, row) => (String(row.write_date) > latest ? String(row.write_date) : latest), "")
    const [before] = emu.store.read("product.template", 1, ["write_date"])
    emu.store.write("product.template", 1, { name: "Restaurant Expenses (renamed)" })
    emu.store.write("product.template", 2, { list_price: 410 })
    const [first, second] = emu.store.read("product.template", [1, 2], ["write_date"])
    expect(String(first.write_date) > String(before.write_date)).toBe(true)
    expect(String(second.write_date) >= String(first.write_date)).toBe(true)
    expect(first.write_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const changed = await call("product.template", "search_read", [[["write_date", ">", cursor]]], { fields: ["name"], order: "write_date asc, id asc" })
    expect(changed).toEqual([
      { id: 1, name: "Restaurant Expenses (renamed)" },
      { id: 2, name: "Hotel Accommodation" },
    ])
  })

  it("dates writes to the second of the clock as Odoo does: one second shared, a later second later, never back", () => {
    let clock = new Date("2026-11-24T10:00:05.100Z")
    const store = storeApi(createStore({ now: () => clock }).store)
    const dateOf = (id: number) => String(store.read("product.template", id, ["write_date"])[0].write_date)
    store.write("product.template", 1, { list_price: 11 })
    clock = new Date("2026-11-24T10:00:05.900Z")
    store.write("product.template", 2, { list_price: 12 })
    expect([dateOf(1), dateOf(2)]).toEqual(["2026-11-24 10:00:05", "2026-11-24 10:00:05"])
    clock = new Date("2026-11-24T10:00:06.000Z")
    store.write("product.template", 3, { list_price: 13 })
    expect(dateOf(3)).toBe("2026-11-24 10:00:06")
    clock = new Date("2026-11-24T09:59:00.000Z")
    store.write("product.template", 4, { list_price: 14 })
    expect(dateOf(4)).toBe("2026-11-24 10:00:06")
  })

  it("a template's list_price flows into its variants' lst_price (extras kept), not their write_date", async () => {
    const [variantBefore] = emu.store.read("product.product", 24, ["lst_price", "write_date"])
    expect(variantBefore.lst_price).toBe(39.4)
    await call("product.template", "write", [[16], { list_price: 50 }])
    const variants = await call("product.product", "read", [[23, 24], ["lst_price", "write_date"]])
    expect(variants).toEqual([
      { id: 23, lst_price: 50, write_date: expect.any(String) },
      { id: 24, lst_price: 56.4, write_date: variantBefore.write_date },
    ])
    // Writing lst_price on a variant moves the template's list_price (minus the extras).
    await call("product.product", "write", [[24], { lst_price: 66.4 }])
    expect(emu.store.read("product.template", 16, ["list_price"])[0].list_price).toBe(60)
  })

  it("archiving hides records from searches unless active_test is false", async () => {
    emu.store.write("product.template", 16, { active: false })
    expect(await call("product.template", "search_count", [[]])).toBe(39)
    expect(await call("product.template", "search_count", [[]], { context: { active_test: false } })).toBe(40)
    // Archiving a template archives its variants.
    expect(await call("product.product", "search", [[["product_tmpl_id", "=", 16]]])).toEqual([])
    const archived = await call("product.product", "search_read", [[["product_tmpl_id", "=", 16]]], { fields: ["active"], context: { active_test: false } })
    expect(archived).toEqual([
      { id: 23, active: false },
      { id: 24, active: false },
    ])
    // product_variant_ids lists active variants only, even with active_test false.
    const [template] = (await call("product.template", "search_read", [[["id", "=", 16]]], {
      fields: ["product_variant_ids", "product_variant_count"],
      context: { active_test: false },
    })) as { product_variant_ids: number[] }[]
    expect(template).toEqual({ id: 16, product_variant_ids: [], product_variant_count: 0 })
    emu.store.write("product.template", 16, { active: true })
    expect(await call("product.product", "search", [[["product_tmpl_id", "=", 16]]])).toEqual([23, 24])
  })

  it("creates variants from attribute lines, and regenerates them when lines change", async () => {
    const templateId = (await call("product.template", "create", [
      {
        name: "Test Chair",
        list_price: 100,
        attribute_line_ids: [
          [0, 0, { attribute_id: 1, value_ids: [[6, 0, [1, 2]]] }],
          [0, 0, { attribute_id: 2, value_ids: [[6, 0, [4, 5]]] }],
        ],
      },
    ])) as number
    const variants = (await call("product.product", "search_read", [[["product_tmpl_id", "=", templateId]]], {
      fields: ["display_name", "lst_price", "product_template_attribute_value_ids"],
    })) as { display_name: string; lst_price: number }[]
    expect(variants.map((variant) => variant.display_name).sort()).toEqual([
      "Test Chair (Aluminium, Black)",
      "Test Chair (Aluminium, White)",
      "Test Chair (Steel, Black)",
      "Test Chair (Steel, White)",
    ])
    expect(variants.every((variant) => variant.lst_price === 100)).toBe(true)
    // One transaction, one write_date (Odoo stamps a whole RPC call with its start time).
    const stamps = emu.store.searchRead("product.product", [["product_tmpl_id", "=", templateId]], ["write_date"]).map((row) => row.write_date)
    expect(new Set([...stamps, emu.store.read("product.template", templateId, ["write_date"])[0].write_date]).size).toBe(1)
    const [line] = (await call("product.template", "read", [[templateId], ["attribute_line_ids"]])) as { attribute_line_ids: number[] }[]
    await call("product.template.attribute.line", "write", [[line.attribute_line_ids[0]], { value_ids: [[6, 0, [1]]] }])
    const after = (await call("product.product", "search_read", [[["product_tmpl_id", "=", templateId]]], { fields: ["display_name"] })) as {
      display_name: string
    }[]
    // A single-value line is kept on the variants but not shown in their names.
    expect(after.map((variant) => variant.display_name).sort()).toEqual(["Test Chair (Black)", "Test Chair (White)"])
  })

  it("rolls the whole call back when a constraint fails", async () => {
    const count = emu.store.count("product.template", [], { active_test: false })
    const error = await errorOf(emu.users.admin, "product.template", "create", [
      { name: "Broken", attribute_line_ids: [[0, 0, { attribute_id: 1, value_ids: [[6, 0, [4]]] }]] },
    ])
    expect(error?.name).toBe("odoo.exceptions.ValidationError")
    expect(error?.message).toBe("On the product Broken you cannot associate the value Color: White with the attribute Legs because they do not match.")
    expect(emu.store.count("product.template", [], { active_test: false })).toBe(count)
    expect(emu.store.count("product.template", [["name", "=", "Broken"]], { active_test: false })).toBe(0)
  })

  it("binds positional and keyword arguments like Odoo's signatures", async () => {
    expect(await call("product.template", "search", [[], 1, 2, "id desc"])).toEqual([39, 38])
    expect(await call("product.template", "search", [[]], { offset: 1, limit: 2, order: "id desc" })).toEqual([39, 38])
    expect(await call("product.template", "search_read", [[["id", "<", 3]], ["name"], 0, 1, "id"])).toEqual([{ id: 1, name: "Restaurant Expenses" }])
    expect(await call("product.template", "read", [5, ["name"]])).toEqual([{ id: 5, name: "Office Chair" }])
    expect(await call("product.template", "read", [[5, 999999, 6], ["default_code"]])).toEqual([
      { id: 5, default_code: "FURN_7777" },
      { id: 6, default_code: "FURN_8888" },
    ])
    expect(await call("product.template", "search_count", [[]], { limit: 3 })).toBe(3)
    const duplicate = await errorOf(emu.users.admin, "product.template", "search", [[]], { domain: [] })
    expect(duplicate).toMatchObject({ name: "builtins.TypeError", message: "BaseModel.search() got multiple values for argument 'domain'" })
    const unexpected = await errorOf(emu.users.admin, "product.template", "search_count", [[]], { bogus: 1 })
    expect(unexpected).toMatchObject({ name: "builtins.TypeError", message: "BaseModel.search_count() got an unexpected keyword argument 'bogus'" })
    expect(await errorOf(emu.users.admin, "product.template", "name_get", [[1]])).toMatchObject({
      name: "builtins.AttributeError",
      message: "The method 'product.template.name_get' does not exist",
    })
  })

  it("answers fields_get, name_search and web_search_read for unseen requests", async () => {
    const fields = (await call("product.product", "fields_get", [["lst_price", "default_code"]], { attributes: ["type", "string"] })) as Record<string, unknown>
    expect(fields).toEqual({
      default_code: { string: "Internal Reference", type: "char" },
      // Odoo's own label has a no-break space here.
      lst_price: { string: "Sales\u00a0Price", type: "float" },
    })
    expect(await call("product.product", "name_search", ["DESK0005"])).toEqual([[45, "[DESK0005] Customizable Desk (Custom, White)"]])
    expect(await call("product.category", "name_search", ["saleable"], { limit: 2 })).toEqual([
      [2, "All / Saleable"],
      [8, "All / Saleable / Office Furniture"],
    ])
    const page = (await call("product.template", "web_search_read", [[["sale_ok", "=", true]], { name: {} }], { limit: 2, order: "id" })) as {
      length: number
      records: unknown[]
    }
    expect(page).toEqual({ length: 37, records: [{ id: 1, name: "Restaurant Expenses" }, { id: 2, name: "Hotel Accommodation" }] })
  })

  it("poses as Odoo 16: no web_read, and a web_search_read that takes fields, not a specification", async () => {
    const odoo16 = await startOdooEmulator({ odooVersion: "16.0" })
    try {
      const admin = { db: odoo16.db, uid: odoo16.users.admin.uid, key: odoo16.users.admin.apiKey }
      const errorOn16 = async (method: string, args: JsonValue[], kwargs: Record<string, JsonValue> = {}) =>
        (await executeKw(odoo16.url, admin, "product.template", method, args, kwargs)).body?.error?.data
      expect(await errorOn16("web_read", [[1]], { specification: { name: {} } })).toMatchObject({
        name: "builtins.AttributeError",
        message: "The method 'product.template.web_read' does not exist",
      })
      expect(await errorOn16("web_search_read", [], { domain: [["id", "in", [1]]], specification: { name: {} } })).toMatchObject({
        name: "builtins.TypeError",
        message: "Base.web_search_read() got an unexpected keyword argument 'specification'",
      })
      const read = await executeKw(odoo16.url, admin, "product.template", "read", [[1], ["name", "product_variant_ids"]])
      expect(read.body?.result).toEqual([{ id: 1, name: "Restaurant Expenses", product_variant_ids: [1] }])
    } finally {
      await odoo16.close()
    }
  })

  it("enforces model access rights per user", async () => {
    const { readOnly, portal, demo } = emu.users
    expect((await executeKw(emu.url, as(readOnly), "product.template", "search_count", [[]])).body?.result).toBe(40)
    expect(await errorOf(readOnly, "product.template", "write", [[1], { name: "x" }])).toMatchObject({
      name: "odoo.exceptions.AccessError",
      message: expect.stringContaining("You are not allowed to modify 'Product' (product.template) records."),
    })
    expect(await errorOf(readOnly, "product.template", "create", [{ name: "x" }])).toMatchObject({
      message: expect.stringContaining("You are not allowed to create 'Product' (product.template) records."),
    })
    expect(await errorOf(portal, "stock.warehouse", "search_read", [[]])).toMatchObject({ name: "odoo.exceptions.AccessError" })
    expect((await executeKw(emu.url, as(portal), "product.pricelist.item", "search_count", [[]])).body?.result).toBe(4)
    expect(await errorOf(demo, "ir.config_parameter", "search_count", [[]])).toMatchObject({ name: "odoo.exceptions.AccessError" })
    expect((await executeKw(emu.url, as(demo), "stock.quant", "search_count", [[]])).body?.result).toBe(38)
  })

  it("authenticates execute_kw: wrong key, unknown uid, unknown database", async () => {
    const base = { db: emu.db, uid: 2, key: emu.admin.apiKey }
    expect((await executeKw(emu.url, { ...base, key: "nope" }, "res.partner", "search", [[]])).body?.error?.data.name).toBe("odoo.exceptions.AccessDenied")
    expect((await executeKw(emu.url, { ...base, uid: 999 }, "res.partner", "search", [[]])).body?.error?.data).toMatchObject({
      name: "odoo.exceptions.MissingError",
      message: "Record does not exist or has been deleted.\n(Record: res.users(999,), User: 999)",
    })
    expect((await executeKw(emu.url, { ...base, db: "other" }, "res.partner", "search", [[]])).body?.error?.data.name).toBe("psycopg2.OperationalError")
    expect((await executeKw(emu.url, base, "res.partner", "search_count", [[]], { context: { lang: "en_US" } })).body?.result).toEqual(expect.any(Number))
  })

  it("creates partners and sale orders with minimal fields", async () => {
    const partnerId = (await call("res.partner", "create", [{ name: "Medusa Customer", email: "c@example.com" }])) as number
    const orderId = (await call("sale.order", "create", [
      { partner_id: partnerId, client_order_ref: "order_01", order_line: [[0, 0, { product_id: 24, product_uom_qty: 2 }]] },
    ])) as number
    const [order] = (await call("sale.order", "read", [[orderId], ["partner_id", "amount_total", "state", "order_line", "client_order_ref"]])) as Record<
      string,
      JsonValue
    >[]
    expect(order).toMatchObject({ partner_id: [partnerId, "Medusa Customer"], amount_total: 78.8, state: "draft", client_order_ref: "order_01" })
    const lines = await call("sale.order.line", "read", [order.order_line, ["product_id", "price_unit", "name"]])
    expect(lines).toEqual([{ id: expect.any(Number), product_id: [24, "[E-COM13] Conference Chair (Aluminium)"], price_unit: 39.4, name: "[E-COM13] Conference Chair (Aluminium)" }])
    await call("sale.order", "write", [[orderId], { state: "sale" }])
    expect(emu.store.read("sale.order", orderId, ["state"])[0].state).toBe("sale")
  })

  it("updates stock figures from quants, per warehouse", async () => {
    emu.store.create("stock.quant", { product_id: 18, location_id: 28, quantity: 5 })
    const all = (await call("product.product", "read", [[18], ["qty_available", "free_qty"]])) as Record<string, JsonValue>[]
    expect(all[0]).toEqual({ id: 18, qty_available: 23, free_qty: 23 })
    const chicago = await call("product.product", "read", [[18], ["qty_available"]], { context: { warehouse_id: 2 } })
    expect(chicago).toEqual([{ id: 18, qty_available: 5 }])
  })

  it("unlinks with Odoo's foreign-key rules", async () => {
    const stocked = await errorOf(emu.users.admin, "product.product", "unlink", [[18]])
    expect(stocked).toMatchObject({ name: "odoo.exceptions.ValidationError", message: expect.stringContaining("Model: Quants (stock.quant)") })
    expect(await call("product.template", "unlink", [[1]])).toBe(true)
    expect(emu.store.search("product.product", [["product_tmpl_id", "=", 1]], { active_test: false })).toEqual([])
    expect(await errorOf(emu.users.admin, "product.template", "write", [[1], { name: "gone" }])).toMatchObject({ name: "odoo.exceptions.MissingError" })
  })

  // Odoo: an x2many read or web_read lists archived co-records when active_test is false (fields.py
  // filters them only under active_test); search_read drops active_test before reading; a domain's
  // x2many path searches the comodel under the call's active_test, then compares ids in SQL.
  it("lists and searches archived variants as Odoo does under active_test false", async () => {
    const [desk] = emu.store.read("product.product", 45, ["product_tmpl_id"])
    const templateId = (desk.product_tmpl_id as [number, string])[0]
    const variants = emu.store.search("product.product", [["product_tmpl_id", "=", templateId]], { order: "id" })
    expect(variants.length).toBeGreaterThan(1)
    emu.store.write("product.product", 45, { active: false })
    const [{ write_date: archivedAt }] = emu.store.read("product.product", 45, ["write_date"])
    const all = [...variants].sort((a, b) => a - b)
    const active = all.filter((id) => id !== 45)
    const archivedOff = { context: { active_test: false } }
    const listed = (rows: JsonValue | undefined) => ((rows as { product_variant_ids: number[] }[])[0].product_variant_ids as number[]).slice().sort((a, b) => a - b)

    expect(listed(await call("product.template", "read", [[templateId], ["product_variant_ids"]], archivedOff))).toEqual(all)
    expect(listed(await call("product.template", "read", [[templateId], ["product_variant_ids"]]))).toEqual(active)
    expect(listed(await call("product.template", "search_read", [[["id", "=", templateId]], ["product_variant_ids"]], archivedOff))).toEqual(active)
    const page = (await call("product.template", "web_search_read", [], {
      domain: [["product_variant_ids.write_date", ">=", archivedAt]],
      specification: { product_variant_ids: { fields: { active: {}, write_date: {} } } },
      ...archivedOff,
    })) as { records: { id: number; product_variant_ids: { id: number; active: boolean; write_date: string }[] }[] }
    expect(page.records.map((record) => record.id)).toEqual([templateId])
    expect(page.records[0].product_variant_ids.map((variant) => variant.id).sort((a, b) => a - b)).toEqual(all)
    expect(page.records[0].product_variant_ids.find((variant) => variant.id === 45)).toMatchObject({ active: false, write_date: archivedAt })
    // Without active_test false the sub-search sees active variants only: none was written then.
    expect(await call("product.template", "search", [[["product_variant_ids.write_date", ">=", archivedAt]]])).toEqual([])
    // An x2many term on ids compares in SQL: an archived variant's id still finds its template.
    expect(await call("product.template", "search", [[["product_variant_ids", "in", [45]]]])).toEqual([templateId])
  })

  it("answers Odoo 16's web_search_read, which has no specification, with a TypeError", async () => {
    const old = await startOdooEmulator({ odooVersion: "16.0" })
    try {
      const response = await executeKw(old.url, { db: old.db, uid: old.admin.uid, key: old.admin.apiKey }, "product.template", "web_search_read", [], {
        domain: [],
        specification: { name: {} },
      })
      expect(response.body?.error?.data).toMatchObject({
        name: "builtins.TypeError",
        message: "Base.web_search_read() got an unexpected keyword argument 'specification'",
      })
    } finally {
      await old.close()
    }
  })
})
