import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createApiKeysWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { assignMoves, doneMoves } from "../odoo-emulator/stock"
import { adminHeaders } from "../helpers/admin"
import { request, waitForRun } from "../helpers/sync-runs"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import { ODOO_MODULE } from "../../src/modules/odoo/constants"
import type OdooModuleService from "../../src/modules/odoo/service"
import { beginProductSync } from "../../src/lib/odoo-sync/start-sync"
import { beginStockSync, StockSyncAlreadyRunningError } from "../../src/lib/odoo-stock/start-stock-sync"
import { STOCK_CURSOR_NAME, STOCK_SYNC_LOCK_KEY } from "../../src/lib/odoo-stock/constants"

jest.setTimeout(240 * 1000)

let emulator: OdooEmulator
let restoreEnvironment: () => void

beforeAll(async () => {
  emulator = await startOdooEmulator({})
  restoreEnvironment = useOdooEnvironment(emulator, {
    ODOO_MAX_RETRIES: "1",
    ODOO_TIMEOUT_MS: "5000",
    // Small stock pages, so that a run has several (the demo has ~30 storable variants).
    ODOO_STOCK_BATCH_SIZE: "5",
  })
})

beforeEach(async () => {
  emulator = await restartOdooEmulator(emulator)
})

afterAll(async () => {
  restoreEnvironment()
  await emulator?.close()
})

const WH = 1
const CHICAGO = 2
const WH_STOCK = 8
const CUSTOMERS = 5

type VariantStock = {
  id: string
  manage_inventory: boolean
  metadata: Record<string, unknown> | null
  inventory_items: { inventory_item_id: string; inventory: { location_levels: { location_id: string; stocked_quantity: number }[] } }[]
}
type LocationRow = { id: string; name: string; metadata: Record<string, unknown> | null; sales_channels: { id: string }[] }

async function syncProducts(container: MedusaContainer) {
  return (await beginProductSync(container, { trigger: "cli" })).execute()
}

async function syncStock(container: MedusaContainer, full = false) {
  return (await beginStockSync(container, { trigger: "cli", full })).execute()
}

async function variantStock(container: MedusaContainer): Promise<VariantStock[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: [
      "id",
      "manage_inventory",
      "metadata",
      "inventory_items.inventory_item_id",
      "inventory_items.inventory.location_levels.location_id",
      "inventory_items.inventory.location_levels.stocked_quantity",
    ],
  })
  return (data as unknown as VariantStock[]).filter((variant) => typeof variant.metadata?.external_id === "string")
}

async function stockLocations(container: MedusaContainer): Promise<LocationRow[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "stock_location", fields: ["id", "name", "metadata", "sales_channels.id"] })
  return data as unknown as LocationRow[]
}

async function defaultSalesChannelId(container: MedusaContainer): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "store", fields: ["default_sales_channel_id"] })
  return (data[0] as { default_sales_channel_id: string }).default_sales_channel_id
}

function locationOf(locations: LocationRow[], warehouseId: number): LocationRow {
  const location = locations.find((row) => row.metadata?.external_id === String(warehouseId))
  if (!location) throw new Error(`no stock location for warehouse ${warehouseId}`)
  return location
}

/** Odoo's quantity of each product in a warehouse, as Medusa must hold it (negative → 0, whole units). */
function odooQuantities(productIds: number[], warehouseId: number): Map<number, number> {
  const rows = emulator.store.read("product.product", productIds, ["qty_available"], { warehouse_id: warehouseId })
  return new Map(rows.map((row) => [row.id as number, Math.max(0, Math.floor(row.qty_available as number))]))
}

/** Medusa's stocked quantity per managed variant (Odoo product id) at a location. */
function medusaQuantities(variants: VariantStock[], locationId: string): Map<number, number | undefined> {
  return new Map(
    variants
      .filter((variant) => variant.manage_inventory)
      .map((variant) => [
        Number(variant.metadata?.external_id),
        variant.inventory_items[0]?.inventory.location_levels.find((level) => level.location_id === locationId)?.stocked_quantity,
      ])
  )
}

function expectLevelsEqualOdoo(variants: VariantStock[], locations: LocationRow[], warehouseIds: number[]): void {
  for (const warehouseId of warehouseIds) {
    const medusa = medusaQuantities(variants, locationOf(locations, warehouseId).id)
    expect(medusa.size).toBeGreaterThan(0)
    const odoo = odooQuantities([...medusa.keys()], warehouseId)
    expect(Object.fromEntries(medusa)).toEqual(Object.fromEntries(odoo))
  }
}

/** Delivers `quantity` of a product from WH/Stock to a customer, as a validated picking would. */
function deliver(productId: number, quantity: number): void {
  const env = emulator.store.raw.env(1, {}, true)
  const [move] = env.create("stock.move", [
    { product_id: productId, product_uom_qty: quantity, location_id: WH_STOCK, location_dest_id: CUSTOMERS, state: "confirmed" },
  ])
  assignMoves(env, [move])
  doneMoves(env, [move], { backorder: false })
}

async function publishableKey(container: MedusaContainer, salesChannelId: string): Promise<string> {
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "storefront", type: "publishable", created_by: "test" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: result[0].id, add: [salesChannelId] } })
  return result[0].token
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("keeps Medusa's levels equal to Odoo's quantities per warehouse, run after run, cheaply", async () => {
      const container = getContainer()
      await syncProducts(container)
      const variants = await variantStock(container)
      // Storable goods are managed (with one inventory item); services and untracked goods are not.
      const desk = variants.find((variant) => variant.metadata?.external_id === "12")
      expect(desk?.manage_inventory).toBe(true)
      expect(desk?.inventory_items).toHaveLength(1)
      const service = variants.find((variant) => variant.metadata?.external_id === "1")
      expect(service?.manage_inventory).toBe(false)

      // A full run: a location per warehouse, linked to the default sales channel, levels as Odoo's.
      const first = await syncStock(container)
      expect(first.plan.full).toBe(true)
      const channel = await defaultSalesChannelId(container)
      let locations = await stockLocations(container)
      expect(locationOf(locations, WH)).toMatchObject({ name: "YourCompany", sales_channels: [{ id: channel }] })
      expect(locationOf(locations, CHICAGO)).toMatchObject({ name: "My Company (Chicago)", sales_channels: [{ id: channel }] })
      expectLevelsEqualOdoo(await variantStock(container), locations, [WH, CHICAGO])
      expect(first.counts.levels_created).toBeGreaterThan(0)

      // Nothing moved: a handful of Odoo calls, nothing written.
      const quiet = await syncStock(container)
      expect(quiet.plan.full).toBe(false)
      expect(quiet.plan.changed_products).toBe(0)
      expect(quiet.odoo_stats.requests).toBeLessThanOrEqual(10)
      expect(quiet.counts).toMatchObject({ levels_created: 0, levels_updated: 0, locations_created: 0, locations_updated: 0 })

      // A delivery in Odoo reaches Medusa on the next (incremental) run; only that product is read.
      deliver(12, 3)
      const moved = await syncStock(container)
      expect(moved.plan.full).toBe(false)
      expect(moved.plan.changed_products).toBe(1)
      expect(moved.counts).toMatchObject({ levels_updated: 1, levels_created: 0 })
      expectLevelsEqualOdoo(await variantStock(container), await stockLocations(container), [WH, CHICAGO])
      expect(odooQuantities([12], WH).get(12)).toBe(42)

      // A new warehouse becomes a location linked to the channel, with a level for every variant.
      const berlin = emulator.store.create("stock.warehouse", { name: "Berlin", code: "BER" })
      const [{ lot_stock_id: berlinStock }] = emulator.store.read("stock.warehouse", [berlin], ["lot_stock_id"])
      emulator.store.create("stock.quant", { product_id: 13, location_id: (berlinStock as [number, string])[0], quantity: 7 })
      const withBerlin = await syncStock(container)
      expect(withBerlin.counts.locations_created).toBe(1)
      locations = await stockLocations(container)
      expect(locationOf(locations, berlin)).toMatchObject({ name: "Berlin", sales_channels: [{ id: channel }] })
      expectLevelsEqualOdoo(await variantStock(container), locations, [WH, CHICAGO, berlin])
      expect(medusaQuantities(await variantStock(container), locationOf(locations, berlin).id).get(13)).toBe(7)

      // An archived warehouse: its location stays (with its levels) but is no longer sold from.
      emulator.store.write("stock.warehouse", [CHICAGO], { active: false })
      // This run is started by an admin, as the Odoo sync page does.
      const admin = await adminHeaders(container, api)
      const started = await api.post("/admin/odoo/sync", { kind: "stock" }, admin)
      expect(started.status).toBe(202)
      const archived = await waitForRun(api, admin, started.data.run_id)
      expect(archived).toMatchObject({ status: "succeeded", trigger: "admin" })
      expect(archived.counts?.locations_unlinked).toBe(1)
      locations = await stockLocations(container)
      expect(locationOf(locations, CHICAGO).sales_channels).toEqual([])
      expect(medusaQuantities(await variantStock(container), locationOf(locations, CHICAGO).id).get(12)).toBe(0)

      // The storefront sells what Odoo has: inventory_quantity of the desk in the default channel.
      const key = await publishableKey(container, channel)
      const { data } = await api.get(`/store/products?fields=id,external_id,*variants,+variants.inventory_quantity&limit=100`, {
        headers: { "x-publishable-api-key": key },
      })
      const storeDesk = (data.products as { variants: { id: string; inventory_quantity: number; metadata: Record<string, unknown> }[] }[])
        .flatMap((product) => product.variants)
        .find((variant) => variant.metadata?.external_id === "12")
      const odooTotal = [WH, berlin].reduce((sum, warehouseId) => sum + (odooQuantities([12], warehouseId).get(12) ?? 0), 0)
      expect(storeDesk?.inventory_quantity).toBe(odooTotal)
      expect(odooTotal).toBe(42)

      // Run records carry their kind; the stock cursor is its own.
      const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
      const runs = await odoo.listOdooSyncRuns({ kind: "stock" })
      expect(runs).toHaveLength(5)
      expect(runs.every((run) => run.status === "succeeded")).toBe(true)
      expect(await odoo.listOdooSyncCursors({ name: STOCK_CURSOR_NAME })).toHaveLength(1)
      const { data: history } = await api.get("/admin/odoo/sync-runs?kind=stock", admin)
      expect(history.sync_runs.map((run: { kind: string }) => run.kind)).toEqual(["stock", "stock", "stock", "stock", "stock"])
    })

    it("keeps the inventory item's SKU in step, and stops managing a variant that stops being storable", async () => {
      const container = getContainer()
      await syncProducts(container)
      await syncStock(container)
      // A new internal reference in Odoo: the variant's SKU, then (full stock run) its item's.
      emulator.store.write("product.product", [13], { default_code: "FURN_0097-B" })
      await syncProducts(container)
      await syncStock(container, true)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: items } = await query.graph({
        entity: "product_variant",
        fields: ["sku", "metadata", "inventory_items.inventory.sku"],
        filters: { sku: "FURN_0097-B" },
      })
      expect((items[0] as { inventory_items: { inventory: { sku: string } }[] }).inventory_items[0].inventory.sku).toBe("FURN_0097-B")
      // The Customizable Desk template (9): goods no longer tracked in stock.
      emulator.store.write("product.template", [9], { is_storable: false })
      await syncProducts(container)
      const variants = await variantStock(container)
      const desk = variants.filter((variant) => ["12", "13", "14"].includes(String(variant.metadata?.external_id)))
      expect(desk.map((variant) => variant.manage_inventory)).toEqual([false, false, false])
      deliver(13, 5)
      const run = await syncStock(container)
      expect(run.counts.levels_updated).toBe(0)
    })

    it("runs one stock sync at a time under a lease: a second is refused, a product run may overlap, a lapsed run is marked interrupted, a live one never", async () => {
      const container = getContainer()
      await syncProducts(container)
      const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
      const admin = await adminHeaders(container, api)
      const ttlSeconds = odoo.getSyncOptions().syncLockTtlSeconds

      // A slow Odoo: the run takes several pages' worth of seconds.
      const slow = emulator.faults.inject({ model: "product.product", method: "search_read", kind: "latency", latencyMs: 300 })
      const { runId, execute } = await beginStockSync(container, { trigger: "cli" })
      const running = execute()
      const [begun] = await odoo.listOdooSyncRuns({ id: runId })
      expect(new Date(begun.lease_expires_at!).getTime()).toBeGreaterThan(Date.now() + (ttlSeconds - 10) * 1000)
      // Refused while it runs: from the CLI (what `npm run sync -- --stock` reports) and the admin API.
      await expect(beginStockSync(container, { trigger: "cli" })).rejects.toBeInstanceOf(StockSyncAlreadyRunningError)
      const refused = await request(api.post("/admin/odoo/sync", { kind: "stock" }, admin))
      expect(refused.status).toBe(409)
      // A product run holds its own lock: it may run meanwhile.
      const product = await beginProductSync(container, { trigger: "cli" })
      // Each page renews the lease (after recording its progress: once page 2 is recorded, page 1's renewal is done).
      let progressed = begun
      for (let attempt = 0; attempt < 200 && ((progressed.progress as { pages_done?: number } | null)?.pages_done ?? 0) < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        ;[progressed] = await odoo.listOdooSyncRuns({ id: runId })
      }
      expect((progressed.progress as { pages_done: number }).pages_done).toBeGreaterThanOrEqual(2)
      expect(new Date(progressed.lease_expires_at!).getTime()).toBeGreaterThan(new Date(begun.lease_expires_at!).getTime())
      expect((await product.execute()).counts.created).toBe(0)
      await running
      slow.remove()
      expect((await odoo.listOdooSyncRuns({ id: runId }))[0].status).toBe("succeeded")

      // Another process's run, live (its lease in the future, a lock this process cannot see, as
      // without REDIS_URL): the next run is refused and that run left running.
      const live = "osrun_live_elsewhere"
      await odoo.createOdooSyncRuns({
        id: live, kind: "stock", trigger: "scheduled", status: "running", started_at: new Date(),
        lease_expires_at: new Date(Date.now() + 60_000),
      })
      await expect(beginStockSync(container, { trigger: "cli" })).rejects.toBeInstanceOf(StockSyncAlreadyRunningError)
      expect((await odoo.listOdooSyncRuns({ id: live }))[0].status).toBe("running")
      await odoo.updateOdooSyncRuns({ id: live, status: "succeeded", finished_at: new Date() })

      // A run that crashed: it holds the lock for 2 more seconds and its record shows the same lease.
      const crashed = "osrun_crashed"
      await container.resolve(Modules.LOCKING).acquire(STOCK_SYNC_LOCK_KEY, { ownerId: crashed, expire: 2 })
      await odoo.createOdooSyncRuns({
        id: crashed, kind: "stock", trigger: "scheduled", status: "running", started_at: new Date(),
        lease_expires_at: new Date(Date.now() + 2000), progress: { pages_done: 1, pages_total: 6, variants: 5 },
      })
      await expect(beginStockSync(container, { trigger: "cli" })).rejects.toBeInstanceOf(StockSyncAlreadyRunningError)
      deliver(12, 3)
      await new Promise((resolve) => setTimeout(resolve, 2500))
      // Once the lease lapsed, the next run marks it interrupted and converges.
      const next = await syncStock(container)
      expect(next.counts.levels_updated).toBe(1)
      const [interrupted] = await odoo.listOdooSyncRuns({ id: crashed })
      expect(interrupted).toMatchObject({ status: "interrupted" })
      expect(interrupted.finished_at).not.toBeNull()
      expectLevelsEqualOdoo(await variantStock(container), await stockLocations(container), [WH, CHICAGO])
      // Product runs were never touched by any of this.
      expect((await odoo.listOdooSyncRuns({ kind: "product" })).every((run) => run.status === "succeeded")).toBe(true)
    })

    it("rolls back the page Odoo fails on, keeps the cursor, and converges on the next run", async () => {
      const container = getContainer()
      await syncProducts(container)
      const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
      emulator.faults.inject({ model: "product.product", method: "search_read", kind: "latency", latencyMs: 400 })
      const { runId, execute } = await beginStockSync(container, { trigger: "cli" })
      const running = execute().then(
        () => null,
        (error: Error) => error
      )
      // Odoo goes down once a page is written.
      for (let attempt = 0; attempt < 200; attempt++) {
        const [run] = await odoo.listOdooSyncRuns({ id: runId })
        if ((run.progress as { pages_done?: number } | null)?.pages_done) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const { port, admin } = emulator
      await emulator.close()
      const error = await running
      expect(error?.message).toMatch(/stock page \d+ of \d+ .* was rolled back/)
      const [failed] = await odoo.listOdooSyncRuns({ id: runId })
      expect(failed.status).toBe("failed")
      expect(await odoo.listOdooSyncCursors({ name: STOCK_CURSOR_NAME })).toHaveLength(0)
      const partial = await variantStock(container)
      const written = partial.filter((variant) => variant.inventory_items[0]?.inventory.location_levels.length)
      const managed = partial.filter((variant) => variant.manage_inventory)
      expect(written.length).toBeGreaterThan(0)
      expect(written.length).toBeLessThan(managed.length)

      emulator = await startOdooEmulator({ adminApiKey: admin.apiKey, port })
      const next = await syncStock(container)
      expect(next.plan.full).toBe(true)
      expectLevelsEqualOdoo(await variantStock(container), await stockLocations(container), [WH, CHICAGO])
    })
  },
})
