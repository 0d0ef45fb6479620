/**
 * Odoo quantity → Medusa stocked quantity. Medusa sells whole items and subtracts its own
 * reservations from the stocked quantity, so:
 * - a negative Odoo quantity (on hand below zero after an unreserved delivery, a forecast below
 *   zero) becomes 0: nothing to sell, and never a negative that would offset other stock;
 * - a fractional one is rounded down (2.5 on hand can fill two orders of one, not three).
 * Anything that is not a finite number is refused (null): the level is left as it is.
 */
export function toStockedQuantity(odooQuantity: unknown): number | null {
  if (typeof odooQuantity !== "number" || !Number.isFinite(odooQuantity)) {
    return null
  }
  // Odoo's floats (0.1 + 0.2) must not lose a unit: 2.9999999 on hand is 3.
  const whole = Math.floor(odooQuantity + 1e-6)
  return whole > 0 ? whole : 0
}

/** A unit of measure the shop's "1" means one of: Odoo's reference unit of the Unit category. */
export type UnitOfMeasure = { id: number; name: string; category: string | null; uomType: string | null }

/**
 * Why a product's Odoo quantity is not a count of the items the shop sells, or null when it is.
 * Odoo counts stock in the product's unit (uom_id): 3 "Dozens" or 2.5 "kg". The quantity is
 * synced as Odoo states it (the order push sells in the same unit), but the shop owner must know.
 */
export function unitOfMeasureNotice(unit: UnitOfMeasure | undefined): string | null {
  if (!unit) {
    return null
  }
  if (unit.category !== null && unit.category !== "Unit") {
    return `stock is counted in ${unit.name} (${unit.category}): Medusa's quantity 1 means 1 ${unit.name}, rounded down to whole ${unit.name}`
  }
  if (unit.uomType !== null && unit.uomType !== "reference") {
    return `stock is counted in ${unit.name}, not single units: Medusa's quantity 1 means 1 ${unit.name}`
  }
  return null
}
