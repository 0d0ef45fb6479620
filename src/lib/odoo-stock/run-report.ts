/** A stock run's report: what the run record and the log show. */
import type { SkippedRecord } from "../odoo-sync/constants"
import type { RunOdooStats } from "../odoo-sync/odoo-stats"
import type { StockCounts, StockQuantityField } from "./constants"
import type { StockCursorMarks } from "./cursor"
import type { MappedWarehouse } from "./warehouses"

export type StockRunReportInput = {
  runId: string
  dryRun: boolean
  full: boolean
  quantityField: StockQuantityField
  warehouses: MappedWarehouse[]
  changedProductIds: number[] | null
  locations: { counts: Pick<StockCounts, "locations_created" | "locations_updated" | "locations_linked" | "locations_unlinked"> }
  levels: {
    counts: Pick<StockCounts, "levels_created" | "levels_updated" | "levels_unchanged" | "variants_read">
    skipped: SkippedRecord[]
    notices: { odoo_id: number; model: string; notice: string }[]
  }
  cursorMarks: StockCursorMarks
  cursorName: string
  odooStats: RunOdooStats
}

export function buildStockRunReport(input: StockRunReportInput) {
  const counts: StockCounts = { ...input.locations.counts, ...input.levels.counts, skipped: input.levels.skipped.length }
  return {
    run_id: input.runId,
    counts,
    skipped: input.levels.skipped,
    plan: {
      full: input.full,
      quantity_field: input.quantityField,
      warehouses: input.warehouses.map(({ odooId, code, synced }) => ({ odoo_id: odooId, code, synced })),
      changed_products: input.changedProductIds === null ? null : input.changedProductIds.length,
      unit_notices: input.levels.notices,
    },
    odoo_stats: input.odooStats,
    // A dry run leaves the cursor where it was.
    cursor_marks: input.dryRun ? null : input.cursorMarks,
    cursor_name: input.cursorName,
  }
}

/** The log line of a finished stock run. */
export function formatStockFinishedLine(counts: StockCounts, durationMs: number): string {
  const seconds = Math.round(durationMs / 100) / 10
  return (
    `✅ Stock sync finished: ${counts.variants_read} variants read, levels created ${counts.levels_created}, ` +
    `updated ${counts.levels_updated}, unchanged ${counts.levels_unchanged}; locations created ${counts.locations_created}, ` +
    `unlinked ${counts.locations_unlinked}; skipped ${counts.skipped} in ${seconds} s`
  )
}
