import { parseExpression } from "cron-parser"

/**
 * A sync job's cron schedule: the variable (`ODOO_SYNC_CRON` for the product sync) when set, else the file's default.
 * An invalid expression stops boot with a message naming the variable.
 */
export function syncSchedule(
  fallback: string,
  fromEnv: string | undefined = process.env.ODOO_SYNC_CRON,
  variable = "ODOO_SYNC_CRON"
): string {
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
