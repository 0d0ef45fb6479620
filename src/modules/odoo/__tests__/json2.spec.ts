/**
 * The client over Odoo 19's JSON-2 API, against the emulator posing as Odoo 19 (named arguments,
 * bearer key, errors as HTTP statuses), and ODOO_PROTOCOL=auto choosing JSON-2 on 19 and
 * JSON-RPC on 18 (whose /json/2 redirects to the login page).
 */
import { startOdooEmulator } from "../../../../integration-tests/odoo-emulator"
import { OdooClient } from "../client/client"
import { isOdooError, OdooError } from "../client/errors"
import type { OdooProtocol } from "../client/transport-factory"

type Emulator = Awaited<ReturnType<typeof startOdooEmulator>>

jest.setTimeout(30_000)

let odoo19: Emulator
let odoo18: Emulator

beforeAll(async () => {
  ;[odoo19, odoo18] = await Promise.all([startOdooEmulator({ odooVersion: "19.0" }), startOdooEmulator({})])
})

afterAll(async () => {
  await Promise.all([odoo19?.close(), odoo18?.close()])
})

afterEach(() => {
  odoo19.calls.reset()
  odoo18.calls.reset()
})

function clientFor(emu: Emulator, protocol: OdooProtocol, user = emu.users.admin): OdooClient {
  return new OdooClient({ url: emu.url, dbName: emu.db, username: user.login, apiKey: user.apiKey, timeoutMs: 5_000, maxRetries: 0, protocol })
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise
  } catch (error) {
    if (isOdooError(error)) return error
    throw error
  }
  throw new Error("expected the call to fail")
}

describe("JSON-2 against Odoo 19", () => {
  it("answers the ORM calls the sync makes exactly as JSON-RPC does", async () => {
    const json2 = clientFor(odoo19, "json2")
    const jsonrpc = clientFor(odoo19, "jsonrpc")
    expect((await json2.version()).server_version).toBe("19.0")
    expect(await json2.authenticate()).toBe(odoo19.admin.uid)
    const domain = [["sale_ok", "=", true]]
    const fields = ["name", "list_price", "product_variant_ids", "write_date"]
    const options = { domain, fields, order: "id", limit: 5, offset: 1, context: { active_test: false } }
    expect(await json2.searchRead("product.template", options)).toEqual(await jsonrpc.searchRead("product.template", options))
    const ids = await json2.search("product.template", { domain, limit: 3, order: "id desc" })
    expect(ids).toEqual(await jsonrpc.search("product.template", { domain, limit: 3, order: "id desc" }))
    expect(await json2.read("product.template", ids, { fields: ["name"] })).toEqual(await jsonrpc.read("product.template", ids, { fields: ["name"] }))
    expect(await json2.searchCount("product.product", { domain: [] })).toBe(await jsonrpc.searchCount("product.product", { domain: [] }))
    const described = await json2.fieldsGet("product.template", { attributes: ["type", "string"] })
    expect(described).toEqual(await jsonrpc.fieldsGet("product.template", { attributes: ["type", "string"] }))
    expect(await json2.call("product.template", "check_access_rights", ["read"], { raise_exception: false })).toBe(true)
    // Every call went to /json/2/<model>/<method>, none to /jsonrpc's execute_kw from this client.
    expect(odoo19.calls.list().filter((call) => call.method === "search_read").length).toBeGreaterThan(0)
  })

  it("creates and writes: one dict gives one id, a list gives ids", async () => {
    const client = clientFor(odoo19, "json2")
    const id = await client.create("res.partner", { name: "JSON-2 Customer", email: "json2@example.com" })
    expect(typeof id).toBe("number")
    const ids = await client.create("res.partner", [{ name: "One" }, { name: "Two" }])
    expect(ids).toHaveLength(2)
    expect(await client.write("res.partner", [id], { phone: "+32 2 000 00 00" })).toBe(true)
    expect(odoo19.store.read("res.partner", id, ["phone"])[0].phone).toBe("+32 2 000 00 00")
  })

  it("turns Odoo's HTTP error answers into the same typed errors", async () => {
    const wrongKey = new OdooClient({ url: odoo19.url, dbName: odoo19.db, username: "admin", apiKey: "0".repeat(40), maxRetries: 0, protocol: "json2" })
    const refused = await failure(wrongKey.searchCount("product.template"))
    expect(refused.kind).toBe("authentication")
    expect(refused.message).not.toContain("0".repeat(40))

    const portal = clientFor(odoo19, "json2", odoo19.users.portal)
    const denied = await failure(portal.create("sale.order", { partner_id: 3 }))
    expect(denied).toMatchObject({ kind: "access", httpStatus: 403, odooName: "odoo.exceptions.AccessError" })
    expect(denied.message).toContain("sale.order.create failed: AccessError: You are not allowed to create")

    const admin = clientFor(odoo19, "json2")
    const missing = await failure(admin.call("res.partner", "write", [[999999], { name: "x" }]))
    expect(missing).toMatchObject({ kind: "not_found", httpStatus: 404 })
    const unknownModel = await failure(admin.searchCount("no.such.model"))
    expect(unknownModel).toMatchObject({ kind: "invalid_request", httpStatus: 422 })
  })
})

describe("ODOO_PROTOCOL=auto", () => {
  it("speaks JSON-2 to Odoo 19 and JSON-RPC to Odoo 18", async () => {
    const on19 = clientFor(odoo19, "auto")
    const on18 = clientFor(odoo18, "auto")
    const [from19, from18] = await Promise.all([
      on19.searchRead("product.template", { fields: ["name"], limit: 2, order: "id" }),
      on18.searchRead("product.template", { fields: ["name"], limit: 2, order: "id" }),
    ])
    expect(from19).toEqual(from18)
    // JSON-RPC calls arrive as execute_kw; JSON-2 calls by their ORM method.
    expect(odoo19.calls.list().map((call) => call.method)).not.toContain("execute_kw")
    expect(odoo18.calls.list().map((call) => call.method)).toContain("execute_kw")
    expect((await on19.version()).server_version).toBe("19.0")
  })

  it("asks again when the server behind the URL stops speaking JSON-2 (restored as Odoo 18)", async () => {
    // One retry: the connection kept alive to the old server is reset, as after a real restart.
    const admin = odoo19.users.admin
    const client = new OdooClient({ url: odoo19.url, dbName: odoo19.db, username: admin.login, apiKey: admin.apiKey, maxRetries: 1, protocol: "auto" }, { sleep: async () => undefined })
    await client.searchCount("product.template")
    const port = odoo19.port
    await odoo19.close()
    odoo19 = await startOdooEmulator({ port, adminApiKey: odoo19.admin.apiKey })
    expect(await client.searchCount("product.template")).toBe(odoo19.store.count("product.template"))
    expect(odoo19.calls.list().map((call) => call.method)).toContain("execute_kw")
    await odoo19.close()
    odoo19 = await startOdooEmulator({ port, adminApiKey: odoo19.admin.apiKey, odooVersion: "19.0" })
  })

  it("Odoo 18 refuses JSON-2 as it does: a 303 to its login page", async () => {
    const forced = clientFor(odoo18, "json2")
    const error = await failure(forced.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", httpStatus: 303, reason: "http_status" })
    expect(error.message).toContain("redirecting to /web/login")
  })
})
