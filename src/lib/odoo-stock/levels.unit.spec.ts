import { pagesOf, planLevelWrites, type StockVariant } from "./levels"

const desk: StockVariant = { variantId: "variant_12", odooProductId: 12, inventoryItemId: "iitem_12" }
const black: StockVariant = { variantId: "variant_13", odooProductId: 13, inventoryItemId: "iitem_13" }
const locations = [
  { warehouseId: 1, locationId: "sloc_wh" },
  { warehouseId: 2, locationId: "sloc_chicago" },
]
const quantities = (rows: Record<number, Record<number, unknown>>) =>
  new Map(Object.entries(rows).map(([warehouse, byProduct]) => [Number(warehouse), new Map(Object.entries(byProduct).map(([id, q]) => [Number(id), q]))]))

describe("planLevelWrites", () => {
  it("creates missing levels, updates changed ones and leaves equal ones unwritten", () => {
    const plan = planLevelWrites(
      [desk, black],
      locations,
      quantities({ 1: { 12: 45, 13: 50 }, 2: { 12: 0, 13: 0 } }),
      [
        { id: "ilev_1", inventory_item_id: "iitem_12", location_id: "sloc_wh", stocked_quantity: 45 },
        { id: "ilev_2", inventory_item_id: "iitem_13", location_id: "sloc_wh", stocked_quantity: 49 },
      ]
    )
    expect(plan.update).toEqual([{ id: "ilev_2", inventory_item_id: "iitem_13", location_id: "sloc_wh", stocked_quantity: 50 }])
    expect(plan.create).toEqual([
      { inventory_item_id: "iitem_12", location_id: "sloc_chicago", stocked_quantity: 0 },
      { inventory_item_id: "iitem_13", location_id: "sloc_chicago", stocked_quantity: 0 },
    ])
    expect(plan.unchanged).toBe(1)
  })

  it("writes a negative Odoo quantity as 0 and a fractional one rounded down", () => {
    const plan = planLevelWrites([desk, black], locations.slice(0, 1), quantities({ 1: { 12: -60, 13: 7.5 } }), [])
    expect(plan.create.map((level) => level.stocked_quantity)).toEqual([0, 7])
  })

  it("reports products Odoo did not return and quantities that are not numbers, writing nothing for them", () => {
    const plan = planLevelWrites([desk, black], locations.slice(0, 1), quantities({ 1: { 13: false } }), [])
    expect(plan.missing).toEqual([desk])
    expect(plan.invalid).toEqual([{ variant: black, warehouseId: 1, value: false }])
    expect(plan.create).toEqual([])
  })

  it("writes an item shared by two variants once", () => {
    const twin: StockVariant = { variantId: "variant_x", odooProductId: 99, inventoryItemId: "iitem_12" }
    const plan = planLevelWrites([desk, twin], locations.slice(0, 1), quantities({ 1: { 12: 4, 99: 4 } }), [])
    expect(plan.create).toHaveLength(1)
  })
})

describe("pagesOf", () => {
  it("splits into pages of the given size", () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(pagesOf([], 2)).toEqual([])
  })
})
