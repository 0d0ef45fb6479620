/**
 * One bench run, in one process: boots Medusa in-process (as `medusa exec` does) on the fresh,
 * migrated database the parent made, against the emulator the parent started, and measures the
 * five steps in order. Writes its result as JSON to BENCH_RESULT_FILE. Started by bench/run.ts.
 */
import path from "node:path"
import fs from "node:fs"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createAndLinkProductOptionsToProductWorkflow,
  createProductsWorkflow,
  updateProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import { EXISTING_PRODUCT_FIELDS, type ExistingProductRow } from "../src/lib/odoo-sync/medusa-product"
import {
  buildPageWrites,
  identifiersOf,
  type HandleHolderRow,
  type IdentifierHolderRow,
  type PageWrites,
} from "../src/lib/odoo-sync/page-writes"
import { chunk } from "../src/lib/odoo-sync/plan-run"
import { removalUpdates } from "../src/lib/odoo-sync/removed-products"
import { storeContext, type StoreRow } from "../src/lib/odoo-sync/store-context"
import { readCatalogPage } from "../src/lib/odoo-sync/catalog-reader"
import { mapCatalogPage } from "../src/lib/odoo-mapping"
import { beginProductSync } from "../src/lib/odoo-sync/start-sync"
import { ODOO_MODULE } from "../src/modules/odoo/constants"
import type OdooModuleService from "../src/modules/odoo/service"
import { createCeilingCategories, readCeilingMedia, withCeilingMedia } from "./lib/media-ceiling"
import {
  archiveTemplates,
  benchClient,
  ceilingInputs,
  changeTemplates,
  readMappedCatalog,
  spreadPick,
  structuralTwins,
  structureOf,
  type OdooConnection,
} from "./lib/catalog"
import { odooDelta, processCpuMs, RssSampler, StepProfiler, timed } from "./lib/measure"
import type { RunResult, StepName, StepResult, WorkerConfig } from "./lib/types"

const PROJECT_DIR = path.resolve(__dirname, "..")

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function bootMedusa(): Promise<{ container: MedusaContainer; shutdown: () => Promise<void> }> {
  // What `medusa exec` does (node_modules/@medusajs/medusa/dist/commands/exec.js): no HTTP
  // entry points, no scheduled jobs (worker mode "server"), the defaults workflow run.
  process.env.MEDUSA_WORKER_MODE = "server"
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const loaders = require("@medusajs/medusa/loaders/index")
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const express = require("express")
  const { container, shutdown } = await loaders.default({
    directory: PROJECT_DIR,
    expressApp: express(),
    skipLoadingEntryPoints: true,
  })
  return { container, shutdown }
}

/**
 * A full collection before each measured step (the worker runs with --expose-gc), so that no
 * step pays for the garbage of the one before it.
 */
function settleHeap(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

type Knex = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

/** Rows in the table, soft-deleted ones included. */
async function countRows(pg: Knex, table: string, liveOnly = false): Promise<number> {
  const { rows } = await pg.raw(`SELECT count(*)::int AS n FROM "${table}"${liveOnly ? " WHERE deleted_at IS NULL" : ""}`)
  return Number(rows[0].n)
}

/** Tables a product's creation fills (with CASCADE: options, variant options, prices, rules, images...). */
const PRODUCT_TABLES = [
  "product",
  "product_variant",
  "product_option",
  "product_option_value",
  "product_variant_price_set",
  "product_variant_inventory_item",
  "product_variant_product_image",
  "image",
  "product_category",
  "product_category_product",
  "product_sales_channel",
  "product_shipping_profile",
  "price_set",
  "inventory_item",
]

/** Hard delete of the catalog: the full sync then starts from an empty one, as on a new shop. */
async function deleteCatalog(pg: Knex): Promise<Record<string, number>> {
  const { rows } = await pg.raw(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY(?)`, [
    PRODUCT_TABLES,
  ])
  const tables = rows.map((row) => `"${String(row.tablename)}"`)
  await pg.raw(`TRUNCATE ${tables.join(", ")} CASCADE`)
  const left: Record<string, number> = {}
  for (const table of ["product", "product_variant", "product_option", "price_set", "price", "product_variant_price_set"]) {
    left[table] = await countRows(pg, table)
  }
  return left
}

async function main(): Promise<void> {
  const config: WorkerConfig = JSON.parse(process.env.BENCH_CONFIG ?? "{}")
  const label = `[run ${config.run}]`
  const sampler = new RssSampler()
  const profiler = new StepProfiler(config.profileDir)
  const steps: StepResult[] = []

  const boot = await timed(bootMedusa)
  const { container } = boot.result
  const rssAfterBoot = process.memoryUsage().rss
  say(`${label} Medusa booted in ${(boot.ms / 1000).toFixed(1)} s (RSS ${(rssAfterBoot / 2 ** 20).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)`)

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const { data: stores } = await query.graph({
    entity: "store",
    fields: ["id", "default_sales_channel_id", "supported_currencies.currency_code"],
  })
  const { data: profiles } = await query.graph({ entity: "shipping_profile", fields: ["id"], filters: { type: "default" } })
  // Every SQL statement Medusa sends (the modules share this connection).
  let sqlQueries = 0
  const sqlByKind = new Map<string, number>()
  ;(pg as unknown as { on: (event: string, listener: (q: { sql: string }) => void) => void }).on("query", (q) => {
    sqlQueries += 1
    if (process.env.BENCH_SQL_LOG) {
      const key = q.sql.replace(/\s+/g, " ").slice(0, 90)
      sqlByKind.set(key, (sqlByKind.get(key) ?? 0) + 1)
    }
  })
  const store = storeContext(stores as unknown as StoreRow[], profiles as unknown as { id: string }[])

  const connection: OdooConnection = config.emulator
  const client = benchClient(connection)
  const catalog = await readMappedCatalog(client, store.currencyCodes, config.batchSize)
  const batches = ceilingInputs(catalog.products, config.batchSize, { ...store, syncedAt: new Date().toISOString() })
  // The ceiling writes the images and categories the sync writes (read beforehand, not timed).
  const ceilingMedia = await readCeilingMedia(client, catalog.templateIds, catalog.shape.websiteSale, config.batchSize)
  const catalogProducts = batches.flat().length
  const catalogVariants = batches.flat().reduce((sum, product) => sum + (product.variants?.length ?? 0), 0)
  const structures = new Map(catalog.products.map((product) => [Number(product.externalId), structureOf(product)]))
  // The mapped catalog is not kept: the sync's memory is measured without it.
  catalog.products.length = 0
  say(
    `${label} catalog: ${catalog.templateIds.length} templates for sale, ${catalogProducts} products, ` +
      `${catalogVariants} variants, currencies ${store.currencyCodes.join("/")}`
  )

  async function measure(
    step: StepName,
    work: () => Promise<
      Omit<StepResult, "step" | "wallMs" | "peakRssBytes" | "heapAfterBytes" | "odoo" | "sqlQueries" | "profile" | "medusaCpuMs" | "odooCpuMs">
    >
  ): Promise<StepResult> {
    settleHeap()
    const before = odoo.client.stats()
    const sqlBefore = sqlQueries
    sqlByKind.clear()
    sampler.reset()
    await profiler.start()
    const cpuBefore = process.cpuUsage()
    const odooCpuBefore = processCpuMs(config.emulatorPid)
    const { result, ms } = await timed(work)
    const cpu = process.cpuUsage(cpuBefore)
    const odooCpuAfter = processCpuMs(config.emulatorPid)
    const profile = await profiler.stop(`run${config.run}-${step}`)
    settleHeap()
    const entry: StepResult = {
      step,
      wallMs: ms,
      peakRssBytes: sampler.peak(),
      heapAfterBytes: process.memoryUsage().heapUsed,
      odoo: odooDelta(before, odoo.client.stats()),
      sqlQueries: sqlQueries - sqlBefore,
      medusaCpuMs: (cpu.user + cpu.system) / 1000,
      odooCpuMs: odooCpuBefore !== null && odooCpuAfter !== null ? odooCpuAfter - odooCpuBefore : null,
      profile,
      ...result,
    }
    steps.push(entry)
    if (process.env.BENCH_SQL_LOG) {
      for (const [sql, n] of [...sqlByKind].sort((a, b) => b[1] - a[1]).slice(0, 25)) say(`    SQL ${String(n).padStart(5)} ${sql}`)
    }
    say(
      `${label} ${step}: ${(ms / 1000).toFixed(2)} s, ${entry.productsWritten} products written, ` +
        `${entry.odoo.calls} Odoo calls, ${entry.sqlQueries} SQL statements, peak RSS ${(entry.peakRssBytes / 2 ** 20).toFixed(0)} MB, ` +
        `heap after ${(entry.heapAfterBytes / 2 ** 20).toFixed(0)} MB, CPU: Medusa ${(entry.medusaCpuMs / 1000).toFixed(2)} s, ` +
        `Odoo emulator ${entry.odooCpuMs === null ? "?" : `${(entry.odooCpuMs / 1000).toFixed(2)} s`}`
    )
    return entry
  }

  // 1. The ceiling: Medusa's own workflows alone, at the sync's batch size: the category tree,
  // then per batch the image files and createProductsWorkflow with images and categories.
  await measure("ceiling", async () => {
    const categoryIds = await createCeilingCategories(container, ceilingMedia.categoryLevels)
    for (const products of batches) {
      await createProductsWorkflow(container).run({ input: { products: await withCeilingMedia(container, products, ceilingMedia, categoryIds) } })
    }
    return { productsWritten: catalogProducts, variantsWritten: catalogVariants }
  })
  // Nor are the ceiling's inputs.
  batches.length = 0
  const ceilingCounts = { products: await countRows(pg, "product", true), variants: await countRows(pg, "product_variant", true) }
  const left = await deleteCatalog(pg)
  if (Object.values(left).some((n) => n !== 0)) throw new Error(`the catalog was not deleted: ${JSON.stringify(left)}`)
  say(`${label} ceiling wrote ${ceilingCounts.products} products / ${ceilingCounts.variants} variants; deleted (${JSON.stringify(left)})`)

  const sync = async (full: boolean) => {
    const { execute } = await beginProductSync(container, { trigger: "cli", full })
    const report = await execute()
    const c = report.counts
    return { counts: c, productsWritten: c.created + c.updated + c.drafted + c.deleted }
  }
  const variantsOf = async (templateIds: number[]): Promise<number> => {
    if (!templateIds.length) return 0
    const { data } = await query.graph({
      entity: "product",
      fields: ["id", "variants.id"],
      filters: { external_id: templateIds.map(String) },
    })
    return (data as { variants?: unknown[] }[]).reduce((sum, row) => sum + (row.variants?.length ?? 0), 0)
  }

  // 2. A full sync of the catalog into the empty Medusa.
  await measure("full", async () => {
    const { counts, productsWritten } = await sync(true)
    return { counts, productsWritten, variantsWritten: await countRows(pg, "product_variant", true) }
  })
  const afterFull = { products: await countRows(pg, "product", true), variants: await countRows(pg, "product_variant", true) }
  say(`${label} after the full sync: ${afterFull.products} products, ${afterFull.variants} variants`)

  // 3. A re-sync with nothing changed.
  await measure("nochange", async () => {
    const { counts, productsWritten } = await sync(false)
    return { counts, productsWritten, variantsWritten: 0 }
  })

  const onePercent = Math.max(1, Math.ceil(catalog.templateIds.length / 100))

  // 4. 1% of the templates changed in Odoo: name, price, one new attribute value.
  const changed = spreadPick(catalog.templateIds, onePercent, 50)
  const change = await changeTemplates(client, changed)
  say(`${label} changed ${changed.length} templates in Odoo (${change.newValues} new attribute values)`)
  const changedStep = await measure("changed", async () => {
    const { counts, productsWritten } = await sync(false)
    return { counts, productsWritten, variantsWritten: await variantsOf(changed) }
  })

  // 5. 1% of the templates archived in Odoo.
  const archived = spreadPick(catalog.templateIds, onePercent, 25).filter((id) => !changed.includes(id))
  await archiveTemplates(client, archived)
  const archivedStep = await measure("archived", async () => {
    const { counts, productsWritten } = await sync(false)
    return { counts, productsWritten, variantsWritten: 0 }
  })
  const { data: archivedProducts } = await query.graph({
    entity: "product",
    fields: ["id", "status"],
    filters: { external_id: archived.map(String) },
  })
  const drafted = (archivedProducts as { status: string }[]).filter((p) => p.status === "draft").length
  say(`${label} archived ${archived.length} templates; ${drafted} of their products are draft now`)
  // Its reference: the same drafting updates, made again by Medusa alone.
  archivedStep.referenceMs = await timedWrites(
    container,
    { update: removalUpdates((archivedProducts as { id: string }[]).map((p) => p.id)), optionsBefore: [], optionsAfter: [] },
    config.batchSize
  )

  // The reference of step 4, measured last so that no later sync reads its templates: the
  // structural twins of step 4's templates (same options, value counts, variant counts) changed
  // the same way in Odoo, and Medusa's own workflows making exactly the writes the
  // sync would make for them (new options, the product updates, unused options removed), with
  // no Odoo read and no diff in the time.
  const others = structuralTwins(structures, changed, new Set(archived))
  await changeTemplates(client, others)
  const writes = await pageWrites(container, client, catalog, others, store, config.batchSize)
  changedStep.referenceMs = await timedWrites(container, writes, config.batchSize)
  say(
    `${label} reference: Medusa writing ${writes.update.length} twin products changed the same way ` +
      `(${writes.update.reduce((n, p) => n + (p.variants?.length ?? 0), 0)} variants) takes ` +
      `${(changedStep.referenceMs / 1000).toFixed(2)} s`
  )

  sampler.stop()
  const result: RunResult = {
    run: config.run,
    templates: catalog.templateIds.length,
    products: catalogProducts,
    variants: catalogVariants,
    pages: Math.ceil(catalog.templateIds.length / config.batchSize),
    batchSize: config.batchSize,
    bootMs: boot.ms,
    rssAfterBootBytes: rssAfterBoot,
    checks: { ceilingCounts, afterFull, drafted, archived: archived.length, changed: changed.length, newValues: change.newValues },
    steps,
  }
  fs.writeFileSync(config.resultFile, JSON.stringify(result, null, 2))
}

type Writes = Pick<PageWrites, "update" | "optionsBefore" | "optionsAfter">

/** The writes the sync's page workflow would make for these templates now. */
async function pageWrites(
  container: MedusaContainer,
  client: ReturnType<typeof benchClient>,
  catalog: Awaited<ReturnType<typeof readMappedCatalog>>,
  templateIds: number[],
  store: ReturnType<typeof storeContext>,
  batchSize: number
): Promise<Writes> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const all: Writes = { update: [], optionsBefore: [], optionsAfter: [] }
  for (const page of chunk(templateIds, batchSize)) {
    const mapped = mapCatalogPage(await readCatalogPage(client, page, catalog.shape), catalog.context)
    const ids = identifiersOf(mapped.products)
    const holderFields = ["id", "sku", "barcode", "product.external_id"]
    const [{ data: existing }, { data: skuHolders }, { data: barcodeHolders }, { data: handleHolders }] = await Promise.all([
      query.graph({ entity: "product", fields: EXISTING_PRODUCT_FIELDS, filters: { external_id: ids.externalIds } }),
      query.graph({ entity: "product_variant", fields: holderFields, filters: { sku: ids.skus } }),
      query.graph({ entity: "product_variant", fields: holderFields, filters: { barcode: ids.barcodes } }),
      query.graph({ entity: "product", fields: ["id", "handle"], filters: { handle: ids.handles } }),
    ])
    const writes = buildPageWrites({
      products: mapped.products,
      skipped: [],
      existing: existing as unknown as ExistingProductRow[],
      holders: [...skuHolders, ...barcodeHolders] as unknown as IdentifierHolderRow[],
      handleHolders: handleHolders as unknown as HandleHolderRow[],
      salesChannelId: store.salesChannelId,
      shippingProfileId: store.shippingProfileId,
      syncedAt: new Date().toISOString(),
    })
    all.update.push(...writes.update)
    all.optionsBefore.push(...writes.optionsBefore)
    all.optionsAfter.push(...writes.optionsAfter)
  }
  return all
}

/** Medusa's workflows making the writes, in the order the page workflow makes them. */
async function timedWrites(container: MedusaContainer, writes: Writes, batchSize: number): Promise<number> {
  settleHeap()
  const { ms } = await timed(async () => {
    for (const input of writes.optionsBefore) {
      await createAndLinkProductOptionsToProductWorkflow(container).run({ input })
    }
    for (const products of chunk(writes.update, batchSize)) {
      await updateProductsWorkflow(container).run({ input: { products } })
    }
    for (const input of writes.optionsAfter) {
      await createAndLinkProductOptionsToProductWorkflow(container).run({ input })
    }
  })
  return ms
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  }
)
