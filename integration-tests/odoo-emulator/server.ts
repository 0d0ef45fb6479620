/**
 * The HTTP side: Odoo 18's `/jsonrpc` endpoint (JSON-RPC envelope, services common/object/db),
 * the HTML answers of its web layer (404 page, 400 "Invalid JSON data", 303 for `/json/2`), and
 * the fault injection hooks.
 */
import { randomBytes } from "node:crypto"
import fs from "node:fs"
import http from "node:http"
import type { Socket } from "node:net"
import path from "node:path"
import { OdooError, typeError, unknownMethod } from "./errors"
import type { CallInfo, CallLog, FaultInjector, FaultRule } from "./faults"
import { json2Call, json2Reply, versionReply, type Json2Call } from "./json2"
import { executeKw } from "./methods"
import { methodMissingIn, unexpectedKeywordIn } from "./versions"
import { escapeHtml, pyUrlQuote } from "./pyfmt"
import type { Store } from "./store"
import type { JsonObject, JsonValue } from "./types"
import { isJsonObject } from "./types"
import type { UserDirectory } from "./users"

export interface ServerDeps {
  store: Store
  users: UserDirectory
  faults: FaultInjector
  calls: CallLog
  version: string
  /** The URL Odoo would know itself by (web.base.url), for the 404 page's canonical link. */
  baseUrl: () => string
  onBytes: (bytes: number) => void
}

const JSON_TYPE = "application/json; charset=utf-8"
const HTML_TYPE = "text/html; charset=utf-8"
const NOT_FOUND_TEMPLATE = fs.readFileSync(path.join(__dirname, "templates", "page-not-found.html"), "utf8")

interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

/** Python's json.dumps(..., ensure_ascii=False) spacing, so sizes resemble Odoo's. */
export function pythonJson(value: JsonValue): string {
  if (value === null) return "null"
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN"
  if (typeof value === "boolean") return value ? "true" : "false"
  if (Array.isArray(value)) return "[" + value.map(pythonJson).join(", ") + "]"
  return "{" + Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`).join(", ") + "}"
}

function jsonReply(body: JsonObject): Reply {
  return { status: 200, headers: { "Content-Type": JSON_TYPE }, body: pythonJson(body) }
}

function htmlReply(status: number, body: string, contentType = HTML_TYPE, extra: Record<string, string> = {}): Reply {
  return { status, headers: { "Content-Type": contentType, ...extra }, body }
}

function notFoundPage(request: http.IncomingMessage, pathname: string, baseUrl: string): Reply {
  const origin = `http://${request.headers.host ?? "127.0.0.1"}`
  const csrf = randomBytes(20).toString("hex") + "o" + Math.floor(Date.now() / 1000 + 31536000)
  const body = NOT_FOUND_TEMPLATE.replace("{{REQUEST_URL}}", escapeHtml(origin + pathname))
    .split("{{REQUEST_ORIGIN}}")
    .join(escapeHtml(origin))
    .replace("{{CANONICAL_URL}}", escapeHtml(baseUrl + pathname))
    .replace("{{CSRF_TOKEN}}", csrf)
  // Odoo's website 404 is served with werkzeug's default content type (no space).
  return htmlReply(404, body, "text/html;charset=utf-8")
}

function redirectToLogin(pathname: string, search: string): Reply {
  const target = `/web/login?redirect=${pyUrlQuote(pathname + "?" + search.replace(/^\?/, ""))}`
  const body = `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${escapeHtml(target)}">${escapeHtml(target)}</a>. If not, click the link.\n`
  return htmlReply(303, body, HTML_TYPE, { Location: target })
}

const INVALID_JSON = htmlReply(400, "Invalid JSON data")

/**
 * A /jsonrpc request that is not JSON by its Content-Type: Odoo 18's _set_request_dispatcher
 * raises werkzeug's BadRequest (400, an HTML page, as malformed JSON gets); the 415 with an
 * Accept header came later (Odoo 19, where the route type is 'jsonrpc').
 */
function wrongRequestType(pathname: string): Reply {
  return htmlReply(
    400,
    `<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;${escapeHtml(pathname)}&#39; is type=&#39;json&#39;.</p>\n`,
    HTML_TYPE
  )
}

function describeCall(params: JsonObject): CallInfo {
  const service = typeof params.service === "string" ? params.service : ""
  const method = typeof params.method === "string" ? params.method : ""
  const info: CallInfo = { service, method }
  const args = Array.isArray(params.args) ? params.args : []
  if (service === "object" && (method === "execute_kw" || method === "execute")) {
    if (typeof args[3] === "string") info.model = args[3]
    if (typeof args[4] === "string") info.ormMethod = args[4]
  }
  return info
}

/** Python's TypeError for a call with the wrong number of positional arguments. */
function checkArity(name: string, params: string[], optional: number, given: number): void {
  const required = params.length - optional
  if (given > params.length) {
    const range = optional ? `from ${required} to ${params.length}` : `${params.length}`
    throw typeError(`${name}() takes ${range} positional argument${params.length === 1 ? "" : "s"} but ${given} ${given === 1 ? "was" : "were"} given`)
  }
  if (given < required) {
    const missing = params.slice(given, required).map((param) => `'${param}'`)
    const list = missing.length === 1 ? missing[0] : missing.length === 2 ? missing.join(" and ") : `${missing.slice(0, -1).join(", ")}, and ${missing[missing.length - 1]}`
    throw typeError(`${name}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${list}`)
  }
}

/** Odoo 19 added the JSON-2 API; older versions redirect /json/2 to the login page. */
function speaksJson2(version: string): boolean {
  return Number(/^(\d+)/.exec(version)?.[1] ?? 18) >= 19
}

function versionInfo(version: string): JsonObject {
  const match = /^(\d+)\.(\d+)/.exec(version)
  const major = match ? Number(match[1]) : 18
  const minor = match ? Number(match[2]) : 0
  return {
    server_version: version,
    server_version_info: [major, minor, 0, "final", 0, ""],
    server_serie: `${major}.${minor}`,
    protocol_version: 1,
  }
}

/** odoo.http.dispatch_rpc: the three services of /jsonrpc. */
function dispatchRpc(deps: ServerDeps, service: string, method: string, args: JsonValue[]): JsonValue {
  switch (service) {
    case "common":
      switch (method) {
        case "version":
          checkArity("exp_version", [], 0, args.length)
          return versionInfo(deps.version)
        case "about":
          checkArity("exp_about", ["extended"], 1, args.length)
          return args[0] ? ["See http://openerp.com", deps.version] : "See http://openerp.com"
        case "login":
          checkArity("exp_login", ["db", "login", "password"], 0, args.length)
          return deps.users.authenticate(args[0], args[1], args[2])
        case "authenticate":
          checkArity("exp_authenticate", ["db", "login", "password", "user_agent_env"], 0, args.length)
          return deps.users.authenticate(args[0], args[1], args[2])
        default:
          throw new OdooError(
            "builtins.Exception",
            `Method not found: ${method}`,
            `  File "/usr/lib/python3/dist-packages/odoo/service/common.py", line 60, in dispatch\n    raise Exception("Method not found: %s" % method)\n`
          )
      }
    case "db":
      switch (method) {
        case "list":
          return [deps.users.database]
        case "db_exist":
          return args[0] === deps.users.database
        case "server_version":
          return deps.version
        default:
          throw new OdooError("builtins.KeyError", `exp_${method}`)
      }
    case "object": {
      if (args.length < 3) throw new OdooError("builtins.IndexError", "list index out of range")
      const user = deps.users.check(args[0], args[1], args[2])
      const env = deps.store.env(user.uid)
      if (method === "execute_kw") {
        // execute_kw(db, uid, *params[3:]): the password is not passed on.
        checkArity("execute_kw", ["db", "uid", "obj", "method", "args", "kw"], 1, args.length - 1)
        const [, , , model, ormMethod, positional, keywords] = args
        if (typeof model !== "string") throw typeError("unhashable type: 'list'")
        if (typeof ormMethod !== "string") throw typeError("attribute name must be string")
        if (methodMissingIn(deps.version, ormMethod)) throw unknownMethod(model, ormMethod)
        if (!Array.isArray(positional)) throw typeError(`${model}.${ormMethod}() argument after * must be an iterable`)
        const kwargs = keywords === undefined || keywords === null || keywords === false ? {} : keywords
        if (!isJsonObject(kwargs)) throw typeError("argument after ** must be a mapping")
        const unexpected = unexpectedKeywordIn(deps.version, ormMethod, kwargs)
        if (unexpected) throw typeError(`Base.${ormMethod}() got an unexpected keyword argument '${unexpected}'`)
        return deps.store.transaction(() => executeKw(env, user, model, ormMethod, positional, kwargs))
      }
      if (method === "execute") {
        if (args.length < 5) throw typeError("execute() missing required positional arguments: 'obj' and 'method'")
        const [, , , model, ormMethod, ...positional] = args
        if (typeof model !== "string" || typeof ormMethod !== "string") throw typeError("attribute name must be string")
        return deps.store.transaction(() => executeKw(env, user, model, ormMethod, positional, {}))
      }
      throw new OdooError("builtins.NameError", `Method not available ${method}`)
    }
    default:
      throw new OdooError(
        "builtins.KeyError",
        service,
        `  File "/usr/lib/python3/dist-packages/odoo/http.py", line 368, in dispatch_rpc\n    dispatch = rpc_dispatchers[service_name]\n               ~~~~~~~~~~~~~~~^^^^^^^^^^^^^^\n`
      )
  }
}

function rpcAnswer(deps: ServerDeps, request: JsonObject): JsonObject {
  const id = request.id === undefined ? null : request.id
  try {
    const params = request.params
    if (!isJsonObject(params)) throw typeError("RPC.jsonrpc() missing 3 required positional arguments: 'service', 'method', and 'args'")
    for (const name of ["service", "method", "args"]) {
      if (!(name in params)) throw typeError(`RPC.jsonrpc() missing 1 required positional argument: '${name}'`)
    }
    const args = params.args
    if (!Array.isArray(args)) throw typeError("'args' must be a list")
    const result = dispatchRpc(deps, String(params.service), String(params.method), args)
    return { jsonrpc: "2.0", id, result }
  } catch (error) {
    const odooError =
      error instanceof OdooError ? error : new OdooError("builtins.Exception", error instanceof Error ? error.message : String(error))
    return { jsonrpc: "2.0", id, error: odooError.toEnvelopeError() }
  }
}

const FAULT_PAGES: Record<string, { status: number; body: string }> = {
  http500: {
    status: 500,
    body: "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n",
  },
  http502: {
    status: 502,
    body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  },
  http503: {
    status: 503,
    body: "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  },
  http429: {
    status: 429,
    body: "<!doctype html>\n<html lang=en>\n<title>429 Too Many Requests</title>\n<h1>Too Many Requests</h1>\n<p>This user has exceeded an allotted request count. Try again later.</p>\n",
  },
}

const MAINTENANCE_PAGE =
  '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8"/>\n<title>Odoo</title>\n</head>\n<body>\n<div class="container">\n<h1>Odoo is being upgraded</h1>\n<p>The database is temporarily unavailable. Please try again in a few minutes.</p>\n</div>\n</body>\n</html>\n'

function faultReply(rule: FaultRule, requestId: JsonValue): Reply | "drop" | "hang" {
  switch (rule.kind) {
    case "drop":
      return "drop"
    case "hang":
      return "hang"
    case "http500":
    case "http502":
    case "http503":
    case "http429": {
      const page = FAULT_PAGES[rule.kind]
      const headers: Record<string, string> = { "Content-Type": rule.kind === "http500" ? HTML_TYPE : "text/html" }
      if (rule.retryAfter !== undefined || rule.kind === "http429") headers["Retry-After"] = String(rule.retryAfter ?? 1)
      return { status: page.status, headers, body: page.body }
    }
    case "html":
      return htmlReply(rule.status ?? 200, MAINTENANCE_PAGE)
    case "jsonrpc-error": {
      const name = rule.name ?? "psycopg2.errors.SerializationFailure"
      const message = rule.message ?? "could not serialize access due to concurrent update\n"
      return jsonReply({ jsonrpc: "2.0", id: requestId, error: new OdooError(name, message).toEnvelopeError() })
    }
    case "malformed-envelope":
    default: {
      switch (rule.variant ?? "truncated") {
        case "not-json":
          return { status: 200, headers: { "Content-Type": JSON_TYPE }, body: "<html><body>Bad Gateway</body></html>" }
        case "no-result":
          return jsonReply({ jsonrpc: "2.0", id: requestId })
        case "wrong-id":
          return jsonReply({ jsonrpc: "2.0", id: typeof requestId === "number" ? requestId + 1000 : "other", result: false })
        case "wrong-version":
          return jsonReply({ jsonrpc: "1.0", id: requestId, result: false })
        default:
          return { status: 200, headers: { "Content-Type": JSON_TYPE }, body: `{"jsonrpc": "2.0", "id": ${pythonJson(requestId)}, "result": [{"id": 1, "na` }
      }
    }
  }
}

export interface RunningServer {
  server: http.Server
  port: number
  close(): Promise<void>
}

const MAX_BODY = 64 * 1024 * 1024

export function startServer(deps: ServerDeps, port: number, host: string): Promise<RunningServer> {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let closing = false

  const send = (response: http.ServerResponse, reply: Reply): void => {
    if (response.destroyed) return
    const body = Buffer.from(reply.body, "utf8")
    deps.onBytes(body.length)
    response.writeHead(reply.status, { ...reply.headers, "Content-Length": String(body.length) })
    response.end(body)
  }

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })

  const handleRpc = async (request: http.IncomingMessage, response: http.ServerResponse, pathname: string, raw: Buffer): Promise<void> => {
    const mimetype = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase()
    if (mimetype !== "application/json" && mimetype !== "application/json-rpc") {
      send(response, wrongRequestType(pathname))
      return
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(raw.toString("utf8"))
    } catch {
      send(response, INVALID_JSON)
      return
    }
    if (!isJsonObject(parsed)) {
      send(response, jsonReply({ jsonrpc: "2.0", id: null, error: new OdooError("builtins.AttributeError", `'${Array.isArray(parsed) ? "list" : typeof parsed}' object has no attribute 'get'`).toEnvelopeError() }))
      return
    }
    const requestId = parsed.id === undefined ? null : parsed.id
    if (pathname === "/web/webclient/version_info") {
      send(response, jsonReply({ jsonrpc: "2.0", id: requestId, result: versionInfo(deps.version) }))
      return
    }
    const call = describeCall(isJsonObject(parsed.params) ? parsed.params : {})
    deps.calls.record(call)
    const { latencyMs, failure } = deps.faults.select(call)
    if (latencyMs > 0) await delay(latencyMs)
    if (closing) return
    const answer = !failure || failure.afterExecution ? rpcAnswer(deps, parsed) : undefined
    if (!failure) {
      send(response, jsonReply(answer as JsonObject))
      return
    }
    const reply = faultReply(failure, requestId)
    if (reply === "drop") {
      request.socket.destroy()
    } else if (reply !== "hang") {
      send(response, reply)
    }
    // "hang": the response stays open until the client gives up or the emulator closes.
  }

  /** A JSON-2 call (Odoo 19+), with the same call log and faults as /jsonrpc's object calls. */
  const handleJson2 = async (request: http.IncomingMessage, response: http.ServerResponse, call: Json2Call, raw: Buffer): Promise<void> => {
    const info: CallInfo = { service: "object", method: call.method, model: call.model, ormMethod: call.method }
    deps.calls.record(info)
    const { latencyMs, failure } = deps.faults.select(info)
    if (latencyMs > 0) await delay(latencyMs)
    if (closing) return
    if (failure?.kind === "hang") return
    if (failure?.kind === "drop") {
      request.socket.destroy()
      return
    }
    if (failure && /^http\d{3}$/.test(failure.kind)) {
      send(response, { status: Number(failure.kind.slice(4)), headers: { "Content-Type": "text/html" }, body: "<html><body>Unavailable</body></html>" })
      return
    }
    send(response, json2Reply(deps, request, call, raw))
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://emulator")
    const pathname = url.pathname
    const chunks: Buffer[] = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    request.on("end", () => {
      const raw = Buffer.concat(chunks)
      if (pathname === "/jsonrpc" || pathname === "/web/webclient/version_info") {
        handleRpc(request, response, pathname, raw).catch((error: unknown) => {
          send(response, {
            status: 500,
            headers: { "Content-Type": "text/plain" },
            body: error instanceof Error ? error.stack ?? error.message : String(error),
          })
        })
      } else if (speaksJson2(deps.version) && (pathname === "/json/version" || pathname === "/web/version")) {
        send(response, versionReply(deps.version))
      } else if (speaksJson2(deps.version) && json2Call(pathname)) {
        handleJson2(request, response, json2Call(pathname)!, raw).catch((error: unknown) => {
          send(response, { status: 500, headers: { "Content-Type": "text/plain" }, body: String(error) })
        })
      } else if (pathname.startsWith("/json/2/") || pathname === "/json/2") {
        send(response, redirectToLogin(pathname, url.search))
      } else if (pathname === "/web/health") {
        send(response, { status: 200, headers: { "Content-Type": "application/json" }, body: '{"status": "pass"}' })
      } else {
        send(response, notFoundPage(request, pathname, deps.baseUrl()))
      }
    })
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })

  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      const address = server.address()
      const actualPort = typeof address === "object" && address ? address.port : port
      resolve({
        server,
        port: actualPort,
        close: () =>
          new Promise<void>((done) => {
            closing = true
            for (const timer of timers) clearTimeout(timer)
            timers.clear()
            server.close(() => done())
            for (const socket of sockets) socket.destroy()
            server.closeAllConnections?.()
          }),
      })
    })
  })
}
