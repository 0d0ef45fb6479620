import type { SyncCounts } from "./constants"

export function formatFinishedLine(counts: SyncCounts, durationMs: number): string {
  const total = counts.created + counts.updated + counts.unchanged + counts.skipped
  const seconds = Math.round(durationMs / 100) / 10
  return (
    `✅ Sync finished: ${total} products (created ${counts.created}, updated ${counts.updated}, ` +
    `unchanged ${counts.unchanged}, drafted ${counts.drafted + counts.deleted}, skipped ${counts.skipped}) in ${seconds} s`
  )
}

/** What to check for each kind of Odoo failure the client reports. */
const HINTS: Record<string, string> = {
  authentication: "check ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY, and that the key is not revoked",
  access: "check the Odoo user's access rights on products (Sales or Inventory read access)",
  transport: "check ODOO_URL and that Odoo is reachable from this server",
  invalid_request: "check ODOO_PRODUCT_DOMAIN and the Odoo version",
  not_found: "check ODOO_USERNAME and ODOO_DB_NAME",
  server: "check ODOO_DB_NAME and Odoo's server log",
}

type ErrorLike = { message?: unknown; name?: unknown; kind?: unknown; odooName?: unknown }

/** A failure as the run record and the log show it: message, kind and what to check. */
export function describeSyncFailure(error: unknown): {
  message: string
  name?: string
  kind?: string
  odoo_name?: string
  hint?: string
} {
  const like = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorLike
  const kind = typeof like.kind === "string" ? like.kind : undefined
  return {
    message: typeof like.message === "string" && like.message ? like.message : "unknown error",
    ...(typeof like.name === "string" ? { name: like.name } : {}),
    ...(kind ? { kind } : {}),
    ...(typeof like.odooName === "string" ? { odoo_name: like.odooName } : {}),
    // Only Odoo's errors carry a kind; anything else failed on the Medusa side.
    hint: kind ? HINTS[kind] ?? "check Odoo's server log" : "Medusa refused a write: see the server log; the page was rolled back",
  }
}
