/**
 * Odoo quantities of a page of variants → the inventory level writes that make Medusa match.
 * Levels whose quantity did not change are not written.
 */
import { toStockedQuantity } from "./quantity"

export type StockVariant = {
  variantId: string
  odooProductId: number
  inventoryItemId: string
}

export type ExistingLevel = { id: string; inventory_item_id: string; location_id: string; stocked_quantity: number }

export type SyncedLocation = { warehouseId: number; locationId: string }

/** warehouse id → Odoo product id → the quantity Odoo computed for that warehouse. */
export type WarehouseQuantities = Map<number, Map<number, unknown>>

export type LevelPlan = {
  create: { inventory_item_id: string; location_id: string; stocked_quantity: number }[]
  update: { id: string; inventory_item_id: string; location_id: string; stocked_quantity: number }[]
  unchanged: number
  /** Variants Odoo did not return (deleted or no access): their levels are left as they are. */
  missing: StockVariant[]
  /** Quantities that are not numbers: the level is left as it is. */
  invalid: { variant: StockVariant; warehouseId: number; value: unknown }[]
}

const levelKey = (inventoryItemId: string, locationId: string) => `${inventoryItemId}@${locationId}`

export function planLevelWrites(
  variants: StockVariant[],
  locations: SyncedLocation[],
  quantities: WarehouseQuantities,
  existing: ExistingLevel[]
): LevelPlan {
  const current = new Map(existing.map((level) => [levelKey(level.inventory_item_id, level.location_id), level]))
  const plan: LevelPlan = { create: [], update: [], unchanged: 0, missing: [], invalid: [] }
  // Two variants may share an item (Medusa allows it); the item's level is written once.
  const planned = new Set<string>()
  for (const variant of variants) {
    const readFor = locations.filter(({ warehouseId }) => quantities.get(warehouseId)?.has(variant.odooProductId))
    if (readFor.length === 0) {
      plan.missing.push(variant)
      continue
    }
    for (const { warehouseId, locationId } of readFor) {
      const key = levelKey(variant.inventoryItemId, locationId)
      if (planned.has(key)) continue
      planned.add(key)
      const value = quantities.get(warehouseId)?.get(variant.odooProductId)
      const quantity = toStockedQuantity(value)
      if (quantity === null) {
        plan.invalid.push({ variant, warehouseId, value })
        continue
      }
      const level = current.get(key)
      if (!level) {
        plan.create.push({ inventory_item_id: variant.inventoryItemId, location_id: locationId, stocked_quantity: quantity })
      } else if (Number(level.stocked_quantity) !== quantity) {
        plan.update.push({ id: level.id, inventory_item_id: variant.inventoryItemId, location_id: locationId, stocked_quantity: quantity })
      } else {
        plan.unchanged += 1
      }
    }
  }
  return plan
}

/** Splits a list into pages of `size`. */
export function pagesOf<T>(items: T[], size: number): T[][] {
  const pages: T[][] = []
  for (let start = 0; start < items.length; start += size) pages.push(items.slice(start, start + size))
  return pages
}
