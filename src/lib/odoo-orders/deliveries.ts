/** A done Odoo delivery → the Medusa order items it fulfils (by the variant's Odoo product id). */
import { odooProductId } from "./map-order"
import { toNumber } from "./money"
import type { MedusaOrderItemSnapshot } from "./types"

export interface OrderItemForFulfillment {
  id: string
  quantity?: number | string | null
  variant?: MedusaOrderItemSnapshot["variant"]
  /** Without totals in the query, an order item's quantity is read from its detail (order_item). */
  detail?: { quantity?: number | string | null; fulfilled_quantity?: number | string | null } | null
}

export interface DeliveredQuantity {
  productId: number
  quantity: number
}

/**
 * Items and quantities to fulfil: each delivered product's quantity goes to the order's items of
 * that product, never beyond what is left to fulfil. Products the order does not have are named.
 */
export function fulfillmentItems(
  items: OrderItemForFulfillment[],
  delivered: DeliveredQuantity[]
): { items: { id: string; quantity: number }[]; unknownProducts: number[] } {
  const result = new Map<string, number>()
  const unknownProducts: number[] = []
  for (const { productId, quantity } of delivered) {
    let left = quantity
    const matching = items.filter((item) => odooProductId(item.variant) === productId)
    if (matching.length === 0) {
      unknownProducts.push(productId)
      continue
    }
    for (const item of matching) {
      if (left <= 0) break
      const ordered = toNumber(item.quantity ?? item.detail?.quantity)
      const open = ordered - toNumber(item.detail?.fulfilled_quantity ?? 0) - (result.get(item.id) ?? 0)
      const take = Math.min(open, left)
      if (take <= 0) continue
      result.set(item.id, (result.get(item.id) ?? 0) + take)
      left -= take
    }
  }
  return { items: [...result].map(([id, quantity]) => ({ id, quantity })), unknownProducts }
}

/** The Odoo pickings a push has turned into fulfillments (`{ ids: [...] }` in its JSON column). */
export function fulfilledPickingIds(value: unknown): number[] {
  const ids = value !== null && typeof value === "object" && "ids" in value ? (value as { ids: unknown }).ids : undefined
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === "number") : []
}
