/**
 * Odoo's stock, as far as quantities go: warehouses with their view location, internal
 * locations under it, quants (on hand and reserved per location) and moves (reservation,
 * validation, forecast). Quantities follow `product.product._compute_quantities`: in a
 * warehouse context (`warehouse_id`; Odoo 18 ignores the key `warehouse`) only the internal
 * locations under that warehouse's view location count; without one, every internal location.
 * `free_qty` = quantity − reserved of those quants; `virtual_available` = on hand + incoming −
 * outgoing of the moves not draft, done or cancelled that cross the scope's boundary.
 * Moves are reserved, cancelled and validated here only (sales.ts confirms, cancels and delivers
 * sale orders through these functions); the stock.move model itself is defined with the sales.
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
  if (env.hasModel(MOVE)) {
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
  }
  // A fixture without stock.move (the v1 export, a generated catalog) keeps its recorded forecast
  // for the main warehouse: the pending moves it left out, still pending beside any move made since.
  const delta = num(env.browse(P, productId)?.__forecast_delta)
  if (delta !== 0) {
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
//
// Odoo 18 keeps a move's reservation in its move lines, one per quant it reserved on
// (`_action_assign`), and validating or cancelling a move works on those quants only. The
// emulator has no stock.move.line model: a move remembers its quants under RESERVED_QUANTS.

const RESERVED_QUANTS = "__reserved_quants"

type Reservation = { quant: RawRecord; quantity: number }

/** A product kept in stock (Odoo 18's is_storable; type "product" before 18): only these have quants. */
export function isStorable(env: Env, productId: number): boolean {
  return env.getById(P, productId, "is_storable") === true || env.getById(P, productId, "type") === "product"
}

/** Quants of a product under a location, oldest first (Odoo's FIFO removal). */
function quantsUnder(env: Env, productId: number, locationId: number): RawRecord[] {
  const under = new Set(env.search(LOCATION, [["id", "child_of", [locationId]]], { activeTest: false }))
  const quants = env.table(QUANT)
  return [...quants.referencing("product_id", productId)]
    .map((id) => quants.records.get(id) as RawRecord)
    .filter((quant) => quant && under.has(num(quant.location_id)))
    .sort((a, b) => a.id - b.id)
}

/** Odoo's `should_bypass_reservation`: moves from such a location are available without quants. */
function bypassesReservation(env: Env, locationId: number): boolean {
  const location = env.browse(LOCATION, locationId)
  if (!location) return true
  if (["supplier", "customer", "inventory", "production"].includes(String(location.usage))) return true
  return location.usage === "transit" && !env.get(LOCATION, location, "company_id")
}

/**
 * The quants holding a move's reservation. A move loaded from a fixture has no record of them:
 * its reservation is taken to sit where reserving would have put it, on the oldest quants.
 */
function reservationsOf(env: Env, move: RawRecord): Reservation[] {
  const stored = move[RESERVED_QUANTS]
  if (Array.isArray(stored)) {
    return stored.flatMap((entry) => {
      const [quantId, quantity] = Array.isArray(entry) ? entry : []
      const quant = typeof quantId === "number" ? env.browse(QUANT, quantId) : undefined
      return quant ? [{ quant, quantity: num(quantity) }] : []
    })
  }
  const { from } = moveEnds(env, move)
  const reservations: Reservation[] = []
  let left = num(move.quantity)
  if (from === false || bypassesReservation(env, from) || !isStorable(env, num(move.product_id))) return reservations
  for (const quant of quantsUnder(env, num(move.product_id), from)) {
    if (left <= 0) break
    const quantity = Math.min(num(quant.reserved_quantity), left)
    if (quantity <= 0) continue
    reservations.push({ quant, quantity })
    left = round2(left - quantity)
  }
  return reservations
}

function rememberReservations(env: Env, move: RawRecord, reservations: Reservation[]): void {
  env.table(MOVE).set(move, RESERVED_QUANTS, reservations.map(({ quant, quantity }) => [quant.id, quantity]))
}

/**
 * Reserves what is free for confirmed moves (Odoo's `_action_assign`), on the quants at or under
 * each move's source location, oldest first: each quant's reserved quantity is written (its
 * write_date moves), and the move becomes assigned, partially available, or stays confirmed when
 * nothing is free. A move from a location that bypasses reservation (vendors, customers,
 * inventory) or of a product without stock is available at once.
 */
export function assignMoves(env: Env, moveIds: number[]): void {
  for (const moveId of moveIds) {
    const move = env.browse(MOVE, moveId)
    if (!move || !["confirmed", "partially_available", "waiting"].includes(String(move.state))) continue
    const { from } = moveEnds(env, move)
    const productId = num(move.product_id)
    const demand = num(move.product_uom_qty)
    if (!isStorable(env, productId) || (from !== false && bypassesReservation(env, from))) {
      env.write(MOVE, [moveId], { quantity: demand, state: "assigned" })
      continue
    }
    const reservations = reservationsOf(env, move)
    let missing = round2(demand - num(move.quantity))
    if (from !== false) {
      const quants = quantsUnder(env, productId, from)
      // What the whole location holds free bounds the reservation (a negative quant lowers it).
      let available = Math.max(0, round2(quants.reduce((sum, quant) => sum + num(quant.quantity) - num(quant.reserved_quantity), 0)))
      for (const quant of quants) {
        if (missing <= 0 || available <= 0) break
        const take = Math.min(num(quant.quantity) - num(quant.reserved_quantity), missing, available)
        if (take <= 0) continue
        env.write(QUANT, [quant.id], { reserved_quantity: round2(num(quant.reserved_quantity) + take) })
        const held = reservations.find((reservation) => reservation.quant.id === quant.id)
        if (held) held.quantity = round2(held.quantity + take)
        else reservations.push({ quant, quantity: take })
        missing = round2(missing - take)
        available = round2(available - take)
      }
    }
    const reserved = round2(demand - Math.max(0, missing))
    rememberReservations(env, move, reservations)
    env.write(MOVE, [moveId], { quantity: reserved, state: reserved >= demand ? "assigned" : reserved > 0 ? "partially_available" : "confirmed" })
  }
}

/** Releases a move's reservation from the quants holding it. */
function unreserve(env: Env, move: RawRecord): void {
  for (const { quant, quantity } of reservationsOf(env, move)) {
    env.write(QUANT, [quant.id], { reserved_quantity: Math.max(0, round2(num(quant.reserved_quantity) - quantity)) })
  }
  rememberReservations(env, move, [])
}

/** Cancels moves (Odoo's `_action_cancel`): their reservation is released. */
export function cancelMoves(env: Env, moveIds: number[]): void {
  for (const moveId of moveIds) {
    const move = env.browse(MOVE, moveId)
    if (!move || ["done", "cancel"].includes(String(move.state))) continue
    unreserve(env, move)
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

/** Fields a backorder move does not copy from the move it is split from. */
const NOT_COPIED = new Set(["id", "create_date", "create_uid", "write_date", "write_uid", "state", "quantity", "product_uom_qty"])

/** Odoo's `_split`: a new move for `quantity` of the demand, a copy of the move otherwise (same picking). */
function splitMove(env: Env, move: RawRecord, quantity: number): number {
  const table = env.table(MOVE)
  const vals: JsonObject = {}
  for (const [name, field] of table.fields) {
    if (NOT_COPIED.has(name) || field.compute || !field.store || field.type === "one2many" || field.type === "many2many") continue
    if (move[name] !== undefined) vals[name] = move[name] as JsonValue
  }
  const { from, to } = moveEnds(env, move)
  if (from !== false) vals.location_id = from
  if (to !== false) vals.location_dest_id = to
  return env.create(MOVE, [{ ...vals, product_uom_qty: quantity, quantity: 0, state: "confirmed" }])[0]
}

/**
 * Validates moves for what they reserved (Odoo's `_action_done`): each reserved quant gives up its
 * reservation and the quantity, anything beyond the reservation leaves the source location's own
 * quant (negative if need be, as in Odoo), and the destination's quant receives it, whatever the
 * location (customers and vendors have quants too). With `backorder`, the rest of the demand
 * becomes a new move, confirmed and reserved at once as Odoo's delivery types do
 * (`reservation_method` "at_confirm"); it stays in the same picking. A move with nothing reserved
 * is not validated: it is the backorder itself (cancelled without `backorder`, or with no demand). Returns the
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
    if (done <= 0) {
      if (options.backorder && num(move.product_uom_qty) > 0) backorders.push(moveId)
      else cancelMoves(env, [moveId])
      continue
    }
    if (isStorable(env, productId)) {
      let left = done
      for (const { quant, quantity } of reservationsOf(env, move)) {
        const take = Math.min(quantity, left)
        env.write(QUANT, [quant.id], {
          reserved_quantity: Math.max(0, round2(num(quant.reserved_quantity) - quantity)),
          quantity: round2(num(quant.quantity) - take),
        })
        left = round2(left - take)
      }
      if (left > 0 && from !== false) updateAvailableQuantity(env, productId, from, -left)
      if (to !== false) updateAvailableQuantity(env, productId, to, done)
    }
    rememberReservations(env, move, [])
    env.write(MOVE, [moveId], { product_uom_qty: done, state: "done" })
    if (rest > 0 && options.backorder) backorders.push(splitMove(env, move, rest))
  }
  assignMoves(env, backorders)
  return backorders
}
