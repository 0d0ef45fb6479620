import type { OdooClient } from "./client"
import { isOdooError } from "./errors"

/**
 * Clients whose Odoo reads no web specification (nested reads in one call): Odoo 16 has no
 * `web_read`, and its `web_search_read` takes `fields`; both came with 17.
 */
const withoutWebSpecification = new WeakSet<OdooClient>()

/** Odoo 16's answer to `web_read` ("does not exist") or to `web_search_read` with a specification (TypeError). */
export function isMissingWebSpecification(error: unknown): boolean {
  return isOdooError(error) && /web_read' does not exist|unexpected keyword argument 'specification'/.test(error.odooMessage ?? error.message)
}

/**
 * Reads with a web specification (Odoo 17+), or the older way (`withoutSpecification`) on an
 * Odoo that has none: asked once per client, then remembered.
 */
export async function readWithWebSpecification<T>(
  client: OdooClient,
  withSpecification: () => Promise<T>,
  withoutSpecification: () => Promise<T>
): Promise<T> {
  if (!withoutWebSpecification.has(client)) {
    try {
      return await withSpecification()
    } catch (error) {
      if (!isMissingWebSpecification(error)) throw error
      withoutWebSpecification.add(client)
    }
  }
  return withoutSpecification()
}
