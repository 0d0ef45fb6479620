import { newApiKey } from "../../../integration-tests/odoo-emulator/users"
import { odooOptionsFromEnv, parseOdooOptions } from "./options"

const API_KEY = newApiKey()
const valid = {
  url: "https://erp.example.com/",
  dbName: "odoo_medusa",
  username: "admin",
  apiKey: API_KEY,
}

function parseError(raw: unknown): Error {
  try {
    parseOdooOptions(raw)
  } catch (error) {
    if (error instanceof Error) return error
  }
  throw new Error("expected parseOdooOptions to throw")
}

describe("parseOdooOptions", () => {
  it("fills in defaults and normalises the URL's trailing slash", () => {
    expect(parseOdooOptions(valid)).toEqual({
      url: "https://erp.example.com",
      dbName: "odoo_medusa",
      username: "admin",
      apiKey: API_KEY,
      timeoutMs: 30000,
      maxRetries: 3,
      allowInsecureHttp: false,
      batchSize: 100,
      productDomain: [],
      onRemoved: "draft",
      maxRemovalShare: 0.2,
      syncLockTtlSeconds: 120,
      protocol: "auto",
      stockQuantity: "qty_available",
      stockBatchSize: 500,
      confirmOrders: true,
      shippingProduct: "MEDUSA_SHIPPING",
      warehouses: [],
      maxImageBytes: 10 * 1024 * 1024,
      categorySource: "auto",
    })
    expect(parseOdooOptions({ ...valid, url: "https://erp.example.com/erp//" }).url).toBe("https://erp.example.com/erp")
  })

  it.each([
    ["https://erp.example.com/jsonrpc", "https://erp.example.com"],
    ["https://erp.example.com/odoo/", "https://erp.example.com"],
    ["https://erp.example.com/odoo/action-product.product_template_action", "https://erp.example.com"],
    ["https://erp.example.com/web", "https://erp.example.com"],
    ["https://erp.example.com/web/login/", "https://erp.example.com"],
    ["https://erp.example.com/erp/jsonrpc", "https://erp.example.com/erp"],
  ])("accepts the URL %s copied from a browser or the emulator as %s", (url, base) => {
    expect(parseOdooOptions({ ...valid, url }).url).toBe(base)
  })

  it("refuses a URL with a fragment, saying what to write instead", () => {
    expect(parseError({ ...valid, url: "https://erp.example.com/web#id=3&model=product.template" }).message).toContain(
      "write https://erp.example.com instead"
    )
  })

  it("reads ODOO_STOCK_QUANTITY and ODOO_WAREHOUSES (comma-separated codes), refusing an unknown quantity by name", () => {
    const env = { ODOO_URL: "https://erp.example.com", ODOO_DB_NAME: "db", ODOO_USERNAME: "admin", ODOO_API_KEY: API_KEY }
    const { options } = odooOptionsFromEnv({ ...env, ODOO_STOCK_QUANTITY: "free_qty", ODOO_WAREHOUSES: "WH, EU" })
    expect(options).toMatchObject({ stockQuantity: "free_qty", warehouses: ["WH", "EU"] })
    expect(() => odooOptionsFromEnv({ ...env, ODOO_STOCK_QUANTITY: "on_hand" })).toThrow(/ODOO_STOCK_QUANTITY \(stockQuantity\): must be "qty_available", "free_qty" or "virtual_available"/)
  })

  it("reads the image limit and the category source, and refuses an unknown source", () => {
    expect(parseOdooOptions({ ...valid, maxImageBytes: 2048, categorySource: "internal" })).toMatchObject({ maxImageBytes: 2048, categorySource: "internal" })
    expect(() => parseOdooOptions({ ...valid, categorySource: "tags" })).toThrow(/categorySource.*"public", "internal" or "none"/)
  })

  it("is idempotent: parsed options parse to themselves", () => {
    const parsed = parseOdooOptions({ ...valid, productDomain: [["sale_ok", "=", true]], onRemoved: "delete" })
    expect(parseOdooOptions(parsed)).toEqual(parsed)
  })

  it.each(["http://localhost:8069", "http://127.0.0.1:8069/", "http://[::1]:8069"])(
    "accepts plain http to the loopback host %s",
    (url) => {
      expect(parseOdooOptions({ ...valid, url }).url).toBe(url.replace(/\/$/, ""))
    }
  )

  it("refuses plain http to another host unless allowInsecureHttp is true", () => {
    const error = parseError({ ...valid, url: "http://erp.example.com" })
    expect(error.message).toMatch(/^Invalid Odoo module options: url: plain http to erp\.example\.com/)
    expect(error.message).toContain("allowInsecureHttp")
    expect(parseOdooOptions({ ...valid, url: "http://erp.example.com", allowInsecureHttp: true }).url).toBe(
      "http://erp.example.com"
    )
  })

  it.each([
    ["ftp://erp.example.com", /url: must use http or https/],
    ["erp.example.com", /url: must be an absolute http\(s\) URL/],
    ["https://admin:secret@erp.example.com", /url: must not contain credentials/],
    ["https://erp.example.com/?db=x", /url: must not contain a query/],
    ["", /url: must not be empty/],
  ])("refuses the URL %j", (url, expected) => {
    expect(parseError({ ...valid, url }).message).toMatch(expected)
  })

  it("names every invalid option in one message", () => {
    const error = parseError({
      url: "https://erp.example.com",
      dbName: "",
      apiKey: 42,
      timeoutMs: 0,
      maxRetries: 1.5,
      batchSize: 1001,
      productDomain: "sale_ok",
      onRemoved: "archive",
    })
    for (const option of ["dbName", "username", "apiKey", "timeoutMs", "maxRetries", "batchSize", "productDomain", "onRemoved"]) {
      expect(error.message).toContain(`${option}:`)
    }
  })

  it("accepts batchSize 1 and 1000 and rejects 0", () => {
    expect(parseOdooOptions({ ...valid, batchSize: 1 }).batchSize).toBe(1)
    expect(parseOdooOptions({ ...valid, batchSize: 1000 }).batchSize).toBe(1000)
    expect(parseError({ ...valid, batchSize: 0 }).message).toContain("batchSize: must be an integer from 1 to 1000")
  })

  it("validates productDomain as an Odoo domain", () => {
    const domain = ["|", ["sale_ok", "=", true], ["categ_id.name", "ilike", "desk"]]
    expect(parseOdooOptions({ ...valid, productDomain: domain }).productDomain).toEqual(domain)
    expect(parseError({ ...valid, productDomain: [["sale_ok"]] }).message).toContain("productDomain")
    expect(parseError({ ...valid, productDomain: ["and"] }).message).toContain("productDomain")
  })

  it("rejects missing or empty options objects, naming the required options", () => {
    for (const raw of [undefined, {}]) {
      const message = parseError(raw).message
      for (const option of ["url", "dbName", "username", "apiKey"]) expect(message).toContain(`${option}:`)
    }
  })

  it("never echoes the API key, even when it lands in another option", () => {
    const cases = [
      { ...valid, url: API_KEY },
      { ...valid, onRemoved: API_KEY },
      { ...valid, dbName: "", url: `ftp://${API_KEY}` },
      { ...valid, productDomain: [[API_KEY]] },
    ]
    for (const raw of cases) {
      const error = parseError(raw)
      expect(error.message).not.toContain(API_KEY)
      expect(String(error.stack)).not.toContain(API_KEY)
    }
  })
})

describe("odooOptionsFromEnv", () => {
  const env = {
    ODOO_URL: "https://erp.example.com",
    ODOO_DB_NAME: "odoo_medusa",
    ODOO_USERNAME: "admin",
    ODOO_API_KEY: API_KEY,
  }

  it("is not configured when none of the four variables is set", () => {
    expect(odooOptionsFromEnv({})).toEqual({ missing: [], configured: false })
    expect(odooOptionsFromEnv({ ODOO_URL: "", ODOO_TIMEOUT_MS: "100" })).toEqual({ missing: [], configured: false })
  })

  it("lists the unset variables when only some are set (empty counts as unset)", () => {
    expect(odooOptionsFromEnv({ ODOO_URL: env.ODOO_URL, ODOO_API_KEY: " " })).toEqual({
      missing: ["ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"],
      configured: false,
    })
  })

  it("returns validated options with defaults when all four are set", () => {
    expect(odooOptionsFromEnv(env)).toEqual({
      configured: true,
      missing: [],
      options: parseOdooOptions(valid),
    })
  })

  it("reads and converts the optional variables", () => {
    const { options } = odooOptionsFromEnv({
      ...env,
      ODOO_URL: "http://odoo.internal:8069/",
      ODOO_TIMEOUT_MS: "5000",
      ODOO_MAX_RETRIES: "0",
      ODOO_ALLOW_INSECURE_HTTP: "true",
      ODOO_BATCH_SIZE: "250",
      ODOO_PRODUCT_DOMAIN: '[["sale_ok", "=", true]]',
      ODOO_ON_REMOVED: "delete",
      ODOO_MAX_REMOVAL_SHARE: "0.5",
      ODOO_SYNC_LOCK_TTL_SECONDS: "30",
    })
    expect(options).toMatchObject({
      url: "http://odoo.internal:8069",
      timeoutMs: 5000,
      maxRetries: 0,
      allowInsecureHttp: true,
      batchSize: 250,
      productDomain: [["sale_ok", "=", true]],
      onRemoved: "delete",
      maxRemovalShare: 0.5,
      syncLockTtlSeconds: 30,
    })
  })

  it("names the variable of an invalid value and never echoes the key", () => {
    const attempt = (extra: Record<string, string>): string => {
      try {
        odooOptionsFromEnv({ ...env, ...extra })
      } catch (error) {
        return error instanceof Error ? error.message : String(error)
      }
      return "no error"
    }
    expect(attempt({ ODOO_TIMEOUT_MS: "soon" })).toContain("ODOO_TIMEOUT_MS (timeoutMs):")
    expect(attempt({ ODOO_ALLOW_INSECURE_HTTP: "maybe" })).toContain("ODOO_ALLOW_INSECURE_HTTP (allowInsecureHttp):")
    expect(attempt({ ODOO_PRODUCT_DOMAIN: "[[" })).toContain("ODOO_PRODUCT_DOMAIN (productDomain): must be JSON")
    expect(attempt({ ODOO_ON_REMOVED: "archive" })).toContain("ODOO_ON_REMOVED (onRemoved):")
    expect(attempt({ ODOO_PROTOCOL: "xmlrpc" })).toContain('ODOO_PROTOCOL (protocol): must be "auto", "json2" or "jsonrpc"')
    for (const share of ["20%", "1.5", "-0.1", "lots"]) {
      expect(attempt({ ODOO_MAX_REMOVAL_SHARE: share })).toContain(
        "ODOO_MAX_REMOVAL_SHARE (maxRemovalShare): must be a number from 0 to 1, e.g. 0.2 for 20%"
      )
    }
    expect(attempt({ ODOO_SYNC_LOCK_TTL_SECONDS: "1" })).toContain(
      "ODOO_SYNC_LOCK_TTL_SECONDS (syncLockTtlSeconds): must be an integer from 5 to 86400"
    )
    expect(attempt({ ODOO_URL: "http://erp.example.com" })).toContain("ODOO_URL (url): plain http")
    expect(attempt({ ODOO_URL: API_KEY })).not.toContain(API_KEY)
  })
})
