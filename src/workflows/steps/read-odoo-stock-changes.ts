import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { writeDateCeiling } from "../../lib/odoo-sync/catalog-reader"
import { settledUntil } from "../../lib/odoo-sync/write-mark"
import { STOCK_CURSOR_NAME } from "../../lib/odoo-stock/constants"
import { needsFullRun, nextStockCursor, stockCursorFrom } from "../../lib/odoo-stock/cursor"
import { mapWarehouses } from "../../lib/odoo-stock/warehouses"

export type ReadOdooStockChangesStepInput = { full: boolean }

export const readOdooStockChangesStepId = "read-odoo-stock-changes"

/**
 * Reads what a stock run needs to plan: Odoo's warehouses (mapped, narrowed by
 * ODOO_WAREHOUSES), and which products' quants or moves were written since the stock cursor;
 * all products (null) on a full run, which happens at least once a day.
 */
export const readOdooStockChangesStep = createStep(
  readOdooStockChangesStepId,
  async (input: ReadOdooStockChangesStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const options = odoo.getSyncOptions()
    const [stored] = await odoo.listOdooSyncCursors({ name: STOCK_CURSOR_NAME })
    const cursor = stockCursorFrom(stored?.marks)
    const readAt = new Date()
    const notAfter = writeDateCeiling(readAt)
    const settled = settledUntil(readAt)
    const since = cursor.mark !== null && cursor.mark.write_date <= notAfter ? cursor.mark : null
    const full = needsFullRun({ ...cursor, mark: since }, readAt, input.full)

    const [odooWarehouses, changes] = await Promise.all([
      odoo.readWarehouses(),
      full || since === null
        ? odoo.readLatestStockMark(notAfter, settled).then((mark) => ({ productIds: null, mark }))
        : odoo.listStockChanges(since, notAfter, settled),
    ])
    const warehouses = mapWarehouses(odooWarehouses.warehouses, odooWarehouses.partners, options.warehouses)
    // No quant or move ever written: the next run starts from the settled second.
    const mark = changes.mark ?? { write_date: settled, seen: [] }
    return new StepResponse({
      full,
      warehouses,
      changedProductIds: changes.productIds,
      quantityField: options.stockQuantity,
      cursorMarks: nextStockCursor(mark, full, cursor, readAt.toISOString()),
    })
  }
)
