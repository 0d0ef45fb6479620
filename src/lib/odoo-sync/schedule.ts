import { parseExpression } from "cron-parser"

/**
 * A sync job's cron schedule: the variable (`ODOO_SYNC_CRON` for the product sync) when set, else the file's default.
 * An invalid expression stops boot with a message naming the variable.
 */
export function syncSchedule(fallback: string, given?: string, variable = "ODOO_SYNC_CRON"): string {
  // The variable's value as given, else as the environment has it. (A default parameter read
  // ODOO_SYNC_CRON whenever a caller passed an unset variable, e.g. the stock job's.)
  const fromEnv = given ?? process.env[variable]
  const expression = fromEnv?.trim() || fallback
  try {
    parseExpression(expression)
  } catch (error) {
    const source = fromEnv?.trim() ? variable : "the sync job's schedule"
    throw new Error(
      `${source} is not a valid cron expression: "${expression}" (${
        error instanceof Error ? error.message : String(error)
      }). Use five fields, e.g. "0 0 * * *" for midnight.`
    )
  }
  return expression
}

/**
 * The schedule of a job whose variable is `variable`: that variable only, never another job's
 * (an unset variable must not fall through to `ODOO_SYNC_CRON`).
 */
export function scheduleFromEnv(fallback: string, variable: string, env: NodeJS.ProcessEnv = process.env): string {
  return syncSchedule(fallback, env[variable] ?? "", variable)
}
