/**
 * Odoo 19's External JSON-2 API, as Odoo's documentation describes it: `POST /json/2/<model>/<method>`
 * with `Authorization: bearer <api key>` (the key names the user; there is no login) and an
 * optional `X-Odoo-Database`, a JSON object of named arguments (`ids` for record methods,
 * `context`, the method's parameters by name), the method's return value as the body, and
 * errors as HTTP 4xx/5xx with `{ name, message, arguments, context, debug }`. `GET /json/version`
 * (and `/web/version`) answer `{ version_info, version }` without a key. Each call is its own
 * transaction. The ORM behind it is the same as `/jsonrpc`'s (methods.ts).
 */
import type http from "node:http"
import { OdooError } from "./errors"
import { executeKw, methodKind } from "./methods"
import type { Store } from "./store"
import type { JsonObject, JsonValue } from "./types"
import { isJsonObject } from "./types"
import type { UserDirectory } from "./users"

export interface Json2Reply {
  status: number
  headers: Record<string, string>
  body: string
}

const JSON_TYPE = "application/json; charset=utf-8"

/** HTTP statuses of Odoo's exceptions in JSON-2 answers (`http_status` of UserError and kin). */
const STATUS_BY_NAME: Record<string, number> = {
  "odoo.exceptions.AccessDenied": 401,
  "werkzeug.exceptions.Unauthorized": 401,
  "odoo.exceptions.AccessError": 403,
  "odoo.exceptions.MissingError": 404,
  "odoo.exceptions.UserError": 422,
  "odoo.exceptions.ValidationError": 422,
  "odoo.exceptions.RedirectWarning": 422,
  "werkzeug.exceptions.BadRequest": 400,
}

function reply(status: number, body: JsonValue): Json2Reply {
  return { status, headers: { "Content-Type": JSON_TYPE }, body: JSON.stringify(body) }
}

function errorReply(name: string, message: string, context: JsonObject = {}): Json2Reply {
  const status = STATUS_BY_NAME[name] ?? 500
  const debug = `Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/odoo/http.py", line 2212, in _transactioning\n    return service_model.retrying(func, env=self.env)\n${name}: ${message}\n`
  return reply(status, { name, message, arguments: status === 401 ? [message, 401] : [message], context, debug })
}

export function versionReply(version: string): Json2Reply {
  const match = /^(\d+)\.(\d+)/.exec(version)
  const info = [match ? Number(match[1]) : 19, match ? Number(match[2]) : 0, 0, "final", 0, ""]
  return reply(200, { version_info: info, version: version.replace(/-\d+$/, "") })
}

export interface Json2Call {
  model: string
  method: string
}

/** The model and method of a JSON-2 path, or undefined for anything else under /json/2. */
export function json2Call(pathname: string): Json2Call | undefined {
  const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(pathname)
  return match ? { model: decodeURIComponent(match[1]), method: decodeURIComponent(match[2]) } : undefined
}

/** One JSON-2 request, answered as Odoo 19 does. */
export function json2Reply(
  deps: { store: Store; users: UserDirectory },
  request: http.IncomingMessage,
  call: Json2Call,
  raw: Buffer
): Json2Reply {
  const authorization = request.headers.authorization ?? ""
  const key = /^bearer\s+(\S+)$/i.exec(authorization.trim())?.[1]
  const user = key ? deps.users.all().find((candidate) => candidate.apiKey === key) : undefined
  if (!user) return errorReply("werkzeug.exceptions.Unauthorized", "Invalid apikey")
  const database = request.headers["x-odoo-database"]
  if (typeof database === "string" && database !== deps.users.database) {
    return errorReply("werkzeug.exceptions.NotFound", `database "${database}" does not exist`)
  }
  let body: unknown = {}
  if (raw.length) {
    try {
      body = JSON.parse(raw.toString("utf8"))
    } catch (error) {
      return errorReply("werkzeug.exceptions.BadRequest", `could not parse the body as json: ${(error as Error).message}`)
    }
  }
  if (!isJsonObject(body)) return errorReply("builtins.TypeError", "unsupported operand type(s) for |: 'list' and 'dict'")
  const { ids, context, ...params } = body
  const keywords: JsonObject = { ...params, ...(isJsonObject(context) ? { context } : {}) }
  try {
    const kind = methodKind(deps.store.env(user.uid), call.model, call.method)
    const positional: JsonValue[] = kind === "record" ? [Array.isArray(ids) ? ids : []] : []
    const result = deps.store.transaction(() =>
      executeKw(deps.store.env(user.uid), user, call.model, call.method, positional, keywords)
    )
    // JSON-2 serialises returned records as their ids: create with one dict answers [id].
    return reply(200, call.method === "create" && typeof result === "number" ? [result] : result)
  } catch (error) {
    if (error instanceof OdooError) return errorReply(error.pythonName, error.message, isJsonObject(context) ? context : {})
    throw error
  }
}
