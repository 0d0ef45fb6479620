/**
 * Mapped product → the input createProductsWorkflow takes. Type-only import: nothing of
 * Medusa is loaded at runtime here.
 */
import type {
  CreateProductVariantWorkflowInputDTO,
  CreateProductWorkflowInputDTO,
} from "@medusajs/framework/types"

import type { MappedOption, MappedProduct, MappedVariant } from "./types"

export interface CreateInputContext {
  salesChannelId?: string
  shippingProfileId?: string
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
    // Stock stays in Odoo; Medusa must not block sales on its own (empty) inventory.
    manage_inventory: false,
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
    // No hash yet: the page records it once everything of the product is written, so that a
    // product half-written by a crashed run never looks synced (see recordSyncHashesStep).
    metadata: { ...p.metadata, external_id: p.externalId, odoo_sync_hash: "" },
    ...(ctx.salesChannelId ? { sales_channels: [{ id: ctx.salesChannelId }] } : {}),
    ...(ctx.shippingProfileId ? { shipping_profile_id: ctx.shippingProfileId } : {}),
  }
}
