/**
 * Sales as Odoo 18 (sale_management + sale_stock + stock_delivery) does them, per the v2
 * recordings: partners with addresses and states, taxes, sale orders and lines with computed
 * amounts, `action_confirm` making the outgoing picking and reserving stock, `action_cancel`
 * (a wizard unless `disable_cancel_warning`), and `button_validate` on pickings (a backorder
 * wizard unless everything is reserved or `skip_backorder` is set).
 *
 * The specs of models.ts (res.partner, sale.order, sale.order.line, account.tax) are extended
 * here; stock.picking and stock.move are kept to what a sale's delivery needs. Reserving,
 * cancelling and validating the moves is stock.ts's (Odoo's stock.move `_action_assign`,
 * `_action_cancel`, `_action_done`); the pickings and the sale lines are handled here.
 */
import { OdooError, missingRecord } from "./errors"
import { floatRound } from "./pyfmt"
import { assignMoves, cancelMoves, doneMoves, isStorable } from "./stock"
import type { Env, ExtraField, ModelMethod, ModelSpec } from "./store"
import type { JsonValue, RawRecord } from "./types"
import { isIdList } from "./types"
import { GROUPS } from "./users"

const num = (value: JsonValue | undefined): number => (typeof value === "number" ? value : 0)
const ref = (value: JsonValue | undefined): number | false => (typeof value === "number" ? value : false)
const text = (value: JsonValue | undefined): string => (typeof value === "string" ? value : "")
const idList = (value: JsonValue | undefined): number[] => (isIdList(value) ? value : [])
const round2 = (value: number): number => floatRound(value, 2)

const f = (name: string, type: ExtraField["type"], string: string, options: Partial<Omit<ExtraField, "name" | "type" | "string">> = {}): ExtraField => ({
  name,
  type,
  string,
  ...options,
})

const LOG_FIELDS: ExtraField[] = [
  f("create_uid", "many2one", "Created by", { relation: "res.users", readonly: true }),
  f("create_date", "datetime", "Created on", { readonly: true }),
  f("write_uid", "many2one", "Last Updated by", { relation: "res.users", readonly: true }),
  f("write_date", "datetime", "Last Updated on", { readonly: true }),
]

const EVERYONE = [GROUPS.internal, GROUPS.portal, GROUPS.public]
const SALES = [GROUPS.saleUserOwn, GROUPS.saleUserAll, GROUPS.saleManager]
const STOCK = [GROUPS.stockUser, GROUPS.stockManager]

const P = "product.product"
const SO = "sale.order"
const SOL = "sale.order.line"
const PICKING = "stock.picking"
const MOVE = "stock.move"
/** The demo database's outgoing operation type, stock and customer locations (warehouse WH). */
const OUT_TYPE_ID = 2
const CUSTOMERS_LOCATION_ID = 5

// ------------------------------------------------------------------ partners

const countryState: ModelSpec = {
  name: "res.country.state",
  description: "Country state",
  order: "code",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "State Name", { required: true }),
    f("code", "char", "State Code", { required: true }),
    f("country_id", "many2one", "Country", { relation: "res.country", required: true }),
  ],
  access: { read: EVERYONE, write: [GROUPS.settings], create: [GROUPS.settings], unlink: [GROUPS.settings] },
  displayName: (env, record) => `${text(record.name)} (${text(env.browse("res.country", num(record.country_id))?.code)})`,
}

function commercialPartner(env: Env, partner: RawRecord): number {
  let current = partner
  for (let depth = 0; depth < 20; depth++) {
    const parentId = ref(current.parent_id)
    const parent = parentId ? env.browse("res.partner", parentId) : undefined
    if (current.is_company === true || !parent) return current.id
    current = parent
  }
  return current.id
}

function extendPartner(partner: ModelSpec): void {
  partner.extraFields = [
    ...(partner.extraFields ?? []),
    f("state_id", "many2one", "State", { relation: "res.country.state" }),
    f("street2", "char", "Street2"),
    f("vat", "char", "Tax ID"),
    f("commercial_partner_id", "many2one", "Commercial Entity", { relation: "res.partner", store: false, readonly: true }),
  ]
  partner.computes = { ...partner.computes, commercial_partner_id: (env, record) => commercialPartner(env, record) }
}

/** res.partner.address_get: the first child of that type, else the partner itself. */
function addressOfType(env: Env, partnerId: number, type: "invoice" | "delivery"): number {
  const children = env.search("res.partner", [["parent_id", "=", partnerId], ["type", "=", type]], { order: "id" })
  return children[0] ?? partnerId
}

// --------------------------------------------------------------------- taxes

function extendTax(tax: ModelSpec): void {
  tax.extraFields = [
    ...(tax.extraFields ?? []),
    f("amount_type", "selection", "Tax Computation", {
      selection: [["group", "Group of Taxes"], ["fixed", "Fixed"], ["percent", "Percentage"], ["division", "Percentage Tax Included"]],
    }),
    f("type_tax_use", "selection", "Tax Type", { selection: [["sale", "Sales"], ["purchase", "Purchases"], ["none", "None"]] }),
    f("price_include", "boolean", "Included in Price", { store: false }),
    f("company_id", "many2one", "Company", { relation: "res.company" }),
    f("active", "boolean", "Active"),
  ]
  tax.defaults = { ...tax.defaults, amount_type: "percent", type_tax_use: "sale", price_include: false, active: true, sequence: 1 }
}

/** account.tax.compute_all for one line (percent/fixed/division taxes, no tax on tax). */
function computeTaxes(env: Env, taxIds: number[], unitPrice: number, quantity: number): { excluded: number; included: number } {
  const base = unitPrice * quantity
  let excluded = base
  const taxes = taxIds.map((id) => env.browse("account.tax", id)).filter((tax): tax is RawRecord => tax !== undefined)
  // Price-included taxes come off the price first.
  for (const tax of taxes) {
    if (tax.price_include !== true) continue
    const amount = num(tax.amount)
    if (tax.amount_type === "fixed") excluded -= amount * quantity
    else if (tax.amount_type === "division") excluded -= excluded * (amount / 100)
    else excluded = excluded / (1 + amount / 100)
  }
  let included = excluded
  for (const tax of taxes) {
    const amount = num(tax.amount)
    if (tax.amount_type === "fixed") included += round2(amount * quantity)
    else if (tax.amount_type === "division") included += round2(excluded / (1 - amount / 100) - excluded)
    else included += round2(excluded * (amount / 100))
  }
  return { excluded: round2(excluded), included: round2(included) }
}

// --------------------------------------------------------------- sale orders

function lineAmounts(env: Env, line: RawRecord): { subtotal: number; total: number } {
  const unit = num(line.price_unit) * (1 - num(line.discount) / 100)
  const { excluded, included } = computeTaxes(env, idList(line.tax_id), unit, num(line.product_uom_qty))
  return { subtotal: excluded, total: included }
}

function orderLines(env: Env, order: RawRecord): RawRecord[] {
  return idList(env.get(SO, order, "order_line"))
    .map((id) => env.browse(SOL, id))
    .filter((line): line is RawRecord => line !== undefined)
}

function extendSaleOrder(order: ModelSpec): void {
  order.extraFields = [
    ...(order.extraFields ?? []),
    f("partner_invoice_id", "many2one", "Invoice Address", { relation: "res.partner", required: true }),
    f("partner_shipping_id", "many2one", "Delivery Address", { relation: "res.partner", required: true }),
    f("amount_tax", "monetary", "Taxes", { store: false, readonly: true }),
    f("picking_ids", "one2many", "Transfers", { relation: PICKING, inverseName: "sale_id" }),
    f("warehouse_id", "many2one", "Warehouse", { relation: "stock.warehouse", required: true }),
    f("type_name", "char", "Type Name", { store: false, readonly: true }),
  ]
  order.defaults = {
    ...order.defaults,
    warehouse_id: (env) => env.search("stock.warehouse", [], { order: "sequence, id", limit: 1 })[0] ?? false,
  }
  order.computes = {
    ...order.computes,
    amount_untaxed: (env, record) => round2(orderLines(env, record).reduce((sum, line) => sum + lineAmounts(env, line).subtotal, 0)),
    amount_tax: (env, record) => round2(orderLines(env, record).reduce((sum, line) => sum + (lineAmounts(env, line).total - lineAmounts(env, line).subtotal), 0)),
    amount_total: (env, record) => round2(orderLines(env, record).reduce((sum, line) => sum + lineAmounts(env, line).total, 0)),
    type_name: (_env, record) => (record.state === "draft" || record.state === "sent" || record.state === "cancel" ? "Quotation" : "Sales Order"),
  }
  // The invoice and delivery addresses default to the partner's (its children of that type).
  order.beforeCreate = (env, vals) => {
    const partnerId = ref(vals.partner_id)
    if (!partnerId || !env.browse("res.partner", partnerId)) return
    if (vals.partner_invoice_id === undefined) vals.partner_invoice_id = addressOfType(env, partnerId, "invoice")
    if (vals.partner_shipping_id === undefined) vals.partner_shipping_id = addressOfType(env, partnerId, "delivery")
  }
  order.methods = { action_confirm: actionConfirm, action_cancel: actionCancel }
}

function productDescription(env: Env, productId: number): string {
  const name = env.displayName(P, productId)
  const description = text(env.getById(P, productId, "description_sale"))
  return description ? `${name}\n${description}` : name
}

function extendSaleOrderLine(line: ModelSpec): void {
  line.extraFields = [
    ...(line.extraFields ?? []),
    f("tax_id", "many2many", "Taxes", { relation: "account.tax" }),
    f("price_total", "monetary", "Total", { store: false, readonly: true }),
    f("price_tax", "float", "Total Tax", { store: false, readonly: true }),
    f("qty_delivered", "float", "Delivery Quantity", { digits: 2 }),
    f("order_partner_id", "many2one", "Customer", { relation: "res.partner", store: false, readonly: true }),
  ]
  line.defaults = { ...line.defaults, qty_delivered: 0 }
  line.computes = {
    ...line.computes,
    price_subtotal: (env, record) => lineAmounts(env, record).subtotal,
    price_total: (env, record) => lineAmounts(env, record).total,
    price_tax: (env, record) => round2(lineAmounts(env, record).total - lineAmounts(env, record).subtotal),
    order_partner_id: (env, record) => ref(env.browse(SO, num(record.order_id))?.partner_id),
  }
  // The product's display name is read before the line is inserted: a missing product uses up no line id.
  line.beforeCreate = (env, vals) => {
    const productId = ref(vals.product_id)
    if (productId && !env.browse(P, productId)) throw missingRecord(P, [productId], env.uid)
  }
  line.afterCreate = (env, ids, valsList) => {
    const table = env.table(SOL)
    ids.forEach((id, index) => {
      const record = env.browse(SOL, id)
      const productId = record ? ref(record.product_id) : false
      if (!record || !productId) return
      const vals = valsList[index]
      if (!("price_unit" in vals)) table.set(record, "price_unit", num(env.getById(P, productId, "lst_price")))
      if (!("name" in vals)) table.set(record, "name", productDescription(env, productId))
      if (!("tax_id" in vals)) {
        const order = env.browse(SO, num(record.order_id))
        const company = order ? ref(order.company_id) : false
        const taxes = idList(env.getById(P, productId, "taxes_id")).filter((taxId) => {
          const tax = env.browse("account.tax", taxId)
          return tax && (!company || !tax.company_id || tax.company_id === company)
        })
        table.set(record, "tax_id", taxes)
      }
    })
  }
  line.displayName = (env, record) => {
    const order = env.browse(SO, num(record.order_id))
    const firstLine = text(record.name).split("\n")[0] || text(env.getById(P, num(record.product_id), "name"))
    const partner = order ? env.browse("res.partner", num(order.partner_id)) : undefined
    const suffix = partner ? ` (${text(partner.ref) || text(partner.name)})` : ""
    return `${text(order?.name)} - ${firstLine}${suffix}`
  }
}

// ------------------------------------------------------------------- stock

function stockLocationOf(env: Env, warehouseId: number): number {
  return num(env.browse("stock.warehouse", warehouseId)?.lot_stock_id) || 8
}

function pickingState(env: Env, moveIds: number[]): string {
  const states = moveIds.map((id) => text(env.browse(MOVE, id)?.state))
  if (states.length === 0) return "draft"
  if (states.every((state) => state === "cancel")) return "cancel"
  if (states.every((state) => state === "done" || state === "cancel")) return "done"
  return states.some((state) => state === "assigned" || state === "partially_available") ? "assigned" : "confirmed"
}

function nextOutName(env: Env): string {
  let highest = 0
  for (const picking of env.table(PICKING).records.values()) {
    const match = /^WH\/OUT\/(\d+)$/.exec(text(picking.name))
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return `WH/OUT/${String(highest + 1).padStart(5, "0")}`
}

const picking: ModelSpec = {
  name: PICKING,
  description: "Transfer",
  order: "priority desc, scheduled_date asc, id desc",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "Reference"),
    f("origin", "char", "Source Document"),
    f("state", "selection", "Status", {
      selection: [["draft", "Draft"], ["waiting", "Waiting Another Operation"], ["confirmed", "Waiting"], ["assigned", "Ready"], ["done", "Done"], ["cancel", "Cancelled"]],
    }),
    f("priority", "selection", "Priority", { selection: [["0", "Normal"], ["1", "Urgent"]] }),
    f("scheduled_date", "datetime", "Scheduled Date"),
    f("date_done", "datetime", "Date of Transfer"),
    f("partner_id", "many2one", "Contact", { relation: "res.partner" }),
    f("sale_id", "many2one", "Sales Order", { relation: SO }),
    f("move_ids", "one2many", "Stock Moves", { relation: MOVE, inverseName: "picking_id" }),
    f("location_id", "many2one", "Source Location", { relation: "stock.location" }),
    f("location_dest_id", "many2one", "Destination Location", { relation: "stock.location" }),
    f("backorder_id", "many2one", "Back Order of", { relation: PICKING }),
    f("backorder_ids", "one2many", "Back Orders", { relation: PICKING, inverseName: "backorder_id" }),
    f("carrier_tracking_ref", "char", "Tracking Reference"),
    f("company_id", "many2one", "Company", { relation: "res.company" }),
  ],
  access: { read: [...STOCK, ...SALES], write: STOCK, create: STOCK, unlink: [GROUPS.stockManager] },
  defaults: { state: "draft", priority: "0", date_done: false, carrier_tracking_ref: false, backorder_id: false },
  methods: {},
}

const move: ModelSpec = {
  name: MOVE,
  description: "Stock Move",
  order: "sequence, id",
  extraFields: [
    ...LOG_FIELDS,
    f("name", "char", "Description"),
    f("sequence", "integer", "Sequence"),
    f("picking_id", "many2one", "Transfer", { relation: PICKING }),
    f("product_id", "many2one", "Product", { relation: P, required: true }),
    f("product_uom_qty", "float", "Demand", { digits: 2 }),
    f("quantity", "float", "Quantity", { digits: 2 }),
    f("state", "selection", "Status", {
      selection: [["draft", "New"], ["waiting", "Waiting Another Move"], ["confirmed", "Waiting Availability"], ["partially_available", "Partially Available"], ["assigned", "Available"], ["done", "Done"], ["cancel", "Cancelled"]],
    }),
    f("sale_line_id", "many2one", "Sale Line", { relation: SOL }),
    f("location_id", "many2one", "Source Location", { relation: "stock.location" }),
    f("location_dest_id", "many2one", "Destination Location", { relation: "stock.location" }),
  ],
  access: { read: [...STOCK, ...SALES], write: STOCK, create: STOCK, unlink: [GROUPS.stockManager] },
  defaults: { state: "draft", sequence: 10, quantity: 0 },
  // A required many2one: PostgreSQL restricts deleting the product a move refers to.
  onDelete: { product_id: "restrict" },
  displayName: (env, record) => {
    const pickingName = text(env.browse(PICKING, num(record.picking_id))?.name)
    const productName = env.displayName(P, num(record.product_id))
    return pickingName ? `${pickingName}: ${productName}` : productName
  },
}

// ---------------------------------------------------------------- methods

const actionConfirm: ModelMethod = {
  params: [],
  access: "write",
  run: (env, ids) => {
    for (const id of ids) {
      const order = env.browse(SO, id)
      if (!order) throw missingRecord(SO, [id], env.uid)
      if (order.state !== "draft" && order.state !== "sent") {
        throw new OdooError(
          "odoo.exceptions.UserError",
          `The following orders are not in a state requiring confirmation: ${text(order.name)}`
        )
      }
    }
    const superEnv = env.store.env(1, env.context, true)
    for (const id of ids) {
      const order = env.browse(SO, id) as RawRecord
      superEnv.write(SO, [id], { state: "sale", date_order: env.store.tick() })
      const lines = orderLines(env, order).filter((line) => line.display_type === false || line.display_type === undefined)
      const storable = lines.filter((line) => ref(line.product_id) && isStorable(env, num(line.product_id)))
      if (storable.length === 0) continue
      const warehouseId = num(order.warehouse_id) || 1
      const origin = order.client_order_ref ? `${text(order.name)} - ${text(order.client_order_ref)}` : text(order.name)
      const [pickingId] = superEnv.create(PICKING, [
        {
          name: nextOutName(env),
          origin,
          partner_id: order.partner_shipping_id ?? order.partner_id,
          sale_id: id,
          location_id: stockLocationOf(env, warehouseId),
          location_dest_id: CUSTOMERS_LOCATION_ID,
          scheduled_date: env.store.tick(),
          company_id: order.company_id ?? false,
          ...(env.table(PICKING).fields.has("picking_type_id") ? { picking_type_id: OUT_TYPE_ID } : {}),
        },
      ])
      const moveIds = storable.map((line) =>
        superEnv.create(MOVE, [
          {
            name: text(line.name),
            picking_id: pickingId,
            product_id: num(line.product_id),
            product_uom_qty: num(line.product_uom_qty),
            quantity: 0,
            state: "confirmed",
            sale_line_id: line.id,
            location_id: stockLocationOf(env, warehouseId),
            location_dest_id: CUSTOMERS_LOCATION_ID,
          },
        ])[0]
      )
      // Delivery orders reserve at confirmation (reservation_method "at_confirm").
      assignMoves(superEnv, moveIds)
      superEnv.write(PICKING, [pickingId], { state: pickingState(env, moveIds) })
    }
    return true
  },
}

/** sale.order.action_cancel: the cancel wizard for a confirmed order unless the context says not to warn. */
const actionCancel: ModelMethod = {
  params: [],
  access: "write",
  run: (env, ids) => {
    const orders = ids.map((id) => env.browse(SO, id) ?? (() => { throw missingRecord(SO, [id], env.uid) })())
    const showWizard = env.context.disable_cancel_warning !== true && orders.some((order) => order.state !== "draft")
    if (showWizard) {
      if (orders.length !== 1) throw new OdooError("builtins.ValueError", `Expected singleton: sale.order(${ids.join(", ")})`)
      const order = orders[0]
      return {
        name: `Cancel ${text(env.get(SO, order, "type_name"))}`,
        view_mode: "form",
        res_model: "sale.order.cancel",
        view_id: 1317,
        type: "ir.actions.act_window",
        context: {
          default_template_id: 23,
          default_order_id: order.id,
          mark_so_as_canceled: true,
          default_email_layout_xmlid: "mail.mail_notification_layout_with_responsible_signature",
          model_description: text(env.get(SO, order, "type_name")),
        },
        target: "new",
      }
    }
    const superEnv = env.store.env(1, env.context, true)
    for (const order of orders) {
      for (const pickingId of idList(superEnv.get(SO, order, "picking_ids"))) {
        const record = env.browse(PICKING, pickingId)
        if (!record || record.state === "done" || record.state === "cancel") continue
        cancelPicking(superEnv, record)
      }
      superEnv.write(SO, [order.id], { state: "cancel" })
    }
    return true
  },
}

function cancelPicking(env: Env, record: RawRecord): void {
  cancelMoves(env, idList(env.get(PICKING, record, "move_ids")))
  env.write(PICKING, [record.id], { state: "cancel" })
}

/** stock.picking.button_validate: done with what is reserved; a partial one asks about a backorder first. */
const buttonValidate: ModelMethod = {
  params: [],
  access: "write",
  run: (env, ids) => {
    const pickings = ids.map((id) => env.browse(PICKING, id) ?? (() => { throw missingRecord(PICKING, [id], env.uid) })())
    const movesOf = (record: RawRecord): RawRecord[] =>
      idList(env.get(PICKING, record, "move_ids"))
        .map((id) => env.browse(MOVE, id))
        .filter((item): item is RawRecord => item !== undefined && item.state !== "cancel" && item.state !== "done")
    for (const record of pickings) {
      if (record.state === "done" || record.state === "cancel") continue
      if (movesOf(record).every((item) => num(item.quantity) <= 0)) {
        throw new OdooError(
          "odoo.exceptions.UserError",
          "You cannot validate a transfer if no quantities are reserved or done. You can use the info button on the top right corner of your screen to know why the stock is not available."
        )
      }
    }
    const partial = pickings.filter((record) => movesOf(record).some((item) => num(item.quantity) < num(item.product_uom_qty)))
    if (partial.length > 0 && env.context.skip_backorder !== true) {
      const pickingIds = pickings.map((record) => record.id)
      return {
        name: "Create Backorder?",
        type: "ir.actions.act_window",
        view_mode: "form",
        res_model: "stock.backorder.confirmation",
        views: [[912, "form"]],
        view_id: 912,
        target: "new",
        context: {
          button_validate_picking_ids: pickingIds,
          default_show_transfers: false,
          default_pick_ids: pickingIds.map((id) => [4, id]),
        },
      }
    }
    const superEnv = env.store.env(1, env.context, true)
    const doneAt = env.store.tick()
    for (const record of pickings) {
      if (record.state === "done" || record.state === "cancel") continue
      const moves = movesOf(record)
      const backorderMoves = doneMoves(superEnv, moves.map((item) => item.id), { backorder: true })
      for (const item of moves) {
        const lineId = ref(item.sale_line_id)
        if (lineId) {
          const line = env.browse(SOL, lineId)
          superEnv.write(SOL, [lineId], { qty_delivered: round2(num(line?.qty_delivered) + num(item.quantity)) })
        }
      }
      superEnv.write(PICKING, [record.id], { state: "done", date_done: doneAt })
      if (backorderMoves.length > 0) {
        // Odoo's _create_backorder: a copy of the picking takes the moves left to do.
        const [backorderId] = superEnv.create(PICKING, [
          {
            name: nextOutName(env),
            origin: record.origin ?? false,
            partner_id: record.partner_id ?? false,
            sale_id: record.sale_id ?? false,
            location_id: record.location_id ?? false,
            location_dest_id: record.location_dest_id ?? false,
            scheduled_date: record.scheduled_date ?? false,
            company_id: record.company_id ?? false,
            backorder_id: record.id,
            ...(record.picking_type_id !== undefined ? { picking_type_id: record.picking_type_id } : {}),
          },
        ])
        superEnv.write(MOVE, backorderMoves, { picking_id: backorderId })
        superEnv.write(PICKING, [backorderId], { state: pickingState(env, backorderMoves) })
      }
    }
    return true
  },
}
picking.methods = { button_validate: buttonValidate }

const EXTENDED = new WeakSet<ModelSpec>()

/**
 * Adds sales to the model specs: extends the partner, tax, order and line specs of models.ts and
 * adds the models only sales need.
 */
export function withSales(specs: ModelSpec[]): ModelSpec[] {
  const byName = new Map(specs.map((spec) => [spec.name, spec]))
  const extend = (name: string, apply: (spec: ModelSpec) => void): void => {
    const spec = byName.get(name)
    // models.ts hands out the same spec objects to every store: extend each once.
    if (spec && !EXTENDED.has(spec)) {
      apply(spec)
      EXTENDED.add(spec)
    }
  }
  extend("res.partner", extendPartner)
  extend("account.tax", extendTax)
  extend(SO, extendSaleOrder)
  extend(SOL, extendSaleOrderLine)
  const added = [countryState, picking, move].filter((spec) => !byName.has(spec.name))
  return [...specs, ...added]
}
