import { loadOdooSamples, OdooSample, RECORDED_API_KEY } from "../__tests__/odoo-samples"
import { classifyOdooException, odooErrorFromRpcError } from "./classify"
import { OdooCallTarget, OdooErrorKind } from "./errors"
import { createRedactor } from "./redact"

const redact = createRedactor([RECORDED_API_KEY])

interface RecordedRpcRequest {
  params: { service: "common" | "object"; method: string; args: unknown[] }
}

function targetOf(sample: OdooSample): OdooCallTarget {
  const { params } = sample.request.body as RecordedRpcRequest
  return params.service === "object" && params.method === "execute_kw"
    ? { service: "object", model: String(params.args[3]), method: String(params.args[4]) }
    : { service: params.service, method: params.method }
}

const errorSamples = loadOdooSamples().filter(
  (sample) => sample.contentType.startsWith("application/json") && "error" in JSON.parse(sample.body)
)

const EXPECTED: Record<string, { kind: OdooErrorKind; message: string }> = {
  "03c_authenticate_wrong_db.json": {
    kind: "server",
    message: 'Odoo common.authenticate failed: OperationalError: connection to server at "127.0.0.1", port 5433 failed: FATAL:  database "no_such_db" does not exist',
  },
  "04_execute_kw_wrong_key.json": {
    kind: "authentication",
    message: "Odoo product.template.search_count failed: AccessDenied: Access Denied",
  },
  "07e_search_read_template_lang_fr.json": {
    kind: "invalid_request",
    message: "Odoo product.template.search_read failed: UserError: Invalid language code: fr_FR",
  },
  "17_access_error_portal_user.json": {
    kind: "access",
    message: expect.stringMatching(/^Odoo stock\.quant\.search_read failed: AccessError: You are not allowed to access 'Quants'/),
  },
  "17b_access_error_demo_write_config.json": {
    kind: "access",
    message: expect.stringMatching(/^Odoo ir\.config_parameter\.search_read failed: AccessError: /),
  },
  "17d_access_error_portal_write_product.json": {
    kind: "access",
    message: expect.stringMatching(/^Odoo product\.template\.write failed: AccessError: You are not allowed to modify/),
  },
  "18_nonexistent_model.json": {
    kind: "invalid_request",
    message: "Odoo product.nonexistent.search_read failed: UserError: Object product.nonexistent doesn't exist",
  },
  "19_bad_field_name_in_fields.json": {
    kind: "invalid_request",
    message: "Odoo product.template.search_read failed: ValueError: Invalid field 'no_such_field' on model 'product.template'",
  },
  "19b_bad_field_name_in_domain.json": {
    kind: "invalid_request",
    message: "Odoo product.template.search_read failed: ValueError: Invalid field product.template.no_such_field in leaf ('no_such_field', '=', 1)",
  },
  "19c_bad_method_name.json": {
    kind: "invalid_request",
    message: "Odoo product.template.no_such_method failed: AttributeError: The method 'product.template.no_such_method' does not exist",
  },
  "19f_validation_error_write.json": {
    kind: "invalid_request",
    message: "Odoo product.template.write failed: ValueError: could not convert string to float: 'abc'",
  },
  "20_private_method.json": {
    kind: "access",
    message: "Odoo product.template._get_combination_info failed: AccessError: Private methods (such as 'product.template._get_combination_info') cannot be called remotely.",
  },
  "30e_unknown_service.json": {
    kind: "invalid_request",
    message: "Odoo nosuchservice.version failed: KeyError: nosuchservice",
  },
  "30f_unknown_common_method.json": {
    kind: "server",
    message: "Odoo common.nosuchmethod failed: Exception: Method not found: nosuchmethod",
  },
}

describe("odooErrorFromRpcError on the recorded Odoo 18 error bodies", () => {
  it("covers every recorded error body", () => {
    expect(errorSamples.map((sample) => sample.file).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(errorSamples.map((sample) => [sample.file, sample] as const))("classifies %s", (file, sample) => {
    const body = JSON.parse(sample.body) as { error: { data: { name: string; debug: string } } }
    const error = odooErrorFromRpcError(body.error, targetOf(sample), redact)
    expect(error).toMatchObject({ ...EXPECTED[file], odooName: body.error.data.name, retryable: false })
    expect(error.debug).toBe(body.error.data.debug)
    // The traceback stays out of the message, of enumerable properties and of JSON.
    expect(Object.keys(error)).not.toContain("debug")
    expect(error.message).not.toContain("Traceback")
    expect(JSON.stringify(error)).not.toContain("Traceback")
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.toJSON())
  })

  it("serialises to a plain object", () => {
    const sample = errorSamples.find((candidate) => candidate.file === "19_bad_field_name_in_fields.json")
    if (!sample) throw new Error("sample missing")
    const error = odooErrorFromRpcError(JSON.parse(sample.body).error, targetOf(sample), redact)
    expect(error.toJSON()).toEqual({
      name: "OdooInvalidRequestError",
      kind: "invalid_request",
      service: "object",
      model: "product.template",
      method: "search_read",
      message: "Odoo product.template.search_read failed: ValueError: Invalid field 'no_such_field' on model 'product.template'",
      retryable: false,
      attempts: 1,
      odooName: "builtins.ValueError",
      odooMessage: "Invalid field 'no_such_field' on model 'product.template'",
    })
  })

  it("redacts the key wherever Odoo echoes it: message, arguments and traceback", () => {
    const echo = `Invalid leaf ('${RECORDED_API_KEY}', '=', 1) from ${encodeURIComponent(RECORDED_API_KEY)}`
    const rpcError = {
      code: 200,
      message: `Odoo Server Error ${RECORDED_API_KEY}`,
      data: { name: "builtins.ValueError", message: echo, arguments: [echo], debug: `Traceback\n${echo}\n` },
    }
    const error = odooErrorFromRpcError(rpcError, { service: "object", model: "product.template", method: "search" }, redact)
    for (const text of [error.message, error.stack ?? "", JSON.stringify(error), error.debug ?? "", error.odooMessage ?? ""]) {
      expect(text).not.toContain(RECORDED_API_KEY)
      expect(text).not.toContain(encodeURIComponent(RECORDED_API_KEY))
    }
    expect(error.message).toContain("Invalid leaf ('[redacted]', '=', 1)")
  })
})

describe("classifyOdooException", () => {
  it.each([
    ["odoo.exceptions.MissingError", "Record does not exist or has been deleted.", "not_found", false],
    ["odoo.exceptions.ValidationError", "The price must be positive", "invalid_request", false],
    ["builtins.TypeError", "search_read() got an unexpected keyword argument 'x'", "invalid_request", false],
    ["psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update", "server", true],
    ["psycopg2.extensions.TransactionRollbackError", "could not serialize access due to concurrent update", "server", true],
    ["psycopg2.errors.DeadlockDetected", "deadlock detected", "server", true],
    ["builtins.Exception", "could not serialize access due to concurrent update\n", "server", true],
    ["psycopg2.OperationalError", 'database "x" does not exist', "server", false],
    [undefined, undefined, "server", false],
  ])("%s → %s", (name, message, kind, retryable) => {
    expect(classifyOdooException(name, message)).toEqual({ kind, retryable })
  })

  it("keeps a JSON-RPC error without Odoo data readable", () => {
    const error = odooErrorFromRpcError({ code: -32601, message: "Method not found" }, { service: "common", method: "x" }, redact)
    expect(error.message).toBe("Odoo common.x failed: JSON-RPC error -32601: Method not found")
    expect(error.kind).toBe("server")
  })
})
