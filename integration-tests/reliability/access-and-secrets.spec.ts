/**
 * Who may do what: wrong, revoked or under-privileged Odoo credentials; one run at a time under
 * concurrent requests and the cron; the API key never leaking; the admin routes' validation and
 * authentication.
 */
import fs from "node:fs"
import path from "node:path"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { logger as frameworkLogger } from "@medusajs/framework/logger"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { newApiKey, startOdooEmulator, type OdooEmulator, type OdooEmulatorOptions } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import syncProductsFromErpJob from "../../src/jobs/sync-products-from-erp"
import { beginProductSync } from "../../src/lib/odoo-sync/start-sync"
import { ODOO_MODULE } from "../../src/modules/odoo/constants"
import type OdooModuleService from "../../src/modules/odoo/service"
import {
  database,
  request,
  sync,
  tableCounts,
  waitForRun,
  type ApiResponse,
  type Headers,
} from "./helpers"

jest.setTimeout(300 * 1000)

/**
 * The API key Medusa is given: plainly made up (spaces, accents), with characters that URL
 * encoding and base64 change, so that each form the test searches for differs.
 */
const API_KEY = "made-up for tests/Sécr+t=0dd&%?~ with spaces, ünïcode"

let emulator: OdooEmulator

/** A fresh emulator (demo catalog) on Medusa's configured port, accepting our API key. */
async function useEmulator(options: OdooEmulatorOptions = {}): Promise<OdooEmulator> {
  emulator = await restartOdooEmulator(emulator, { ...options, adminApiKey: API_KEY })
  return emulator
}

beforeAll(async () => {
  emulator = await startOdooEmulator({ adminApiKey: API_KEY })
  useOdooEnvironment(emulator, { ODOO_TIMEOUT_MS: "1000", ODOO_MAX_RETRIES: "1" })
})

beforeEach(async () => {
  await useEmulator()
})

afterAll(async () => {
  await emulator?.close()
})

const LOGGER_METHODS = ["debug", "info", "warn", "error", "log", "activity", "progress", "success", "failure", "panic"] as const

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Headers
    const odooModule = () => getContainer().resolve<OdooModuleService>(ODOO_MODULE)
    const countRuns = async () => (await odooModule().listOdooSyncRuns({})).length
    /** The run's page progress: null when it never got to its pages. */
    const pagesDone = async (runId: string) => {
      const [run] = await odooModule().listOdooSyncRuns({ id: runId })
      return (run.progress as { pages_done?: number } | null)?.pages_done ?? null
    }

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    describe("Odoo credentials and rights", () => {
      it("a revoked key, a wrong key and an unknown database fail the run at once, naming which, writing nothing", async () => {
        // A first run authenticates (the client keeps the uid) and syncs the catalog.
        expect((await sync(api, headers, { full: true })).status).toBe("succeeded")
        const db = database(getContainer())
        emulator.store.write("product.template", [9], { name: "Desk renamed in Odoo", list_price: 1234 })
        const before = await tableCounts(db)

        // Revoked (or expired) since the last login: Odoo refuses the cached session's key.
        emulator.users.admin.apiKey = newApiKey()
        emulator.calls.reset()
        const revoked = await sync(api, headers)
        expect(revoked.status).toBe("failed")
        expect(revoked.error).toMatchObject({ kind: "authentication", name: "OdooAuthenticationError" })
        expect(revoked.error?.message).toContain('authentication refused for user "admin" on database "odoo_medusa"')
        expect(revoked.error?.hint).toMatch(/ODOO_API_KEY.*revoked/)
        // Refused calls are not retried; the calls refused together log in again once, together.
        expect(revoked.odoo_stats).toMatchObject({ retries: 0, authentications: 0 })
        expect(revoked.odoo_stats?.reauthentications).toBeGreaterThan(0)
        expect(emulator.calls.count({ method: "authenticate" })).toBe(1)
        expect(await pagesDone(revoked.id)).toBeNull()

        // Wrong from the start: the first call (the login) is refused, nothing else is asked.
        emulator.calls.reset()
        const wrong = await sync(api, headers)
        expect(wrong.status).toBe("failed")
        expect(wrong.error).toMatchObject({ kind: "authentication" })
        expect(emulator.calls.list().map((call) => call.method)).toEqual(["authenticate"])

        // A database Odoo does not have.
        await useEmulator({ database: "another_database" })
        const unknownDatabase = await sync(api, headers)
        expect(unknownDatabase.status).toBe("failed")
        expect(unknownDatabase.error?.message).toContain('database "odoo_medusa" does not exist')
        expect(unknownDatabase.error?.hint).toMatch(/ODOO_DB_NAME/)

        expect(await tableCounts(db)).toEqual(before)
        const desk = await db.raw(`SELECT title FROM product WHERE external_id = '9'`)
        expect(desk.rows[0].title).toBe("Customizable Desk")
      })

      it("a user without read rights on products fails the run at once as an access error, writing nothing", async () => {
        const db = database(getContainer())
        const before = await tableCounts(db)
        emulator.users.admin.groups = []

        const run = await sync(api, headers, { full: true })
        expect(run.status).toBe("failed")
        expect(run.error).toMatchObject({
          kind: "access",
          name: "OdooAccessError",
          odoo_name: "odoo.exceptions.AccessError",
        })
        expect(run.error?.message).toMatch(/You are not allowed to access '.+' \(product\.[a-z.]+\) records/)
        expect(run.error?.hint).toMatch(/access rights on products/)
        expect(run.odoo_stats?.retries).toBe(0)
        // No page was read, nothing written.
        expect(await pagesDone(run.id)).toBeNull()
        expect(await tableCounts(db)).toEqual(before)
      })
    })

    describe("one run at a time", () => {
      it("ten simultaneous POST /admin/odoo/sync start exactly one run; the others get 409", async () => {
        emulator.faults.inject({ kind: "latency", latencyMs: 200, times: 10 })
        const responses = await Promise.all(
          Array.from({ length: 10 }, () => request(api.post("/admin/odoo/sync", { full: true }, headers)))
        )
        const statuses = responses.map((response) => response.status).sort()
        expect(statuses).toEqual([202, ...Array(9).fill(409)])
        const refused = responses.find((response) => response.status === 409)!
        expect(refused.data.message).toMatch(/already running/)
        const started = responses.find((response) => response.status === 202)!
        expect((await waitForRun(api, headers, started.data.run_id)).status).toBe("succeeded")
        expect(await countRuns()).toBe(1)
      })

      it("the cron firing during a manual run is skipped with a log line and records no run", async () => {
        const logger = getContainer().resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        const info = jest.spyOn(logger, "info")
        try {
          emulator.faults.inject({ kind: "latency", latencyMs: 300, times: 6 })
          const started = await request(api.post("/admin/odoo/sync", {}, headers))
          expect(started.status).toBe(202)
          await syncProductsFromErpJob(getContainer())
          expect(info.mock.calls.map(([message]) => message)).toContain(
            "Odoo product sync job skipped: another sync is still running."
          )
          expect((await waitForRun(api, headers, started.data.run_id)).status).toBe("succeeded")
          const runs = await odooModule().listOdooSyncRuns({})
          expect(runs.map((run) => run.trigger)).toEqual(["admin"])
        } finally {
          info.mockRestore()
        }
      })
    })

    describe("the API key", () => {
      it("appears in no log line, error, run record or API response, in any form", async () => {
        const container = getContainer()
        const forms = [
          API_KEY,
          encodeURIComponent(API_KEY),
          encodeURIComponent(API_KEY).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
          Buffer.from(API_KEY).toString("base64"),
          Buffer.from(API_KEY).toString("base64url"),
          Buffer.from(API_KEY).toString("base64").replace(/=+$/, ""),
        ]
        expect(new Set(forms).size).toBe(forms.length)

        // Everything logged, at every level (spied, so debug lines count even when not printed).
        const captured: string[] = []
        const capture = (...args: unknown[]) => {
          captured.push(args.map((arg) => (typeof arg === "string" ? arg : safeJson(arg))).join(" "))
        }
        const loggers = new Set<Logger>([container.resolve<Logger>(ContainerRegistrationKeys.LOGGER), frameworkLogger])
        const spies: jest.SpyInstance[] = []
        for (const logger of loggers) {
          for (const method of LOGGER_METHODS) {
            const target = logger as unknown as Record<string, (...args: unknown[]) => unknown>
            if (typeof target[method] === "function") {
              const original = target[method].bind(logger)
              spies.push(jest.spyOn(target, method).mockImplementation((...args: unknown[]) => {
                capture(...args)
                return original(...args)
              }))
            }
          }
        }
        for (const stream of [process.stdout, process.stderr]) {
          const original = stream.write.bind(stream)
          spies.push(
            jest.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
              capture(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : safeJson(chunk))
              return (original as (...args: unknown[]) => boolean)(chunk, ...rest)
            }) as typeof stream.write)
          )
        }
        const responses: ApiResponse[] = []
        const call = async (promise: Promise<ApiResponse>) => {
          const response = await request(promise)
          responses.push(response)
          return response
        }
        const runAndWait = async () => {
          const started = await call(api.post("/admin/odoo/sync", { full: true }, headers))
          expect(started.status).toBe(202)
          const run = await waitForRun(api, headers, started.data.run_id)
          responses.push((await call(api.get(`/admin/odoo/sync-runs/${run.id}`, headers))))
          return run
        }
        const thrown: unknown[] = []

        try {
          // 1. A run that succeeds.
          expect((await runAndWait()).status).toBe("succeeded")

          // 2. Odoo errors that echo the key (as some Odoo messages echo the request's arguments).
          emulator.faults.inject({
            model: "product.product",
            method: "search_read",
            kind: "jsonrpc-error",
            name: "builtins.ValueError",
            message: `Invalid value ${forms.join(" | ")} for field name`,
          })
          const echoed = await runAndWait()
          expect(echoed.status).toBe("failed")
          expect(echoed.error?.message).toContain("[redacted]")
          emulator.faults.clear()

          // 3. Timeouts: Odoo stops answering.
          emulator.faults.inject({ kind: "hang" })
          const timedOut = await runAndWait()
          expect(timedOut.status).toBe("failed")
          expect(timedOut.error?.message).toMatch(/timed out/)
          emulator.faults.clear()

          // 4. A key Odoo no longer accepts; the error thrown to the CLI and the job is searched too.
          emulator.users.admin.apiKey = newApiKey()
          expect((await runAndWait()).status).toBe("failed")
          const { execute } = await beginProductSync(container, { trigger: "cli", full: true })
          const error = await execute().catch((failure: unknown) => failure)
          expect(error).toBeInstanceOf(Error)
          thrown.push(error)

          // The status route says a key is set, never which.
          const status = await call(api.get("/admin/odoo/status", headers))
          expect(status.data).toMatchObject({ configured: true, api_key_set: true, authenticated: false })
          await call(api.get("/admin/odoo/sync-runs?limit=50", headers))
        } finally {
          spies.forEach((spy) => spy.mockRestore())
        }

        const stored = await database(container).raw(`SELECT row_to_json(r)::text AS json FROM odoo_sync_run r`)
        expect(stored.rows).toHaveLength(5)
        const haystacks: [string, string][] = [
          ...captured.map((line, index): [string, string] => [`log line ${index}`, line]),
          ...stored.rows.map((row, index): [string, string] => [`odoo_sync_run row ${index}`, row.json]),
          ...responses.map((response, index): [string, string] => [`API response ${index}`, safeJson(response.data)]),
          ...thrown.flatMap((error, index): [string, string][] => {
            const failure = error as Error
            return [
              [`thrown ${index} (String)`, String(failure)],
              [`thrown ${index} (stack)`, failure.stack ?? ""],
              [`thrown ${index} (JSON)`, safeJson(failure)],
              [`thrown ${index} (fields)`, safeJson(Object.fromEntries(Object.entries(failure)))],
            ]
          }),
        ]
        expect(captured.some((line) => line.includes("Product sync failed"))).toBe(true)
        const leaks = haystacks.flatMap(([where, text]) =>
          forms.filter((form) => text.includes(form)).map((form) => `${where} contains ${JSON.stringify(form)}`)
        )
        expect(leaks).toEqual([])
      })
    })

    describe("admin routes", () => {
      it("answer 400 with the validation message to invalid bodies and query strings", async () => {
        const cases: [string, "get" | "post", string, unknown, RegExp][] = [
          ["a non-boolean full", "post", "/admin/odoo/sync", { full: "yes" }, /full/],
          ["a non-boolean dry_run", "post", "/admin/odoo/sync", { dry_run: 1 }, /dry_run/],
          ["an unknown field", "post", "/admin/odoo/sync", { full: true, everything: true }, /everything/],
          ["an array body", "post", "/admin/odoo/sync", [true], /^Invalid request/],
          ["a non-numeric limit", "get", "/admin/odoo/sync-runs?limit=many", null, /limit/],
          ["a negative offset", "get", "/admin/odoo/sync-runs?offset=-5", null, /offset/],
          ["a fractional limit", "get", "/admin/odoo/sync-runs?limit=1.5", null, /limit/],
          ["a zero limit", "get", "/admin/odoo/sync-runs?limit=0", null, /limit/],
          ["a limit above the maximum", "get", "/admin/odoo/sync-runs?limit=100000", null, /limit/],
          ["an order on an unknown field", "get", "/admin/odoo/sync-runs?order=password", null, /password/],
          ["an unknown status", "get", "/admin/odoo/sync-runs?status=exploded", null, /status/],
          ["an unknown trigger", "get", "/admin/odoo/sync-runs?trigger=telepathy", null, /trigger/],
          ["an unknown parameter", "get", "/admin/odoo/sync-runs?api_key=1", null, /api_key/],
          ["an unknown field to select", "get", "/admin/odoo/sync-runs?fields=password", null, /password/],
          ["an unknown field of one run", "get", "/admin/odoo/sync-runs/osrun_x?fields=id,+secret", null, /secret/],
          ["an unknown parameter on one run", "get", "/admin/odoo/sync-runs/osrun_x?limit=3", null, /limit/],
          ["an unknown parameter on the status", "get", "/admin/odoo/status?verbose=true", null, /verbose/],
        ]
        const failures: string[] = []
        for (const [what, method, url, body, message] of cases) {
          const response = await request(method === "post" ? api.post(url, body, headers) : api.get(url, headers))
          if (response.status !== 400 || !message.test(String(response.data?.message))) {
            failures.push(`${what} (${method.toUpperCase()} ${url}): ${response.status} ${safeJson(response.data)}`)
          }
        }
        expect(failures).toEqual([])
        expect(await countRuns()).toBe(0)

        // What is valid still is.
        const valid = [
          "/admin/odoo/sync-runs?limit=100&offset=0&status=failed&trigger=admin&fields=id,+counts,-plan&order=-started_at",
          "/admin/odoo/sync-runs",
          "/admin/odoo/status",
        ]
        for (const url of valid) {
          expect([url, (await request(api.get(url, headers))).status]).toEqual([url, 200])
        }
        const run = await sync(api, headers, { dry_run: true })
        const one = await request(api.get(`/admin/odoo/sync-runs/${run.id}?fields=id,status`, headers))
        expect(one.data.sync_run).toEqual({ id: run.id, status: "succeeded" })
      })

      it("refuse every route of ours without admin authentication", async () => {
        const routes = ourRoutes()
        expect(routes.length).toBeGreaterThanOrEqual(4)
        // Our routes only read and start runs; a new method needs its own call here.
        expect(routes.filter(({ method }) => method !== "GET" && method !== "POST")).toEqual([])
        const answered: string[] = []
        for (const { method, url } of routes) {
          for (const auth of [{}, { headers: { authorization: "Bearer not-a-valid-token" } }]) {
            const response = await request(method === "GET" ? api.get(url, auth) : api.post(url, {}, auth))
            if (response.status !== 401) {
              answered.push(`${method} ${url}: ${response.status}`)
            }
          }
        }
        expect(answered).toEqual([])
        expect(await countRuns()).toBe(0)
      })
    })
  },
})

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** Every route file under src/api with the HTTP methods it exports, as URLs (":id" filled in). */
function ourRoutes(): { method: string; url: string }[] {
  const apiDir = path.resolve(__dirname, "../../src/api")
  const routes: { method: string; url: string }[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(full)
      } else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8")
        const url = `/${path.relative(apiDir, dir).split(path.sep).join("/")}`.replace(/\[[^\]]+\]/g, "osrun_x")
        for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          routes.push({ method, url })
        }
      }
    }
  }
  walk(apiDir)
  return routes
}
