/** The lock that keeps stock syncs one at a time (product and stock syncs may overlap). */
export const STOCK_SYNC_LOCK_KEY = "odoo:stock-sync"
/** The cursor record of the stock sync. */
export const STOCK_CURSOR_NAME = "stock"
/** A full comparison of every quantity at least this often, whatever the cursor says. */
export const RECONCILE_EVERY_MS = 24 * 60 * 60 * 1000

/** Which Odoo quantity becomes Medusa's stocked quantity (ODOO_STOCK_QUANTITY). */
export type StockQuantityField = "qty_available" | "free_qty" | "virtual_available"

export type StockCounts = {
  locations_created: number
  locations_updated: number
  locations_linked: number
  locations_unlinked: number
  levels_created: number
  levels_updated: number
  levels_unchanged: number
  variants_read: number
  skipped: number
}

export const EMPTY_STOCK_COUNTS: StockCounts = {
  locations_created: 0,
  locations_updated: 0,
  locations_linked: 0,
  locations_unlinked: 0,
  levels_created: 0,
  levels_updated: 0,
  levels_unchanged: 0,
  variants_read: 0,
  skipped: 0,
}
