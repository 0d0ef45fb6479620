/**
 * `npm run odoo:check`: checks the Odoo connection the ODOO_* variables (environment or .env)
 * describe: URL, database, login, API key, and every access right the integration needs.
 * Prints what is missing and how to grant it; exits 1 unless everything is there.
 */
import { loadEnv } from "@medusajs/framework/utils"
import { OdooClient } from "../src/modules/odoo/client/client"
import { checkOdooAccess, formatAccessReport } from "../src/modules/odoo/access-check"
import { odooOptionsFromEnv, ODOO_REQUIRED_ENV } from "../src/modules/odoo/options"

/** Each check is one quick call: a short timeout and one retry, not the sync's patience. */
const CHECK_TIMEOUT_MS = 15_000

async function main(): Promise<number> {
  loadEnv(process.env.NODE_ENV || "development", process.cwd())
  let configuration: ReturnType<typeof odooOptionsFromEnv>
  try {
    configuration = odooOptionsFromEnv(process.env)
  } catch (error) {
    process.stdout.write(`✗ ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
  if (!configuration.options) {
    const missing = configuration.missing.length ? configuration.missing : [...ODOO_REQUIRED_ENV]
    process.stdout.write(`✗ not configured: set ${missing.join(", ")} (in .env or the environment); see ODOO_SETUP.md\n`)
    return 1
  }
  const options = configuration.options
  const client = new OdooClient({ ...options, timeoutMs: Math.min(options.timeoutMs, CHECK_TIMEOUT_MS), maxRetries: 1 })
  const report = await checkOdooAccess(client, options)
  process.stdout.write(`${formatAccessReport(report)}\n`)
  return report.ok ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stdout.write(`✗ the check itself failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
