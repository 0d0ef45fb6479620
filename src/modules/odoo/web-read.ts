import type { OdooClient } from "./client/client"
import { isOdooError } from "./client/errors"
import type { OdooRecord } from "./client/types"

/** Clients whose Odoo has no `web_read` (Odoo 16): asked once, then read model by model. */
const withoutWebRead = new WeakSet<OdooClient>()

function isMissingWebRead(error: unknown): boolean {
  return isOdooError(error) && /web_read' does not exist/.test(error.odooMessage ?? error.message)
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
  if (withoutWebRead.has(client)) return null
  try {
    const rows = await client.call<OdooRecord[]>(model, "web_read", [ids], { specification })
    if (!Array.isArray(rows)) {
      throw new Error(`Odoo's ${model} web_read did not return a list of records`)
    }
    return rows
  } catch (error) {
    if (!isMissingWebRead(error)) throw error
    withoutWebRead.add(client)
    return null
  }
}
