import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { SyncHash } from "../../lib/odoo-sync/page-writes"
import { SYNC_HASH_KEY, SYNCED_AT_KEY } from "../../lib/odoo-sync/plan-run"

export type RecordSyncHashesStepInput = { hashes: SyncHash[] }

export const recordSyncHashesStepId = "record-odoo-sync-hashes"

/**
 * The page's last write: each product written gets the content hash of what was written. Medusa
 * creates a product, then its variants, then their prices, each in its own step; a process killed
 * in between leaves a product without them. Written last, the hash says the product is complete:
 * without it, the next run writes the product again instead of taking it for unchanged.
 * One module call, so nothing is half done if it fails (and the page is then compensated).
 */
export const recordSyncHashesStep = createStep(
  recordSyncHashesStepId,
  async (input: RecordSyncHashesStepInput, { container }) => {
    const productModule = container.resolve(Modules.PRODUCT)
    const toFind = input.hashes.filter((entry) => !entry.id).map((entry) => entry.external_id)
    const created = toFind.length
      ? await productModule.listProducts({ external_id: toFind }, { select: ["id", "external_id"] })
      : []
    const idOf = new Map(created.map((product) => [product.external_id, product.id]))
    const updates = input.hashes
      .map((entry) => ({ id: entry.id ?? idOf.get(entry.external_id), hash: entry.hash }))
      .filter((entry): entry is { id: string; hash: string } => !!entry.id)
    if (updates.length) {
      // With the time of this write, so a later edit in Medusa (updated_at after it) is seen.
      const syncedAt = new Date().toISOString()
      await productModule.upsertProducts(
        updates.map(({ id, hash }) => ({ id, metadata: { [SYNC_HASH_KEY]: hash, [SYNCED_AT_KEY]: syncedAt } }))
      )
    }
    return new StepResponse(updates.length)
  }
)
