import type { SyncCounts } from "./constants"
import { describeNotWritten } from "./not-written"

export function formatFinishedLine(counts: SyncCounts, durationMs: number): string {
  const total = counts.created + counts.updated + counts.unchanged + counts.skipped
  const seconds = Math.round(durationMs / 100) / 10
  return (
    `✅ Sync finished: ${total} products (created ${counts.created}, updated ${counts.updated}, ` +
    `unchanged ${counts.unchanged}, drafted ${counts.drafted + counts.deleted}, ${describeNotWritten(counts)}) in ${seconds} s`
  )
}

/** A dry run's closing line: what a run would do; nothing was written. */
export function formatDryRunLine(counts: SyncCounts, durationMs: number): string {
  const seconds = Math.round(durationMs / 100) / 10
  return (
    `✅ Dry run finished, nothing written: would create ${counts.created}, update ${counts.updated}, ` +
    `leave ${counts.unchanged} unchanged, draft or delete ${counts.drafted + counts.deleted}, skip ${counts.skipped}, ` +
    `clashes ${counts.clashes ?? 0} (${seconds} s)`
  )
}

/**
 * One page's line: the page's products written (or in a dry run planned), and the run's totals
 * so far, what was not written counted as in the counts.
 */
export function formatPageLine(products: number, runCounts: SyncCounts, total: number, dryRun: boolean): string {
  const notWritten = describeNotWritten(runCounts)
  return dryRun
    ? `  ✓ Planned ${products} products, nothing written (Total: ${total}, ${notWritten})`
    : `  ✓ Synced ${products} products (Total: ${total}, ${notWritten})`
}

/** Up to `shown` ids and how many more: a dry run's plan on a terminal. */
export function listIds(ids: readonly string[], shown = 10): string {
  if (ids.length === 0) return "none"
  const more = ids.length - shown
  return `${ids.slice(0, shown).join(", ")}${more > 0 ? ` (+${more} more)` : ""}`
}

/** What to check for each kind of Odoo failure the client reports. */
const HINTS: Record<string, string> = {
  authentication: "check ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY, and that the key is not revoked",
  access: "check the Odoo user's access rights on products (Sales or Inventory read access)",
  transport: "check ODOO_URL and that Odoo is reachable from this server",
  invalid_request: "check ODOO_PRODUCT_DOMAIN and the Odoo version",
  not_found: "check ODOO_USERNAME and ODOO_DB_NAME",
  server: "check ODOO_DB_NAME and Odoo's server log",
  mass_removal:
    "check ODOO_PRODUCT_DOMAIN, the Odoo user's access rights and company; if the products really left, confirm with --allow-mass-removal or allow_mass_removal",
}

type ErrorLike = {
  message?: unknown
  name?: unknown
  kind?: unknown
  odooName?: unknown
  reason?: unknown
  httpStatus?: unknown
  attempts?: unknown
  cause?: unknown
}

/** Where the sync was pointed, to name it in hints (never the key). */
export type FailureContext = { url?: string }

function asErrorLike(value: unknown): ErrorLike {
  return (typeof value === "object" && value !== null ? value : { message: String(value) }) as ErrorLike
}

/** A transport failure's hint, by what went wrong on the wire. */
function transportHint(odoo: ErrorLike, url: string | undefined): string {
  const target = url ? `ODOO_URL (${url})` : "ODOO_URL"
  const status = typeof odoo.httpStatus === "number" ? odoo.httpStatus : undefined
  if (odoo.reason === "http_status" && status !== undefined && status >= 500) {
    return `Odoo or a proxy in front of it answered HTTP ${status}: check Odoo's server log, and ${target}`
  }
  if (odoo.reason === "non_json_body" || odoo.reason === "malformed_envelope" || odoo.reason === "http_status") {
    return `check ${target}: the server there did not answer as Odoo's JSON-RPC does (wrong URL, a proxy or a maintenance page)`
  }
  return `check ${target} and that Odoo is reachable from this server`
}

/**
 * A failure as the run record and the log show it: message (with the attempts made when the
 * client retried), kind and what to check. A page failure carries the Odoo error as its cause.
 */
export function describeSyncFailure(
  error: unknown,
  context: FailureContext = {}
): {
  message: string
  name?: string
  kind?: string
  odoo_name?: string
  hint?: string
} {
  const like = asErrorLike(error)
  const kind = typeof like.kind === "string" ? like.kind : undefined
  const cause = asErrorLike(like.cause)
  const odoo = typeof cause.kind === "string" ? cause : like
  const attempts = typeof odoo.attempts === "number" && odoo.attempts > 1 ? odoo.attempts : undefined
  const message = typeof like.message === "string" && like.message ? like.message : "unknown error"
  let hint: string
  if (!kind) {
    // Only Odoo's errors carry a kind; anything else failed on the Medusa side.
    hint = "Medusa refused a write: see the server log; the page was rolled back"
  } else if (kind === "transport") {
    hint = transportHint(odoo, context.url)
  } else {
    hint = HINTS[kind] ?? "check Odoo's server log"
  }
  return {
    message: attempts ? `${message} after ${attempts} attempts` : message,
    ...(typeof like.name === "string" ? { name: like.name } : {}),
    ...(kind ? { kind } : {}),
    ...(typeof like.odooName === "string" ? { odoo_name: like.odooName } : {}),
    hint,
  }
}
