/**
 * The connection check behind the status route: Odoo's version, then a login. It has its own
 * short deadline and a client without retries, so an Odoo that hangs makes the admin wait a few
 * seconds, not the sync's timeout times its retries.
 */
import { OdooClient } from "./client/client"
import { OdooError } from "./client/errors"
import type { OdooLogger } from "./client/types"
import type { OdooModuleOptions } from "./options"

/** The whole check (version and login) answers within this, whatever Odoo does. */
export const CONNECTION_CHECK_TIMEOUT_MS = 5_000

export type ConnectionCheck =
  | { reachable: true; authenticated: boolean; odoo_version: string; uid: number | null; error: null }
  | {
      reachable: boolean
      authenticated: false
      odoo_version: string | null
      uid: null
      error: { kind?: string; reason?: string; message: string }
    }

/** A client for the check: the sync's connection settings, the check's timeout, no retries. */
export function connectionCheckClient(options: OdooModuleOptions, logger?: OdooLogger): OdooClient {
  const timeoutMs = Math.min(options.timeoutMs, CONNECTION_CHECK_TIMEOUT_MS)
  return new OdooClient({ ...options, timeoutMs, maxRetries: 0 }, { logger })
}

/** Checks version and login within `deadlineMs`; never throws (the reason is in `error`). */
export async function checkOdooConnection(client: OdooClient, deadlineMs = CONNECTION_CHECK_TIMEOUT_MS): Promise<ConnectionCheck> {
  let odooVersion: string | null = null
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ConnectionCheckTimeout(deadlineMs, odooVersion === null ? "common.version" : "common.authenticate")),
      deadlineMs
    )
  })
  const check = async () => {
    const version = await client.version()
    odooVersion = version.server_version
    const uid = await client.authenticate()
    return { serverVersion: version.server_version, uid }
  }
  try {
    const { serverVersion, uid } = await Promise.race([check(), deadline])
    return { reachable: true, authenticated: true, odoo_version: serverVersion, uid, error: null }
  } catch (error) {
    const kind = error instanceof OdooError ? error.kind : error instanceof ConnectionCheckTimeout ? "transport" : undefined
    const reason = error instanceof OdooError ? error.reason : error instanceof ConnectionCheckTimeout ? "timeout" : undefined
    return {
      reachable: odooVersion !== null,
      authenticated: false,
      odoo_version: odooVersion,
      uid: null,
      error: { kind, ...(reason ? { reason } : {}), message: error instanceof Error ? error.message : String(error) },
    }
  } finally {
    clearTimeout(timer)
  }
}

class ConnectionCheckTimeout extends Error {
  constructor(deadlineMs: number, waitingFor: string) {
    super(`Odoo did not answer ${waitingFor} within ${deadlineMs / 1000} s (the status check's own limit)`)
    this.name = "ConnectionCheckTimeout"
  }
}
