/**
 * Mapped product → the input createProductsWorkflow takes. Type-only import: nothing of
 * Medusa is loaded at runtime here.
 */
import type {
  CreateProductVariantWorkflowInputDTO,
  CreateProductWorkflowInputDTO,
} from "@medusajs/framework/types"

import { hashOwnedFields } from "./hash"
import { VARIANT_IDS_KEY } from "./plan"
import type { MappedOption, MappedProduct, MappedVariant } from "./types"

export interface CreateInputContext {
  salesChannelId?: string
  shippingProfileId?: string
  /** When the sync writes the product (ISO), stored beside its hash for people to see. */
  syncedAt: string
}

/** Ranks keep Odoo's value order in Medusa (option value `rank`, Medusa ≥ 2.16). */
function toOptionInput(option: MappedOption): { title: string; values: string[]; ranks: Record<string, number> } {
  return {
    title: option.title,
    values: [...option.values],
    ranks: Object.fromEntries(option.values.map((value, rank) => [value, rank])),
  }
}

function toVariantInput(variant: MappedVariant): CreateProductVariantWorkflowInputDTO {
  return {
    title: variant.title,
    sku: variant.sku,
    barcode: variant.barcode,
    weight: variant.weight,
    options: { ...variant.options },
    prices: variant.prices.map((p) => ({ currency_code: p.currency_code, amount: p.amount })),
    // Storable goods get an inventory item (Medusa creates it) that the stock sync fills;
    // services and untracked goods are sold without inventory.
    manage_inventory: variant.manageInventory,
    metadata: { external_id: variant.externalId },
  }
}

export function toCreateProductInput(p: MappedProduct, ctx: CreateInputContext): CreateProductWorkflowInputDTO {
  return {
    external_id: p.externalId,
    title: p.title,
    description: p.description,
    handle: p.handle,
    status: p.status,
    options: p.options.map(toOptionInput),
    variants: p.variants.map(toVariantInput),
    // A run killed mid-page may leave this product without its prices or links although its
    // hash is written: the run records the page it is writing, and the next run rewrites that
    // page whatever the hashes say (see readUnfinishedWritesStep).
    metadata: {
      ...p.metadata,
      external_id: p.externalId,
      odoo_sync_hash: p.hash,
      odoo_fields_hash: hashOwnedFields(p),
      odoo_synced_at: ctx.syncedAt,
      [VARIANT_IDS_KEY]: p.variants.map((variant) => Number(variant.externalId)),
    },
    ...(ctx.salesChannelId ? { sales_channels: [{ id: ctx.salesChannelId }] } : {}),
    ...(ctx.shippingProfileId ? { shipping_profile_id: ctx.shippingProfileId } : {}),
  }
}
