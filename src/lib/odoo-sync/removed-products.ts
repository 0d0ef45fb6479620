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
