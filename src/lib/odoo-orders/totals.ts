/** Odoo's amount_total against Medusa's order total: they must agree to the cent. */
import { roundCents } from "./money"

/** A message when the totals differ by a cent or more, else null. */
export function totalMismatch(medusaTotal: number, odooTotal: number, odooName: string): string | null {
  const difference = roundCents(odooTotal - medusaTotal)
  if (Math.abs(difference) < 0.01) return null
  return `Odoo's total of ${odooName} is ${odooTotal.toFixed(2)}, Medusa's is ${medusaTotal.toFixed(2)} (difference ${difference.toFixed(2)}): check the taxes and discounts Odoo applied`
}
