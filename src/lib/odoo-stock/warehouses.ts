/**
 * Odoo warehouses → Medusa stock locations: which to create, rename, link to and unlink from
 * the default sales channel. Pure: the caller reads both sides and writes the plan.
 */

export type OdooRow = Record<string, unknown> & { id: number }

export type LocationAddress = {
  address_1: string
  address_2: string | null
  city: string | null
  postal_code: string | null
  province: string | null
  country_code: string
  phone: string | null
}

export type MappedWarehouse = {
  odooId: number
  code: string
  name: string
  /** Active in Odoo and inside ODOO_WAREHOUSES: sold from. */
  synced: boolean
  address: LocationAddress | null
}

/** A Medusa stock location as the sync reads it. */
export type ExistingLocation = {
  id: string
  name: string
  metadata: Record<string, unknown> | null
  address: Partial<LocationAddress> | null
  sales_channel_ids: string[]
}

const textOrNull = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null)
const many2oneId = (value: unknown): number | null => (Array.isArray(value) && typeof value[0] === "number" ? value[0] : null)
const many2oneName = (value: unknown): string | null => (Array.isArray(value) && typeof value[1] === "string" ? value[1] : null)

/**
 * A warehouse's address from its partner: Medusa needs a street and a country; a partner
 * without them gives no address (the location is still created). Odoo shows a state as
 * "California (US)": the name alone is kept.
 */
export function addressOfPartner(partner: OdooRow | undefined): LocationAddress | null {
  if (!partner) return null
  const street = textOrNull(partner.street)
  const country = textOrNull(partner.country_code)
  if (!street || !country) return null
  const state = many2oneName(partner.state_id)
  return {
    address_1: street,
    address_2: textOrNull(partner.street2),
    city: textOrNull(partner.city),
    postal_code: textOrNull(partner.zip),
    province: state ? state.replace(/\s*\([A-Z]{2}\)$/, "") : null,
    country_code: country.toLowerCase(),
    phone: textOrNull(partner.phone),
  }
}

/**
 * Odoo warehouse rows (read with archived ones) → mapped warehouses. `codes` (ODOO_WAREHOUSES)
 * narrows the synced set; a code that names no warehouse is an error: a typo would otherwise
 * take every location off sale silently.
 */
export function mapWarehouses(rows: OdooRow[], partners: OdooRow[], codes: string[]): MappedWarehouse[] {
  const known = new Set(rows.map((row) => String(row.code)))
  const unknown = codes.filter((code) => !known.has(code))
  if (unknown.length) {
    throw new Error(
      `ODOO_WAREHOUSES names warehouse code(s) ${unknown.map((code) => `"${code}"`).join(", ")} that Odoo does not have; ` +
        `Odoo's warehouses are ${[...known].map((code) => `"${code}"`).join(", ") || "none"}`
    )
  }
  const partnerById = new Map(partners.map((partner) => [partner.id, partner]))
  return rows.map((row) => {
    const code = String(row.code ?? "")
    const partnerId = many2oneId(row.partner_id)
    return {
      odooId: row.id,
      code,
      name: textOrNull(row.name) ?? code,
      synced: row.active !== false && (codes.length === 0 || codes.includes(code)),
      address: partnerId === null ? null : addressOfPartner(partnerById.get(partnerId)),
    }
  })
}

/** The Odoo warehouse a location stands for (metadata.external_id), or null. */
export function warehouseIdOf(location: Pick<ExistingLocation, "metadata">): number | null {
  const value = location.metadata?.external_id
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null
  return location.metadata?.odoo_model === "stock.warehouse" ? id : null
}

export type LocationPlan = {
  create: { warehouse: MappedWarehouse }[]
  update: { id: string; name: string; address: LocationAddress | null; warehouseId: number }[]
  /** Locations to link to the sales channel (existing ones; created ones are linked too). */
  link: string[]
  /** Locations of archived or left-out warehouses, unlinked from every sales channel (kept). */
  unlink: { id: string; sales_channel_ids: string[] }[]
}

function sameAddress(wanted: LocationAddress | null, current: Partial<LocationAddress> | null): boolean {
  if (wanted === null) return true // no address in Odoo: an address typed in Medusa stays
  if (!current) return false
  return (Object.keys(wanted) as (keyof LocationAddress)[]).every((key) => (current[key] ?? null) === wanted[key])
}

/** What must change in Medusa for its locations to match Odoo's warehouses. */
export function planStockLocations(
  warehouses: MappedWarehouse[],
  existing: ExistingLocation[],
  salesChannelId: string | null
): LocationPlan {
  const byWarehouse = new Map<number, ExistingLocation>()
  for (const location of existing) {
    const warehouseId = warehouseIdOf(location)
    if (warehouseId !== null && !byWarehouse.has(warehouseId)) byWarehouse.set(warehouseId, location)
  }
  const plan: LocationPlan = { create: [], update: [], link: [], unlink: [] }
  for (const warehouse of warehouses) {
    const location = byWarehouse.get(warehouse.odooId)
    if (!warehouse.synced) {
      if (location && location.sales_channel_ids.length) {
        plan.unlink.push({ id: location.id, sales_channel_ids: location.sales_channel_ids })
      }
      continue
    }
    if (!location) {
      plan.create.push({ warehouse })
      continue
    }
    if (location.name !== warehouse.name || !sameAddress(warehouse.address, location.address)) {
      plan.update.push({ id: location.id, name: warehouse.name, address: warehouse.address, warehouseId: warehouse.odooId })
    }
    if (salesChannelId && !location.sales_channel_ids.includes(salesChannelId)) {
      plan.link.push(location.id)
    }
  }
  return plan
}

/** The metadata that binds a location to its Odoo warehouse. */
export function locationMetadata(warehouse: MappedWarehouse): Record<string, string> {
  return { external_id: String(warehouse.odooId), odoo_model: "stock.warehouse", odoo_code: warehouse.code }
}
