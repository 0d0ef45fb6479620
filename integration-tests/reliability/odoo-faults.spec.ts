/**
 * Faults on the Odoo side: random failures over a large catalog, Odoo unreachable for a whole
 * run, and Odoo going away in the middle of one. Medusa, PostgreSQL and the emulator are real;
 * the emulator is reached over HTTP.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type FaultHandle, type OdooEmulator, type OdooEmulatorOptions } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import { ODOO_MODULE } from "../../src/modules/odoo/constants"
import type OdooModuleService from "../../src/modules/odoo/service"
import {
  catalogDifferences,
  database,
  medusaCatalog,
  medusaCatalogInTemplateCurrencies,
  odooCatalog,
  request,
  sync,
  tableCounts,
  waitForRun,
  type Headers,
  type SyncRun,
} from "./helpers"

jest.setTimeout(600 * 1000)

/** The issue asks for 2,000 templates (1,948 for sale, ~7,400 active variants with this seed). */
const LARGE_CATALOG = { templates: 2000, seed: 7 }
const BATCH_SIZE = 100
const TIMEOUT_MS = 2500
const MAX_RETRIES = 3

let emulator: OdooEmulator

/** A fresh emulator on the port Medusa was configured with (the module reads it at boot). */
async function useEmulator(options: OdooEmulatorOptions): Promise<OdooEmulator> {
  emulator = await restartOdooEmulator(emulator, options)
  return emulator
}

beforeAll(async () => {
  emulator = await startOdooEmulator({ generate: { templates: 1, seed: 1 } })
  useOdooEnvironment(emulator, {
    ODOO_TIMEOUT_MS: String(TIMEOUT_MS),
    ODOO_MAX_RETRIES: String(MAX_RETRIES),
    ODOO_BATCH_SIZE: String(BATCH_SIZE),
  })
})

afterAll(async () => {
  await emulator?.close()
})

const sumFired = (handles: FaultHandle[]) => handles.reduce((total, handle) => total + handle.fired, 0)

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await condition()) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Headers
    const odooModule = () => getContainer().resolve<OdooModuleService>(ODOO_MODULE)

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    describe("with about 10% of Odoo calls failing at random", () => {
      it("ends with exactly Odoo's catalog within three runs, and the runs count the retries", async () => {
        const emu = await useEmulator({ generate: LARGE_CATALOG })
        const client = odooModule().client
        const statsAtStart = client.stats()

        // Not retried, by design (an Odoo 500 is a server bug, an HTML page a wrong URL or a
        // maintenance page): each fails the run it hits once, and the next run picks up.
        const fatal = [
          emu.faults.inject({ model: "product.product", method: "search_read", kind: "http500", rate: 0.25, times: 1, seed: 11 }),
          emu.faults.inject({ model: "product.template.attribute.value", method: "search_read", kind: "html", rate: 0.2, times: 1, seed: 12 }),
        ]
        // Retried by the client: gateways, rate limiting, dropped connections, hangs past the timeout.
        const retried = [
          emu.faults.inject({ kind: "http502", rate: 0.025, seed: 1 }),
          emu.faults.inject({ kind: "http503", rate: 0.02, seed: 2 }),
          emu.faults.inject({ kind: "http429", rate: 0.015, seed: 3 }),
          emu.faults.inject({ kind: "drop", rate: 0.02, seed: 4 }),
          emu.faults.inject({ kind: "hang", rate: 0.02, times: 3, seed: 5 }),
        ]

        const runs: SyncRun[] = []
        while (runs.length < 3 && runs[runs.length - 1]?.status !== "succeeded") {
          runs.push(await sync(api, headers, runs.length === 0 ? { full: true } : {}))
        }
        const failed = runs.filter((run) => run.status === "failed")
        expect(runs[runs.length - 1].status).toBe("succeeded")
        // Every failed run was failed by one of the faults that are not retried, nothing else.
        expect(failed).toHaveLength(sumFired(fatal))
        for (const run of failed) {
          expect(run.error?.kind).toBe("transport")
          if (run.error?.message.includes("HTTP 500")) {
            expect(run.error.hint).toMatch(/answered HTTP 500: check Odoo's server log/)
          } else {
            expect(run.error?.message).toMatch(/expected a JSON-RPC response, got text\/html/)
            expect(run.error?.hint).toMatch(/ODOO_URL .*did not answer as Odoo's JSON-RPC/)
          }
        }
        for (const handle of retried) {
          expect(handle.fired).toBeGreaterThan(0)
        }

        // Exactly Odoo's catalog: each template once, no extra, each active variant once, prices right.
        const differences = catalogDifferences(await medusaCatalogInTemplateCurrencies(database(getContainer()), emu), odooCatalog(emu))
        expect(differences).toEqual([])

        // The run report counts what each run asked of Odoo; together they account for every
        // retry and every request the emulator saw (waiting for calls a failed run left in flight).
        await until(() => client.stats().requests - statsAtStart.requests === emu.calls.count(), "calls in flight")
        expect(client.stats().retries - statsAtStart.retries).toBe(sumFired(retried))
        const last = runs[runs.length - 1]
        expect(last.odoo_stats).toMatchObject({ requests: expect.any(Number), retries: expect.any(Number) })
        expect(last.odoo_stats!.byCall["product.product.search_read"].calls).toBeGreaterThan(0)
        const reported = runs.map((run) => run.odoo_stats!)
        const reportedRetries = reported.reduce((total, stats) => total + stats.retries, 0)
        const reportedRequests = reported.reduce((total, stats) => total + stats.requests, 0)
        expect(reportedRetries).toBeGreaterThan(0)
        expect(reportedRetries).toBeLessThanOrEqual(sumFired(retried))
        expect(reportedRequests).toBeLessThanOrEqual(emu.calls.count())
        // Each run's requests are its first attempts plus its retries.
        for (const stats of reported) {
          const calls = Object.values(stats.byCall).reduce((total, call) => total + call.calls, 0)
          expect(calls).toBe(stats.requests)
          expect(stats.requests).toBeGreaterThan(stats.retries)
        }
      })
    })

    describe("with Odoo unreachable for the whole run", () => {
      it("fails fast with one clear error, leaves Medusa unchanged and nothing locked", async () => {
        await useEmulator({ generate: { templates: 5, seed: 3 } })
        await emulator.close() // the port Medusa was configured with is now closed
        const db = database(getContainer())
        const logger = getContainer().resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        const errors = jest.spyOn(logger, "error")
        const before = await tableCounts(db)
        try {
          const started = await request(api.post("/admin/odoo/sync", { full: true }, headers))
          expect(started.status).toBe(202)
          const run = await waitForRun(api, headers, started.data.run_id)

          expect(run.status).toBe("failed")
          expect(run.error).toMatchObject({ kind: "transport", name: "OdooTransportError" })
          // What was tried (the call, the URL, how many times) and what to check.
          expect(run.error?.message).toMatch(/^Odoo [\w.]+ failed: connection refused/)
          expect(run.error?.message).toContain(`after ${MAX_RETRIES + 1} attempts`)
          expect(run.error?.hint).toContain(`ODOO_URL (http://127.0.0.1:${emulator.port})`)
          expect(run.odoo_stats?.retries).toBeGreaterThanOrEqual(MAX_RETRIES)
          const failureLines = errors.mock.calls.map(([message]) => String(message)).filter((line) => line.includes("sync failed"))
          expect(failureLines).toHaveLength(1)
          expect(failureLines[0]).toContain(run.error!.message)

          expect(await tableCounts(db)).toEqual(before)
          expect(await odooModule().listOdooSyncCursors({})).toEqual([])

          // Nothing left locked: the next run starts at once (and fails the same way).
          const next = await request(api.post("/admin/odoo/sync", {}, headers))
          expect(next.status).toBe(202)
          expect((await waitForRun(api, headers, next.data.run_id)).status).toBe("failed")
        } finally {
          errors.mockRestore()
        }
      })
    })

    describe("with Odoo going away in the middle of a run", () => {
      it("keeps the pages written, rolls the failing one back, keeps the cursor, and the next run completes", async () => {
        const catalog = { generate: { templates: 360, seed: 5 } }
        const emu = await useEmulator(catalog)
        const forSale = emu.store.search("product.template", [["sale_ok", "=", true]], { order: "id asc" })
        const [first20, rest] = [forSale.slice(0, 20), forSale.slice(20)]
        // A first run syncs 20 templates and sets the cursor; then 300+ more come up for sale.
        emu.store.write("product.template", rest, { sale_ok: false })
        const initial = await sync(api, headers, { full: true })
        expect(initial.status).toBe("succeeded")
        const [cursorBefore] = await odooModule().listOdooSyncCursors({})
        expect(cursorBefore.run_id).toBe(initial.id)
        const comeBack = (target: OdooEmulator) => target.store.write("product.template", rest, { sale_ok: true })
        comeBack(emu)
        const pages = Array.from({ length: Math.ceil(rest.length / BATCH_SIZE) }, (_, page) =>
          rest.slice(page * BATCH_SIZE, (page + 1) * BATCH_SIZE)
        )
        expect(pages.length).toBeGreaterThanOrEqual(3)

        // Slow page reads, so the test sees the run between pages; Odoo goes away after page 1.
        emu.faults.inject({ model: "product.product", method: "search_read", kind: "latency", latencyMs: 400 })
        const started = await request(api.post("/admin/odoo/sync", {}, headers))
        expect(started.status).toBe(202)
        const runId: string = started.data.run_id
        const progressOf = async () => {
          const [run] = await odooModule().listOdooSyncRuns({ id: runId })
          return (run?.progress ?? null) as { pages_done: number } | null
        }
        await until(async () => ((await progressOf())?.pages_done ?? 0) >= 1, "the first page")
        await emu.close()
        const failed = await waitForRun(api, headers, runId)

        expect(failed.status).toBe("failed")
        expect(failed.error?.kind).toBe("transport")
        const pagesDone = (await progressOf())!.pages_done
        expect(pagesDone).toBeGreaterThanOrEqual(1)
        expect(pagesDone).toBeLessThan(pages.length)
        expect(failed.error?.message).toMatch(new RegExp(`^page ${pagesDone + 1} of ${pages.length} .*rolled back`))
        // The pages before are written, nothing of the failing page or after it.
        const written = new Set((await medusaCatalog(database(getContainer()))).map((row) => Number(row.template_id)))
        const expected = [...first20, ...pages.slice(0, pagesDone).flat()]
        expect([...written].sort((a, b) => a - b)).toEqual(expected)
        const [cursorAfter] = await odooModule().listOdooSyncCursors({})
        expect({ run_id: cursorAfter.run_id, marks: cursorAfter.marks }).toEqual({
          run_id: cursorBefore.run_id,
          marks: cursorBefore.marks,
        })

        // Odoo is back (same data); the next incremental run completes the catalog.
        const back = await useEmulator(catalog)
        comeBack(back)
        const next = await sync(api, headers)
        expect(next.status).toBe("succeeded")
        expect(catalogDifferences(await medusaCatalogInTemplateCurrencies(database(getContainer()), back), odooCatalog(back))).toEqual([])
        const [cursorNow] = await odooModule().listOdooSyncCursors({})
        expect(cursorNow.run_id).toBe(next.id)
      })
    })
  },
})
