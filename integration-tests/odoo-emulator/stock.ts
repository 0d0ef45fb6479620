/**
 * Odoo's stock, as far as quantities go: warehouses with their view location, internal
 * locations under it, quants (on hand and reserved per location) and moves (reservation,
 * validation, forecast). Quantities follow `product.product._compute_quantities`: in a
 * warehouse context (`warehouse_id`; Odoo 18 ignores the key `warehouse`) only the internal
 * locations under that warehouse's view location count; without one, every internal location.
 * `free_qty` = quantity − reserved of those quants; `virtual_available` = on hand + incoming −
 * outgoing of the moves not draft, done or cancelled that cross the scope's boundary.
 * The stock.move model itself is defined with the sales (sales.ts).
 */
import { floatRound } from "./pyfmt"
import type { Env } from "./store"
import type { JsonObject, JsonValue, RawRecord } from "./types"

const P = "product.product"
const LOCATION = "stock.location"
const WAREHOUSE = "stock.warehouse"
const QUANT = "stock.quant"
const MOVE = "stock.move"

const num = (value: JsonValue | undefined): number => (typeof value === "number" ? value : 0)
const ref = (value: JsonValue | undefined): number | false => (typeof value === "number" ? value : false)
const round2 = (value: number): number => floatRound(value, 2)
const idsOf = (value: JsonValue | undefined): number[] =>
  typeof value === "number" ? [value] : Array.isArray(value) ? value.filter((id): id is number => typeof id === "number") : []

/** States whose moves count in the forecast (Odoo: not draft, done or cancel). */
const PENDING_STATES = new Set(["waiting", "confirmed", "partially_available", "assigned"])

// ------------------------------------------------------------ warehouses and locations

/**
 * A warehouse's view location: the stored one, else the view location bound to it (the
 * fixture's export has no view_location_id column).
 */
export function warehouseViewLocationId(env: Env, warehouse: RawRecord): number | false {
  if (typeof warehouse.view_location_id === "number") return warehouse.view_location_id
  for (const location of env.table(LOCATION).records.values()) {
    if (location.usage === "view" && location.warehouse_id === warehouse.id) return location.id
  }
  return false
}

/**
 * A warehouse's stock location as stored. Odoo makes it while creating the warehouse (it is
 * required, yet no caller gives it): computed here so that a create without it is not refused.
 */
export function warehouseStockLocationId(_env: Env, warehouse: RawRecord): number | false {
  return typeof warehouse.lot_stock_id === "number" ? warehouse.lot_stock_id : false
}

/** A location's warehouse: the one whose view location is this location or an ancestor of it. */
export function locationWarehouseId(env: Env, location: RawRecord): number | false {
  const byView = env.memo("stock-warehouse-by-view", () => {
    const map = new Map<number, number>()
    for (const warehouse of env.table(WAREHOUSE).records.values()) {
      const view = warehouseViewLocationId(env, warehouse)
      if (view) map.set(view, warehouse.id)
    }
    return map
  })
  let current: RawRecord | undefined = location
  for (let guard = 0; current && guard < 50; guard++) {
    const warehouseId = byView.get(current.id)
    if (warehouseId !== undefined) return warehouseId
    const parent = ref(current.location_id)
    current = parent ? env.browse(LOCATION, parent) : undefined
  }
  return false
}

/**
 * Odoo creates a warehouse's locations with it: a view location named after its code under
 * "Physical Locations", and its stock location ("CODE/Stock") under that.
 */
export function createWarehouseLocations(env: Env, ids: number[]): void {
  const physical = [...env.table(LOCATION).records.values()].find((location) => location.usage === "view" && !location.location_id)
  for (const id of ids) {
    const warehouse = env.browse(WAREHOUSE, id)
    if (!warehouse || typeof warehouse.view_location_id === "number") continue
    const [view] = env.create(LOCATION, [{ name: String(warehouse.code ?? warehouse.name), usage: "view", location_id: physical?.id ?? false }])
    env.table(LOCATION).set(env.browse(LOCATION, view) as RawRecord, "warehouse_id", id)
    const [stock] = env.create(LOCATION, [{ name: "Stock", usage: "internal", location_id: view }])
    env.table(LOCATION).set(env.browse(LOCATION, stock) as RawRecord, "warehouse_id", id)
    env.table(WAREHOUSE).set(warehouse, "view_location_id", view)
    env.table(WAREHOUSE).set(warehouse, "lot_stock_id", stock)
  }
}

// --------------------------------------------------------------------- quantities

/** The internal locations a quantity is computed over, per context (location / warehouse_id / all). */
function stockScope(env: Env): Set<number> {
  return env.memo("stock-scope", () => {
    const internal = [...env.table(LOCATION).records.values()].filter((location) => location.usage === "internal")
    const locationContext = idsOf(env.context.location)
    const warehouseContext = idsOf(env.context.warehouse_id)
    let selected = internal
    if (locationContext.length > 0) {
      const wanted = new Set(env.search(LOCATION, [["id", "child_of", locationContext]], { activeTest: false }))
      selected = internal.filter((location) => wanted.has(location.id))
    } else if (warehouseContext.length > 0) {
      selected = internal.filter((location) => {
        const warehouseId = locationWarehouseId(env, location)
        return warehouseId !== false && warehouseContext.includes(warehouseId)
      })
    }
    return new Set(selected.map((location) => location.id))
  })
}

/** A move's source and destination: its own, else its picking's (the fixture's moves have none). */
function moveEnds(env: Env, move: RawRecord): { from: number | false; to: number | false } {
  const picking = typeof move.picking_id === "number" && env.hasModel("stock.picking") ? env.browse("stock.picking", move.picking_id) : undefined
  return {
    from: ref(move.location_id) || ref(picking?.location_id),
    to: ref(move.location_dest_id) || ref(picking?.location_dest_id),
  }
}

export type StockFigures = { onHand: number; reserved: number; incoming: number; outgoing: number }

export function stockFigures(env: Env, productId: number): StockFigures {
  const scope = stockScope(env)
  const quants = env.table(QUANT)
  let onHand = 0
  let reserved = 0
  for (const quantId of quants.referencing("product_id", productId)) {
    const quant = quants.records.get(quantId)
    if (!quant || !scope.has(num(quant.location_id))) continue
    onHand += num(quant.quantity)
    reserved += num(quant.reserved_quantity)
  }
  let incoming = 0
  let outgoing = 0
  if (env.hasModel(MOVE) && env.table(MOVE).records.size > 0) {
    const moves = env.table(MOVE)
    for (const moveId of moves.referencing("product_id", productId)) {
      const move = moves.records.get(moveId)
      if (!move || !PENDING_STATES.has(String(move.state))) continue
      const { from, to } = moveEnds(env, move)
      const fromIn = from !== false && scope.has(from)
      const toIn = to !== false && scope.has(to)
      if (toIn && !fromIn) incoming += num(move.product_uom_qty)
      if (fromIn && !toIn) outgoing += num(move.product_uom_qty)
    }
  } else {
    // A fixture without stock.move (the v1 export) keeps its recorded forecast for the main
    // warehouse: the pending moves it leaves out.
    const delta = num(env.browse(P, productId)?.__forecast_delta)
    const mainWarehouse = [...env.table(WAREHOUSE).records.values()].sort((a, b) => a.id - b.id)[0]
    const includesMain = idsOf(env.context.warehouse_id).length === 0 || idsOf(env.context.warehouse_id).includes(mainWarehouse?.id ?? 0)
    if (includesMain && idsOf(env.context.location).length === 0) {
      if (delta > 0) incoming += delta
      else outgoing -= delta
    }
  }
  return { onHand, reserved, incoming, outgoing }
}

/** product.product's stock fields, computed as Odoo does. */
export const productStockComputes = {
  qty_available: (env: Env, record: RawRecord) => round2(stockFigures(env, record.id).onHand),
  free_qty: (env: Env, record: RawRecord) => {
    const figures = stockFigures(env, record.id)
    return round2(figures.onHand - figures.reserved)
  },
  virtual_available: (env: Env, record: RawRecord) => {
    const figures = stockFigures(env, record.id)
    return round2(figures.onHand + figures.incoming - figures.outgoing)
  },
  incoming_qty: (env: Env, record: RawRecord) => round2(stockFigures(env, record.id).incoming),
  outgoing_qty: (env: Env, record: RawRecord) => round2(stockFigures(env, record.id).outgoing),
}

// ------------------------------------------------------------------------- moves

/** Internal locations at or under `locationId`, source quants are taken from. */
function locationsUnder(env: Env, locationId: number): Set<number> {
  return new Set(env.search(LOCATION, [["id", "child_of", [locationId]]], { activeTest: false }))
}

/** Quants of a product under a location, oldest first (Odoo's FIFO removal). */
function quantsUnder(env: Env, productId: number, locationId: number): RawRecord[] {
  const under = locationsUnder(env, locationId)
  const quants = env.table(QUANT)
  return [...quants.referencing("product_id", productId)]
    .map((id) => quants.records.get(id) as RawRecord)
    .filter((quant) => quant && under.has(num(quant.location_id)))
    .sort((a, b) => a.id - b.id)
}

function isInternal(env: Env, locationId: number | false): boolean {
  return locationId !== false && env.browse(LOCATION, locationId)?.usage === "internal"
}

/**
 * Reserves what is free for a confirmed move (Odoo's `_action_assign`): each quant's reserved
 * quantity is written (so its write_date moves), and the move becomes assigned, partially
 * available, or stays confirmed when nothing is free.
 */
export function assignMoves(env: Env, moveIds: number[]): void {
  for (const moveId of moveIds) {
    const move = env.browse(MOVE, moveId)
    if (!move || !["confirmed", "partially_available", "waiting"].includes(String(move.state))) continue
    const { from } = moveEnds(env, move)
    const productId = num(move.product_id)
    let missing = num(move.product_uom_qty) - num(move.quantity)
    if (from !== false && isInternal(env, from)) {
      for (const quant of quantsUnder(env, productId, from)) {
        if (missing <= 0) break
        const free = num(quant.quantity) - num(quant.reserved_quantity)
        if (free <= 0) continue
        const take = Math.min(free, missing)
        env.write(QUANT, [quant.id], { reserved_quantity: round2(num(quant.reserved_quantity) + take) })
        missing = round2(missing - take)
      }
    }
    const reserved = round2(num(move.product_uom_qty) - Math.max(0, missing))
    env.write(MOVE, [moveId], {
      quantity: reserved,
      state: reserved >= num(move.product_uom_qty) ? "assigned" : reserved > 0 ? "partially_available" : "confirmed",
    })
  }
}

/** Releases a move's reservation from its source quants (cancel, or before validating). */
function unreserve(env: Env, move: RawRecord, amount: number): void {
  const { from } = moveEnds(env, move)
  if (from === false || amount <= 0) return
  let left = amount
  for (const quant of quantsUnder(env, num(move.product_id), from).reverse()) {
    if (left <= 0) break
    const take = Math.min(num(quant.reserved_quantity), left)
    if (take <= 0) continue
    env.write(QUANT, [quant.id], { reserved_quantity: round2(num(quant.reserved_quantity) - take) })
    left = round2(left - take)
  }
}

/** Cancels moves (Odoo's `_action_cancel`): their reservation is released. */
export function cancelMoves(env: Env, moveIds: number[]): void {
  for (const moveId of moveIds) {
    const move = env.browse(MOVE, moveId)
    if (!move || ["done", "cancel"].includes(String(move.state))) continue
    unreserve(env, move, num(move.quantity))
    env.write(MOVE, [moveId], { quantity: 0, state: "cancel" })
  }
}

/** Adds `quantity` to the product's quant at `locationId` (Odoo's `_update_available_quantity`). */
export function updateAvailableQuantity(env: Env, productId: number, locationId: number, quantity: number): void {
  const quants = env.table(QUANT)
  const existing = [...quants.referencing("product_id", productId)]
    .map((id) => quants.records.get(id) as RawRecord)
    .find((quant) => quant && num(quant.location_id) === locationId)
  if (existing) {
    env.write(QUANT, [existing.id], { quantity: round2(num(existing.quantity) + quantity) })
  } else {
    env.create(QUANT, [{ product_id: productId, location_id: locationId, quantity }])
  }
}

/**
 * Validates moves for what they reserved (Odoo's `_action_done` without backorder wizard): the
 * reserved quantity leaves the source quants and reaches an internal destination's quant; the
 * rest of the demand, when a backorder is wanted, becomes a new confirmed move. Returns the
 * backorder moves.
 */
export function doneMoves(env: Env, moveIds: number[], options: { backorder: boolean } = { backorder: true }): number[] {
  const backorders: number[] = []
  for (const moveId of moveIds) {
    const move = env.browse(MOVE, moveId)
    if (!move || ["done", "cancel"].includes(String(move.state))) continue
    const { from, to } = moveEnds(env, move)
    const productId = num(move.product_id)
    const done = num(move.quantity)
    const rest = round2(num(move.product_uom_qty) - done)
    if (from !== false && isInternal(env, from)) {
      unreserve(env, move, done)
      let left = done
      for (const quant of quantsUnder(env, productId, from)) {
        if (left <= 0) break
        const take = Math.min(Math.max(0, num(quant.quantity)), left)
        if (take <= 0) continue
        env.write(QUANT, [quant.id], { quantity: round2(num(quant.quantity) - take) })
        left = round2(left - take)
      }
      // Validating more than is there leaves a negative quant, as Odoo does.
      if (left > 0) updateAvailableQuantity(env, productId, from, -left)
    }
    if (to !== false && isInternal(env, to)) updateAvailableQuantity(env, productId, to, done)
    env.write(MOVE, [moveId], { product_uom_qty: done, state: "done" })
    if (rest > 0 && options.backorder) {
      const vals: JsonObject = { product_id: productId, product_uom_qty: rest, quantity: 0, state: "confirmed" }
      for (const field of ["location_id", "location_dest_id", "sale_line_id"]) {
        if (move[field] !== undefined && move[field] !== false) vals[field] = move[field] as JsonValue
      }
      if (from !== false) vals.location_id = from
      if (to !== false) vals.location_dest_id = to
      backorders.push(...env.create(MOVE, [vals]))
    }
  }
  return backorders
}
