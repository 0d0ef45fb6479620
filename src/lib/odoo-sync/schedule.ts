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
  const source = fromEnv?.trim() ? variable : "the sync job's schedule"
  try {
    parseExpression(expression)
  } catch (error) {
    throw new Error(
      `${source} is not a valid cron expression: "${expression}" (${
        error instanceof Error ? error.message : String(error)
      }). Use five fields, e.g. "0 0 * * *" for midnight.`
    )
  }
  const gapMs = longestGapMs(expression)
  if (gapMs > MAX_SCHEDULER_WAIT_MS) {
    throw new Error(
      `${source} "${expression}" leaves ${Math.floor(gapMs / 86_400_000)} days between runs: Medusa's in-process ` +
        "scheduler cannot wait more than 24 days (a longer wait overflows its timer and runs the job without pause). " +
        `Use a schedule that runs at least every 24 days, e.g. "0 3 * * 0" for Sundays at 03:00.`
    )
  }
  return expression
}

/** The longest wait Node's setTimeout takes (2^31 - 1 ms, about 24.8 days), which Medusa's in-memory scheduler uses. */
const MAX_SCHEDULER_WAIT_MS = 2 ** 31 - 1

/** The longest time between two runs of `expression`, over the coming year of runs. */
function longestGapMs(expression: string, from = new Date()): number {
  const runs = parseExpression(expression, { currentDate: from })
  let previous = from.getTime()
  let longest = 0
  for (let index = 0; index < 400 && previous - from.getTime() < 400 * 86_400_000; index++) {
    const next = runs.next().getTime()
    longest = Math.max(longest, next - previous)
    previous = next
  }
  return longest
}

/**
 * The schedule of a job whose variable is `variable`: that variable only, never another job's
 * (an unset variable must not fall through to `ODOO_SYNC_CRON`).
 */
export function scheduleFromEnv(fallback: string, variable: string, env: NodeJS.ProcessEnv = process.env): string {
  return syncSchedule(fallback, env[variable] ?? "", variable)
}
