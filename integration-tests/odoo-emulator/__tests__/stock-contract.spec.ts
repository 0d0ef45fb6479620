/**
 * Contract test of the emulator's stock: the v2 stock samples (warehouses, quants, quantities per
 * warehouse, quantities after an order is confirmed and after its delivery) replayed over HTTP
 * on a fresh emulator seeded with v2/fixture.json, compared with what the real Odoo 18 sent.
 * 62e and 67h follow sale orders confirmed and delivered in Odoo (samples 61–67); here the same
 * stock moves are made through the emulator's stock operations (reserve, cancel, validate with
 * backorder) with the quantities those samples recorded, so that only the stock side is tested.
 */
import { startOdooEmulator, type OdooEmulator } from "../index"
import { assignMoves, cancelMoves, doneMoves } from "../stock"
import { recordedBody, sendRecordedRequest, V2_EMULATOR_OPTIONS } from "./v2-samples"

async function replay(emulator: OdooEmulator, name: string): Promise<void> {
  const response = await sendRecordedRequest(emulator, name)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual(recordedBody(name))
}

const WH_STOCK = 8
const CUSTOMERS = 5

describe("Odoo emulator contract: v2 stock samples", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    emulator = await startOdooEmulator(V2_EMULATOR_OPTIONS)
  })

  afterAll(async () => {
    await emulator.close()
  })

  const env = () => emulator.store.raw.env(1, {}, true)
  const outgoing = (productId: number, quantity: number) =>
    env().create("stock.move", [
      { product_id: productId, product_uom_qty: quantity, location_id: WH_STOCK, location_dest_id: CUSTOMERS, state: "confirmed" },
    ])[0]

  it("55: warehouses with their stock and view locations", () => replay(emulator, "55_search_read_stock_warehouse"))
  it("55b: internal quants carry their warehouse", () => replay(emulator, "55b_stock_quant_internal_with_warehouse"))
  it("55d: warehouse_id 2 (Chicago) holds nothing", () => replay(emulator, "55d_product_qty_context_warehouse_id_2"))
  it("55e: warehouse_id 1: on hand, free (minus reservations) and forecast (minus pending deliveries)", () =>
    replay(emulator, "55e_product_qty_context_warehouse_id_1"))

  it("62e: confirming an order reserves (free_qty drops) and its delivery lowers the forecast", async () => {
    // Sample 62d: moves of 2 × product 12 and 1 × product 45, both assigned.
    const moves = [outgoing(12, 2), outgoing(45, 1)]
    assignMoves(env(), moves)
    expect(emulator.store.read("stock.move", moves, ["quantity", "state"])).toEqual([
      { id: moves[0], quantity: 2, state: "assigned" },
      { id: moves[1], quantity: 1, state: "assigned" },
    ])
    await replay(emulator, "62e_product_qty_after_confirm")
    // Sample 65c: the order is cancelled, and its moves with it.
    cancelMoves(env(), moves)
  })

  it("67h: a delivery of 40 out of 100 lowers on-hand; the backorder of 60 stays in the forecast", async () => {
    // Samples 66e and 67d: 100 ordered, 40 free; validated without waiting, the rest backordered.
    const move = outgoing(12, 100)
    assignMoves(env(), [move])
    expect(emulator.store.read("stock.move", [move], ["quantity", "state"])).toEqual([{ id: move, quantity: 40, state: "partially_available" }])
    const backorders = doneMoves(env(), [move], { backorder: true })
    expect(emulator.store.read("stock.move", backorders, ["product_uom_qty", "quantity", "state"])).toEqual([
      { id: backorders[0], product_uom_qty: 60, quantity: 0, state: "confirmed" },
    ])
    await replay(emulator, "67h_product_qty_after_delivery")
  })

  it("moves the write_date of the quants a reservation or a delivery writes (what the stock sync follows)", () => {
    const [quant] = emulator.store.searchRead("stock.quant", [["product_id", "=", 13], ["location_id", "=", WH_STOCK]], ["write_date"])
    const before = quant.write_date as string
    const move = outgoing(13, 1)
    assignMoves(env(), [move])
    const [after] = emulator.store.read("stock.quant", [quant.id as number], ["write_date", "reserved_quantity"])
    expect(after.reserved_quantity).toBe(1)
    expect(String(after.write_date) > before).toBe(true)
  })

  it("a new warehouse gets its view and stock locations, and its stock counts in its warehouse_id only", () => {
    const warehouseId = emulator.store.create("stock.warehouse", { name: "Berlin", code: "BER" })
    const [warehouse] = emulator.store.read("stock.warehouse", [warehouseId], ["view_location_id", "lot_stock_id"])
    expect(warehouse.view_location_id).toEqual([expect.any(Number), "BER"])
    expect(warehouse.lot_stock_id).toEqual([expect.any(Number), "BER/Stock"])
    const stockLocation = (warehouse.lot_stock_id as [number, string])[0]
    emulator.store.create("stock.quant", { product_id: 13, location_id: stockLocation, quantity: 7 })
    const [berlin] = emulator.store.read("product.product", [13], ["qty_available"], { warehouse_id: warehouseId })
    const [main] = emulator.store.read("product.product", [13], ["qty_available"], { warehouse_id: 1 })
    const [ignoredKey] = emulator.store.read("product.product", [13], ["qty_available"], { warehouse: warehouseId })
    expect(berlin.qty_available).toBe(7)
    expect(main.qty_available).toBe(50)
    expect(ignoredKey.qty_available).toBe(57)
  })
})
