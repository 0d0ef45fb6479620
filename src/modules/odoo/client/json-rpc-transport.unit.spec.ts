import { loadOdooSamples, OdooSample, RECORDED_API_KEY } from "../__tests__/odoo-samples"
import { isOdooError, OdooError } from "./errors"
import { JsonRpcTransport } from "./json-rpc-transport"
import type { OdooRequest } from "./transport"

interface RecordedParams {
  service: "common" | "object"
  method: string
  args: unknown[]
}

type FetchHandler = (sentBody: { id: number; params: RecordedParams }, signal: AbortSignal) => Promise<Response> | Response

function transportWith(
  handler: FetchHandler,
  timeoutMs = 1000,
  credentials = { dbName: "odoo_medusa", apiKey: RECORDED_API_KEY }
): { transport: JsonRpcTransport; sent: unknown[] } {
  const sent: unknown[] = []
  const fakeFetch = async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { id: number; params: RecordedParams }
    sent.push(body)
    if (!init?.signal) throw new Error("the transport must pass an AbortSignal")
    return handler(body, init.signal)
  }
  const transport = new JsonRpcTransport({
    url: "http://odoo.test/",
    ...credentials,
    timeoutMs,
    fetch: fakeFetch,
  })
  return { transport, sent }
}

/** The recorded request, as the client would hand it to the transport. */
function requestOf(params: RecordedParams): OdooRequest {
  if (params.service === "object" && params.method === "execute_kw") {
    const [, uid, , model, method, args, kwargs] = params.args
    return {
      service: "object",
      uid: Number(uid),
      model: String(model),
      method: String(method),
      args: args as unknown[],
      kwargs: (kwargs ?? {}) as Record<string, unknown>,
    }
  }
  return { service: "common", method: params.method, args: params.args }
}

/** Answers with the recorded response, its id rewritten to the request's (as Odoo echoes it). */
function replay(sample: OdooSample): FetchHandler {
  return (sentBody) => {
    const isJson = sample.contentType.startsWith("application/json")
    const body = isJson ? JSON.stringify({ ...JSON.parse(sample.body), id: sentBody.id }) : sample.body
    return new Response(body, { status: sample.httpStatus, headers: { "content-type": sample.contentType } })
  }
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

const samples = loadOdooSamples()
const jsonRpcSamples = samples.filter((sample) => sample.request.path === "/jsonrpc" && sample.request.body !== undefined)

describe("JsonRpcTransport replaying the recorded Odoo 18 exchanges", () => {
  it.each(jsonRpcSamples.map((sample) => [sample.file, sample] as const))("%s", async (_file, sample) => {
    const recorded = (sample.request.body as { params: RecordedParams }).params
    const isExecuteKw = recorded.method === "execute_kw"
    const credentials = {
      dbName: isExecuteKw ? String(recorded.args[0]) : "odoo_medusa",
      apiKey: isExecuteKw ? String(recorded.args[2]) : RECORDED_API_KEY,
    }
    const { transport, sent } = transportWith(replay(sample), 1000, credentials)
    const outcome = transport.call(requestOf(recorded))
    const response = JSON.parse(sample.body) as { result?: unknown; error?: { data: { name: string } } }
    if (response.error) {
      const error = await failure(outcome)
      expect(error.odooName).toBe(response.error.data.name)
    } else {
      await expect(outcome).resolves.toEqual(response.result)
    }
    // What went over the wire is exactly what was recorded (apart from the id; the transport only
    // speaks the two services Odoo has).
    const wireParams = recorded.service === "object" ? recorded : { ...recorded, service: "common" }
    expect(sent).toEqual([{ jsonrpc: "2.0", id: 1, method: "call", params: wireParams }])
  })

  it.each([
    ["30_http_wrong_path.html", 404, 'HTTP 404: HTML page "Page Not Found | My Website"'],
    ["30b_http_get_jsonrpc.html", 400, "HTTP 400: Invalid JSON data"],
    ["30c_http_malformed_json.html", 400, "HTTP 400: Invalid JSON data"],
    ["40_json2_search_read.html", 303, 'HTTP 303: HTML page "Redirecting..."'],
  ])("reports the HTML answer %s as a transport error", async (file, status, detail) => {
    const sample = samples.find((candidate) => candidate.file === file)
    if (!sample) throw new Error(`sample ${file} missing`)
    const { transport } = transportWith(replay(sample))
    const error = await failure(transport.call({ service: "common", method: "version", args: [] }))
    expect(error).toMatchObject({
      kind: "transport",
      reason: "http_status",
      httpStatus: status,
      retryable: false,
      message: `Odoo common.version failed: ${detail}`,
    })
  })
})

describe("JsonRpcTransport failure detection", () => {
  const searchRead: OdooRequest = {
    service: "object",
    model: "product.template",
    method: "search_read",
    args: [[]],
    kwargs: {},
    uid: 2,
  }
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

  it.each([
    ["HTML with status 200", () => new Response("<html><title>Login</title></html>", { headers: { "content-type": "text/html" } }), "non_json_body"],
    ["a body that is not JSON", () => new Response("{\"jsonrpc\": \"2.0\", \"id\"", { headers: { "content-type": "application/json" } }), "non_json_body"],
    ["an array", () => json([]), "malformed_envelope"],
    ["no jsonrpc member", (id: number) => json({ id, result: 1 }), "malformed_envelope"],
    ["a wrong id", (id: number) => json({ jsonrpc: "2.0", id: id + 1, result: 1 }), "malformed_envelope"],
    ["neither result nor error", (id: number) => json({ jsonrpc: "2.0", id }), "malformed_envelope"],
    ["both result and error", (id: number) => json({ jsonrpc: "2.0", id, result: 1, error: { code: 1, message: "x" } }), "malformed_envelope"],
    ["an error that is not an object", (id: number) => json({ jsonrpc: "2.0", id, error: "boom" }), "malformed_envelope"],
  ])("detects %s", async (_what, respond, reason) => {
    const { transport } = transportWith((sentBody) => respond(sentBody.id))
    const error = await failure(transport.call(searchRead))
    expect(error).toMatchObject({ kind: "transport", reason, retryable: false, model: "product.template", method: "search_read" })
    expect(error.message).toMatch(/^Odoo product\.template\.search_read failed: /)
  })

  it.each([
    [429, true],
    [500, false],
    [502, true],
    [503, true],
    [504, true],
    [401, false],
  ])("HTTP %i is a transport error, retryable: %s", async (status, retryable) => {
    const { transport } = transportWith(() => new Response("busy", { status, headers: { "retry-after": "2" } }))
    const error = await failure(transport.call(searchRead))
    expect(error).toMatchObject({ kind: "transport", reason: "http_status", httpStatus: status, retryable, retryAfterMs: 2000 })
  })

  it("classifies connection refused and reset from undici's error chain", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:1"), { code: "ECONNREFUSED" })]), { code: "ECONNREFUSED" }),
    })
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    })
    const refusedError = await failure(transportWith(() => Promise.reject(refused)).transport.call(searchRead))
    expect(refusedError).toMatchObject({ kind: "transport", reason: "connection_refused", retryable: true })
    const resetError = await failure(transportWith(() => Promise.reject(reset)).transport.call(searchRead))
    expect(resetError).toMatchObject({ kind: "transport", reason: "connection_reset", retryable: true })
  })

  it("times out a request that gets no answer", async () => {
    const hang: FetchHandler = (_body, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))
    const error = await failure(transportWith(hang, 30).transport.call(searchRead))
    expect(error).toMatchObject({ kind: "transport", reason: "timeout", retryable: true })
    expect(error.message).toBe("Odoo product.template.search_read failed: no answer within 30 ms (timed out)")
  })

  it("reads the NaN and infinities Python's json writes as null, instead of failing the call", async () => {
    const { transport } = transportWith(
      (sentBody) =>
        new Response(`{"jsonrpc": "2.0", "id": ${sentBody.id}, "result": [{"id": 7, "name": "NaN", "lst_price": NaN, "weight": -Infinity}]}`, {
          status: 200,
          headers: { "content-type": "application/json" },
        })
    )
    expect(await transport.call(searchRead)).toEqual([{ id: 7, name: "NaN", lst_price: null, weight: null }])
  })

  it("passes false and null results through", async () => {
    const { transport } = transportWith((sentBody) => json({ jsonrpc: "2.0", id: sentBody.id, result: false }))
    await expect(transport.call({ service: "common", method: "authenticate", args: [] })).resolves.toBe(false)
    const nullResult = transportWith((sentBody) => json({ jsonrpc: "2.0", id: sentBody.id, result: null }))
    await expect(nullResult.transport.call(searchRead)).resolves.toBeNull()
  })

  it("counts calls and bytes per model and method", async () => {
    const { transport } = transportWith((sentBody) =>
      sentBody.params.method === "version" ? json({ jsonrpc: "2.0", id: sentBody.id, result: { v: 1 } }) : new Response("x", { status: 502 })
    )
    await transport.call({ service: "common", method: "version", args: [] })
    await failure(transport.call(searchRead))
    const stats = transport.stats()
    const versionBytes = Buffer.byteLength(JSON.stringify({ jsonrpc: "2.0", id: 1, result: { v: 1 } }))
    expect(stats).toMatchObject({ requests: 2, failures: 1, bytesReceived: versionBytes + 1 })
    expect(stats.bytesSent).toBeGreaterThan(0)
    expect(stats.byCall["common.version"]).toMatchObject({ calls: 1, failures: 0, bytesReceived: versionBytes })
    expect(stats.byCall["product.template.search_read"]).toMatchObject({ calls: 1, failures: 1, bytesReceived: 1 })
  })

  it("never puts the key into an error, even when the server echoes it", async () => {
    const echo = `bad key ${RECORDED_API_KEY} / ${Buffer.from(RECORDED_API_KEY).toString("base64")}`
    const answers: FetchHandler[] = [
      () => new Response(`<html><title>${echo}</title></html>`, { status: 500, headers: { "content-type": "text/html" } }),
      () => new Response(echo, { status: 200, headers: { "content-type": "text/plain" } }),
      (sentBody) => json({ jsonrpc: "2.0", id: sentBody.id, error: { code: 200, message: echo, data: { name: "builtins.ValueError", message: echo, debug: echo } } }),
      () => Promise.reject(Object.assign(new TypeError(echo), { cause: { code: "ECONNRESET" } })),
    ]
    for (const answer of answers) {
      const error = await failure(transportWith(answer).transport.call(searchRead))
      for (const text of [error.message, String(error.stack), JSON.stringify(error), String(error.debug)]) {
        expect(text).not.toContain(RECORDED_API_KEY)
        expect(text).not.toContain(Buffer.from(RECORDED_API_KEY).toString("base64"))
      }
    }
  })
})
