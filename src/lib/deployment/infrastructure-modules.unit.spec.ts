import { Modules } from "@medusajs/framework/utils"
import { adminDisabled, infrastructureModules, workerModeFromEnv } from "./infrastructure-modules"

describe("infrastructure modules", () => {
  it("adds nothing without REDIS_URL: Medusa's in-memory defaults stay", () => {
    expect(infrastructureModules({})).toEqual([])
    expect(infrastructureModules({ REDIS_URL: "  " })).toEqual([])
  })

  it("with REDIS_URL, replaces event bus, workflow engine, locking and cache with Medusa's Redis modules", () => {
    const modules = infrastructureModules({ REDIS_URL: "redis://cache.internal:6379" })
    const byKey = Object.fromEntries(modules.map((module) => [module.key, module]))
    expect(Object.keys(byKey).sort()).toEqual([Modules.CACHE, Modules.EVENT_BUS, Modules.LOCKING, Modules.WORKFLOW_ENGINE].sort())
    expect(byKey[Modules.EVENT_BUS]).toMatchObject({ resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: "redis://cache.internal:6379" } })
    expect(byKey[Modules.WORKFLOW_ENGINE]).toMatchObject({
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { url: "redis://cache.internal:6379" } },
    })
    expect(byKey[Modules.LOCKING]).toMatchObject({
      options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", is_default: true, options: { redisUrl: "redis://cache.internal:6379" } }] },
    })
    expect(byKey[Modules.CACHE]).toMatchObject({ resolve: "@medusajs/medusa/cache-redis" })
  })

  it("adds the Caching Module with its Redis provider when Medusa's caching flag is on", () => {
    const modules = infrastructureModules({ REDIS_URL: "redis://r:6379", MEDUSA_FF_CACHING: "true" })
    expect(modules.find((module) => module.key === Modules.CACHING)).toMatchObject({
      options: { providers: [{ resolve: "@medusajs/medusa/caching-redis", is_default: true }] },
    })
  })

  it("reads MEDUSA_WORKER_MODE, defaulting to shared, and refuses anything else by name", () => {
    expect(workerModeFromEnv({})).toBe("shared")
    expect(workerModeFromEnv({ MEDUSA_WORKER_MODE: "worker" })).toBe("worker")
    expect(workerModeFromEnv({ MEDUSA_WORKER_MODE: "server" })).toBe("server")
    expect(() => workerModeFromEnv({ MEDUSA_WORKER_MODE: "both" })).toThrow(
      "MEDUSA_WORKER_MODE must be one of shared, worker, server (got: both)"
    )
  })

  it("serves the admin on servers only, unless disabled", () => {
    expect(adminDisabled({})).toBe(false)
    expect(adminDisabled({ MEDUSA_WORKER_MODE: "server" })).toBe(false)
    expect(adminDisabled({ MEDUSA_WORKER_MODE: "worker" })).toBe(true)
    expect(adminDisabled({ DISABLE_MEDUSA_ADMIN: "true" })).toBe(true)
    expect(adminDisabled({ DISABLE_ADMIN: "true" })).toBe(true)
    expect(adminDisabled({ DISABLE_ADMIN: "false" })).toBe(false)
  })
})
