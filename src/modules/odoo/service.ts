import { MedusaService } from "@medusajs/framework/utils"
import type { OdooClient } from "./client/client"
import { checkOdooConnection, connectionCheckClient, type ConnectionCheck } from "./connection-check"
import { OdooSyncCursor } from "./models/sync-cursor"
import { OdooSyncRun } from "./models/sync-run"
import type { OdooModuleOptions } from "./options"

type InjectedDependencies = {
  odooClient: OdooClient
  odooOptions: OdooModuleOptions
}

/**
 * The Odoo module's service: the Odoo client for workflows, the sync options, and the
 * sync's own records (run history and incremental cursors).
 */
export default class OdooModuleService extends MedusaService({ OdooSyncRun, OdooSyncCursor }) {
  protected readonly client_: OdooClient
  protected readonly options_: OdooModuleOptions

  constructor({ odooClient, odooOptions }: InjectedDependencies) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.client_ = odooClient
    this.options_ = odooOptions
  }

  /** The client for Odoo's external API (errors typed, key redacted, retries built in). */
  get client(): OdooClient {
    return this.client_
  }

  /**
   * Whether Odoo answers and accepts the credentials: its version and the user id, or the
   * reason it does not (already redacted by the client). Answers within a few seconds even when
   * Odoo hangs: the check has its own short deadline and no retries, and logs in afresh each
   * time (a key revoked since the sync logged in shows here).
   */
  async checkConnection(): Promise<ConnectionCheck> {
    return checkOdooConnection(connectionCheckClient(this.options_))
  }

  /** The validated module options, without the API key. */
  getSyncOptions(): Omit<OdooModuleOptions, "apiKey"> {
    const { apiKey: _omitted, ...rest } = this.options_
    return rest
  }
}
