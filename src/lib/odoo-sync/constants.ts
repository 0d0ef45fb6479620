/** The lock that keeps product syncs one at a time, across processes with a shared provider. */
export const PRODUCT_SYNC_LOCK_KEY = "odoo:product-sync"
/** The cursor record of the product sync. */
export const PRODUCT_CURSOR_NAME = "product"

export type SyncTrigger = "scheduled" | "admin" | "cli" | "demo"

export type SyncCounts = {
  created: number
  updated: number
  unchanged: number
  drafted: number
  deleted: number
  /** Odoo records not synced (report entries of kind "skipped"). */
  skipped: number
  /** Codes and handles not written as Odoo has them, held elsewhere (entries of kind "clash"). */
  clashes: number
}

export const EMPTY_COUNTS: SyncCounts = {
  created: 0,
  updated: 0,
  unchanged: 0,
  drafted: 0,
  deleted: 0,
  skipped: 0,
  clashes: 0,
}

/**
 * What a run did not write as Odoo has it: a record skipped, a clash (a code or handle held by
 * another product: written without it), a store currency without prices. Runs recorded before
 * `kind` existed hold skipped records only. `template_id` when the record is part of one.
 */
export type SkippedRecord = {
  odoo_id: number | string
  model: string
  reason: string
  template_id?: number
  kind?: NotWrittenKind
}
export type NotWrittenKind = "skipped" | "clash" | "unpriced"

/** A JSON column's value: the DML types json columns as objects, but arrays are JSON too. */
export function asJsonColumn(value: unknown[] | Record<string, unknown>): Record<string, unknown> {
  return value as Record<string, unknown>
}
