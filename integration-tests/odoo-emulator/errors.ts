/**
 * Server-side errors as Odoo serialises them: HTTP 200, `error.code` 200, "Odoo Server Error",
 * and `data.name` the Python class that tells callers what went wrong.
 */
import type { JsonObject } from "./types"

export type OdooErrorName =
  | "odoo.exceptions.AccessDenied"
  | "odoo.exceptions.AccessError"
  | "odoo.exceptions.MissingError"
  | "odoo.exceptions.UserError"
  | "odoo.exceptions.ValidationError"
  | "builtins.ValueError"
  | "builtins.TypeError"
  | "builtins.AttributeError"
  | "builtins.KeyError"
  | "builtins.NameError"
  | "builtins.IndexError"
  | "builtins.Exception"
  | "psycopg2.OperationalError"
  | (string & {})

export class OdooError extends Error {
  constructor(
    readonly pythonName: OdooErrorName,
    message: string,
    /** Last frame of the traceback, for a debug text that reads like Odoo's. */
    readonly origin: string = ""
  ) {
    super(message)
  }

  /** The `error` member of the JSON-RPC envelope. */
  toEnvelopeError(): JsonObject {
    return {
      code: 200,
      message: "Odoo Server Error",
      data: {
        name: this.pythonName,
        debug: tracebackText(this.pythonName, this.message, this.origin),
        message: this.message,
        arguments: [this.message],
        context: {},
      },
    }
  }
}

const TRACEBACK_HEAD = `Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/odoo/http.py", line 2122, in _transactioning
    return service_model.retrying(func, env=self.env)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 156, in retrying
    result = func()
             ^^^^^^
  File "/usr/lib/python3/dist-packages/odoo/http.py", line 2089, in _serve_ir_http
    response = self.dispatcher.dispatch(rule.endpoint, args)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3/dist-packages/odoo/addons/base/controllers/rpc.py", line 178, in jsonrpc
    return dispatch_rpc(service, method, args)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
`

/** A plausible traceback: callers must not parse it, but humans reading logs expect one. */
function tracebackText(pythonName: string, message: string, origin: string): string {
  const shortName = pythonName.startsWith("builtins.") ? pythonName.slice("builtins.".length) : pythonName
  const shown = pythonName === "builtins.KeyError" ? `'${message}'` : message
  return `${TRACEBACK_HEAD}${origin}${shortName}: ${shown}\n`
}

export const accessDenied = (): OdooError =>
  new OdooError(
    "odoo.exceptions.AccessDenied",
    "Access Denied",
    `  File "/usr/lib/python3/dist-packages/odoo/addons/base/models/res_users.py", line 2320, in _check_credentials\n    raise AccessDenied()\n`
  )

export const missingRecord = (model: string, ids: number[], uid: number): OdooError =>
  new OdooError(
    "odoo.exceptions.MissingError",
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(", ")}${ids.length === 1 ? "," : ""}), User: ${uid})`
  )

export const unknownModel = (model: string): OdooError =>
  new OdooError(
    "odoo.exceptions.UserError",
    `Object ${model} doesn't exist`,
    `  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 70, in execute_cr\n    raise UserError(env._("Object %s doesn't exist", obj))\n`
  )

export const invalidField = (model: string, field: string): OdooError =>
  new OdooError(
    "builtins.ValueError",
    `Invalid field '${field}' on model '${model}'`,
    `  File "/usr/lib/python3/dist-packages/odoo/models.py", line 4171, in _determine_fields_to_fetch\n    raise ValueError(f"Invalid field {field_name!r} on model {self._name!r}")\n`
  )

export const unknownMethod = (model: string, method: string): OdooError =>
  new OdooError(
    "builtins.AttributeError",
    `The method '${model}.${method}' does not exist`,
    `  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 40, in get_public_method\n    raise AttributeError(f"The method '{model._name}.{name}' does not exist")  # noqa: TRY004\n`
  )

export const privateMethod = (model: string, method: string): OdooError =>
  new OdooError(
    "odoo.exceptions.AccessError",
    `Private methods (such as '${model}.${method}') cannot be called remotely.`,
    `  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 44, in get_public_method\n    raise AccessError(f"Private methods (such as '{model._name}.{name}') cannot be called remotely.")\n`
  )

export const unknownDatabase = (db: string): OdooError =>
  new OdooError(
    "psycopg2.OperationalError",
    `connection to server at "127.0.0.1", port 5433 failed: FATAL:  database "${db}" does not exist\n`
  )

export const invalidLanguage = (lang: string): OdooError =>
  new OdooError(
    "odoo.exceptions.UserError",
    `Invalid language code: ${lang}`,
    `  File "/usr/lib/python3/dist-packages/odoo/api.py", line 646, in lang\n    raise UserError(f'Invalid language code: {lang}')  # pylint: disable\n`
  )

export const typeError = (message: string): OdooError => new OdooError("builtins.TypeError", message)
export const valueError = (message: string): OdooError => new OdooError("builtins.ValueError", message)
