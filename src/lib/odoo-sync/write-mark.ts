import { createHash } from "node:crypto"
import { canonicalJson } from "../odoo-mapping"

/**
 * Where the next incremental run starts. Odoo stamps each write with its transaction's start, to
 * the second, and a transaction can commit after a run has read: so the next run reads again
 * from LOOKBACK before the latest write_date read (`readFrom`), and leaves out the records it has
 * already read with the same write_date (`seen`: `model:id@write_date`). A record is remembered
 * only once its second is settled (a minute before the read, `settledUntil`), so that another
 * write to it within that second cannot be taken for one already read. Only a transaction that
 * runs longer than LOOKBACK and commits after a run read can still be missed (until the record
 * changes again, or a full run).
 */
export type WriteMark = { write_date: string; seen: string[] }

/** What the product cursor stores: the write mark, and the fingerprint it was taken with. */
export type CursorMarks = WriteMark & { fingerprint?: string }

/** How far before the latest write a run reads again: what an Odoo transaction may take. */
export const LOOKBACK_MS = 15 * 60_000

/**
 * What a product's content depends on besides its own Odoo records: the mapping rules, the
 * currencies and their rates, which fields this Odoo has. When it changes (a new EUR rate, a
 * currency added to the store, website_sale installed, a new version of this sync), every
 * template must be read again: an incremental run would only see those Odoo changed.
 */
export function catalogFingerprint(input: { mappingVersion: string; currencyContext: unknown; shape: unknown }): string {
  return createHash("sha256").update(canonicalJson(input)).digest("hex").slice(0, 32)
}

/** The fingerprint a stored cursor was taken with; null for a cursor from before fingerprints. */
export function fingerprintFromCursor(marks: unknown): string | null {
  const stored = (typeof marks === "object" && marks !== null ? marks : {}) as { fingerprint?: unknown }
  return typeof stored.fingerprint === "string" ? stored.fingerprint : null
}

export type ModelRows = { model: string; rows: Record<string, unknown>[] }

function keyOf(model: string, row: Record<string, unknown>): string {
  return `${model}:${String(row.id)}@${String(row.write_date)}`
}

/** Odoo's "YYYY-MM-DD HH:MM:SS" (UTC) of a time. */
export function formatOdooDatetime(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 19).replace("T", " ")
}

function parseOdooDatetime(value: string): number {
  return Date.parse(`${value.replace(" ", "T")}Z`)
}

/** Where a run reads changes from: LOOKBACK before the mark's write_date. */
export function readFrom(mark: Pick<WriteMark, "write_date">): string {
  return formatOdooDatetime(parseOdooDatetime(mark.write_date) - LOOKBACK_MS)
}

/**
 * The mark after reading `read`: their latest write_date (not after `notAfter`), and the records
 * read from LOOKBACK before it whose second is not after `settledUntil`.
 */
export function writeMarkOf(read: ModelRows[], notAfter: string, settledUntil: string): WriteMark | null {
  const latest = latestWriteDate(
    read.flatMap(({ rows }) => rows),
    notAfter
  )
  if (latest === null) {
    return null
  }
  const from = readFrom({ write_date: latest })
  const seen = read.flatMap(({ model, rows }) =>
    rows
      .filter((row) => typeof row.write_date === "string" && row.write_date >= from && row.write_date <= settledUntil)
      .map((row) => keyOf(model, row))
  )
  return { write_date: latest, seen: [...new Set(seen)].sort() }
}

/** How long after a second Odoo's writes dated in it are taken as all committed and read. */
export const SETTLE_MS = 60_000

/** The last second whose writes are settled when reading at `readAt` (Odoo's UTC format). */
export function settledUntil(readAt: Date): string {
  return formatOdooDatetime(readAt.getTime() - SETTLE_MS)
}

/** The rows read from `readFrom(mark)` on that the mark has not seen with the same write_date. */
export function rowsAfterMark(read: ModelRows[], mark: WriteMark): ModelRows[] {
  const seen = new Set(mark.seen)
  return read.map(({ model, rows }) => ({
    model,
    rows: rows.filter((row) => !seen.has(keyOf(model, row))),
  }))
}

/** A stored cursor's marks as a WriteMark; null when there is none or it is not one. */
export function writeMarkFromCursor(marks: unknown): WriteMark | null {
  const stored = (typeof marks === "object" && marks !== null ? marks : {}) as { write_date?: unknown; seen?: unknown }
  if (typeof stored.write_date !== "string") {
    return null
  }
  const seen = Array.isArray(stored.seen) ? stored.seen.filter((key): key is string => typeof key === "string") : []
  return { write_date: stored.write_date, seen }
}

const ODOO_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/**
 * The latest `write_date` among rows (Odoo's "YYYY-MM-DD HH:MM:SS" sorts as text), leaving out
 * values that are not Odoo datetimes and, with `notAfter`, those later than it.
 */
export function latestWriteDate(rows: Record<string, unknown>[], notAfter?: string): string | null {
  let latest: string | null = null
  for (const row of rows) {
    const value = row.write_date
    if (
      typeof value === "string" &&
      ODOO_DATETIME.test(value) &&
      (notAfter === undefined || value <= notAfter) &&
      (latest === null || value > latest)
    ) {
      latest = value
    }
  }
  return latest
}
