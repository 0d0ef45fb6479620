/**
 * What `npm run odoo:check` checks: that Odoo answers at the URL, that the database, login and
 * API key are accepted, and that the user has each access right the integration's features
 * need, asked of Odoo itself (`check_access_rights`, as Odoo answers it over RPC). Every missing
 * right is reported with the Odoo group that grants it.
 */
import type { OdooClient } from "./client/client"
import { isOdooError } from "./client/errors"
import type { OdooModuleOptions } from "./options"

export type AccessOperation = "read" | "write" | "create" | "unlink"

/** The standard Odoo groups (as Settings → Users shows them) that grant the rights below. */
export const ODOO_GROUPS = {
  internal: "User types / Internal User",
  salesOwn: "Sales / User: Own Documents Only",
  productManager: "Sales / Administrator",
} as const

export type RequiredRight = {
  feature: string
  model: string
  operation: AccessOperation
  /** The least group that grants it. */
  group: string
  /** The Odoo app that brings the model; when it is not installed the feature is off, not broken. */
  app?: string
}

const FEATURE = {
  products: "product sync",
  stock: "stock sync",
  images: "images",
  categories: "categories",
  orders: "orders and customers",
} as const

const reads = (feature: string, group: string, models: string[], app?: string): RequiredRight[] =>
  models.map((model) => ({ feature, model, operation: "read" as const, group, ...(app ? { app } : {}) }))

/** Every right the features need with these options, least privilege first. */
export function requiredRights(options: Pick<OdooModuleOptions, "categorySource">): RequiredRight[] {
  const rights: RequiredRight[] = [
    ...reads(FEATURE.products, ODOO_GROUPS.internal, [
      "product.template",
      "product.product",
      "product.attribute",
      "product.attribute.value",
      "product.template.attribute.line",
      "product.template.attribute.value",
      "res.currency",
      "res.company",
    ]),
    ...reads(FEATURE.stock, ODOO_GROUPS.internal, ["stock.warehouse", "stock.quant"], "Inventory (stock)"),
    ...reads(FEATURE.images, ODOO_GROUPS.internal, ["ir.attachment"]),
    ...reads(FEATURE.images, ODOO_GROUPS.internal, ["product.image"], "eCommerce (website_sale)"),
  ]
  const categories = options.categorySource ?? "auto"
  if (categories === "internal" || categories === "auto") {
    rights.push(...reads(FEATURE.categories, ODOO_GROUPS.internal, ["product.category"]))
  }
  if (categories === "public" || categories === "auto") {
    rights.push(...reads(FEATURE.categories, ODOO_GROUPS.internal, ["product.public.category"], "eCommerce (website_sale)"))
  }
  const sales = "Sales (sale_management)"
  rights.push(
    ...reads(FEATURE.orders, ODOO_GROUPS.internal, ["res.partner", "res.country", "res.country.state", "account.tax", "product.pricelist"]),
    ...(["create", "write"] as const).map((operation) => ({ feature: FEATURE.orders, model: "res.partner", operation, group: ODOO_GROUPS.salesOwn })),
    ...(["read", "create", "write"] as const).map((operation) => ({
      feature: FEATURE.orders,
      model: "sale.order",
      operation,
      group: ODOO_GROUPS.salesOwn,
      app: sales,
    })),
    ...(["read", "create"] as const).map((operation) => ({
      feature: FEATURE.orders,
      model: "sale.order.line",
      operation,
      group: ODOO_GROUPS.salesOwn,
      app: sales,
    })),
    ...reads(FEATURE.orders, ODOO_GROUPS.salesOwn, ["stock.picking", "stock.move"], "Inventory (stock)")
  )
  return rights
}

export type CheckStatus = "ok" | "missing" | "off" | "failed"

export type CheckLine = { status: CheckStatus; what: string; detail?: string }

export type AccessReport = {
  lines: CheckLine[]
  /** True when connection, login and every right of an installed app are there. */
  ok: boolean
}

function messageOf(error: unknown): string {
  if (isOdooError(error)) return error.odooMessage ?? error.message
  return error instanceof Error ? error.message : String(error)
}

function isUnknownModel(error: unknown): boolean {
  return /Object \S+ doesn't exist/.test(messageOf(error))
}

function isUnknownMethod(error: unknown): boolean {
  return /The method '[^']+' does not exist/.test(messageOf(error))
}

/**
 * Whether the logged-in user may perform `operation` on `model`: `check_access_rights` (Odoo
 * 16–18), else `has_access` on an empty recordset (its successor). `undefined` when the model is
 * not installed.
 */
async function hasRight(client: OdooClient, model: string, operation: AccessOperation): Promise<boolean | undefined> {
  try {
    return (await client.call<boolean>(model, "check_access_rights", [operation], { raise_exception: false })) === true
  } catch (error) {
    if (isUnknownModel(error)) return undefined
    if (!isUnknownMethod(error)) throw error
  }
  return (await client.call<boolean>(model, "has_access", [[], operation])) === true
}

/** What the user, database, URL or key problem means, in the words of the fix. */
function describeLoginFailure(error: unknown, options: Pick<OdooModuleOptions, "dbName" | "username">): string {
  const message = messageOf(error)
  if (/database "[^"]*" does not exist/.test(message)) {
    return `database "${options.dbName}" does not exist on this Odoo: check ODOO_DB_NAME`
  }
  if (isOdooError(error) && error.kind === "authentication") {
    return (
      `Odoo refused login "${options.username}" with this API key on database "${options.dbName}": ` +
      "check ODOO_USERNAME (the user's login, often an email) and ODOO_API_KEY (a key of that user, not revoked)"
    )
  }
  return message
}

/** Runs every check in order; stops after the first of URL, login that fails. */
export async function checkOdooAccess(
  client: OdooClient,
  options: Pick<OdooModuleOptions, "url" | "dbName" | "username" | "categorySource" | "shippingProduct">
): Promise<AccessReport> {
  const lines: CheckLine[] = []
  try {
    const version = await client.version()
    lines.push({ status: "ok", what: `Odoo ${version.server_version} answers at ${options.url}` })
  } catch (error) {
    lines.push({
      status: "failed",
      what: `Odoo at ${options.url}`,
      detail: `${messageOf(error)}: check ODOO_URL (the address you open Odoo at, without /odoo or /web)`,
    })
    return { lines, ok: false }
  }
  try {
    const uid = await client.authenticate()
    lines.push({ status: "ok", what: `logged in as "${options.username}" (uid ${uid}) on database "${options.dbName}" with the API key` })
  } catch (error) {
    lines.push({ status: "failed", what: "login", detail: describeLoginFailure(error, options) })
    return { lines, ok: false }
  }
  let ok = true
  const appsOff = new Set<string>()
  for (const right of requiredRights(options)) {
    const what = `${right.feature}: ${right.operation} ${right.model}`
    const granted = await hasRight(client, right.model, right.operation)
    if (granted === undefined) {
      const app = right.app ?? "its app"
      if (!appsOff.has(app)) {
        appsOff.add(app)
        lines.push({ status: "off", what: `${right.feature}: ${right.model} is not installed`, detail: `install ${app} in Odoo to use it` })
      }
    } else if (granted) {
      lines.push({ status: "ok", what })
    } else {
      ok = false
      lines.push({ status: "missing", what, detail: `add the user to "${right.group}"` })
    }
  }
  if (!appsOff.has("Sales (sale_management)")) {
    const line = await checkShippingProduct(client, options.shippingProduct)
    lines.push(line)
    if (line.status === "missing") ok = false
  }
  return { lines, ok }
}

/**
 * Shipping lines use the service product with internal reference ODOO_SHIPPING_PRODUCT. The
 * integration creates it when absent, which needs product creation rights; creating it once by
 * hand in Odoo spares the user those rights.
 */
async function checkShippingProduct(client: OdooClient, code: string): Promise<CheckLine> {
  const existing = await client.search("product.product", {
    domain: [["default_code", "=", code]],
    context: { active_test: false },
    limit: 1,
  })
  const what = `orders and customers: shipping product "${code}"`
  if (existing.length) return { status: "ok", what: `${what} exists` }
  if (await hasRight(client, "product.template", "create")) {
    return { status: "ok", what: `${what} will be created with the first order` }
  }
  return {
    status: "missing",
    what: `${what} does not exist and the user may not create products`,
    detail: `create a service product with Internal Reference "${code}" in Odoo (least privilege), or add the user to "${ODOO_GROUPS.productManager}"`,
  }
}

const MARK: Record<CheckStatus, string> = { ok: "✓", missing: "✗", off: "–", failed: "✗" }

/** The report as the CLI prints it: one line per check, then what to do. */
export function formatAccessReport(report: AccessReport): string {
  const lines = report.lines.map((line) => `${MARK[line.status]} ${line.what}${line.detail ? ` — ${line.detail}` : ""}`)
  const missingGroups = [
    ...new Set(
      report.lines
        .filter((line) => line.status === "missing" && line.detail?.startsWith("add the user to"))
        .map((line) => /"([^"]+)"/.exec(line.detail ?? "")?.[1])
    ),
  ].filter((group): group is string => Boolean(group))
  if (report.ok) {
    lines.push("", "The Odoo connection is ready: every right the integration needs is there.")
  } else if (report.lines.some((line) => line.status === "missing")) {
    lines.push("", "Missing rights: fix the lines marked ✗ above (Odoo: Settings → Users → the user → Access Rights).")
    if (missingGroups.length) lines.push(`Groups to add: ${missingGroups.map((group) => `"${group}"`).join(", ")}.`)
  } else {
    lines.push("", "The connection is not working yet: fix the line marked ✗ above and run `npm run odoo:check` again.")
  }
  return lines.join("\n")
}
