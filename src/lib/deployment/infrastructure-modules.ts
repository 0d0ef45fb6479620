/**
 * Medusa's infrastructure modules for one process or many. With REDIS_URL, Medusa's own Redis
 * modules (as Medusa Cloud configures them), so that every instance, worker and CLI shares
 * events, workflow executions, scheduled jobs, locks and cache; without it, Medusa's in-memory
 * defaults, which are right for exactly one process.
 */
import { Modules } from "@medusajs/framework/utils"

type Env = Record<string, string | undefined>

export const WORKER_MODES = ["shared", "worker", "server"] as const
export type WorkerMode = (typeof WORKER_MODES)[number]

/** MEDUSA_WORKER_MODE, as Medusa documents it: unset means shared (server and worker in one). */
export function workerModeFromEnv(env: Env): WorkerMode {
  const value = env.MEDUSA_WORKER_MODE?.trim()
  if (!value) return "shared"
  if ((WORKER_MODES as readonly string[]).includes(value)) return value as WorkerMode
  throw new Error(`MEDUSA_WORKER_MODE must be one of ${WORKER_MODES.join(", ")} (got: ${value})`)
}

/**
 * Whether this process serves the admin dashboard: not on workers (they serve no HTTP), and not
 * when DISABLE_MEDUSA_ADMIN (Medusa's name) or DISABLE_ADMIN is "true".
 */
export function adminDisabled(env: Env): boolean {
  const disabled = (name: string) => env[name]?.trim().toLowerCase() === "true"
  return workerModeFromEnv(env) === "worker" || disabled("DISABLE_MEDUSA_ADMIN") || disabled("DISABLE_ADMIN")
}

export function redisUrlFromEnv(env: Env): string | undefined {
  const url = env.REDIS_URL?.trim()
  return url ? url : undefined
}

/** The module entries to add to medusa-config's `modules`: none without REDIS_URL. */
export function infrastructureModules(env: Env): Array<Record<string, unknown>> {
  const redisUrl = redisUrlFromEnv(env)
  if (!redisUrl) return []
  const modules: Array<Record<string, unknown>> = [
    { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
    // Scheduled jobs run once across instances, and workflow executions survive a restart.
    { key: Modules.WORKFLOW_ENGINE, resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { url: redisUrl } } },
    {
      key: Modules.LOCKING,
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
        ],
      },
    },
    { key: Modules.CACHE, resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
  ]
  // Medusa 2.21's Caching Module (successor of the Cache Module) is behind a feature flag.
  if (env.MEDUSA_FF_CACHING?.trim().toLowerCase() === "true") {
    modules.push({
      key: Modules.CACHING,
      resolve: "@medusajs/medusa/caching",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } },
        ],
      },
    })
  }
  return modules
}
