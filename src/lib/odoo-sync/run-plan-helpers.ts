import type { UpdateProductWorkflowInputDTO } from "@medusajs/framework/types"
import type { CompleteSyncRunStepInput } from "../../workflows/steps/complete-sync-run"
import type { RunOdooStats } from "./odoo-stats"
import type { RunPlan } from "./plan-run"
import { REMOVED_KEY, SYNC_HASH_KEY } from "./plan-run"
import type { PagesSummary } from "./run-report"
import type { WriteMark } from "./write-mark"

export type StoreRow = {
  id: string
  default_sales_channel_id: string | null
  supported_currencies: { currency_code: string }[] | null
}

/** Where new products go and which currencies the store sells in. */
export function storeContext(stores: StoreRow[], defaultShippingProfiles: { id: string }[]) {
  const store = stores[0]
  return {
    salesChannelId: store?.default_sales_channel_id ?? undefined,
    shippingProfileId: defaultShippingProfiles[0]?.id,
    currencyCodes: (store?.supported_currencies ?? []).map((currency) => currency.currency_code.toLowerCase()),
  }
}

/**
 * A removed template's product goes to draft, marked removed; its sync hash is dropped so the
 * template coming back is written again even if it did not change.
 */
export function removalUpdates(productIds: string[]): (UpdateProductWorkflowInputDTO & { id: string })[] {
  return productIds.map((id) => ({
    id,
    status: "draft" as const,
    metadata: { [REMOVED_KEY]: true, [SYNC_HASH_KEY]: "" },
  }))
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
      ...(input.unpriced ?? []).map((entry) => ({ odoo_id: entry.code.toUpperCase(), model: "res.currency", reason: entry.reason })),
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
