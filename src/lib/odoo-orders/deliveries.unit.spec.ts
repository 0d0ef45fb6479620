import { fulfilledPickingIds, fulfillmentItems } from "./deliveries"

const items = [
  { id: "a", detail: { quantity: 2, fulfilled_quantity: 0 }, variant: { metadata: { external_id: "12" } } },
  { id: "b", quantity: 3, detail: { fulfilled_quantity: 1 }, variant: { metadata: { external_id: "12" } } },
  { id: "c", quantity: 1, variant: { metadata: { external_id: "45" } } },
]

describe("fulfillmentItems", () => {
  it("spreads a delivered quantity over the order's items of that product, never beyond what is left", () => {
    expect(fulfillmentItems(items, [{ productId: 12, quantity: 3 }])).toEqual({ items: [{ id: "a", quantity: 2 }, { id: "b", quantity: 1 }], unknownProducts: [] })
    expect(fulfillmentItems(items, [{ productId: 12, quantity: 10 }]).items).toEqual([{ id: "a", quantity: 2 }, { id: "b", quantity: 2 }])
  })

  it("names delivered products the order does not have", () => {
    expect(fulfillmentItems(items, [{ productId: 45, quantity: 1 }, { productId: 99, quantity: 1 }])).toEqual({ items: [{ id: "c", quantity: 1 }], unknownProducts: [99] })
  })
})

describe("fulfilledPickingIds", () => {
  it("reads the ids kept on a push, nothing from anything else", () => {
    expect(fulfilledPickingIds({ ids: [30, 31] })).toEqual([30, 31])
    expect(fulfilledPickingIds(null)).toEqual([])
    expect(fulfilledPickingIds([30])).toEqual([])
  })
})
