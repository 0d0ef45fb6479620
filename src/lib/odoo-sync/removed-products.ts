import type { UpdateProductWorkflowInputDTO } from "@medusajs/framework/types"
import { REMOVED_KEY, SYNC_HASH_KEY } from "./plan-run"

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

/** Why a run may not take its removals out: too large a share of the synced products. */
export class MassRemovalError extends Error {
  /** Read by describeSyncFailure for the run's hint. */
  readonly kind = "mass_removal"
  constructor(message: string) {
    super(message)
    this.name = "MassRemovalError"
  }
}

/**
 * The refusal of a run whose removals exceed `maxShare` of the live synced products, or null.
 * "Everything was removed" is what a typo in ODOO_PRODUCT_DOMAIN, an Odoo user who lost access
 * to products, or an empty company look like: such a run removes nothing until confirmed.
 */
export function massRemovalProblem(input: {
  removals: number
  liveProducts: number
  maxShare: number
  onRemoved: "draft" | "delete"
  allowed: boolean
}): string | null {
  if (input.allowed || input.removals === 0 || input.liveProducts === 0) return null
  const share = input.removals / input.liveProducts
  if (share <= input.maxShare) return null
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`
  return (
    `Mass removal refused: this run would ${input.onRemoved} ${input.removals} of the ${input.liveProducts} synced ` +
    `products (${percent(share)}), more than ODOO_MAX_REMOVAL_SHARE allows (${percent(input.maxShare)}); nothing was ` +
    "removed or written. Odoo no longer gives these templates to the sync: check ODOO_PRODUCT_DOMAIN for a typo, the " +
    "Odoo user's access rights to products, and that its company has products. If they really left the catalog, " +
    "run again with --allow-mass-removal (npm run sync) or allow_mass_removal: true (POST /admin/odoo/sync)."
  )
}
