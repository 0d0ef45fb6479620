/**
 * Module loader: validates the Odoo module's options and registers the client in the module's
 * container. It makes no network call, so Medusa boots even while Odoo is down.
 */
import { asValue } from "@medusajs/framework/awilix"
import type { LoaderOptions } from "@medusajs/framework/types"
import { OdooClient } from "../client/client"
import { OdooModuleOptions, OdooModuleOptionsInput, parseOdooOptions } from "../options"

/** What this loader adds to the module container (resolve these in the module's service). */
export interface OdooModuleContainer {
  odooClient: OdooClient
  odooOptions: OdooModuleOptions
}

export const ODOO_CLIENT_KEY = "odooClient"
export const ODOO_OPTIONS_KEY = "odooOptions"

export default async function odooClientLoader({
  container,
  options,
  logger,
}: LoaderOptions<OdooModuleOptionsInput>): Promise<void> {
  // Throws "Invalid Odoo module options: <option>: <problem>" (never with the key in it).
  const odooOptions = parseOdooOptions(options)
  const odooClient = new OdooClient(odooOptions, { logger })
  container.register({
    [ODOO_CLIENT_KEY]: asValue(odooClient),
    [ODOO_OPTIONS_KEY]: asValue(odooOptions),
  })
  const { url, dbName, username } = odooOptions
  logger?.debug(`Odoo module: client for ${url} (database "${dbName}", user "${username}") registered`)
}
