import { addressOfPartner, mapWarehouses, planStockLocations, type ExistingLocation, type MappedWarehouse } from "./warehouses"

const warehouseRows = [
  { id: 1, name: "YourCompany", code: "WH", active: true, partner_id: [1, "YourCompany"] },
  { id: 2, name: "My Company (Chicago)", code: "My Co", active: true, partner_id: false },
  { id: 3, name: "Old depot", code: "OLD", active: false, partner_id: false },
]
const partners = [
  { id: 1, street: "250 Executive Park Blvd, Suite 3400", street2: false, city: "San Francisco", zip: "94134", state_id: [13, "California (US)"], country_code: "US", phone: "+1 555-555-5556" },
]

describe("mapWarehouses", () => {
  it("maps every warehouse with its partner's address; archived ones are not synced", () => {
    const mapped = mapWarehouses(warehouseRows, partners, [])
    expect(mapped.map((w) => [w.odooId, w.code, w.synced])).toEqual([
      [1, "WH", true],
      [2, "My Co", true],
      [3, "OLD", false],
    ])
    expect(mapped[0].address).toEqual({
      address_1: "250 Executive Park Blvd, Suite 3400",
      address_2: null,
      city: "San Francisco",
      postal_code: "94134",
      province: "California",
      country_code: "us",
      phone: "+1 555-555-5556",
    })
    expect(mapped[1].address).toBeNull()
  })

  it("narrows the synced set to ODOO_WAREHOUSES codes", () => {
    expect(mapWarehouses(warehouseRows, partners, ["My Co"]).map((w) => w.synced)).toEqual([false, true, false])
  })

  it("refuses a code Odoo does not have, naming it and the codes there are", () => {
    expect(() => mapWarehouses(warehouseRows, partners, ["WH", "EU"])).toThrow(/"EU".*"WH", "My Co", "OLD"/)
  })

  it("gives no address without a street or a country (Medusa needs both)", () => {
    expect(addressOfPartner({ id: 5, street: false, country_code: "US" })).toBeNull()
    expect(addressOfPartner({ id: 5, street: "Main St 1", country_code: false })).toBeNull()
  })
})

describe("planStockLocations", () => {
  const [wh, chicago, old] = mapWarehouses(warehouseRows, partners, [])
  const location = (id: string, warehouse: MappedWarehouse, extra: Partial<ExistingLocation> = {}): ExistingLocation => ({
    id,
    name: warehouse.name,
    metadata: { external_id: String(warehouse.odooId), odoo_model: "stock.warehouse" },
    address: warehouse.address,
    sales_channel_ids: ["sc_default"],
    ...extra,
  })

  it("creates a location for each new synced warehouse, and nothing when all match", () => {
    expect(planStockLocations([wh, chicago, old], [], "sc_default").create.map((c) => c.warehouse.odooId)).toEqual([1, 2])
    const same = planStockLocations([wh, chicago, old], [location("sloc_1", wh), location("sloc_2", chicago)], "sc_default")
    expect(same).toEqual({ create: [], update: [], link: [], unlink: [] })
  })

  it("renames a location whose warehouse was renamed, and links one that is not linked to the channel", () => {
    const plan = planStockLocations([wh], [location("sloc_1", wh, { name: "Old name", sales_channel_ids: [] })], "sc_default")
    expect(plan.update).toEqual([{ id: "sloc_1", name: "YourCompany", address: wh.address, warehouseId: 1 }])
    expect(plan.link).toEqual(["sloc_1"])
  })

  it("unlinks (never deletes) the location of an archived warehouse from every channel", () => {
    const plan = planStockLocations([old], [location("sloc_3", old, { sales_channel_ids: ["sc_default", "sc_b2b"] })], "sc_default")
    expect(plan).toEqual({ create: [], update: [], link: [], unlink: [{ id: "sloc_3", sales_channel_ids: ["sc_default", "sc_b2b"] }] })
  })

  it("leaves locations made in Medusa (no Odoo binding) alone", () => {
    const own: ExistingLocation = { id: "sloc_own", name: "YourCompany", metadata: null, address: null, sales_channel_ids: [] }
    expect(planStockLocations([wh], [own], "sc_default").create).toHaveLength(1)
  })
})
