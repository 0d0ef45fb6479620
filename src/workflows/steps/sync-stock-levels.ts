import type { IInventoryService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { batchInventoryItemLevelsWorkflow, updateInventoryItemsWorkflow } from "@medusajs/medusa/core-flows"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import type { SkippedRecord } from "../../lib/odoo-sync/constants"
import { withLookahead } from "../../lib/odoo-sync/lookahead"
import { renewSyncLease } from "../../lib/odoo-sync/sync-lock"
import { pagesOf, planLevelWrites, type StockVariant, type SyncedLocation } from "../../lib/odoo-stock/levels"
import { StockPageError } from "../../lib/odoo-stock/page-error"
import { type UnitOfMeasure, unitOfMeasureNotice } from "../../lib/odoo-stock/quantity"

export type SyncStockLevelsStepInput = {
  run_id: string
  locations: SyncedLocation[]
  /** Odoo products whose stock moved; null: every synced variant (full run). */
  changed_product_ids: number[] | null
  /** Warehouses whose location is new or newly linked: every variant's level is due there. */
  fresh_warehouse_ids: number[]
  dry_run: boolean
}

type VariantRow = {
  id: string
  sku: string | null
  metadata: Record<string, unknown> | null
  inventory_items?: { inventory_item_id: string; inventory?: { sku: string | null } | null }[] | null
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )

const odooIdOf = (metadata: Record<string, unknown> | null): number | null => {
  const value = metadata?.external_id
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null
}

/** Beyond this many moved products the variants are read whole (PostgreSQL's bind parameter limit). */
const MAX_FILTERED_PRODUCTS = 20_000

export const syncStockLevelsStepId = "sync-odoo-stock-levels"

/**
 * Writes the inventory levels of the variants Medusa manages inventory for, page by page:
 * each page's quantities are read from Odoo (one call per warehouse, the next page read while
 * one is written), compared with Medusa's levels, and only the levels that differ are written,
 * by Medusa's batchInventoryItemLevelsWorkflow (a page is written whole or rolled back).
 * Pages written stay written; the cursor moves only when every page is done.
 */
export const syncStockLevelsStep = createStep(
  syncStockLevelsStepId,
  async (input: SyncStockLevelsStepInput, { container }) => {
    const counts = { levels_created: 0, levels_updated: 0, levels_unchanged: 0, variants_read: 0 }
    const skipped: SkippedRecord[] = []
    const notices: { odoo_id: number; model: string; notice: string }[] = []
    const everything = input.changed_product_ids === null || input.fresh_warehouse_ids.length > 0
    if (!input.locations.length || (!everything && !input.changed_product_ids?.length)) {
      return new StepResponse({ counts, skipped, notices })
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const inventory: IInventoryService = container.resolve(Modules.INVENTORY)

    // Which variants: their Odoo ids from one plain read (on an incremental run only the moved
    // products', filtered by PostgreSQL on the metadata); their items and SKUs (a read through
    // the link and the inventory module) only for those the run needs.
    const changed = new Set(input.changed_product_ids ?? [])
    // A filter on a metadata key: PostgreSQL reads it, Medusa's generated filter types do not know it.
    const managedFilters: Record<string, unknown> =
      everything || changed.size > MAX_FILTERED_PRODUCTS
        ? { manage_inventory: true }
        : { manage_inventory: true, metadata: { external_id: [...changed].map(String) } }
    const { data: managed } = await query.graph({ entity: "product_variant", fields: ["id", "metadata"], filters: managedFilters })
    const odooIdByVariant = new Map<string, number>()
    for (const row of managed as unknown as Pick<VariantRow, "id" | "metadata">[]) {
      const odooProductId = odooIdOf(row.metadata)
      if (odooProductId !== null && (everything || changed.has(odooProductId))) odooIdByVariant.set(row.id, odooProductId)
    }
    const { data } = odooIdByVariant.size
      ? await query.graph({
          entity: "product_variant",
          fields: ["id", "sku", "inventory_items.inventory_item_id", "inventory_items.inventory.sku"],
          filters: { id: [...odooIdByVariant.keys()] },
        })
      : { data: [] }
    const variants: StockVariant[] = []
    // The item keeps the variant's SKU (Medusa sets it when it creates the item, never after).
    const skuUpdates: { id: string; sku: string }[] = []
    for (const row of data as unknown as VariantRow[]) {
      const odooProductId = odooIdByVariant.get(row.id)
      if (odooProductId === undefined) continue
      const item = row.inventory_items?.[0]?.inventory_item_id
      if (!item) {
        skipped.push({ odoo_id: odooProductId, model: "product.product", reason: `variant ${row.id} manages inventory but has no inventory item` })
        continue
      }
      variants.push({ variantId: row.id, odooProductId, inventoryItemId: item })
      const itemSku = row.inventory_items?.[0]?.inventory?.sku ?? null
      if (row.sku && row.sku !== itemSku) skuUpdates.push({ id: item, sku: row.sku })
    }
    if (skuUpdates.length && !input.dry_run) {
      const { errors } = await updateInventoryItemsWorkflow(container).run({ input: { updates: skuUpdates }, throwOnError: false })
      if (errors.length) {
        // An SKU another item still holds (two variants swapped codes): reported, levels still synced.
        const reason = errors[0].error instanceof Error ? errors[0].error.message : String(errors[0].error)
        skipped.push({ odoo_id: 0, model: "inventory_item", reason: `inventory items' SKUs not brought in step with their variants: ${reason.slice(0, 300)}` })
      }
    }
    variants.sort((a, b) => a.odooProductId - b.odooProductId)
    const pages = pagesOf(variants, odoo.getSyncOptions().stockBatchSize)
    const warehouseIds = input.locations.map((location) => location.warehouseId)
    const locationIds = input.locations.map((location) => location.locationId)
    const units = new Map<number, UnitOfMeasure>()
    const recordProgress = (pagesDone: number) =>
      odoo.updateOdooSyncRuns({
        id: input.run_id,
        counts: { ...counts, skipped: skipped.length },
        progress: { pages_done: pagesDone, pages_total: pages.length, variants: counts.variants_read },
      })

    const reads = withLookahead(pages, (page) =>
      settle(odoo.readStockQuantities([...new Set(page.map((variant) => variant.odooProductId))], warehouseIds))
    )
    let index = -1
    for await (const [page, read] of reads) {
      index += 1
      const productIds = page.map((variant) => variant.odooProductId)
      if (!read.ok) throw new StockPageError(index, pages.length, productIds, read.error)
      const levels = await inventory.listInventoryLevels(
        { inventory_item_id: page.map((variant) => variant.inventoryItemId), location_id: locationIds },
        { select: ["id", "inventory_item_id", "location_id", "stocked_quantity"], take: null }
      )
      const plan = planLevelWrites(page, input.locations, read.value.quantities, levels.map((level) => ({
        id: level.id,
        inventory_item_id: level.inventory_item_id,
        location_id: level.location_id,
        stocked_quantity: Number(level.stocked_quantity),
      })))
      if (!input.dry_run && (plan.create.length || plan.update.length)) {
        const { errors } = await batchInventoryItemLevelsWorkflow(container).run({
          input: { create: plan.create, update: plan.update },
          throwOnError: false,
        })
        if (errors.length) throw new StockPageError(index, pages.length, productIds, errors[0].error)
      }
      counts.levels_created += plan.create.length
      counts.levels_updated += plan.update.length
      counts.levels_unchanged += plan.unchanged
      counts.variants_read += page.length
      for (const variant of plan.missing) {
        skipped.push({ odoo_id: variant.odooProductId, model: "product.product", reason: "Odoo did not return this product (deleted, or not readable): its levels are left as they are" })
      }
      for (const { variant, warehouseId, value } of plan.invalid) {
        skipped.push({ odoo_id: variant.odooProductId, model: "product.product", reason: `quantity in warehouse ${warehouseId} is not a number (${JSON.stringify(value)}): its level is left as it is` })
      }
      const unknownUnits = [...new Set(read.value.units.values())].filter((id) => !units.has(id))
      if (unknownUnits.length) {
        for (const row of await odoo.readUnitsOfMeasure(unknownUnits)) {
          const category = Array.isArray(row.category_id) && typeof row.category_id[1] === "string" ? row.category_id[1] : null
          units.set(row.id, { id: row.id, name: String(row.name ?? row.id), category, uomType: typeof row.uom_type === "string" ? row.uom_type : null })
        }
      }
      for (const [productId, unitId] of read.value.units) {
        const notice = unitOfMeasureNotice(units.get(unitId))
        if (notice) notices.push({ odoo_id: productId, model: "product.product", notice })
      }
      await recordProgress(index + 1)
      // Progress renews the lease; a run that lost the lock to another one stops here.
      await renewSyncLease(container, input.run_id, "stock")
    }
    return new StepResponse({ counts, skipped, notices })
  }
)
