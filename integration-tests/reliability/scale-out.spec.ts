/**
 * Several Medusa processes on one PostgreSQL and the machine's real Redis (REDIS_URL), as a
 * scaled-out deployment runs them: this test's own server, a second server in production mode,
 * workers and the sync CLI. One sync at a time across all of them; a scheduled job that fires
 * on several instances runs once; a holder killed with SIGKILL blocks the sync only until its
 * lease lapses. Also: the status route answers quickly while Odoo hangs.
 */
import { randomBytes } from "node:crypto"
import { connect } from "node:net"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { useOdooEnvironment } from "../helpers/odoo-environment"
import { freePort, startMedusa, startSyncCli, until, type MedusaProcess } from "../helpers/medusa-processes"
import { catalogDifferencesInCompanyCurrencies, database, request, waitForRun, type Headers } from "./helpers"

jest.setTimeout(600 * 1000)

const REDIS = { host: "127.0.0.1", port: 6379 }
/** A Redis database of this run's own, emptied before and after. */
const REDIS_DB = 1 + (process.pid % 15)
const REDIS_URL = `redis://${REDIS.host}:${REDIS.port}/${REDIS_DB}`
const LOCK_TTL_SECONDS = 5
const SECRETS = { JWT_SECRET: randomBytes(24).toString("hex"), COOKIE_SECRET: randomBytes(24).toString("hex") }
/**
 * The nightly job, kept out of the way except where a test schedules it (Wednesdays 03:17: boot
 * refuses schedules more than 24 days apart, which Medusa's in-memory scheduler cannot wait).
 */
const QUIET_CRON = "17 3 * * 3"

/** Sends one command to Redis (RESP), resolving with its first reply line. */
function redisCommand(...words: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(REDIS, () => {
      socket.write(`*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join("")}`)
    })
    socket.setTimeout(2000, () => socket.destroy(new Error("no answer")))
    socket.once("data", (data) => {
      socket.end()
      resolve(data.toString().split("\r\n")[0])
    })
    socket.once("error", (error) =>
      reject(new Error(`Redis does not answer at ${REDIS.host}:${REDIS.port} (${error.message}): these tests need it; .ci/run starts one`))
    )
  })
}

/** Runs commands on one connection in this run's database; resolves with the raw replies. */
function redisInDatabase(...commands: string[][]): Promise<string> {
  const encode = (words: string[]) => `*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join("")}`
  const all = [["SELECT", String(REDIS_DB)], ...commands]
  return new Promise((resolve, reject) => {
    const socket = connect(REDIS, () => socket.write(all.map(encode).join("")))
    let replies = ""
    const replyCount = () => replies.split("\r\n").filter((line) => /^[+\-:]|^\$-1$|^\$\d+$/.test(line)).length
    socket.on("data", (data) => {
      replies += data.toString()
      if (replyCount() >= all.length) {
        socket.end()
        resolve(replies)
      }
    })
    socket.setTimeout(2000, () => socket.destroy(new Error("no answer")))
    socket.once("error", reject)
  })
}

async function flushRedisDatabase(): Promise<void> {
  const replies = await redisInDatabase(["FLUSHDB"])
  if (!replies.startsWith("+OK\r\n+OK")) throw new Error(`Redis refused FLUSHDB: ${replies}`)
}

let emulator: OdooEmulator
const processes: MedusaProcess[] = []

beforeAll(async () => {
  expect(await redisCommand("PING")).toBe("+PONG")
  await flushRedisDatabase()
  emulator = await startOdooEmulator({ generate: { templates: 60, seed: 5 } })
  useOdooEnvironment(emulator, {
    ODOO_BATCH_SIZE: "10",
    ODOO_SYNC_LOCK_TTL_SECONDS: String(LOCK_TTL_SECONDS),
    ODOO_SYNC_CRON: QUIET_CRON,
    ODOO_STOCK_SYNC_CRON: QUIET_CRON,
  })
  // Read by medusa-config when the runner boots this test's own server: it shares Redis too.
  Object.assign(process.env, { REDIS_URL, ...SECRETS })
})

afterAll(async () => {
  await Promise.all(processes.map((medusa) => medusa.kill()))
  await emulator?.close()
  await flushRedisDatabase().catch(() => undefined)
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let headers: Headers
    /** What every other process gets: this test's database, Redis, Odoo and secrets. */
    const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: dbConfig.clientUrl,
      REDIS_URL,
      ...SECRETS,
      LOG_LEVEL: "info",
      MEDUSA_DISABLE_TELEMETRY: "true",
      ...extra,
    })
    const runs = async () =>
      (
        await database(getContainer()).raw(
          `SELECT id, status, "trigger", started_at, finished_at, lease_expires_at FROM odoo_sync_run
            WHERE kind = 'product' ORDER BY started_at`
        )
      ).rows as Array<{ id: string; status: string; trigger: string; started_at: Date; finished_at: Date | null; lease_expires_at: Date | null }>
    /** Medusa against Odoo, each template's price in its own company's currency. */
    const converged = () => catalogDifferencesInCompanyCurrencies(database(getContainer()), emulator)

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    it("the status route answers within a few seconds while Odoo hangs", async () => {
      const hang = emulator.faults.inject({ service: "common", method: "version", kind: "hang" })
      const started = Date.now()
      const { status, data } = await request(api.get("/admin/odoo/status", headers))
      hang.remove()
      expect(Date.now() - started).toBeLessThan(7_000)
      expect(status).toBe(200)
      expect(data).toMatchObject({ configured: true, reachable: false, authenticated: false, error: { reason: "timeout" } })
    })

    it("two servers, a worker and the CLI started together run exactly one sync, which converges", async () => {
      // A second server in production mode and a worker, on the same database and Redis.
      const serverPort = await freePort()
      const productionServer = {
        NODE_ENV: "production",
        MEDUSA_WORKER_MODE: "server",
        DISABLE_ADMIN: "true",
        STORE_CORS: "http://localhost:8000",
        ADMIN_CORS: "http://localhost:9000",
        AUTH_CORS: "http://localhost:9000",
      }
      const [server, worker] = await Promise.all([
        startMedusa("server-2", serverPort, childEnv(productionServer)),
        startMedusa("worker", await freePort(), childEnv({ MEDUSA_WORKER_MODE: "worker" })),
      ])
      processes.push(server, worker)

      // Every Odoo call is slow until the CLI has had its say, so the run is under way throughout
      // (and its pages outlast the lock's TTL: the lease must be renewed to keep it).
      const slow = emulator.faults.inject({ method: "execute_kw", kind: "latency", latencyMs: 1500 })
      const cli = startSyncCli("cli", childEnv())
      processes.push(cli)
      const postToSecondServer = fetch(`http://127.0.0.1:${serverPort}/admin/odoo/sync`, {
        method: "POST",
        headers: { ...headers.headers, "content-type": "application/json" },
        body: "{}",
      }).then(async (response) => ({ status: response.status, data: await response.json() }))
      const [first, second] = await Promise.all([request(api.post("/admin/odoo/sync", {}, headers)), postToSecondServer])
      expect([first.status, second.status].sort()).toEqual([202, 409])
      const runId = (first.status === 202 ? first : second).data.run_id as string

      const cliExit = await cli.exited
      expect(cli.output()).toContain("An Odoo product sync is already running")
      expect(cliExit).toBe(1)
      expect((await runs()).map((run) => run.status)).toEqual(["running"])
      // The lock they all met is Medusa's Redis lock, held by the run.
      expect(await redisInDatabase(["GET", "medusa_lock:odoo:product-sync"])).toContain(`\r\n${runId}\r\n`)
      slow.remove()

      const run = await waitForRun(api, headers, runId)
      expect(run.status).toBe("succeeded")
      expect((await runs()).map((run) => run.id)).toEqual([runId])
      expect(await converged()).toEqual([])
      await Promise.all([server.kill(), worker.kill()])
    })

    it("a sync process killed with SIGKILL blocks the sync until its lease lapses; the next run converges", async () => {
      emulator.store.write("product.template", emulator.store.search("product.template").slice(0, 20), { list_price: 777 })
      const slow = emulator.faults.inject({ method: "execute_kw", kind: "latency", latencyMs: 500 })
      const holder = startSyncCli("holder", childEnv(), ["full"])
      processes.push(holder)
      const holderRun = async () => (await runs()).find((run) => run.trigger === "cli" && run.status === "running")
      await until(async () => (await holderRun()) !== undefined, "the CLI's run to begin", 180_000)
      await holder.kill()
      slow.remove()
      const killed = (await holderRun())!

      // The dead process's lock is still in Redis: nobody may start until it expires.
      const refused = await request(api.post("/admin/odoo/sync", {}, headers))
      expect(refused.status).toBe(409)
      let started = refused
      await until(async () => {
        started = await request(api.post("/admin/odoo/sync", {}, headers))
        return started.status === 202
      }, "a run to start after the lease lapsed", 60_000)
      const startedAt = Date.now()
      // Not before the lease the killed run had last recorded (the lock's own expiry is no earlier).
      expect(startedAt).toBeGreaterThanOrEqual(new Date(killed.lease_expires_at!).getTime())

      const next = await waitForRun(api, headers, started.data.run_id)
      expect(next.status).toBe("succeeded")
      const byId = new Map((await runs()).map((run) => [run.id, run]))
      expect(byId.get(killed.id)?.status).toBe("interrupted")
      expect(await converged()).toEqual([])
    })

    it("a scheduled job firing on several instances runs once per firing", async () => {
      // Two workers (and this test's own server, which runs jobs too) with a job every 10 seconds.
      const everyTenSeconds = { MEDUSA_WORKER_MODE: "worker", ODOO_SYNC_CRON: "*/10 * * * * *", LOG_LEVEL: "info" }
      const workers = await Promise.all([
        startMedusa("worker-a", await freePort(), childEnv(everyTenSeconds)),
        startMedusa("worker-b", await freePort(), childEnv(everyTenSeconds)),
      ])
      processes.push(...workers)
      const skipLine = "sync job skipped: another sync is still running"
      // When each instance said it skipped a firing (this server's logger is watched directly).
      const ownSkips: number[] = []
      const ownLogger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const originalInfo = ownLogger.info.bind(ownLogger)
      const ownLines = jest.spyOn(ownLogger, "info").mockImplementation((message: string) => {
        if (String(message).includes(skipLine)) ownSkips.push(Date.now())
        return originalInfo(message)
      })
      const scheduled = async () => (await runs()).filter((run) => run.trigger === "scheduled")
      await until(async () => (await scheduled()).filter((run) => run.status !== "running").length >= 2, "two scheduled runs", 180_000)
      await Promise.all(workers.map((worker) => worker.kill()))
      // The schedule lives in Redis: removed, so that this server stops running it too.
      await flushRedisDatabase()
      await until(async () => (await runs()).every((run) => run.status !== "running"), "the last scheduled run to end")
      ownLines.mockRestore()

      // A firing runs on one instance only: an instance may skip a later firing while a slow run
      // of an earlier one goes on (that run started a period before), never the firing that run
      // was started for (it would have started within the same second).
      const workerSkips = workers.flatMap((worker) =>
        worker
          .output()
          .split("\n")
          .filter((line) => line.includes(skipLine))
          .map((line) => new Date((JSON.parse(line) as { timestamp: string }).timestamp).getTime())
      )
      const firingsSoFar = await scheduled()
      for (const skippedAt of [...workerSkips, ...ownSkips]) {
        const running = firingsSoFar.filter((run) => new Date(run.started_at).getTime() <= skippedAt + 1000).at(-1)
        expect(running).toBeDefined()
        expect(skippedAt - new Date(running!.started_at).getTime()).toBeGreaterThan(5_000)
      }
      const firings = await scheduled()
      for (const run of firings) expect(run.status).toBe("succeeded")
      // One run per firing: consecutive scheduled runs start a schedule period apart, never twice at once.
      for (let index = 1; index < firings.length; index++) {
        const gap = new Date(firings[index].started_at).getTime() - new Date(firings[index - 1].started_at).getTime()
        expect(gap).toBeGreaterThan(5_000)
      }
    })
  },
})
