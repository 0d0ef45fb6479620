/**
 * One count of what a run did not write, used by the run's counts, its log lines, the CLI's
 * summary and the admin page alike: every entry of the report is counted once, by its kind.
 */
import type { NotWrittenKind, SkippedRecord, SyncCounts } from "./constants"

export type NotWrittenCounts = { skipped: number; clashes: number; unpriced: number }

/** An entry's kind; entries recorded before kinds existed are skipped records. */
export function kindOf(entry: SkippedRecord): NotWrittenKind {
  return entry.kind ?? "skipped"
}

export function countNotWritten(entries: SkippedRecord[]): NotWrittenCounts {
  const counts: NotWrittenCounts = { skipped: 0, clashes: 0, unpriced: 0 }
  for (const entry of entries) {
    const kind = kindOf(entry)
    if (kind === "clash") counts.clashes += 1
    else if (kind === "unpriced") counts.unpriced += 1
    else counts.skipped += 1
  }
  return counts
}

/** "skipped 2, clashes 1": the words every place that shows a run's counts uses. */
export function describeNotWritten(counts: Pick<SyncCounts, "skipped" | "clashes">): string {
  return `skipped ${counts.skipped}, clashes ${counts.clashes ?? 0}`
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/**
 * The heading over the list of what was not written, with the same numbers as the counts, e.g.
 * "Not written as in Odoo: 2 records skipped, 1 clash (written without the code or handle)".
 * Null when there is nothing.
 */
export function notWrittenHeading(entries: SkippedRecord[]): string | null {
  const counts = countNotWritten(entries)
  const parts = [
    counts.skipped ? `${plural(counts.skipped, "record", "records")} skipped` : null,
    counts.clashes ? `${plural(counts.clashes, "clash", "clashes")} (written without the code or handle)` : null,
    counts.unpriced ? `${plural(counts.unpriced, "store currency", "store currencies")} without prices` : null,
  ].filter((part): part is string => part !== null)
  return parts.length ? `Not written as in Odoo: ${parts.join(", ")}` : null
}

/** One line of that list: `[clash] product.product 12: sku "X" is already held by ...`. */
export function notWrittenLine(entry: SkippedRecord): string {
  return `  [${kindOf(entry)}] ${entry.model} ${entry.odoo_id}: ${entry.reason}`
}
