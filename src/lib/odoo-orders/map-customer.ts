/** A Medusa customer → the Odoo partner it should be (name, email, phone, main address). */
import { personName, toPartnerAddress } from "./addresses"
import { linkedPartnerId } from "./map-order"
import type { MedusaAddressSnapshot, PartnerPlan } from "./types"

export interface MedusaCustomerSnapshot {
  id: string
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  company_name?: string | null
  phone?: string | null
  metadata?: Record<string, unknown> | null
  addresses?: (MedusaAddressSnapshot & { is_default_billing?: boolean | null; is_default_shipping?: boolean | null })[] | null
}

/** Null when the customer has no email: Odoo partners are matched by it. */
export function mapCustomerForOdoo(customer: MedusaCustomerSnapshot): PartnerPlan | null {
  const email = (customer.email ?? "").trim()
  if (!email) return null
  const addresses = customer.addresses ?? []
  const main = addresses.find((address) => address.is_default_billing) ?? addresses.find((address) => address.is_default_shipping) ?? addresses[0]
  const name = personName(customer.first_name, customer.last_name) || (customer.company_name ?? "").trim() || email
  const address = toPartnerAddress(main, name)
  return {
    linkedPartnerId: linkedPartnerId(customer.metadata),
    email,
    name,
    phone: (customer.phone ?? "").trim() || address?.phone || false,
    address,
  }
}
