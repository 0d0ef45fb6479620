import { inspect } from "util"
import { loadOdooSample, RECORDED_API_KEY } from "../__tests__/odoo-samples"
import { odooErrorFromRpcError } from "./classify"
import { OdooClient } from "./client"
import { buildOdooError, describeTarget, isOdooError, OdooError, OdooErrorFields } from "./errors"
import { createRedactor } from "./redact"
import { OdooRequest, OdooTransport, OdooTransportStats, targetOfRequest } from "./transport"

const redact = createRedactor([RECORDED_API_KEY])
const config = { url: "http://odoo.test", dbName: "odoo_medusa", username: "admin", apiKey: RECORDED_API_KEY }

type Answer = unknown | ((request: OdooRequest) => unknown)

/** A transport that answers from a script: per `model.method` key, one answer per call (last repeats). */
class ScriptedTransport implements OdooTransport {
  readonly requests: OdooRequest[] = []
  constructor(private readonly script: Record<string, Answer[]>) {}

  async call(request: OdooRequest): Promise<unknown> {
    this.requests.push(request)
    const key = describeTarget(targetOfRequest(request))
    const answers = this.script[key]
    if (!answers) throw new Error(`unscripted call ${key}`)
    const calls = this.requests.filter((sent) => describeTarget(targetOfRequest(sent)) === key).length
    const answer = answers[Math.min(calls, answers.length) - 1]
    const value = typeof answer === "function" ? answer(request) : answer
    if (value instanceof Error) throw value
    return value
  }

  count(key: string): number {
    return this.requests.filter((sent) => describeTarget(targetOfRequest(sent)) === key).length
  }

  stats(): OdooTransportStats {
    return { requests: this.requests.length, failures: 0, bytesSent: 0, bytesReceived: 0, byCall: {} }
  }
}

function recordedError(file: string, model: string, method: string): OdooError {
  const body = JSON.parse(loadOdooSample(file).body) as { error: unknown }
  return odooErrorFromRpcError(body.error, { service: "object", model, method }, redact)
}

function transportError(fields: Partial<OdooErrorFields> = {}): OdooError {
  return buildOdooError(
    {
      kind: "transport",
      target: { service: "object", model: "product.template", method: "search_count" },
      reason: "connection_reset",
      detail: "connection reset",
      retryable: true,
      ...fields,
    },
    redact
  )
}

function clientWith(script: Record<string, Answer[]>, maxRetries = 3) {
  const transport = new ScriptedTransport({ "common.authenticate": [2], ...script })
  const sleeps: number[] = []
  const lines: string[] = []
  const log = (message: string): void => {
    lines.push(message)
  }
  const client = new OdooClient(
    { ...config, maxRetries },
    {
      transport,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
      random: () => 0.5,
      logger: { debug: log, info: log, warn: log, error: log },
    }
  )
  return { client, transport, sleeps, lines }
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

describe("OdooClient authentication", () => {
  it("authenticates once and caches the uid, also for concurrent callers", async () => {
    const { client, transport } = clientWith({ "product.template.search_count": [31] })
    await expect(Promise.all([client.authenticate(), client.authenticate()])).resolves.toEqual([2, 2])
    await client.searchCount("product.template")
    expect(transport.count("common.authenticate")).toBe(1)
    expect(transport.requests[0]).toEqual({
      service: "common",
      method: "authenticate",
      args: ["odoo_medusa", "admin", RECORDED_API_KEY, {}],
    })
    expect(client.stats()).toMatchObject({ authentications: 1, reauthentications: 0, retries: 0 })
  })

  it("reports authenticate's false as an authentication error naming db and user, not the key", async () => {
    const { client, transport } = clientWith({ "common.authenticate": [false] })
    const error = await failure(client.searchRead("product.template"))
    expect(error).toMatchObject({ kind: "authentication", name: "OdooAuthenticationError", retryable: false, method: "authenticate" })
    expect(error.message).toBe(
      'Odoo common.authenticate failed: authentication refused for user "admin" on database "odoo_medusa" (wrong API key, unknown login or inactive user)'
    )
    expect(JSON.stringify(error) + error.stack).not.toContain(RECORDED_API_KEY)
    expect(transport.count("common.authenticate")).toBe(1)
    expect(transport.count("product.template.search_read")).toBe(0)
  })

  it("re-authenticates exactly once after an AccessDenied, then retries the call", async () => {
    const accessDenied = recordedError("04_execute_kw_wrong_key.json", "product.template", "search_count")
    const { client, transport, lines } = clientWith({
      "common.authenticate": [2, 7],
      "product.template.search_count": [accessDenied, 31],
    })
    await expect(client.searchCount("product.template")).resolves.toBe(31)
    expect(transport.count("common.authenticate")).toBe(2)
    const uids = transport.requests.flatMap((request) => (request.service === "object" ? [request.uid] : []))
    expect(uids).toEqual([2, 7])
    expect(client.stats()).toMatchObject({ authentications: 2, reauthentications: 1 })
    expect(lines.some((line) => line.includes("authenticating again"))).toBe(true)
  })

  it("reports a second AccessDenied as an authentication error", async () => {
    const accessDenied = recordedError("04_execute_kw_wrong_key.json", "product.template", "search_count")
    const { client, transport } = clientWith({ "product.template.search_count": [accessDenied] })
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "authentication", odooName: "odoo.exceptions.AccessDenied" })
    expect(error.message).toBe("Odoo product.template.search_count failed: AccessDenied: Access Denied")
    expect(transport.count("common.authenticate")).toBe(2)
    expect(transport.count("product.template.search_count")).toBe(2)
  })

  it("stops when re-authentication itself is refused", async () => {
    const accessDenied = recordedError("04_execute_kw_wrong_key.json", "product.template", "search_count")
    const { client, transport } = clientWith({
      "common.authenticate": [2, false],
      "product.template.search_count": [accessDenied],
    })
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "authentication", method: "authenticate" })
    expect(transport.count("product.template.search_count")).toBe(1)
  })
})

describe("OdooClient retries", () => {
  it("retries transport failures with backoff and succeeds", async () => {
    const { client, sleeps, lines } = clientWith({
      "product.template.search_count": [transportError(), transportError({ reason: "timeout" }), 31],
    })
    await expect(client.searchCount("product.template")).resolves.toBe(31)
    expect(sleeps).toEqual([100, 200])
    expect(client.stats().retries).toBe(2)
    expect(lines.filter((line) => line.includes("retry"))).toHaveLength(2)
    expect(lines.join("\n")).not.toContain(RECORDED_API_KEY)
  })

  it("gives up after maxRetries retries and says how many attempts it made", async () => {
    const { client, transport, sleeps } = clientWith({ "product.template.search_count": [transportError()] }, 2)
    const error = await failure(client.searchCount("product.template"))
    expect(error).toMatchObject({ kind: "transport", attempts: 3 })
    expect(error.toJSON().attempts).toBe(3)
    expect(transport.count("product.template.search_count")).toBe(3)
    expect(sleeps).toEqual([100, 200])
  })

  it("does not retry when maxRetries is 0", async () => {
    const { client, transport } = clientWith({ "product.template.search_count": [transportError()] }, 0)
    await failure(client.searchCount("product.template"))
    expect(transport.count("product.template.search_count")).toBe(1)
  })

  it("waits at least Retry-After (within the cap) after an HTTP 429", async () => {
    const tooMany = transportError({ reason: "http_status", httpStatus: 429, retryAfterMs: 1500 })
    const slowDown = transportError({ reason: "http_status", httpStatus: 503, retryAfterMs: 60_000 })
    const { client, sleeps } = clientWith({ "product.template.search_count": [tooMany, slowDown, 31] })
    await expect(client.searchCount("product.template")).resolves.toBe(31)
    expect(sleeps).toEqual([1500, 5000])
  })

  it("retries serialization failures", async () => {
    const conflict = odooErrorFromRpcError(
      {
        code: 200,
        message: "Odoo Server Error",
        data: { name: "psycopg2.errors.SerializationFailure", message: "could not serialize access due to concurrent update" },
      },
      { service: "object", model: "product.template", method: "write" },
      redact
    )
    const { client, transport } = clientWith({ "product.template.write": [conflict, true] })
    await expect(client.write("product.template", [1], { name: "x" })).resolves.toBe(true)
    expect(transport.count("product.template.write")).toBe(2)
  })

  it.each([
    ["access", "17_access_error_portal_user.json"],
    ["invalid_request", "19_bad_field_name_in_fields.json"],
    ["not_found", undefined],
  ])("never retries %s errors", async (kind, file) => {
    const error = file
      ? recordedError(file, "product.template", "search_read")
      : odooErrorFromRpcError(
          { code: 200, message: "", data: { name: "odoo.exceptions.MissingError", message: "Record does not exist" } },
          { service: "object", model: "product.template", method: "search_read" },
          redact
        )
    const { client, transport } = clientWith({ "product.template.search_read": [error, []] })
    expect(await failure(client.searchRead("product.template"))).toMatchObject({ kind, attempts: 1 })
    expect(transport.count("product.template.search_read")).toBe(1)
    expect(client.stats().retries).toBe(0)
  })
})

describe("OdooClient retries by method: reads again, changes never twice", () => {
  const failureOf = (method: string, fields: Partial<OdooErrorFields>) =>
    transportError({ target: { service: "object", model: "sale.order", method }, ...fields })
  const timeout = { reason: "timeout" as const, detail: "no answer within 30000 ms (timed out)" }
  const reset = { reason: "connection_reset" as const, detail: "connection reset (UND_ERR_SOCKET): other side closed" }
  const badGateway = { reason: "http_status" as const, httpStatus: 502, detail: "HTTP 502 Bad Gateway" }
  const gatewayTimeout = { reason: "http_status" as const, httpStatus: 504, detail: "HTTP 504 Gateway Timeout" }

  it.each([
    ["a timeout", timeout],
    ["a dropped connection", reset],
    ["a 502", badGateway],
    ["a 504", gatewayTimeout],
  ])("retries a read after %s", async (_label, fields) => {
    const { client, transport } = clientWith({ "sale.order.search_read": [failureOf("search_read", fields), [{ id: 1 }]] })
    await expect(client.searchRead("sale.order")).resolves.toEqual([{ id: 1 }])
    expect(transport.count("sale.order.search_read")).toBe(2)
  })

  it.each([
    ["create", "a timeout", timeout],
    ["create", "a dropped connection", reset],
    ["write", "a 502", badGateway],
    ["unlink", "a 504", gatewayTimeout],
    ["action_confirm", "a timeout", timeout],
    ["button_validate", "a dropped connection", reset],
    ["some_custom_method", "a timeout", timeout],
  ])("sends %s once after %s, and says the outcome is unknown", async (method, _label, fields) => {
    const { client, transport } = clientWith({ [`sale.order.${method}`]: [failureOf(method, fields), 7] })
    const call =
      method === "create"
        ? client.create("sale.order", { partner_id: 3 })
        : method === "write"
          ? client.write("sale.order", [7], { note: "x" })
          : client.call("sale.order", method, [[7]])
    const error = await failure(call)
    expect(transport.count(`sale.order.${method}`)).toBe(1)
    expect(client.stats().retries).toBe(0)
    expect(error).toMatchObject({ kind: "transport", reason: fields.reason, retryable: false, outcomeUnknown: true, attempts: 1 })
    expect(error.message).toContain(`Odoo sale.order.${method} failed: ${fields.detail}`)
    expect(error.message).toContain(`outcome unknown: the request may have reached Odoo and been applied, so ${method} was not sent again`)
    expect(error.toJSON()).toMatchObject({ outcomeUnknown: true, retryable: false })
  })

  it.each([
    ["connection refused", { reason: "connection_refused" as const, detail: "connection refused (ECONNREFUSED)" }],
    ["a DNS failure", { reason: "network" as const, requestNotSent: true, detail: "network error (EAI_AGAIN): getaddrinfo" }],
    ["a 429", { reason: "http_status" as const, httpStatus: 429, detail: "HTTP 429" }],
    ["a 503", { reason: "http_status" as const, httpStatus: 503, detail: "HTTP 503" }],
  ])("retries a create after %s: Odoo provably did not apply it", async (_label, fields) => {
    const { client, transport } = clientWith({ "sale.order.create": [failureOf("create", fields), 7] })
    await expect(client.create("sale.order", { partner_id: 3 })).resolves.toBe(7)
    expect(transport.count("sale.order.create")).toBe(2)
  })

  it("stops at the first failure that may have reached Odoo, after earlier ones that provably did not", async () => {
    const { client, transport } = clientWith({
      "sale.order.create": [failureOf("create", { reason: "http_status", httpStatus: 503 }), failureOf("create", timeout), 7],
    })
    const error = await failure(client.create("sale.order", { partner_id: 3 }))
    expect(error).toMatchObject({ outcomeUnknown: true, attempts: 2 })
    expect(transport.count("sale.order.create")).toBe(2)
  })

  it("reports a change refused every time (503) as such, not as an unknown outcome", async () => {
    const { client, transport } = clientWith(
      { "sale.order.write": [failureOf("write", { reason: "http_status", httpStatus: 503 })] },
      1
    )
    const error = await failure(client.write("sale.order", [7], { note: "x" }))
    expect(error.outcomeUnknown).toBeUndefined()
    expect(error).toMatchObject({ httpStatus: 503, retryable: true, attempts: 2 })
    expect(transport.count("sale.order.write")).toBe(2)
  })
})

describe("OdooClient calls", () => {
  it("sends the ORM methods' arguments as Odoo expects them, without undefined options", async () => {
    const { client, transport } = clientWith({
      "product.template.search_read": [[{ id: 1, name: "Desk" }]],
      "product.template.read": [[{ id: 1 }]],
      "product.template.search": [[1, 2]],
      "product.template.search_count": [2],
      "product.template.fields_get": [{ name: { type: "char" } }],
      "product.template.create": [(request: OdooRequest) => (Array.isArray(request.args[0]) ? [5, 6] : 5)],
      "product.template.write": [true],
      "product.template.name_search": [[[1, "Desk"]]],
    })
    const context = { active_test: false }
    await expect(
      client.searchRead("product.template", { domain: [["sale_ok", "=", true]], fields: ["name"], limit: 10, order: "id", context })
    ).resolves.toEqual([{ id: 1, name: "Desk" }])
    await expect(client.read("product.template", [1], { fields: ["name"] })).resolves.toEqual([{ id: 1 }])
    await expect(client.search("product.template", { offset: 5 })).resolves.toEqual([1, 2])
    await expect(client.searchCount("product.template", { context })).resolves.toBe(2)
    await expect(client.fieldsGet("product.template", { attributes: ["type"] })).resolves.toEqual({ name: { type: "char" } })
    await expect(client.create("product.template", { name: "A" })).resolves.toBe(5)
    await expect(client.create("product.template", [{ name: "A" }, { name: "B" }])).resolves.toEqual([5, 6])
    await expect(client.write("product.template", [1], { name: "C" })).resolves.toBe(true)
    await expect(client.call("product.template", "name_search", [], { name: "desk", limit: 5 })).resolves.toEqual([[1, "Desk"]])

    const sent = transport.requests.filter((request) => request.service === "object")
    expect(sent.map(({ method, args, kwargs }) => ({ method, args, kwargs }))).toEqual([
      { method: "search_read", args: [[["sale_ok", "=", true]]], kwargs: { fields: ["name"], limit: 10, order: "id", context } },
      { method: "read", args: [[1]], kwargs: { fields: ["name"] } },
      { method: "search", args: [[]], kwargs: { offset: 5 } },
      { method: "search_count", args: [[]], kwargs: { context } },
      { method: "fields_get", args: [], kwargs: { attributes: ["type"] } },
      { method: "create", args: [{ name: "A" }], kwargs: {} },
      { method: "create", args: [[{ name: "A" }, { name: "B" }]], kwargs: {} },
      { method: "write", args: [[1], { name: "C" }], kwargs: {} },
      { method: "name_search", args: [], kwargs: { name: "desk", limit: 5 } },
    ])
    expect(sent.every((request) => request.service === "object" && request.uid === 2 && request.model === "product.template")).toBe(true)
  })

  it("refuses private methods locally, as Odoo would", async () => {
    const { client, transport } = clientWith({})
    const error = await failure(client.call("product.template", "_get_combination_info"))
    expect(error).toMatchObject({ kind: "access", odooName: "odoo.exceptions.AccessError", retryable: false })
    expect(error.message).toBe(
      "Odoo product.template._get_combination_info failed: AccessError: Private methods (such as 'product.template._get_combination_info') cannot be called remotely."
    )
    expect(transport.requests).toHaveLength(0)
  })

  it("reports results of the wrong shape", async () => {
    const { client } = clientWith({
      "product.template.search_read": [{ id: 1 }],
      "product.template.search_count": ["3"],
      "product.template.write": [null],
    })
    expect(await failure(client.searchRead("product.template"))).toMatchObject({
      kind: "server",
      reason: "unexpected_result",
      message: "Odoo product.template.search_read failed: unexpected result: expected a list of records, got object",
    })
    expect(await failure(client.searchCount("product.template"))).toMatchObject({ reason: "unexpected_result" })
    expect(await failure(client.write("product.template", [1], {}))).toMatchObject({ reason: "unexpected_result" })
  })

  it("reads the server version without authenticating", async () => {
    const version = JSON.parse(loadOdooSample("01_common_version.json").body).result
    const { client, transport } = clientWith({ "common.version": [version] })
    await expect(client.version()).resolves.toEqual(version)
    expect(transport.count("common.authenticate")).toBe(0)
  })
})

describe("OdooClient and the key", () => {
  it("keeps the key out of util.inspect and JSON.stringify of the client", () => {
    const client = new OdooClient(config)
    expect(inspect(client, { depth: Infinity, showHidden: true })).not.toContain(RECORDED_API_KEY)
    expect(JSON.stringify(client)).not.toContain(RECORDED_API_KEY)
  })
})
