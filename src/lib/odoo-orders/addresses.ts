/** Medusa addresses ⇄ Odoo contacts: codes, names and the comparison that avoids duplicates. */
import type { MedusaAddressSnapshot, PartnerAddress } from "./types"

const clean = (value: string | null | undefined): string | false => {
  const trimmed = (value ?? "").replace(/\s+/g, " ").trim()
  return trimmed === "" ? false : trimmed
}

/** `us-ca` → `CA`; `CA` → `CA`; a province without a code prefix is kept as written. */
export function stateCodeFromProvince(province: string | null | undefined, countryCode: string | false): string | false {
  const value = clean(province)
  if (!value) return false
  const prefix = countryCode ? `${countryCode.toLowerCase()}-` : ""
  const code = prefix && value.toLowerCase().startsWith(prefix) ? value.slice(prefix.length) : value
  return code.toUpperCase()
}

export function personName(first: string | null | undefined, last: string | null | undefined): string | false {
  return clean([first ?? "", last ?? ""].join(" "))
}

/** A Medusa address as an Odoo contact; null when it holds nothing to deliver or invoice to. */
export function toPartnerAddress(address: MedusaAddressSnapshot | null | undefined, fallbackName: string): PartnerAddress | null {
  if (!address) return null
  const countryCode = clean(address.country_code)
  const upperCountry = countryCode ? countryCode.toUpperCase() : false
  const street = clean(address.address_1)
  const city = clean(address.city)
  if (!street && !city && !upperCountry) return null
  const person = personName(address.first_name, address.last_name)
  return {
    name: person || clean(address.company) || fallbackName,
    street,
    street2: clean(address.address_2),
    city,
    zip: clean(address.postal_code),
    phone: clean(address.phone),
    countryCode: upperCountry,
    stateCode: stateCodeFromProvince(address.province, upperCountry),
  }
}

/** The Odoo contact fields compared to decide that an address exists already. */
export type OdooContactRecord = {
  id: number
  name?: unknown
  street?: unknown
  street2?: unknown
  city?: unknown
  zip?: unknown
  country_id?: unknown
  state_id?: unknown
  type?: unknown
  parent_id?: unknown
}

const comparable = (value: unknown): string => (typeof value === "string" ? value.replace(/\s+/g, " ").trim().toLowerCase() : "")
const idOf = (value: unknown): number | false =>
  typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] : false

/** Same person and place, ignoring case and spacing (phone is not part of an address's identity). */
export function isSameAddress(record: OdooContactRecord, address: PartnerAddress, countryId: number | false, stateId: number | false): boolean {
  return (
    comparable(record.name) === comparable(address.name) &&
    comparable(record.street) === comparable(address.street) &&
    comparable(record.street2) === comparable(address.street2) &&
    comparable(record.city) === comparable(address.city) &&
    comparable(record.zip) === comparable(address.zip) &&
    idOf(record.country_id) === countryId &&
    idOf(record.state_id) === stateId
  )
}
