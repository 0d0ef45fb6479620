/**
 * OdooClient against a real HTTP server: the project's Odoo emulator (faithful to the recordings in
 * shared/odoo-reference), with its fault injection for the transport failures.
 */
import { createServer } from "net"
import { newApiKey, startOdooEmulator } from "../../../../integration-tests/odoo-emulator"
import { OdooClient, OdooClientConfig, OdooClientDependencies } from "../client/client"
import { isOdooError, OdooError } from "../client/errors"
import { JsonRpcTransport } from "../client/json-rpc-transport"

type Emulator = Awaited<ReturnType<typeof startOdooEmulator>>

jest.setTimeout(30_000)

let emu: Emulator
/** Every error a test saw: none may contain any key the test used (checked after each test). */
let seenErrors: OdooError[] = []
let keysInUse: string[] = []

beforeAll(async () => {
  emu = await startOdooEmulator({})
})

afterAll(async () => {
  await emu?.close()
})

afterEach(() => {
  emu.faults.clear()
  emu.calls.reset()
  for (const error of seenErrors) {
    const texts = [error.message, String(error.stack), JSON.stringify(error), JSON.stringify(error.toJSON())]
    for (const key of keysInUse) for (const text of texts) expect(text).not.toContain(key)
  }
  seenErrors = []
  keysInUse = []
})

interface TestClient {
  client: OdooClient
  sleeps: number[]
}

function clientFor(config: Partial<OdooClientConfig> = {}, dependencies: OdooClientDependencies = {}): TestClient {
  const sleeps: number[] = []
  const fullConfig: OdooClientConfig = {
    url: emu.url,
    dbName: emu.db,
    username: emu.admin.login,
    apiKey: emu.admin.apiKey,
    timeoutMs: 5_000,
    maxRetries: 3,
    ...config,
  }
  keysInUse.push(fullConfig.apiKey)
  const client = new OdooClient(fullConfig, {
    // No real waiting between retries; the schedule itself is unit-tested.
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    ...dependencies,
  })
  return { client, sleeps }
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise
  } catch (error) {
    if (isOdooError(error)) {
      seenErrors.push(error)
      return error
    }
    throw error
  }
  throw new Error("expected the call to fail")
}

const SEARCH_COUNT = { service: "object", model: "product.template", method: "search_count" } as const
const countOf = (filter: { service?: string; model?: string; method?: string }): number => emu.calls.count(filter)

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === "string") throw new Error("no port")
  return address.port
}

describe("OdooClient against the Odoo emulator: success", () => {
  it("reads the version, authenticates and reads the catalog", async () => {
    const { client } = clientFor()
    const version = await client.version()
    expect(version.server_serie).toMatch(/^\d+\.\d+$/)
    await expect(client.authenticate()).resolves.toBe(emu.admin.uid)

    const count = await client.searchCount("product.template")
    expect(count).toBeGreaterThan(0)
    const templates = await client.searchRead("product.template", { fields: ["name", "list_price"], limit: 3, order: "id asc" })
    expect(templates).toHaveLength(Math.min(3, count))
    expect(templates[0]).toEqual(expect.objectContaining({ id: expect.any(Number), name: expect.anything() }))
    const ids = await client.search("product.template", { limit: 2, order: "id asc" })
    await expect(client.read("product.template", ids, { fields: ["name"] })).resolves.toHaveLength(ids.length)
    const fields = await client.fieldsGet("product.template", { attributes: ["type", "string"] })
    expect(fields.name).toMatchObject({ type: "char" })

    // One authenticate for the whole session.
    expect(countOf({ service: "common", method: "authenticate" })).toBe(1)
    const stats = client.stats()
    expect(stats.bytesReceived).toBeGreaterThan(0)
    expect(stats.byCall["product.template.search_read"]).toMatchObject({ calls: 1, failures: 0 })
    expect(stats).toMatchObject({ retries: 0, authentications: 1 })
  })
})

describe("OdooClient against the Odoo emulator: authentication", () => {
  it.each<[string, Partial<OdooClientConfig>]>([
    ["a wrong key", { apiKey: newApiKey() }],
    ["an unknown login", { username: "nobody" }],
  ])("refuses %s with an authentication error naming db and user", async (_case, config) => {
    const { client } = clientFor(config)
    const error = await failure(client.searchRead("product.template"))
    const username = config.username ?? emu.admin.login
    expect(error).toMatchObject({ kind: "authentication", method: "authenticate", retryable: false, attempts: 1 })
    expect(error.message).toContain(`user "${username}" on database "${emu.db}"`)
    expect(countOf({ service: "object" })).toBe(0)
  })

  it("reports an unknown database as a server error, not retried", async () => {
    const { client } = clientFor({ dbName: "no_such_db" })
    const error = await failure(client.authenticate())
    expect(error).toMatchObject({ kind: "server", odooName: "psycopg2.OperationalError", retryable: false })
    expect(error.message).toContain('database "no_such_db" does not exist')
    expect(countOf({ service: "common", method: "authenticate" })).toBe(1)
  })

  it("re-authenticates once when the key is refused after login, then succeeds", async () => {
    const { client } = clientFor()
    await client.authenticate()
    emu.faults.inject({ ...SEARCH_COUNT, kind: "jsonrpc-error", name: "odoo.exceptions.AccessDenied", message: "Access Denied", times: 1 })
    await expect(client.searchCount("product.template")).resolves.toBeGreaterThan(0)
    expect(countOf({ service: "common", method: "authenticate" })).toBe(2)
    expect(countOf(SEARCH_COUNT)).toBe(2)
    expect(client.stats()).toMatchObject({ authentications: 2, reauthentications: 1, retries: 0 })
  })

  it("reports a key that stays refused as an authentication error after one re-authentication", async () => {
    const revokedKey = newApiKey()
    keysInUse.push(revokedKey)
    const revokeEveryCall: typeof fetch = (input, init) => {
      const body = String(init?.body)
      return fetch(input, body.includes('"execute_kw"') ? { ...init, body: body.replace(emu.admin.apiKey, revokedKey) } : init)
    }
    const { client } = clientFor({}, { fetch: revokeEveryCall })
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "authentication", odooName: "odoo.exceptions.AccessDenied", model: "product.template" })
    expect(countOf({ service: "common", method: "authenticate" })).toBe(2)
    expect(countOf(SEARCH_COUNT)).toBe(2)
  })
})

describe("OdooClient against the Odoo emulator: Odoo's errors", () => {
  it("access: a portal user reading stock quants", async () => {
    const { client } = clientFor({ username: emu.users.portal.login, apiKey: emu.users.portal.apiKey })
    const error = await failure(client.searchRead("stock.quant", { fields: ["product_id"], limit: 1 }))
    expect(error).toMatchObject({ kind: "access", name: "OdooAccessError", odooName: "odoo.exceptions.AccessError", attempts: 1 })
    expect(error.message).toMatch(/^Odoo stock\.quant\.search_read failed: AccessError: You are not allowed to access/)
  })

  it("access: private methods, refused locally by the client and remotely by Odoo", async () => {
    const { client } = clientFor()
    const local = await failure(client.call("product.template", "_get_combination_info", [[]]))
    expect(local).toMatchObject({ kind: "access" })
    expect(countOf({ service: "object" })).toBe(0)

    const transport = new JsonRpcTransport({ url: emu.url, dbName: emu.db, apiKey: emu.admin.apiKey, timeoutMs: 5_000 })
    keysInUse.push(emu.admin.apiKey)
    const remote = await failure(
      transport.call({ service: "object", model: "product.template", method: "_get_combination_info", args: [[]], kwargs: {}, uid: emu.admin.uid })
    )
    expect(remote).toMatchObject({ kind: "access", odooName: "odoo.exceptions.AccessError" })
    expect(remote.message).toBe(local.message)
  })

  it("not_found: execute_kw with a uid that does not exist", async () => {
    const transport = new JsonRpcTransport({ url: emu.url, dbName: emu.db, apiKey: emu.admin.apiKey, timeoutMs: 5_000 })
    keysInUse.push(emu.admin.apiKey)
    const error = await failure(
      transport.call({ service: "object", model: "product.template", method: "search_count", args: [[]], kwargs: {}, uid: 9999 })
    )
    expect(error).toMatchObject({ kind: "not_found", name: "OdooNotFoundError", odooName: "odoo.exceptions.MissingError" })
  })

  it.each([
    ["an unknown model", (client: OdooClient) => client.searchRead("product.nonexistent"), "odoo.exceptions.UserError"],
    ["an unknown field", (client: OdooClient) => client.searchRead("product.template", { fields: ["no_such_field"] }), "builtins.ValueError"],
    ["an unknown method", (client: OdooClient) => client.call("product.template", "no_such_method", [[]]), "builtins.AttributeError"],
  ])("invalid_request: %s, not retried", async (_case, run, odooName) => {
    const { client } = clientFor()
    const error = await failure(run(client))
    expect(error).toMatchObject({ kind: "invalid_request", odooName, retryable: false, attempts: 1 })
    expect(client.stats().retries).toBe(0)
  })

  it("redacts the key when Odoo echoes it (a domain naming a field after the key)", async () => {
    const { client } = clientFor()
    const error = await failure(client.searchRead("product.template", { domain: [[emu.admin.apiKey, "=", 1]] }))
    expect(error).toMatchObject({ kind: "invalid_request", odooName: "builtins.ValueError" })
    expect(error.message).toContain("[redacted]")
    expect(String(error.debug)).not.toContain(emu.admin.apiKey)
  })
})

describe("OdooClient against the Odoo emulator: transport failures and retries", () => {
  it.each(["http502", "http503", "http429", "drop"] as const)("retries %s and then succeeds", async (kind) => {
    emu.faults.inject({ ...SEARCH_COUNT, kind, times: 2 })
    const { client, sleeps } = clientFor()
    await expect(client.searchCount("product.template")).resolves.toBeGreaterThan(0)
    expect(countOf(SEARCH_COUNT)).toBe(3)
    expect(client.stats().retries).toBe(2)
    expect(sleeps).toHaveLength(2)
    expect(client.stats().byCall["product.template.search_count"]).toMatchObject({ calls: 3, failures: 2 })
  })

  it("gives up after maxRetries retries", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "http503" })
    const { client, sleeps } = clientFor({ maxRetries: 2 })
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", reason: "http_status", httpStatus: 503, retryable: true, attempts: 3 })
    expect(error.message).toMatch(/^Odoo product\.template\.search_count failed: HTTP 503/)
    expect(countOf(SEARCH_COUNT)).toBe(3)
    expect(sleeps).toEqual([100, 200])
  })

  it("honours Retry-After on HTTP 429", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "http429", times: 1 })
    const probe = await failure(clientFor({ maxRetries: 0 }).client.searchCount("product.template"))
    expect(probe).toMatchObject({ kind: "transport", httpStatus: 429, retryable: true })
    emu.faults.inject({ ...SEARCH_COUNT, kind: "http429", times: 1 })
    const { client, sleeps } = clientFor()
    await expect(client.searchCount("product.template")).resolves.toBeGreaterThan(0)
    expect(sleeps[0]).toBeGreaterThanOrEqual(Math.min(probe.retryAfterMs ?? 0, 5_000))
  })

  it("does not retry HTTP 500", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "http500" })
    const { client } = clientFor()
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", httpStatus: 500, retryable: false, attempts: 1 })
    expect(countOf(SEARCH_COUNT)).toBe(1)
  })

  it("retries a dropped connection", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "drop", times: 1 })
    const { client } = clientFor()
    await expect(client.searchCount("product.template")).resolves.toBeGreaterThan(0)
    expect(client.stats().retries).toBe(1)

    emu.faults.inject({ ...SEARCH_COUNT, kind: "drop" })
    const error = await failure(clientFor({ maxRetries: 1 }).client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", reason: "connection_reset", retryable: true, attempts: 2 })
  })

  it("times out a request that hangs, and retries it", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "hang" })
    const { client } = clientFor({ timeoutMs: 200, maxRetries: 1 })
    const startedAt = Date.now()
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", reason: "timeout", retryable: true, attempts: 2 })
    expect(error.message).toBe("Odoo product.template.search_count failed: no answer within 200 ms (timed out)")
    expect(Date.now() - startedAt).toBeLessThan(3_000)
  })

  it("times out a slow answer but not a merely late one", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "latency", latencyMs: 600 })
    const slow = await failure(clientFor({ timeoutMs: 200, maxRetries: 0 }).client.searchCount("product.template"))
    expect(slow).toMatchObject({ reason: "timeout" })
    await expect(clientFor({ timeoutMs: 3_000 }).client.searchCount("product.template")).resolves.toBeGreaterThan(0)
  })

  it("reports an HTML answer as a transport error, not retried", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "html" })
    const { client } = clientFor()
    const error = await failure(client.searchCount("product.template"))
    expect(error.kind).toBe("transport")
    expect(["non_json_body", "http_status"]).toContain(error.reason)
    expect(error.message).toMatch(/HTML page|text\/html/)
    expect(countOf(SEARCH_COUNT)).toBe(1)
  })

  it.each([
    ["truncated", "non_json_body"],
    ["not-json", "non_json_body"],
    ["no-result", "malformed_envelope"],
    ["wrong-id", "malformed_envelope"],
    ["wrong-version", "malformed_envelope"],
  ] as const)("reports a malformed answer (%s) as %s, not retried", async (variant, reason) => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "malformed-envelope", variant })
    const { client } = clientFor()
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", reason, retryable: false, attempts: 1 })
    expect(countOf(SEARCH_COUNT)).toBe(1)
  })

  it("retries Odoo's serialization failures (a JSON-RPC error), within maxRetries", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "jsonrpc-error", times: 1 })
    const { client } = clientFor()
    await expect(client.searchCount("product.template")).resolves.toBeGreaterThan(0)
    expect(countOf(SEARCH_COUNT)).toBe(2)

    emu.faults.inject({ ...SEARCH_COUNT, kind: "jsonrpc-error" })
    const error = await failure(clientFor({ maxRetries: 2 }).client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "server", odooName: "psycopg2.errors.SerializationFailure", retryable: true, attempts: 3 })
    expect(error.message).toBe(
      "Odoo product.template.search_count failed: SerializationFailure: could not serialize access due to concurrent update"
    )
  })

  it("never retries an injected access error", async () => {
    emu.faults.inject({ ...SEARCH_COUNT, kind: "jsonrpc-error", name: "odoo.exceptions.AccessError", message: "No." })
    const { client } = clientFor()
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "access", attempts: 1 })
    expect(countOf(SEARCH_COUNT)).toBe(1)
  })

  it("faults on authenticate are retried like any other call", async () => {
    emu.faults.inject({ service: "common", method: "authenticate", kind: "http502", times: 1 })
    const { client } = clientFor()
    await expect(client.authenticate()).resolves.toBe(emu.admin.uid)
    expect(countOf({ service: "common", method: "authenticate" })).toBe(2)
  })

  it("reports connection refused on a closed port, after maxRetries retries", async () => {
    const port = await closedPort()
    const { client, sleeps } = clientFor({ url: `http://127.0.0.1:${port}`, maxRetries: 2 })
    const error = await failure(client.version())
    expect(error).toMatchObject({ kind: "transport", reason: "connection_refused", retryable: true, attempts: 3 })
    expect(error.message).toMatch(/^Odoo common\.version failed: connection refused/)
    expect(sleeps).toHaveLength(2)
  })
})

describe("OdooClient against the Odoo emulator: a change is never sent twice", () => {
  const CREATE = { service: "object", model: "product.category", method: "create" } as const
  const categoriesNamed = (name: string) => emu.store.search("product.category", [["name", "=", name]])

  it("sends a create whose answer is dropped exactly once, and says the outcome is unknown", async () => {
    emu.faults.inject({ ...CREATE, kind: "drop", afterExecution: true })
    const { client, sleeps } = clientFor()
    const error = await failure(client.create("product.category", { name: "Dropped answer" }))
    expect(countOf(CREATE)).toBe(1)
    expect(sleeps).toEqual([])
    // Odoo applied it: one record, which a blind retry would have doubled.
    expect(categoriesNamed("Dropped answer")).toHaveLength(1)
    expect(error).toMatchObject({ kind: "transport", reason: "connection_reset", retryable: false, outcomeUnknown: true, attempts: 1 })
    expect(error.message).toMatch(/^Odoo product\.category\.create failed: connection reset/)
    expect(error.message).toContain("outcome unknown: the request may have reached Odoo and been applied, so create was not sent again")
  })

  it("sends a write once after a timeout or a 502, while a read is retried", async () => {
    const [id] = categoriesNamed("All")
    emu.faults.inject({ service: "object", model: "product.category", method: "write", kind: "hang", times: 1 })
    const timedOut = await failure(clientFor({ timeoutMs: 200 }).client.write("product.category", [id], { name: "All" }))
    expect(timedOut).toMatchObject({ reason: "timeout", outcomeUnknown: true })
    emu.faults.inject({ service: "object", model: "product.category", method: "write", kind: "http502", afterExecution: true, times: 1 })
    const badGateway = await failure(clientFor().client.write("product.category", [id], { name: "All" }))
    expect(badGateway).toMatchObject({ httpStatus: 502, outcomeUnknown: true })
    expect(countOf({ service: "object", model: "product.category", method: "write" })).toBe(2)

    emu.faults.inject({ service: "object", model: "product.category", method: "search_read", kind: "http502", times: 1 })
    await expect(clientFor().client.searchRead("product.category", { fields: ["name"] })).resolves.not.toHaveLength(0)
    expect(countOf({ service: "object", model: "product.category", method: "search_read" })).toBe(2)
  })

  it("sends a create again after a 503 (refused unprocessed), creating one record", async () => {
    emu.faults.inject({ ...CREATE, kind: "http503", times: 1 })
    const { client } = clientFor()
    await expect(client.create("product.category", { name: "After a 503" })).resolves.toBeGreaterThan(0)
    expect(countOf(CREATE)).toBe(2)
    expect(categoriesNamed("After a 503")).toHaveLength(1)
  })
})
