import type { OdooClient } from "./client/client"
import { isOdooError } from "./client/errors"
import type { OdooDomain, OdooRecord } from "./client/types"

/**
 * Clients whose Odoo is older than 17: no `web_read`, and a `web_search_read` that takes
 * `fields`, not a `specification`. Learned from the first refusal, then read model by model.
 */
const clientsBefore17 = new WeakSet<OdooClient>()

/** Odoo 16's refusal of what 17 added: `web_read` is not a method, `specification` not a keyword. */
function isBefore17Refusal(error: unknown): boolean {
  if (!isOdooError(error)) return false
  const message = error.odooMessage ?? error.message
  return /web_read' does not exist/.test(message) || /unexpected keyword argument 'specification'/.test(message)
}

/** A call that needs Odoo 17+, or null on an older Odoo (remembered for this client). */
async function ifOdoo17<T>(client: OdooClient, call: () => Promise<T>): Promise<T | null> {
  if (clientsBefore17.has(client)) return null
  try {
    return await call()
  } catch (error) {
    if (!isBefore17Refusal(error)) throw error
    clientsBefore17.add(client)
    return null
  }
}

/**
 * `web_read` of these records with a specification (Odoo 17+), or null on an Odoo without it
 * (16): the caller then reads with `read`, and this client does not ask for web_read again.
 */
export async function webReadIfAvailable(
  client: OdooClient,
  model: string,
  ids: number[],
  specification: Record<string, unknown>
): Promise<OdooRecord[] | null> {
  return ifOdoo17(client, async () => {
    const rows = await client.call<OdooRecord[]>(model, "web_read", [ids], { specification })
    if (!Array.isArray(rows)) {
      throw new Error(`Odoo's ${model} web_read did not return a list of records`)
    }
    return rows
  })
}

/**
 * `web_search_read` with a specification (Odoo 17+): the records found, or null on an Odoo
 * whose web_search_read takes none (16).
 */
export async function webSearchReadIfAvailable(
  client: OdooClient,
  model: string,
  query: { domain: OdooDomain; specification: Record<string, unknown>; order?: string; context?: Record<string, unknown> }
): Promise<OdooRecord[] | null> {
  return ifOdoo17(client, async () => {
    const answer = await client.call<{ records?: unknown }>(model, "web_search_read", [], query)
    const records = typeof answer === "object" && answer !== null ? answer.records : undefined
    if (!Array.isArray(records)) {
      throw new Error(`Odoo's ${model} web_search_read did not return records`)
    }
    return records as OdooRecord[]
  })
}
