import type { CompleteSyncRunStepInput } from "../../workflows/steps/complete-sync-run"
import { EMPTY_COUNTS, type SkippedRecord, type SyncCounts } from "./constants"
import { countNotWritten } from "./not-written"
import type { RunOdooStats } from "./odoo-stats"
import type { RunPlan } from "./plan-run"
import type { WriteMark } from "./write-mark"

/** What one page workflow reports. */
export type PageOutcome = {
  plan: { create: string[]; update: string[]; unchanged: string[] }
  skipped: SkippedRecord[]
  clashes?: SkippedRecord[]
}

export type PagesSummary = {
  processed: number
  counts: SyncCounts
  skipped: SkippedRecord[]
  plan: { create: string[]; update: string[]; unchanged: string[] }
}

export function summarisePages(outcomes: PageOutcome[]): PagesSummary {
  const plan = {
    create: outcomes.flatMap((outcome) => outcome.plan.create),
    update: outcomes.flatMap((outcome) => outcome.plan.update),
    unchanged: outcomes.flatMap((outcome) => outcome.plan.unchanged),
  }
  // A category problem is seen by every page (each brings the tree in line): listed once.
  const skipped = [...new Map(outcomes.flatMap((outcome) => outcome.skipped).map((record) => [JSON.stringify(record), record])).values()]
  const clashes = outcomes.flatMap((outcome) => (outcome.clashes ?? []).map((clash) => ({ ...clash, kind: "clash" as const })))
  const notWritten = countNotWritten([...skipped, ...clashes])
  return {
    processed: plan.create.length + plan.update.length + plan.unchanged.length,
    counts: {
      ...EMPTY_COUNTS,
      created: plan.create.length,
      updated: plan.update.length,
      unchanged: plan.unchanged.length,
      skipped: notWritten.skipped,
      clashes: notWritten.clashes,
    },
    skipped: [...skipped, ...clashes],
    plan,
  }
}

/** The run's report, and the cursor to move to (none for a dry run). */
export function buildRunReport(input: {
  runId: string
  dryRun: boolean
  plan: RunPlan
  pages: PagesSummary
  writeMark: WriteMark | null
  /** What the products' content depended on in this run (see catalogFingerprint). */
  fingerprint?: string
  /** What the run asked of Odoo (requests, retries, bytes), when known. */
  odooStats?: RunOdooStats | null
  /** Currencies that got no prices, with why: reported once for the run, not per product. */
  unpriced?: { code: string; reason: string }[]
}): CompleteSyncRunStepInput {
  return {
    run_id: input.runId,
    counts: {
      ...input.pages.counts,
      drafted: input.plan.removals.draft.length,
      deleted: input.plan.removals.delete.length,
    },
    skipped: [
      ...(input.unpriced ?? []).map((entry) => ({
        odoo_id: entry.code.toUpperCase(),
        model: "res.currency",
        reason: entry.reason,
        kind: "unpriced" as const,
      })),
      ...input.pages.skipped,
    ],
    plan: input.dryRun
      ? {
          ...input.pages.plan,
          draft: input.plan.removals.draft,
          delete: input.plan.removals.delete,
        }
      : null,
    odoo_stats: input.odooStats ?? null,
    cursor_marks:
      !input.dryRun && input.writeMark
        ? { ...input.writeMark, ...(input.fingerprint ? { fingerprint: input.fingerprint } : {}) }
        : null,
  }
}

/** A run's progress as stored on its record while it runs. */
export type RunProgress = {
  pages_done: number
  pages_total: number
  products: number
  /** The templates of the page being written now: what a killed run may have half-written. */
  writing: number[]
}

/** The progress of a run about to write page `pageIndex` (0-based) of `pages`. */
export function progressBefore(pages: number[][], pageIndex: number, products: number): RunProgress {
  return { pages_done: pageIndex, pages_total: pages.length, products, writing: pages[pageIndex] ?? [] }
}

/** The templates cut-short runs were writing, from their stored progress (any shape tolerated). */
export function unfinishedTemplateIds(progresses: unknown[]): number[] {
  const ids = new Set<number>()
  for (const progress of progresses) {
    const writing = (progress as { writing?: unknown } | null)?.writing
    if (!Array.isArray(writing)) continue
    for (const id of writing) {
      if (Number.isInteger(id) && id > 0) ids.add(id)
    }
  }
  return [...ids].sort((a, b) => a - b)
}

/** Database errors quote whole SQL statements: keep the start and the end, where the reason is. */
export function shorten(text: string, max = 600): string {
  if (text.length <= max) return text
  const half = Math.floor((max - 5) / 2)
  return `${text.slice(0, half)} [… ${text.length - 2 * half} characters …] ${text.slice(-half)}`
}

/** A page failed and was rolled back; carries what the pages before it did. */
export class PageSyncError extends Error {
  readonly pageIndex: number
  readonly templateIds: number[]
  readonly before: PagesSummary
  readonly cause: unknown
  /** The Odoo error kind when Odoo failed, so the run's hint says what to check. */
  readonly kind?: string
  readonly odooName?: string

  constructor(pageIndex: number, pageCount: number, templateIds: number[], cause: unknown, before: PagesSummary) {
    const reason = shorten(cause instanceof Error ? cause.message : String((cause as { message?: unknown })?.message ?? cause))
    super(
      `page ${pageIndex + 1} of ${pageCount} (templates ${templateIds[0]}–${templateIds[templateIds.length - 1]}) ` +
        `was rolled back: ${reason}`
    )
    this.name = "PageSyncError"
    this.pageIndex = pageIndex
    this.templateIds = templateIds
    this.before = before
    this.cause = cause
    const odooFields = (typeof cause === "object" && cause !== null ? cause : {}) as { kind?: unknown; odooName?: unknown }
    if (typeof odooFields.kind === "string") this.kind = odooFields.kind
    if (typeof odooFields.odooName === "string") this.odooName = odooFields.odooName
  }
}
