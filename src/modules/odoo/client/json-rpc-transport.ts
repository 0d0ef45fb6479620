/**
 * Odoo's external API over JSON-RPC (`POST {url}/jsonrpc`; deprecated by Odoo 19's JSON-2 API,
 * its services go in Odoo 22). json-rpc-2.0's JSONRPCClient builds requests and pairs responses
 * with them; this file does the HTTP exchange and checks everything the network may hand back
 * before the client sees it.
 */
import { JSONRPCClient, JSONRPCRequest, JSONRPCResponse } from "json-rpc-2.0"
import { parseRetryAfterMs } from "./backoff"
import { odooErrorFromRpcError } from "./classify"
import { buildOdooError, describeTarget, isOdooError, OdooCallTarget, OdooError, OdooFailureReason } from "./errors"
import { classifyNetworkFailure } from "./network-failures"
import { parseOdooJson } from "./odoo-json"
import { createRedactor, Redactor } from "./redact"
import {
  OdooRequest,
  OdooTransport,
  OdooTransportStats,
  targetOfRequest,
  TransportStatsRecorder,
} from "./transport"

export interface JsonRpcTransportOptions {
  /** Base URL of the Odoo server, e.g. `https://erp.example.com` (no trailing slash needed). */
  url: string
  dbName: string
  apiKey: string
  timeoutMs: number
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch
  /** Defaults to a redactor for `apiKey`. */
  redact?: Redactor
  now?: () => number
}

/** Per-request state handed through JSONRPCClient to `send`. */
interface Exchange {
  target: OdooCallTarget
  bytesSent: number
  bytesReceived: number
  failure?: OdooError
}

/** Statuses worth retrying: rate limiting and a proxy or load balancer without a healthy Odoo. */
const RETRYABLE_HTTP_STATUSES = new Set([429, 502, 503, 504])
const SNIPPET_LENGTH = 200

export class JsonRpcTransport implements OdooTransport {
  private readonly endpoint: string
  private readonly rpc: JSONRPCClient<Exchange>
  private readonly recorder = new TransportStatsRecorder()
  private readonly redact: Redactor
  private readonly fetchImpl: typeof fetch
  private readonly now: () => number
  private readonly dbName: string
  private readonly timeoutMs: number
  /** A #private field: invisible to util.inspect and JSON.stringify. */
  readonly #apiKey: string
  private nextId = 1

  constructor(options: JsonRpcTransportOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, "")}/jsonrpc`
    this.dbName = options.dbName
    this.timeoutMs = options.timeoutMs
    this.#apiKey = options.apiKey
    this.redact = options.redact ?? createRedactor([options.apiKey])
    this.fetchImpl = options.fetch ?? fetch
    this.now = options.now ?? Date.now
    this.rpc = new JSONRPCClient<Exchange>((payload: JSONRPCRequest, exchange: Exchange) =>
      this.send(payload, exchange)
    )
  }

  async call(request: OdooRequest): Promise<unknown> {
    const target = targetOfRequest(request)
    const exchange: Exchange = { target, bytesSent: 0, bytesReceived: 0 }
    const startedAt = this.now()
    let ok = false
    try {
      const rpcRequest: JSONRPCRequest = {
        jsonrpc: "2.0",
        id: this.nextId++,
        method: "call",
        params: this.paramsFor(request),
      }
      const response = await this.rpc.requestAdvanced(rpcRequest, exchange)
      // A failed send surfaces from JSONRPCClient as a generic error response: use ours instead.
      if (exchange.failure) throw exchange.failure
      if (response.error) throw odooErrorFromRpcError(response.error, target, this.redact)
      ok = true
      return response.result
    } finally {
      this.recorder.record(describeTarget(target), {
        ok,
        bytesSent: exchange.bytesSent,
        bytesReceived: exchange.bytesReceived,
        ms: this.now() - startedAt,
      })
    }
  }

  stats(): OdooTransportStats {
    return this.recorder.snapshot()
  }

  private paramsFor(request: OdooRequest): { service: string; method: string; args: unknown[] } {
    if (request.service === "common") {
      return { service: "common", method: request.method, args: request.args }
    }
    return {
      service: "object",
      method: "execute_kw",
      args: [this.dbName, request.uid, this.#apiKey, request.model, request.method, request.args, request.kwargs],
    }
  }

  private async send(payload: JSONRPCRequest, exchange: Exchange): Promise<void> {
    try {
      const body = await this.post(payload, exchange)
      this.rpc.receive(this.checkEnvelope(body, payload.id, exchange.target))
    } catch (error) {
      exchange.failure = isOdooError(error)
        ? error
        : this.transportError(exchange.target, "network", `unexpected failure: ${String(error)}`, false)
      throw exchange.failure
    }
  }

  /** One HTTP exchange; resolves with the parsed JSON body, rejects with a transport OdooError. */
  private async post(payload: JSONRPCRequest, exchange: Exchange): Promise<unknown> {
    const requestBody = JSON.stringify(payload)
    exchange.bytesSent = Buffer.byteLength(requestBody)
    const controller = new AbortController()
    // The timer covers the whole exchange, body included: a server may hang after the headers.
    const timer = setTimeout(() => controller.abort(), this.timeoutMs)
    let response: Response
    let bytes: Uint8Array
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: requestBody,
        signal: controller.signal,
        // A redirect here means a wrong URL (or http→https); following it would turn POST into GET.
        redirect: "manual",
      })
      bytes = new Uint8Array(await response.arrayBuffer())
    } catch (error) {
      const failure = classifyNetworkFailure(error, controller.signal.aborted, this.timeoutMs)
      throw buildOdooError(
        {
          kind: "transport",
          target: exchange.target,
          reason: failure.reason,
          detail: failure.detail,
          retryable: failure.retryable,
          requestNotSent: failure.requestNotSent,
        },
        this.redact
      )
    } finally {
      clearTimeout(timer)
    }
    exchange.bytesReceived = bytes.byteLength
    const text = new TextDecoder().decode(bytes)
    const contentType = response.headers.get("content-type") ?? ""
    if (response.status < 200 || response.status > 299) {
      throw this.httpStatusError(exchange.target, response, text, contentType)
    }
    if (/html/i.test(contentType)) {
      throw this.nonJsonError(exchange.target, contentType, text)
    }
    try {
      // Python's json writes NaN and infinities as bare words: read as null, not a failed page.
      return parseOdooJson(text)
    } catch {
      throw this.nonJsonError(exchange.target, contentType, text)
    }
  }

  private httpStatusError(target: OdooCallTarget, response: Response, text: string, contentType: string): OdooError {
    const status = response.status
    const location = response.headers.get("location")
    const redirect = status >= 300 && status < 400 && location ? ` redirecting to ${location}` : ""
    const snippet = describeBody(text, contentType)
    const statusLine = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`
    return buildOdooError(
      {
        kind: "transport",
        target,
        reason: "http_status",
        detail: `${statusLine}${redirect}${snippet ? `: ${snippet}` : ""}`,
        retryable: RETRYABLE_HTTP_STATUSES.has(status),
        httpStatus: status,
        retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after"), this.now()),
      },
      this.redact
    )
  }

  private nonJsonError(target: OdooCallTarget, contentType: string, text: string): OdooError {
    const what = contentType || "no content type"
    const snippet = describeBody(text, contentType)
    return this.transportError(
      target,
      "non_json_body",
      `expected a JSON-RPC response, got ${what}${snippet ? `: ${snippet}` : ""}`,
      false
    )
  }

  /** Checks the JSON-RPC 2.0 envelope; returns it typed for JSONRPCClient.receive. */
  private checkEnvelope(body: unknown, expectedId: JSONRPCRequest["id"], target: OdooCallTarget): JSONRPCResponse {
    const malformed = (problem: string): OdooError =>
      this.transportError(target, "malformed_envelope", `malformed JSON-RPC response: ${problem}`, false)
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw malformed(`expected an object, got ${Array.isArray(body) ? "an array" : typeof body}`)
    }
    const envelope = body as Record<string, unknown>
    if (envelope.jsonrpc !== "2.0") throw malformed(`"jsonrpc" is ${shortJson(envelope.jsonrpc)}, not "2.0"`)
    if (envelope.id !== expectedId) {
      throw malformed(`id ${shortJson(envelope.id)} does not match the request's id ${shortJson(expectedId)}`)
    }
    const hasResult = "result" in envelope
    const hasError = "error" in envelope && envelope.error !== null
    if (hasResult === hasError) throw malformed(hasResult ? "both result and error" : "neither result nor error")
    if (!hasError) return { jsonrpc: "2.0", id: expectedId ?? null, result: envelope.result }
    const error = envelope.error
    if (typeof error !== "object" || error === null || Array.isArray(error)) {
      throw malformed(`"error" is ${shortJson(error)}, not an object`)
    }
    const { code, message, data } = error as Record<string, unknown>
    return {
      jsonrpc: "2.0",
      id: expectedId ?? null,
      error: {
        code: typeof code === "number" ? code : 0,
        message: typeof message === "string" ? message : "",
        data,
      },
    }
  }

  private transportError(
    target: OdooCallTarget,
    reason: OdooFailureReason,
    detail: string,
    retryable: boolean
  ): OdooError {
    return buildOdooError({ kind: "transport", target, reason, detail, retryable }, this.redact)
  }
}

function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value)
  return json.length > 40 ? `${json.slice(0, 40)}…` : json
}

/** A one-line description of a body: an HTML page's title, or the start of the text. */
function describeBody(text: string, contentType: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
  if (title) return `HTML page "${title}"`
  const withoutTags = /html/i.test(contentType) ? text.replace(/<[^>]*>/g, " ") : text
  const oneLine = withoutTags.replace(/\s+/g, " ").trim()
  return oneLine.length > SNIPPET_LENGTH ? `${oneLine.slice(0, SNIPPET_LENGTH)}…` : oneLine
}
