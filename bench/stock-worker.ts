/**
 * The stock bench (`npm run bench -- --stock`), in one process like bench/worker.ts: boots
 * Medusa on the fresh database, syncs the generated catalog's products (setup, not measured),
 * adds a third warehouse with stock in Odoo, then measures: a full stock sync, a stock sync with
 * nothing moved, one after 1% of the variants' quants moved, and the ceiling: Medusa's own
 * batchInventoryItemLevelsWorkflow writing the same levels in one run. Writes its result as JSON.
 */
import fs from "node:fs"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { batchInventoryItemLevelsWorkflow } from "@medusajs/medusa/core-flows"
import { beginProductSync } from "../src/lib/odoo-sync/start-sync"
import { beginStockSync } from "../src/lib/odoo-stock/start-stock-sync"
import { SETTLE_MS } from "../src/lib/odoo-sync/write-mark"
import { ODOO_MODULE } from "../src/modules/odoo/constants"
import type OdooModuleService from "../src/modules/odoo/service"
import { benchClient, spreadPick } from "./lib/catalog"
import { odooDelta, processCpuMs, RssSampler, StepProfiler, timed } from "./lib/measure"
import type { WorkerConfig } from "./lib/types"

const PROJECT_DIR = path.resolve(__dirname, "..")
type Knex = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

export type StockStepResult = {
  step: "full" | "nochange" | "moved" | "ceiling"
  wallMs: number
  levelsWritten: number
  odooCalls: number
  odooByCall: Record<string, number>
  sqlQueries: number
  peakRssBytes: number
  medusaCpuMs: number
  odooCpuMs: number | null
  counts?: Record<string, number>
}

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function bootMedusa(): Promise<{ container: MedusaContainer }> {
  process.env.MEDUSA_WORKER_MODE = "server"
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const loaders = require("@medusajs/medusa/loaders/index")
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const express = require("express")
  return loaders.default({ directory: PROJECT_DIR, expressApp: express(), skipLoadingEntryPoints: true })
}

async function main(): Promise<void> {
  const config: WorkerConfig = JSON.parse(process.env.BENCH_CONFIG ?? "{}")
  const label = `[stock run ${config.run}]`
  const { container } = await bootMedusa()
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
  let sqlQueries = 0
  ;(pg as unknown as { on: (event: string, listener: () => void) => void }).on("query", () => (sqlQueries += 1))
  const client = benchClient(config.emulator)
  const sampler = new RssSampler()
  // With --cpu-prof: one .cpuprofile per step (bench/results/profiles/run<N>-stock-<step>.cpuprofile).
  const profiler = new StepProfiler(config.profileDir)
  const steps: StockStepResult[] = []

  const setup = await timed(async () => (await beginProductSync(container, { trigger: "cli", full: true })).execute())
  say(`${label} products synced in ${(setup.ms / 1000).toFixed(1)} s: ${JSON.stringify(setup.result.counts)}`)

  // A third warehouse, with stock for half the storable variants.
  const { data: managed } = await query.graph({ entity: "product_variant", fields: ["id", "metadata"], filters: { manage_inventory: true } })
  const odooIds = (managed as { metadata: Record<string, unknown> | null }[])
    .map((variant) => Number(variant.metadata?.external_id))
    .filter((id) => Number.isInteger(id))
    .sort((a, b) => a - b)
  const warehouseId = await client.create("stock.warehouse", { name: "Bench Warehouse", code: "WH3" })
  const [warehouse] = await client.read("stock.warehouse", [warehouseId], { fields: ["lot_stock_id"] })
  const stockLocation = (warehouse.lot_stock_id as [number, string])[0]
  await client.create(
    "stock.quant",
    odooIds.filter((_, index) => index % 2 === 0).map((productId, index) => ({ product_id: productId, location_id: stockLocation, quantity: 1 + (index % 90) }))
  )
  const warehouses = await client.searchCount("stock.warehouse")
  say(`${label} ${odooIds.length} managed variants × ${warehouses} warehouses`)
  // The cursor remembers writes once their second is settled (a minute, see SETTLE_MS): the
  // setup's writes are left to settle, so that "nothing moved" means nothing since.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 2000))

  async function measure(step: StockStepResult["step"], work: () => Promise<{ levelsWritten: number; counts?: Record<string, number> }>) {
    ;(globalThis as { gc?: () => void }).gc?.()
    const before = odoo.client.stats()
    const sqlBefore = sqlQueries
    sampler.reset()
    const cpuBefore = process.cpuUsage()
    const odooCpuBefore = processCpuMs(config.emulatorPid)
    await profiler.start()
    const { result, ms } = await timed(work)
    await profiler.stop(`run${config.run}-stock-${step}`)
    const cpu = process.cpuUsage(cpuBefore)
    const odooCpuAfter = processCpuMs(config.emulatorPid)
    const delta = odooDelta(before, odoo.client.stats())
    const entry: StockStepResult = {
      step,
      wallMs: ms,
      levelsWritten: result.levelsWritten,
      odooCalls: delta.calls,
      odooByCall: delta.byCall,
      sqlQueries: sqlQueries - sqlBefore,
      peakRssBytes: sampler.peak(),
      medusaCpuMs: (cpu.user + cpu.system) / 1000,
      odooCpuMs: odooCpuBefore !== null && odooCpuAfter !== null ? odooCpuAfter - odooCpuBefore : null,
      counts: result.counts,
    }
    steps.push(entry)
    say(`${label} ${step}: ${(ms / 1000).toFixed(2)} s, ${entry.levelsWritten} levels written, ${entry.odooCalls} Odoo calls, ${entry.sqlQueries} SQL`)
    return entry
  }
  const stockSync = async () => {
    const report = await (await beginStockSync(container, { trigger: "cli" })).execute()
    return { levelsWritten: report.counts.levels_created + report.counts.levels_updated, counts: report.counts }
  }

  await measure("full", stockSync)
  await measure("nochange", stockSync)

  // 1% of the managed variants: their quant in the main warehouse changes (a receipt, a delivery).
  const moved = spreadPick(odooIds, Math.max(1, Math.ceil(odooIds.length / 100)), 7)
  const quants = await client.searchRead("stock.quant", {
    domain: [["product_id", "in", moved], ["location_id", "=", 8]],
    fields: ["product_id", "quantity"],
  })
  for (const quant of quants) await client.write("stock.quant", [quant.id], { quantity: Number(quant.quantity) + 5 })
  const newQuants = moved.filter((id) => !quants.some((quant) => (quant.product_id as [number, string])[0] === id))
  if (newQuants.length) await client.create("stock.quant", newQuants.map((productId) => ({ product_id: productId, location_id: 8, quantity: 5 })))
  say(`${label} moved stock of ${moved.length} variants in Odoo`)
  await measure("moved", stockSync)

  // The ceiling: the same levels, written again by Medusa's own workflow in one run.
  const { rows: levels } = await pg.raw(
    `SELECT inventory_item_id, location_id, stocked_quantity FROM inventory_level WHERE deleted_at IS NULL`
  )
  await pg.raw(`DELETE FROM inventory_level`)
  await measure("ceiling", async () => {
    await batchInventoryItemLevelsWorkflow(container).run({
      input: {
        create: levels.map((level) => ({
          inventory_item_id: String(level.inventory_item_id),
          location_id: String(level.location_id),
          stocked_quantity: Number(level.stocked_quantity),
        })),
      },
    })
    return { levelsWritten: levels.length }
  })
  sampler.stop()
  fs.writeFileSync(
    config.resultFile,
    JSON.stringify({ run: config.run, variants: odooIds.length, warehouses, levels: levels.length, setupMs: setup.ms, steps }, null, 2)
  )
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  }
)
