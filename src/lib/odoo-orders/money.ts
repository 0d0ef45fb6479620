/** Amounts as Odoo stores them: floats rounded to the cent (Medusa's are BigNumber-like). */

export function toNumber(value: number | string | null | undefined | { valueOf(): unknown }): number {
  if (value === null || value === undefined) return 0
  const number = typeof value === "number" ? value : Number(typeof value === "string" ? value : value.valueOf())
  return Number.isFinite(number) ? number : Number.NaN
}

/** Half away from zero to 2 decimals, as Odoo's float_round does for currencies. */
export function roundCents(value: number): number {
  const scaled = Math.abs(value) * 100
  const rounded = Math.round(scaled + 1e-7) / 100
  return value < 0 ? -rounded : rounded
}

/** Discount percent that turns `gross` into `gross - discount` (Odoo keeps 2 decimals of it). */
export function discountPercent(gross: number, discount: number): number {
  if (gross <= 0 || discount <= 0) return 0
  return Math.min(100, Math.round((discount / gross) * 100 * 100) / 100)
}
