import { EMPTY_COUNTS, type SkippedRecord, type SyncCounts } from "./constants"

/** What one page workflow reports. */
export type PageOutcome = {
  plan: { create: string[]; update: string[]; unchanged: string[] }
  skipped: SkippedRecord[]
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
  const skipped = outcomes.flatMap((outcome) => outcome.skipped)
  return {
    processed: plan.create.length + plan.update.length + plan.unchanged.length,
    counts: {
      ...EMPTY_COUNTS,
      created: plan.create.length,
      updated: plan.update.length,
      unchanged: plan.unchanged.length,
      skipped: skipped.length,
    },
    skipped,
    plan,
  }
}

/** A page failed and was rolled back; carries what the pages before it did. */
export class PageSyncError extends Error {
  readonly pageIndex: number
  readonly templateIds: number[]
  readonly before: PagesSummary
  readonly cause: unknown

  constructor(pageIndex: number, pageCount: number, templateIds: number[], cause: unknown, before: PagesSummary) {
    const reason = cause instanceof Error ? cause.message : String((cause as { message?: unknown })?.message ?? cause)
    super(
      `page ${pageIndex + 1} of ${pageCount} (templates ${templateIds[0]}–${templateIds[templateIds.length - 1]}) ` +
        `was rolled back: ${reason}`
    )
    this.name = "PageSyncError"
    this.pageIndex = pageIndex
    this.templateIds = templateIds
    this.before = before
    this.cause = cause
  }
}
