/** Pointing Medusa's Odoo module at an emulator, as the HTTP and reliability specs do. */
import { startOdooEmulator, type OdooEmulator, type OdooEmulatorOptions } from "../odoo-emulator"

/**
 * Sets the variables that register the Odoo module against `emulator`, with `options` (other
 * ODOO_* variables), before medusaIntegrationTestRunner loads medusa-config. Returns what puts
 * the previous values back: the specs share one process.
 */
export function useOdooEnvironment(emulator: OdooEmulator, options: Record<string, string> = {}): () => void {
  const variables: Record<string, string> = {
    ODOO_URL: emulator.url,
    ODOO_DB_NAME: emulator.db,
    ODOO_USERNAME: emulator.admin.login,
    ODOO_API_KEY: emulator.admin.apiKey,
    ...options,
  }
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]))
  Object.assign(process.env, variables)
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

/**
 * A fresh emulator standing in for the same Odoo (the port and admin key Medusa was configured
 * with), with the data `options` give.
 */
export async function restartOdooEmulator(previous: OdooEmulator, options: OdooEmulatorOptions = {}): Promise<OdooEmulator> {
  const { port } = previous
  await previous.close()
  return startOdooEmulator({ adminApiKey: previous.admin.apiKey, ...options, port })
}

/** Odoo's datetime format (UTC, to the second) of the moment `msAgo` milliseconds ago. */
export function odooDatetimeAgo(msAgo: number): string {
  return new Date(Date.now() - msAgo).toISOString().slice(0, 19).replace("T", " ")
}

/**
 * Dates the emulator's records as written at `writeDate`: an older, settled write, which a run
 * remembers so that the next one does not read it again (writes of the last minute are).
 */
export function backdateWrites(emulator: OdooEmulator, model: string, ids: number[], writeDate: string): void {
  const table = emulator.store.raw.tables.get(model)!
  for (const id of ids) table.set(table.records.get(id)!, "write_date", writeDate)
  emulator.store.raw.bump()
}
