/**
 * `npm run bench [-- --templates 1000] [--runs 1] [--seed 1] [--cpu-prof] [--keep-db] [--verbose]`
 *
 * Each run: the Odoo emulator in a child process with a generated catalog, a new PostgreSQL
 * database migrated by `medusa db:migrate`, then one worker process (bench/worker.ts) that boots
 * Medusa in-process and measures, in order: the ceiling (createProductsWorkflow alone), a full
 * sync, a re-sync with nothing changed, after 1% of the templates changed, after 1% archived.
 * Prints the medians over the runs and writes bench/results/latest.json (and latest-<N>.json).
 * With `--stock`: the stock sync instead (bench/stock-worker.ts), written to latest-stock.json.
 */
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { checkTargets, renderCalls, renderTable, renderTargets, summarise } from "./lib/report"
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  migrate,
  PROJECT_DIR,
  serverUrl,
  startEmulatorProcess,
} from "./lib/processes"
import type { RunResult, WorkerConfig } from "./lib/types"
import type { OrdersBenchResult } from "./orders-worker"
import { findReferenceDir } from "../integration-tests/odoo-emulator/reference-path"

/** The orders bench needs Odoo's countries, states, taxes and pricelists: the v2 demo database. */
function v2Fixture(): string {
  const reference = findReferenceDir(PROJECT_DIR)
  if (!reference) throw new Error("the orders bench needs shared/odoo-reference/v2/fixture.json")
  return path.join(reference, "v2", "fixture.json")
}

/** The orders bench's report: medians over the runs, written to bench/results/latest-orders.json. */
function reportOrders(runs: OrdersBenchResult[], options: Options): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const summary = {
    orders: runs[0].orders,
    customers: runs[0].customers,
    allInOdooOnce: runs.every((run) => run.inOdoo === run.orders && run.duplicates === 0),
    medianPushLatencyMs: median(runs.map((run) => run.latencyMs.median)),
    p95PushLatencyMs: median(runs.map((run) => run.latencyMs.p95)),
    drainS: median(runs.map((run) => run.drainMs)) / 1000,
    placeS: median(runs.map((run) => run.placeMs)) / 1000,
    odooCallsPerOrder: median(runs.map((run) => run.odooCallsPerOrder)),
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  fs.writeFileSync(path.join(RESULTS_DIR, "latest-orders.json"), JSON.stringify({ date: new Date().toISOString(), options, summary, runs }, null, 2))
  process.stdout.write(
    [
      "",
      `${summary.orders} orders from ${summary.customers} returning customers, placed in a burst (${summary.placeS} s through the Store API)`,
      `in Odoo exactly once: ${summary.allInOdooOnce ? "yes" : "NO"}`,
      `push latency after order.placed: median ${summary.medianPushLatencyMs} ms, p95 ${summary.p95PushLatencyMs} ms; all pushed ${summary.drainS} s after the burst`,
      `Odoo calls per order: ${summary.odooCallsPerOrder} (target ≤ 6) ${summary.odooCallsPerOrder <= 6 ? "met" : "MISSED"}`,
      "Odoo calls of the burst: " + JSON.stringify(runs[0].odooCallsByMethod),
      `Written to ${path.relative(PROJECT_DIR, path.join(RESULTS_DIR, "latest-orders.json"))}`,
      "",
    ].join("\n")
  )
}

type Options = {
  templates: number
  runs: number
  seed: number
  batchSize: number
  cpuProf: boolean
  keepDb: boolean
  verbose: boolean
  stock: boolean
  /** --orders: the orders bench, with this many orders in the burst (default 200). */
  orders: number
}

const USAGE = "usage: npm run bench -- [--templates 1000] [--runs 1] [--seed 1] [--cpu-prof] [--keep-db] [--verbose] [--stock] [--orders[=200]]"
const RESULTS_DIR = path.join(PROJECT_DIR, "bench", "results")

function parseOptions(argv: string[]): Options {
  const options: Options = { templates: 1000, runs: 1, seed: 1, batchSize: 100, cpuProf: false, keepDb: false, verbose: false, stock: false, orders: 0 }
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split("=", 2)
    const integer = (): number => {
      const text = inline ?? argv[++index]
      if (!/^\d+$/.test(text ?? "") || Number(text) < 1) throw new Error(`${flag} expects a positive integer\n${USAGE}`)
      return Number(text)
    }
    switch (flag) {
      case "--templates":
        options.templates = integer()
        break
      case "--runs":
        options.runs = integer()
        break
      case "--seed":
        options.seed = integer()
        break
      case "--batch-size":
        options.batchSize = integer()
        break
      case "--cpu-prof":
        options.cpuProf = true
        break
      case "--keep-db":
        options.keepDb = true
        break
      case "--verbose":
        options.verbose = true
        break
      case "--stock":
        options.stock = true
        break
      case "--orders":
        options.orders = inline ? integer() : 200
        break
      default:
        throw new Error(`unknown argument ${argv[index]}\n${USAGE}`)
    }
  }
  return options
}

function say(line: string): void {
  process.stdout.write(`[bench] ${line}\n`)
}

/** The environment Medusa gets: this database, this emulator, nothing inherited from ODOO_*. */
function medusaEnvironment(database: string, emulator: WorkerConfig["emulator"], options: Options): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("ODOO_") && !key.startsWith("npm_")) env[key] = value
  }
  return {
    ...env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl(database),
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: options.verbose ? "info" : "warn",
    ODOO_URL: emulator.url,
    ODOO_DB_NAME: emulator.db,
    ODOO_USERNAME: emulator.login,
    ODOO_API_KEY: emulator.apiKey,
    ODOO_BATCH_SIZE: String(options.batchSize),
    ODOO_TIMEOUT_MS: "120000",
  }
}

function runWorker(env: NodeJS.ProcessEnv, config: WorkerConfig, worker = "worker.ts"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "-r", "ts-node/register/transpile-only", path.join(PROJECT_DIR, "bench", worker)],
      { cwd: PROJECT_DIR, env: { ...env, BENCH_CONFIG: JSON.stringify(config) }, stdio: ["ignore", "inherit", "inherit"] }
    )
    child.on("error", reject)
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`the bench worker exited with ${code ?? signal}`))))
  })
}

async function benchRun(options: Options, run: number): Promise<RunResult> {
  const emulator = await startEmulatorProcess(options.templates, options.seed, options.orders ? v2Fixture() : undefined)
  const database = `medusa_bench_${Date.now()}_${run}`
  say(`run ${run}/${options.runs}: emulator at ${emulator.url} (${options.templates} templates, seed ${options.seed}), database ${database}`)
  try {
    await createDatabase(database)
    const connection = { url: emulator.url, db: emulator.db, login: emulator.login, apiKey: emulator.apiKey }
    const env = medusaEnvironment(database, connection, options)
    const migrationStarted = Date.now()
    await migrate(env)
    const migrateMs = Date.now() - migrationStarted
    say(`run ${run}: migrated in ${(migrateMs / 1000).toFixed(1)} s`)
    const resultFile = path.join(os.tmpdir(), `${database}.json`)
    await runWorker(env, {
      orders: options.orders,
      run,
      batchSize: options.batchSize,
      resultFile,
      profileDir: options.cpuProf ? path.join(RESULTS_DIR, "profiles") : null,
      emulator: connection,
      emulatorPid: emulator.pid,
    }, options.orders ? "orders-worker.ts" : options.stock ? "stock-worker.ts" : "worker.ts")
    const result: RunResult = JSON.parse(fs.readFileSync(resultFile, "utf8"))
    fs.rmSync(resultFile, { force: true })
    return { ...result, migrateMs }
  } finally {
    await emulator.stop()
    if (options.keepDb) say(`run ${run}: database ${database} kept`)
    else await dropDatabase(database).catch((error) => say(`could not drop ${database}: ${error}`))
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const server = serverUrl()
  server.password = server.password ? "***" : ""
  say(`${options.templates} templates, ${options.runs} run(s), batch ${options.batchSize}, PostgreSQL at ${server.host}`)
  const runs: RunResult[] = []
  for (let run = 1; run <= options.runs; run++) {
    runs.push(await benchRun(options, run))
  }
  if (options.orders) {
    reportOrders(runs as unknown[] as OrdersBenchResult[], options)
    return
  }
  if (options.stock) {
    reportStock(runs, options)
    return
  }
  const summary = summarise(runs)
  const pages = runs[0].pages
  const at1000File = path.join(RESULTS_DIR, "latest-1000.json")
  const peakAt1000 =
    options.templates !== 1000 && fs.existsSync(at1000File)
      ? (JSON.parse(fs.readFileSync(at1000File, "utf8")).summary as ReturnType<typeof summarise>).find((s) => s.step === "full")
          ?.peakRssMb
      : undefined
  const targets = checkTargets(summary, options.templates, pages, peakAt1000)
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg(),
  }
  const report = {
    date: new Date().toISOString(),
    options,
    machine,
    catalog: { templates: runs[0].templates, products: runs[0].products, variants: runs[0].variants, pages },
    summary,
    targets,
    runs,
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), JSON.stringify(report, null, 2))
  fs.writeFileSync(path.join(RESULTS_DIR, `latest-${options.templates}.json`), JSON.stringify(report, null, 2))

  const out = [
    "",
    `${runs[0].templates} templates → ${runs[0].products} products, ${runs[0].variants} variants, ${pages} pages of ${options.batchSize}; ` +
      `${options.runs === 1 ? "1 run" : `medians of ${options.runs} runs`}; ${machine.cpus} cores, node ${machine.node}`,
    "",
    renderTable(summary),
    "",
    "Odoo calls by model and method:",
    renderCalls(summary),
    "",
    "Targets:",
    renderTargets(targets),
    "",
    `Written to ${path.relative(PROJECT_DIR, path.join(RESULTS_DIR, "latest.json"))}`,
  ]
  process.stdout.write(out.join("\n") + "\n")
}

type StockRunResult = {
  variants: number
  warehouses: number
  levels: number
  steps: { step: string; wallMs: number; levelsWritten: number; odooCalls: number; sqlQueries: number; medusaCpuMs: number; odooCpuMs: number | null }[]
}

/** The stock bench's table: medians per step, and each sync step against the ceiling. */
function reportStock(results: unknown[], options: Options): void {
  const runs = results as StockRunResult[]
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const stepNames = ["full", "nochange", "moved", "ceiling"]
  const rows = stepNames.map((step) => {
    const of = runs.map((run) => run.steps.find((entry) => entry.step === step)!)
    return {
      step,
      wallS: median(of.map((entry) => entry.wallMs)) / 1000,
      levelsWritten: median(of.map((entry) => entry.levelsWritten)),
      odooCalls: median(of.map((entry) => entry.odooCalls)),
      sqlQueries: median(of.map((entry) => entry.sqlQueries)),
      medusaCpuS: median(of.map((entry) => entry.medusaCpuMs)) / 1000,
    }
  })
  const ceiling = rows.find((row) => row.step === "ceiling")!
  const report = { date: new Date().toISOString(), options, variants: runs[0].variants, warehouses: runs[0].warehouses, levels: runs[0].levels, rows, runs }
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  fs.writeFileSync(path.join(RESULTS_DIR, "latest-stock.json"), JSON.stringify(report, null, 2))
  const lines = [
    "",
    `${runs[0].variants} managed variants × ${runs[0].warehouses} warehouses = ${runs[0].levels} levels; ${options.runs === 1 ? "1 run" : `medians of ${options.runs} runs`}`,
    "",
    "| step | wall s | levels written | × ceiling (wall) | Odoo calls | SQL | CPU s Medusa |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.step} | ${row.wallS.toFixed(2)} | ${row.levelsWritten} | ${row.step === "full" ? (row.wallS / ceiling.wallS).toFixed(2) : ""} | ${row.odooCalls} | ${row.sqlQueries} | ${row.medusaCpuS.toFixed(2)} |`
    ),
    "",
    `Written to ${path.relative(PROJECT_DIR, path.join(RESULTS_DIR, "latest-stock.json"))}`,
  ]
  process.stdout.write(lines.join("\n") + "\n")
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exit(1)
  }
)
