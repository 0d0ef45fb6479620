/**
 * The stock cursor: the write mark of stock.quant and stock.move (see WriteMark), and when the
 * last full comparison of every quantity ran.
 */
import { RECONCILE_EVERY_MS } from "./constants"
import { type WriteMark, writeMarkFromCursor } from "../odoo-sync/write-mark"

export type StockCursorMarks = WriteMark & { reconciled_at: string | null }

export type StockCursor = { mark: WriteMark | null; reconciledAt: string | null }

export function stockCursorFrom(marks: unknown): StockCursor {
  const stored = (typeof marks === "object" && marks !== null ? marks : {}) as { reconciled_at?: unknown }
  return {
    mark: writeMarkFromCursor(marks),
    reconciledAt: typeof stored.reconciled_at === "string" ? stored.reconciled_at : null,
  }
}

/**
 * Whether this run compares every quantity: asked for, no cursor yet, or the last full
 * comparison is a day old (a change the write dates did not show, such as a quant deleted by
 * Odoo's cleanup before a run read its last write, is caught within the day).
 */
export function needsFullRun(cursor: StockCursor, now: Date, asked: boolean): boolean {
  if (asked || cursor.mark === null || cursor.reconciledAt === null) return true
  const last = Date.parse(cursor.reconciledAt)
  return !Number.isFinite(last) || now.getTime() - last >= RECONCILE_EVERY_MS
}

/** The marks a finished run stores. */
export function nextStockCursor(mark: WriteMark, full: boolean, previous: StockCursor, startedAt: string): StockCursorMarks {
  return { ...mark, reconciled_at: full ? startedAt : previous.reconciledAt }
}
