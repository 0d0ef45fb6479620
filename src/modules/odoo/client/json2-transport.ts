/**
 * Odoo's external JSON-2 API (Odoo 19+): `POST {url}/json/2/<model>/<method>` with
 * `Authorization: bearer <key>` and `X-Odoo-Database`, the method's arguments named in a JSON
 * body (`ids` for record methods, `context`), the return value as the body, errors as HTTP 4xx/5xx
 * with `{ name, message, arguments, context, debug }`. The version is `GET {url}/json/version`.
 * There is no login: the key names the user; the uid comes from `res.users.context_get`.
 */
import { parseRetryAfterMs } from "./backoff"
import { classifyOdooException, shortExceptionName } from "./classify"
import { buildOdooError, describeTarget, OdooCallTarget, OdooError, OdooFailureReason } from "./errors"
import { classifyNetworkFailure } from "./network-failures"
import { parseOdooJson } from "./odoo-json"
import type { JsonRpcTransportOptions } from "./json-rpc-transport"
import { createRedactor, Redactor } from "./redact"
import { OdooObjectRequest, OdooRequest, OdooTransport, OdooTransportStats, targetOfRequest, TransportStatsRecorder } from "./transport"

/** The same connection settings as the JSON-RPC transport's. */
export type Json2TransportOptions = JsonRpcTransportOptions

/**
 * The names of the positional parameters of the ORM methods the integration calls, as Odoo
 * declares them: JSON-2 takes named arguments only. Record methods take `ids` first.
 */
const MODEL_METHOD_PARAMS: Record<string, string[]> = {
  search_read: ["domain", "fields", "offset", "limit", "order"],
  search: ["domain", "offset", "limit", "order"],
  search_count: ["domain", "limit"],
  fields_get: ["allfields", "attributes"],
  create: ["vals_list"],
  name_search: ["name", "domain", "operator", "limit"],
  check_access_rights: ["operation", "raise_exception"],
  context_get: [],
  default_get: ["fields_list"],
}
const RECORD_METHOD_PARAMS: Record<string, string[]> = {
  read: ["fields", "load"],
  write: ["vals"],
  unlink: [],
  has_access: ["operation"],
  action_confirm: [],
  action_cancel: [],
  action_archive: [],
  action_unarchive: [],
  button_validate: [],
  web_read: ["specification"],
  copy: ["default"],
}

const RETRYABLE_HTTP_STATUSES = new Set([429, 502, 503, 504])

export class Json2Transport implements OdooTransport {
  private readonly baseUrl: string
  private readonly recorder = new TransportStatsRecorder()
  private readonly redact: Redactor
  private readonly fetchImpl: typeof fetch
  private readonly now: () => number
  private readonly dbName: string
  private readonly timeoutMs: number
  readonly #apiKey: string

  constructor(options: Json2TransportOptions) {
    this.baseUrl = options.url.replace(/\/+$/, "")
    this.dbName = options.dbName
    this.timeoutMs = options.timeoutMs
    this.#apiKey = options.apiKey
    this.redact = options.redact ?? createRedactor([options.apiKey])
    this.fetchImpl = options.fetch ?? fetch
    this.now = options.now ?? Date.now
  }

  async call(request: OdooRequest): Promise<unknown> {
    const target = targetOfRequest(request)
    const startedAt = this.now()
    const exchange = { ok: false, bytesSent: 0, bytesReceived: 0 }
    try {
      const result = await this.dispatch(request, target, exchange)
      exchange.ok = true
      return result
    } finally {
      this.recorder.record(describeTarget(target), {
        ok: exchange.ok,
        bytesSent: exchange.bytesSent,
        bytesReceived: exchange.bytesReceived,
        ms: this.now() - startedAt,
      })
    }
  }

  stats(): OdooTransportStats {
    return this.recorder.snapshot()
  }

  private async dispatch(request: OdooRequest, target: OdooCallTarget, exchange: Exchange): Promise<unknown> {
    if (request.service === "common") {
      if (request.method === "version") return this.version(target, exchange)
      if (request.method === "authenticate") return this.uid(target, exchange)
      throw this.failure(target, "server", `common.${request.method} has no JSON-2 equivalent`, false)
    }
    const body = this.namedArguments(request, target)
    const result = await this.exchange(`/json/2/${request.model}/${request.method}`, body, target, exchange)
    // create with one dict: JSON-2 returns the new records' ids; JSON-RPC returned the id itself.
    if (request.method === "create" && !Array.isArray(request.args[0]) && Array.isArray(result) && result.length === 1) {
      return result[0]
    }
    return result
  }

  /** `GET /json/version` → the shape of JSON-RPC's `common.version`. */
  private async version(target: OdooCallTarget, exchange: Exchange): Promise<unknown> {
    const answer = await this.exchange("/json/version", undefined, target, exchange)
    const { version, version_info: info } = (answer ?? {}) as { version?: unknown; version_info?: unknown }
    if (typeof version !== "string" || !Array.isArray(info)) {
      throw this.failure(target, "server", "unexpected result: expected { version, version_info }", false, "unexpected_result")
    }
    return { server_version: version, server_version_info: info, server_serie: `${info[0]}.${info[1]}`, protocol_version: 1 }
  }

  /** The key's user: `res.users.context_get` carries `uid`. A refused key is `false`, as a login. */
  private async uid(target: OdooCallTarget, exchange: Exchange): Promise<unknown> {
    try {
      const context = (await this.exchange("/json/2/res.users/context_get", {}, target, exchange)) as { uid?: unknown } | null
      return context?.uid ?? false
    } catch (error) {
      if (error instanceof OdooError && error.httpStatus === 401) return false
      throw error
    }
  }

  private namedArguments(request: OdooObjectRequest, target: OdooCallTarget): Record<string, unknown> {
    const { context, ...kwargs } = request.kwargs
    const recordParams = RECORD_METHOD_PARAMS[request.method]
    const params = recordParams ?? MODEL_METHOD_PARAMS[request.method]
    const positional = recordParams ? request.args.slice(1) : request.args
    if (!params && positional.length > 0) {
      throw this.failure(
        target,
        "invalid_request",
        `JSON-2 takes named arguments: call ${describeTarget(target)} with keyword arguments`,
        false
      )
    }
    const body: Record<string, unknown> = {}
    if (recordParams) body.ids = request.args[0] ?? []
    positional.forEach((value, index) => {
      if (params && index < params.length) body[params[index]] = value
    })
    Object.assign(body, kwargs)
    if (context !== undefined) body.context = context
    return body
  }

  private async exchange(path: string, body: Record<string, unknown> | undefined, target: OdooCallTarget, exchange: Exchange): Promise<unknown> {
    const requestBody = body === undefined ? undefined : JSON.stringify(body)
    exchange.bytesSent = requestBody ? Buffer.byteLength(requestBody) : 0
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.timeoutMs)
    let response: Response
    let text: string
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
          authorization: `bearer ${this.#apiKey}`,
          "x-odoo-database": this.dbName,
          "user-agent": "medusa-odoo-sync",
        },
        body: requestBody,
        signal: controller.signal,
        redirect: "manual",
      })
      const bytes = new Uint8Array(await response.arrayBuffer())
      exchange.bytesReceived = bytes.byteLength
      text = new TextDecoder().decode(bytes)
    } catch (error) {
      const failure = classifyNetworkFailure(error, controller.signal.aborted, this.timeoutMs)
      throw buildOdooError(
        {
          kind: "transport",
          target,
          detail: failure.detail,
          retryable: failure.retryable,
          reason: failure.reason,
          requestNotSent: failure.requestNotSent,
        },
        this.redact
      )
    } finally {
      clearTimeout(timer)
    }
    const contentType = response.headers.get("content-type") ?? ""
    const json = /json/i.test(contentType) ? safeParse(text) : undefined
    if (response.status >= 200 && response.status <= 299) {
      if (json === undefined) {
        throw this.failure(target, "transport", `expected a JSON answer, got ${contentType || "no content type"}`, false, "non_json_body")
      }
      return json.value
    }
    throw this.httpError(target, response, json?.value)
  }

  /** An error answer: Odoo's exception when the body carries one, else the HTTP status. */
  private httpError(target: OdooCallTarget, response: Response, body: unknown): OdooError {
    const status = response.status
    const error = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined
    const odooName = typeof error?.name === "string" ? error.name : undefined
    const odooMessage = typeof error?.message === "string" ? error.message : undefined
    if (odooName !== undefined) {
      const classified = classifyOdooException(odooName, odooMessage)
      const kind = status === 401 ? "authentication" : classified.kind
      return buildOdooError(
        {
          kind,
          target,
          detail: `${shortExceptionName(odooName)}: ${odooMessage ?? ""}`.trim(),
          retryable: classified.retryable || RETRYABLE_HTTP_STATUSES.has(status),
          odooName,
          odooMessage,
          httpStatus: status,
          debug: typeof error?.debug === "string" ? error.debug : undefined,
        },
        this.redact
      )
    }
    const location = response.headers.get("location")
    const redirect = status >= 300 && status < 400 && location ? ` redirecting to ${location} (this Odoo has no JSON-2 API)` : ""
    return buildOdooError(
      {
        kind: "transport",
        target,
        reason: "http_status",
        detail: `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}${redirect}`,
        retryable: RETRYABLE_HTTP_STATUSES.has(status),
        httpStatus: status,
        retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after"), this.now()),
      },
      this.redact
    )
  }

  private failure(
    target: OdooCallTarget,
    kind: "transport" | "server" | "invalid_request",
    detail: string,
    retryable: boolean,
    reason?: OdooFailureReason
  ): OdooError {
    return buildOdooError({ kind, target, detail, retryable, ...(reason ? { reason } : {}) }, this.redact)
  }
}

type Exchange = { ok: boolean; bytesSent: number; bytesReceived: number }

function safeParse(text: string): { value: unknown } | undefined {
  try {
    return { value: parseOdooJson(text) }
  } catch {
    return undefined
  }
}
