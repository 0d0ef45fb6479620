/**
 * The emulator's one implementation of reservation and delivery (stock.ts), as Odoo 18's
 * stock.move `_action_assign`, `_action_cancel`, `_action_done` and the quants'
 * `_update_reserved_quantity` / `_update_available_quantity` behave where the v2 recordings do not
 * reach: reservation under the move's source location only, a backorder reserved at once, a
 * move's own quants given up on validation and cancel, moves from vendors needing no stock, and
 * the v1 fixture's recorded forecast kept beside new moves. Sale orders go through it over RPC.
 */
import { startOdooEmulator, type OdooEmulator } from "../index"
import type { JsonValue } from "../types"
import { assignMoves, cancelMoves, doneMoves } from "../stock"
import { executeKw } from "./rpc-client"
import { V2_EMULATOR_OPTIONS } from "./v2-samples"

const VENDORS = 4
const CUSTOMERS = 5
const WH_STOCK = 8
const GATE_A = 21 // WH/Input/Order Processing/Dispatch Zone/Gate A: warehouse WH, not under WH/Stock
const SHELF_1 = 18 // WH/Stock/Shelf 1
const DESK_BLACK = 13 // 50 on hand in WH/Stock (quant 9), nothing reserved
const LARGE_DESK = 19 // nothing on hand

describe("emulator stock moves, as Odoo 18's stock.move and stock.quant", () => {
  let emulator: OdooEmulator

  afterEach(async () => {
    await emulator.close()
  })

  const env = () => emulator.store.raw.env(1, {}, true)
  const call = async (model: string, method: string, args: JsonValue[], kwargs: Record<string, JsonValue> = {}): Promise<JsonValue> => {
    const response = await executeKw(emulator.url, { db: emulator.db, uid: emulator.admin.uid, key: emulator.admin.apiKey }, model, method, args, kwargs)
    if (response.body?.error) throw new Error(`${response.body.error.data.name}: ${response.body.error.data.message}`)
    return response.body?.result as JsonValue
  }
  const move = (productId: number, quantity: number, from: number, to: number) =>
    env().create("stock.move", [{ product_id: productId, product_uom_qty: quantity, location_id: from, location_dest_id: to, state: "confirmed" }])[0]
  const quants = (productId: number) =>
    emulator.store
      .searchRead("stock.quant", [["product_id", "=", productId]], ["location_id", "quantity", "reserved_quantity"], { order: "id" })
      .map((quant) => ({ location: (quant.location_id as [number, string])[0], quantity: quant.quantity, reserved: quant.reserved_quantity }))
  async function confirmOrder(productId: number, quantity: number): Promise<{ pickingId: number; moveId: number }> {
    const [customer] = emulator.store.search("res.partner", [], { limit: 1 })
    const orderId = emulator.store.create("sale.order", { partner_id: customer, order_line: [[0, 0, { product_id: productId, product_uom_qty: quantity }]] })
    expect(await call("sale.order", "action_confirm", [[orderId]])).toBe(true)
    const [{ picking_ids }] = emulator.store.read("sale.order", [orderId], ["picking_ids"])
    const [pickingId] = picking_ids as number[]
    const [{ move_ids }] = emulator.store.read("stock.picking", [pickingId], ["move_ids"])
    return { pickingId, moveId: (move_ids as number[])[0] }
  }

  describe("on the v2 fixture", () => {
    beforeEach(async () => {
      emulator = await startOdooEmulator(V2_EMULATOR_OPTIONS)
    })

    it("reserves for a sale order under its warehouse's stock location only, not elsewhere in the warehouse", async () => {
      emulator.store.create("stock.quant", { product_id: DESK_BLACK, location_id: GATE_A, quantity: 10 })
      const { pickingId, moveId } = await confirmOrder(DESK_BLACK, 55)
      expect(emulator.store.read("stock.move", [moveId], ["quantity", "state"])).toEqual([{ id: moveId, quantity: 50, state: "partially_available" }])
      expect(emulator.store.read("stock.picking", [pickingId], ["state"])).toEqual([{ id: pickingId, state: "assigned" }])
      expect(quants(DESK_BLACK)).toEqual(
        expect.arrayContaining([
          { location: WH_STOCK, quantity: 50, reserved: 50 },
          { location: GATE_A, quantity: 10, reserved: 0 },
        ])
      )
    })

    it("reserves the backorder of a validated delivery at once from what is free by then", async () => {
      const { pickingId, moveId } = await confirmOrder(DESK_BLACK, 80)
      expect(emulator.store.read("stock.move", [moveId], ["quantity", "state"])).toEqual([{ id: moveId, quantity: 50, state: "partially_available" }])
      emulator.store.create("stock.quant", { product_id: DESK_BLACK, location_id: SHELF_1, quantity: 100 })
      expect(await call("stock.picking", "button_validate", [[pickingId]], { context: { skip_backorder: true } })).toBe(true)
      const [backorder] = emulator.store.searchRead("stock.picking", [["backorder_id", "=", pickingId]], ["state", "move_ids"])
      expect(backorder.state).toBe("assigned")
      const backorderMoves = backorder.move_ids as number[]
      expect(emulator.store.read("stock.move", backorderMoves, ["product_uom_qty", "quantity", "state"])).toEqual([
        { id: backorderMoves[0], product_uom_qty: 30, quantity: 30, state: "assigned" },
      ])
      expect(quants(DESK_BLACK)).toEqual(
        expect.arrayContaining([
          { location: WH_STOCK, quantity: 0, reserved: 0 },
          { location: SHELF_1, quantity: 100, reserved: 30 },
          { location: CUSTOMERS, quantity: 50, reserved: 0 },
        ])
      )
      expect(emulator.store.read("product.product", [DESK_BLACK], ["qty_available", "free_qty", "virtual_available"], { warehouse_id: 1 })).toEqual([
        { id: DESK_BLACK, qty_available: 100, free_qty: 70, virtual_available: 70 },
      ])
    })

    it("moves a move with nothing reserved to the backorder as it is, instead of validating it", async () => {
      const [customer] = emulator.store.search("res.partner", [], { limit: 1 })
      const orderId = emulator.store.create("sale.order", {
        partner_id: customer,
        order_line: [
          [0, 0, { product_id: DESK_BLACK, product_uom_qty: 10 }],
          [0, 0, { product_id: LARGE_DESK, product_uom_qty: 1 }],
        ],
      })
      expect(await call("sale.order", "action_confirm", [[orderId]])).toBe(true)
      const [{ picking_ids }] = emulator.store.read("sale.order", [orderId], ["picking_ids"])
      const [pickingId] = picking_ids as number[]
      const [{ move_ids }] = emulator.store.read("stock.picking", [pickingId], ["move_ids"])
      const [deskMove, largeDeskMove] = move_ids as number[]
      expect(emulator.store.read("stock.move", [largeDeskMove], ["quantity", "state"])).toEqual([{ id: largeDeskMove, quantity: 0, state: "confirmed" }])
      expect(await call("stock.picking", "button_validate", [[pickingId]], { context: { skip_backorder: true } })).toBe(true)
      const [backorder] = emulator.store.searchRead("stock.picking", [["backorder_id", "=", pickingId]], ["state", "move_ids"])
      expect(backorder).toMatchObject({ state: "confirmed", move_ids: [largeDeskMove] })
      expect(emulator.store.read("stock.move", [deskMove, largeDeskMove], ["product_uom_qty", "state"])).toEqual([
        { id: deskMove, product_uom_qty: 10, state: "done" },
        { id: largeDeskMove, product_uom_qty: 1, state: "confirmed" },
      ])
      expect(emulator.store.count("stock.move", [["picking_id", "in", [pickingId, backorder.id as number]]])).toBe(2)
    })

    it("validates and cancels a move on the quants holding its own reservation", () => {
      emulator.store.create("stock.quant", { product_id: DESK_BLACK, location_id: SHELF_1, quantity: 10 })
      const first = move(DESK_BLACK, 50, WH_STOCK, CUSTOMERS)
      assignMoves(env(), [first])
      const second = move(DESK_BLACK, 10, WH_STOCK, CUSTOMERS)
      assignMoves(env(), [second])
      expect(emulator.store.read("stock.move", [first, second], ["quantity", "state"])).toEqual([
        { id: first, quantity: 50, state: "assigned" },
        { id: second, quantity: 10, state: "assigned" },
      ])
      doneMoves(env(), [first], { backorder: true })
      expect(quants(DESK_BLACK)).toEqual(
        expect.arrayContaining([
          { location: WH_STOCK, quantity: 0, reserved: 0 },
          { location: SHELF_1, quantity: 10, reserved: 10 },
        ])
      )
      cancelMoves(env(), [second])
      expect(quants(DESK_BLACK)).toEqual(expect.arrayContaining([{ location: SHELF_1, quantity: 10, reserved: 0 }]))
    })

    it("makes a receipt from vendors available without stock; validating it brings the quantity in", () => {
      const receipt = move(DESK_BLACK, 5, VENDORS, WH_STOCK)
      assignMoves(env(), [receipt])
      expect(emulator.store.read("stock.move", [receipt], ["quantity", "state"])).toEqual([{ id: receipt, quantity: 5, state: "assigned" }])
      const [before] = emulator.store.read("product.product", [DESK_BLACK], ["qty_available", "virtual_available"], { warehouse_id: 1 })
      expect(before).toMatchObject({ qty_available: 50, virtual_available: 55 })
      doneMoves(env(), [receipt], { backorder: true })
      expect(quants(DESK_BLACK)).toEqual(
        expect.arrayContaining([
          { location: WH_STOCK, quantity: 55, reserved: 0 },
          { location: VENDORS, quantity: -5, reserved: 0 },
        ])
      )
    })
  })

  describe("on the v1 fixture (no stock.move exported)", () => {
    beforeEach(async () => {
      emulator = await startOdooEmulator({})
    })

    it("keeps the recorded forecast of every product once moves exist, and counts the new ones", async () => {
      const recorded = emulator.store.read("product.product", [17, DESK_BLACK], ["qty_available", "virtual_available"])
      expect(recorded[0].virtual_available).not.toBe(recorded[0].qty_available)
      await confirmOrder(DESK_BLACK, 2)
      expect(emulator.store.read("product.product", [17, DESK_BLACK], ["qty_available", "virtual_available"])).toEqual([
        recorded[0],
        { ...recorded[1], virtual_available: (recorded[1].virtual_available as number) - 2 },
      ])
    })
  })
})
