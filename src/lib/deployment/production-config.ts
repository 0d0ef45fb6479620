/**
 * What production mode (NODE_ENV=production) refuses: the dev defaults that are fine on a laptop
 * and unsafe on a server. Pure functions of the environment, used by medusa-config.ts.
 */

type Env = Record<string, string | undefined>

/** The secrets' development default; a production server that uses it signs with a public value. */
export const DEVELOPMENT_SECRET = "supersecret"

const CORS_VARIABLES = ["STORE_CORS", "ADMIN_CORS", "AUTH_CORS"] as const

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== ""
}

export function isProduction(env: Env): boolean {
  return env.NODE_ENV === "production"
}

/**
 * Each unsafe setting, as a sentence naming the variable and what to do. Empty outside
 * production. A worker (MEDUSA_WORKER_MODE=worker) serves no HTTP API, so CORS is not asked of it.
 */
export function unsafeProductionSettings(env: Env): string[] {
  if (!isProduction(env)) return []
  const problems: string[] = []
  if (!isSet(env.DATABASE_URL)) {
    problems.push(
      "DATABASE_URL is not set (the embedded PostgreSQL is for local development only: its data would be lost with the container)"
    )
  }
  for (const name of ["JWT_SECRET", "COOKIE_SECRET"] as const) {
    const value = env[name]
    if (!isSet(value)) {
      problems.push(`${name} is not set (set a long random value, e.g. \`openssl rand -base64 48\`)`)
    } else if (value.trim() === DEVELOPMENT_SECRET) {
      problems.push(`${name} is the development default "${DEVELOPMENT_SECRET}" (set a long random value)`)
    }
  }
  if (env.MEDUSA_WORKER_MODE?.trim() !== "worker") {
    for (const name of CORS_VARIABLES) {
      if (!isSet(env[name])) {
        problems.push(`${name} is not set (the origins allowed to call the API, comma-separated, e.g. https://shop.example.com)`)
      }
    }
  }
  return problems
}

/** Throws one error listing every unsafe setting when in production mode. */
export function assertSafeProductionConfig(env: Env): void {
  const problems = unsafeProductionSettings(env)
  if (problems.length) {
    throw new Error(
      `Refusing to start in production mode (NODE_ENV=production) with unsafe configuration: ${problems.join("; ")}. ` +
        "Set these variables, or run with NODE_ENV=development for local use."
    )
  }
}
