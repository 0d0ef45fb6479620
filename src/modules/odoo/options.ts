/**
 * The Odoo module's options: validation (zod) and reading them from the environment.
 * Error messages name the invalid options and never repeat a value, so the API key cannot leak.
 */
import { z } from "zod"
import { ODOO_PROTOCOLS } from "./client/transport-factory"

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

const domainTermSchema = z.union([
  z.enum(["&", "|", "!"]),
  z.tuple([z.union([z.string().min(1), z.number()]), z.string().min(1), z.unknown()]),
])

const nonEmptyText = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required (${what})` : `must be a string (${what})`) })
    .trim()
    .min(1, { error: `must not be empty (${what})` })

const urlSchema = nonEmptyText("the Odoo server's base URL, e.g. https://erp.example.com").superRefine(
  (url, context) => {
    const problem = urlFormatProblem(url)
    if (problem) context.addIssue({ code: "custom", message: problem })
  }
)

const integerInRange = (min: number, max: number) =>
  z
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int({ error: `must be an integer from ${min} to ${max}` })
    .min(min, { error: `must be an integer from ${min} to ${max}` })
    .max(max, { error: `must be an integer from ${min} to ${max}` })

export const odooModuleOptionsSchema = z
  .object({
    url: urlSchema,
    dbName: nonEmptyText("the Odoo database name"),
    username: nonEmptyText("the login of the Odoo user"),
    apiKey: nonEmptyText("an Odoo API key"),
    timeoutMs: integerInRange(1, 600_000).default(30_000),
    maxRetries: integerInRange(0, 10).default(3),
    allowInsecureHttp: z.boolean({ error: "must be true or false" }).default(false),
    batchSize: integerInRange(1, 1000).default(100),
    productDomain: z
      .array(domainTermSchema, { error: 'must be an Odoo domain, e.g. [["sale_ok", "=", true]]' })
      .default([]),
    onRemoved: z.enum(["draft", "delete"], { error: 'must be "draft" or "delete"' }).default("draft"),
    /**
     * A run that would draft or delete more than this share of the synced products removes
     * nothing and fails, unless confirmed (a domain typo or lost access rights look like that).
     */
    maxRemovalShare: z
      .number({ error: "must be a number from 0 to 1, e.g. 0.2 for 20%" })
      .min(0, { error: "must be a number from 0 to 1, e.g. 0.2 for 20%" })
      .max(1, { error: "must be a number from 0 to 1, e.g. 0.2 for 20%" })
      .default(0.2),
    // How long the sync lock outlives its last renewal: a crashed run blocks the next one this long.
    syncLockTtlSeconds: integerInRange(5, 86_400).default(120),
    /** Wire protocol: JSON-2 when the server has it (Odoo 19+), else JSON-RPC. */
    protocol: z.enum(ODOO_PROTOCOLS, { error: 'must be "auto", "json2" or "jsonrpc"' }).default("auto"),
    stockQuantity: z
      .enum(["qty_available", "free_qty", "virtual_available"], {
        error: 'must be "qty_available", "free_qty" or "virtual_available"',
      })
      .default("qty_available"),
    stockBatchSize: integerInRange(1, 5000).default(500),
    warehouses: z
      .array(z.string().trim().min(1, { error: "must not contain an empty code" }), {
        error: 'must be a list of warehouse codes, e.g. "WH,EU"',
      })
      .default([]),
    /** Orders pushed to Odoo are confirmed (stock reserved, delivery created) unless false. */
    confirmOrders: z.boolean({ error: "must be true or false" }).default(true),
    /** Internal reference of the service product that carries shipping on Odoo orders (created if absent). */
    shippingProduct: nonEmptyText("the internal reference of Odoo's shipping product").default("MEDUSA_SHIPPING"),
    /** Images larger than this are skipped with a reason (bytes). */
    maxImageBytes: integerInRange(1, 1_000_000_000).default(10 * 1024 * 1024),
    /** Where product categories come from: eCommerce categories when website_sale is there ("auto"). */
    categorySource: z
      .enum(["auto", "public", "internal", "none"], { error: 'must be "public", "internal" or "none"' })
      .default("auto"),
  })
  .superRefine((options, context) => {
    const problem = insecureHttpProblem(options.url, options.allowInsecureHttp)
    if (problem) context.addIssue({ code: "custom", path: ["url"], message: problem })
  })
  .transform((options) => ({ ...options, url: normaliseUrl(options.url) }))

export type OdooModuleOptionsInput = z.input<typeof odooModuleOptionsSchema>
export type OdooModuleOptions = z.output<typeof odooModuleOptionsSchema>

function urlFormatProblem(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return "must be an absolute http(s) URL, e.g. https://erp.example.com"
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return `must use http or https, not ${parsed.protocol.replace(":", "")}`
  }
  if (parsed.username || parsed.password) {
    return "must not contain credentials: use username and apiKey"
  }
  if (parsed.search || parsed.hash) {
    return `must not contain a query or a fragment: write ${parsed.origin}${odooBasePath(parsed.pathname)} instead`
  }
  return undefined
}

/** Plain http sends the API key in clear text: only loopback, or an explicit opt-in. */
function insecureHttpProblem(url: string, allowInsecureHttp: boolean): string | undefined {
  if (!URL.canParse(url)) return undefined // already reported by urlFormatProblem
  const { protocol, hostname } = new URL(url)
  if (protocol === "http:" && !allowInsecureHttp && !LOOPBACK_HOSTS.has(hostname)) {
    return (
      `plain http to ${hostname} would send the API key unencrypted: use https, ` +
      "or set allowInsecureHttp: true (ODOO_ALLOW_INSECURE_HTTP=true)"
    )
  }
  return undefined
}

/**
 * The base path of an Odoo server from a URL copied from a browser or an emulator's output:
 * `/jsonrpc`, the web client's `/odoo/...` (17+) or `/web...` and trailing slashes are dropped
 * (the client appends `/jsonrpc`); another prefix (Odoo behind a proxy at `/erp`) is kept.
 */
export function odooBasePath(pathname: string): string {
  return pathname.replace(/\/+$/, "").replace(/\/(jsonrpc|odoo(\/.*)?|web(\/.*)?)$/, "").replace(/\/+$/, "")
}

/** `https://erp.example.com/odoo/` or `.../jsonrpc` → `https://erp.example.com`. */
function normaliseUrl(url: string): string {
  const parsed = new URL(url)
  return `${parsed.origin}${odooBasePath(parsed.pathname)}`
}

/** Option name → how the user wrote it (e.g. the environment variable), for error messages. */
type OptionLabels = Partial<Record<keyof OdooModuleOptionsInput, string>>

function formatIssues(issues: readonly z.core.$ZodIssue[], labels: OptionLabels): string[] {
  return issues.map((issue) => {
    const option = String(issue.path[0] ?? "options")
    const label = labels[option as keyof OptionLabels]
    const where = label ? `${label} (${option})` : [option, ...issue.path.slice(1).map(String)].join(".")
    return `${where}: ${issue.message}`
  })
}

function parseWithLabels(raw: unknown, labels: OptionLabels, earlierProblems: string[] = []): OdooModuleOptions {
  const result = odooModuleOptionsSchema.safeParse(raw ?? {})
  const problems = [...earlierProblems, ...(result.success ? [] : formatIssues(result.error.issues, labels))]
  if (problems.length > 0 || !result.success) {
    throw new Error(redactValue(`Invalid Odoo module options: ${problems.join("; ")}`, raw))
  }
  return result.data
}

/** Belt and braces: no message may contain the key, whatever a validator put into it. */
function redactValue(message: string, raw: unknown): string {
  const apiKey = raw !== null && typeof raw === "object" ? Reflect.get(raw, "apiKey") : undefined
  return typeof apiKey === "string" && apiKey.trim() !== "" ? message.split(apiKey.trim()).join("[redacted]") : message
}

/** Validates the module options and fills in defaults; throws an Error naming each invalid option. */
export function parseOdooOptions(raw: unknown): OdooModuleOptions {
  return parseWithLabels(raw, {})
}

export const ODOO_REQUIRED_ENV = ["ODOO_URL", "ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"] as const

const ENV_BY_OPTION = {
  url: "ODOO_URL",
  dbName: "ODOO_DB_NAME",
  username: "ODOO_USERNAME",
  apiKey: "ODOO_API_KEY",
  timeoutMs: "ODOO_TIMEOUT_MS",
  maxRetries: "ODOO_MAX_RETRIES",
  allowInsecureHttp: "ODOO_ALLOW_INSECURE_HTTP",
  batchSize: "ODOO_BATCH_SIZE",
  productDomain: "ODOO_PRODUCT_DOMAIN",
  onRemoved: "ODOO_ON_REMOVED",
  maxRemovalShare: "ODOO_MAX_REMOVAL_SHARE",
  syncLockTtlSeconds: "ODOO_SYNC_LOCK_TTL_SECONDS",
  protocol: "ODOO_PROTOCOL",
  stockQuantity: "ODOO_STOCK_QUANTITY",
  stockBatchSize: "ODOO_STOCK_BATCH_SIZE",
  warehouses: "ODOO_WAREHOUSES",
  confirmOrders: "ODOO_CONFIRM_ORDERS",
  shippingProduct: "ODOO_SHIPPING_PRODUCT",
  maxImageBytes: "ODOO_MAX_IMAGE_BYTES",
  categorySource: "ODOO_CATEGORY_SOURCE",
} as const satisfies Record<keyof OdooModuleOptionsInput, string>

export interface OdooEnvOptions {
  /** Set when all four required variables are present (validated, defaults filled in). */
  options?: OdooModuleOptions
  /** Required variables that are unset; non-empty only when some, but not all, are set. */
  missing: string[]
  configured: boolean
}

/** Numbers and booleans as typed values; anything unreadable is passed on for zod to reject. */
function integerFromEnv(text: string): number | string {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text
}

function booleanFromEnv(text: string): boolean | string {
  const normalised = text.trim().toLowerCase()
  if (["true", "1", "yes"].includes(normalised)) return true
  if (["false", "0", "no"].includes(normalised)) return false
  return text
}

/**
 * Reads the module options from environment variables. None of the four required variables set:
 * not configured (the module stays off). Some set: `missing` names the others. All set: the
 * options, validated (throws an Error naming the variable on an invalid value).
 */
export function odooOptionsFromEnv(env: Record<string, string | undefined>): OdooEnvOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value.trim() === "" ? undefined : value
  }
  const missing = ODOO_REQUIRED_ENV.filter((name) => read(name) === undefined)
  if (missing.length === ODOO_REQUIRED_ENV.length) return { missing: [], configured: false }
  if (missing.length > 0) return { missing, configured: false }

  const raw: Record<string, unknown> = {
    url: read(ENV_BY_OPTION.url),
    dbName: read(ENV_BY_OPTION.dbName),
    username: read(ENV_BY_OPTION.username),
    apiKey: read(ENV_BY_OPTION.apiKey),
  }
  const problems: string[] = []
  const optional = (option: keyof typeof ENV_BY_OPTION, convert: (text: string) => unknown): void => {
    const text = read(ENV_BY_OPTION[option])
    if (text !== undefined) raw[option] = convert(text)
  }
  optional("timeoutMs", integerFromEnv)
  optional("maxRetries", integerFromEnv)
  optional("batchSize", integerFromEnv)
  optional("syncLockTtlSeconds", integerFromEnv)
  optional("protocol", (text) => text.trim().toLowerCase())
  optional("stockBatchSize", integerFromEnv)
  optional("allowInsecureHttp", booleanFromEnv)
  optional("onRemoved", (text) => text.trim())
  optional("maxRemovalShare", (text) => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text))
  optional("stockQuantity", (text) => text.trim())
  optional("warehouses", (text) => text.split(",").map((code) => code.trim()))
  optional("confirmOrders", booleanFromEnv)
  optional("shippingProduct", (text) => text.trim())
  optional("maxImageBytes", integerFromEnv)
  optional("categorySource", (text) => text.trim())
  optional("productDomain", (text) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      problems.push(`${ENV_BY_OPTION.productDomain} (productDomain): must be JSON, e.g. [["sale_ok","=",true]]`)
      return []
    }
  })
  return { options: parseWithLabels(raw, ENV_BY_OPTION, problems), missing: [], configured: true }
}
