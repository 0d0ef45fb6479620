/**
 * What the stock sync asks of Odoo: warehouses, what moved since a write mark, and the
 * quantities per warehouse. The service exposes these as its stock methods.
 */
import type { OdooClient } from "./client/client"
import { type ModelRows, readFrom, rowsAfterMark, type WriteMark, writeMarkOf } from "../../lib/odoo-sync/write-mark"

type OdooRow = Record<string, unknown> & { id: number }

const WITH_ARCHIVED = { active_test: false }
const WAREHOUSE_FIELDS = ["name", "code", "active", "company_id", "partner_id", "view_location_id", "write_date"]
const PARTNER_ADDRESS_FIELDS = ["street", "street2", "city", "zip", "state_id", "country_code", "phone"]

/**
 * Stock changes show on two models: a quant's write_date moves whenever its quantity or its
 * reservation is written (`_update_available_quantity`, `_update_reserved_quantity` write
 * through the ORM), and every move that changes state (confirmed, assigned, done, cancelled)
 * is written too, which also covers the forecast (virtual_available) and quants that Odoo's
 * cleanup deletes once they are empty.
 */
const STOCK_MODELS = ["stock.quant", "stock.move"] as const

/** Every warehouse of the companies the user may read, archived ones included, by id. */
export async function readWarehouses(client: OdooClient): Promise<{ warehouses: OdooRow[]; partners: OdooRow[] }> {
  const warehouses = await client.searchRead<OdooRow>("stock.warehouse", {
    fields: WAREHOUSE_FIELDS,
    order: "id asc",
    context: WITH_ARCHIVED,
  })
  const partnerIds = [
    ...new Set(
      warehouses.map((row) => (Array.isArray(row.partner_id) ? row.partner_id[0] : null)).filter((id): id is number => typeof id === "number")
    ),
  ]
  const partners = partnerIds.length
    ? await client.read<OdooRow>("res.partner", partnerIds, { fields: PARTNER_ADDRESS_FIELDS, context: WITH_ARCHIVED })
    : []
  return { warehouses, partners }
}

function productIdsOf(read: ModelRows[]): number[] {
  const ids = new Set<number>()
  for (const { rows } of read) {
    for (const row of rows) {
      const product = row.product_id
      const id = Array.isArray(product) ? product[0] : product
      if (typeof id === "number") ids.add(id)
    }
  }
  return [...ids].sort((a, b) => a - b)
}

/** Products whose quants or moves were written since the mark (one call per model, together). */
export async function listStockChanges(
  client: OdooClient,
  since: WriteMark,
  notAfter: string,
  settled: string
): Promise<{ productIds: number[]; mark: WriteMark }> {
  const read = await Promise.all(
    STOCK_MODELS.map(async (model) => ({
      model,
      rows: await client.searchRead(model, {
        domain: [["write_date", ">=", readFrom(since)]],
        fields: ["product_id", "write_date"],
        order: "write_date asc, id asc",
      }),
    }))
  )
  return { productIds: productIdsOf(rowsAfterMark(read, since)), mark: writeMarkOf(read, notAfter, settled) ?? since }
}

/**
 * The mark of the latest quant and move writes, read before a full run compares every quantity:
 * the latest write_date per model, then every record written within the look-back before it, so
 * that the mark remembers all of them (an import or an inventory count writes thousands of quants
 * in the same second; remembering only some would make the next run read the others again).
 */
export async function readLatestStockMark(client: OdooClient, notAfter: string, settled: string): Promise<WriteMark | null> {
  const latest = await Promise.all(
    STOCK_MODELS.map((model) =>
      client.searchRead(model, {
        domain: [["write_date", "<=", notAfter]],
        fields: ["write_date"],
        order: "write_date desc, id desc",
        limit: 1,
      })
    )
  )
  const newest = latest
    .flat()
    .map((row) => row.write_date)
    .filter((value): value is string => typeof value === "string")
    .sort()
    .pop()
  if (newest === undefined) return null
  const read = await Promise.all(
    STOCK_MODELS.map(async (model) => ({
      model,
      rows: await client.searchRead(model, {
        domain: [
          ["write_date", ">=", readFrom({ write_date: newest })],
          ["write_date", "<=", notAfter],
        ],
        fields: ["write_date"],
      }),
    }))
  )
  return writeMarkOf(read, notAfter, settled)
}

/**
 * One quantity field of `productIds` as Odoo computes it for each warehouse: one search_read per
 * warehouse (a deleted product is simply absent, where `read` would fail the page). Odoo 18
 * reads the warehouse from the context key `warehouse_id`; 16 and 17 from `warehouse` (18
 * ignores that key, so both are sent). Also returns each product's unit of measure.
 */
export async function readQuantities(
  client: OdooClient,
  productIds: number[],
  warehouseIds: number[],
  field: string
): Promise<{ quantities: Map<number, Map<number, unknown>>; units: Map<number, number> }> {
  const units = new Map<number, number>()
  const quantities = new Map<number, Map<number, unknown>>()
  if (!productIds.length || !warehouseIds.length) return { quantities, units }
  const reads = await Promise.all(
    warehouseIds.map((warehouseId, index) =>
      client.searchRead("product.product", {
        domain: [["id", "in", productIds]],
        fields: index === 0 ? [field, "uom_id"] : [field],
        context: { ...WITH_ARCHIVED, warehouse_id: warehouseId, warehouse: warehouseId },
      })
    )
  )
  reads.forEach((rows, index) => {
    const byProduct = new Map<number, unknown>()
    for (const row of rows) {
      byProduct.set(row.id, row[field])
      if (index === 0 && Array.isArray(row.uom_id) && typeof row.uom_id[0] === "number") units.set(row.id, row.uom_id[0])
    }
    quantities.set(warehouseIds[index], byProduct)
  })
  return { quantities, units }
}

/** Units of measure with their category and type (reference, bigger, smaller). */
export async function readUnits(client: OdooClient, unitIds: number[]): Promise<OdooRow[]> {
  if (!unitIds.length) return []
  return client.read<OdooRow>("uom.uom", unitIds, { fields: ["name", "category_id", "uom_type"], context: WITH_ARCHIVED })
}
