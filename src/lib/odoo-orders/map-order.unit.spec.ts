import { mapOrderForOdoo, OrderMappingError } from "./map-order"
import type { MedusaOrderSnapshot } from "./types"

const address = {
  first_name: "Jane",
  last_name: "Doe",
  address_1: "1 Main St",
  city: "San Francisco",
  postal_code: "94105",
  country_code: "us",
  province: "us-ca",
  phone: "+1 555 0100",
}

function order(overrides: Partial<MedusaOrderSnapshot> = {}): MedusaOrderSnapshot {
  return {
    id: "order_1",
    display_id: 7,
    email: "jane@example.com",
    currency_code: "usd",
    total: "2081.5",
    customer: { id: "cus_1", email: "jane@example.com", first_name: "Jane", last_name: "Doe", metadata: { odoo_partner_id: "44" } },
    billing_address: address,
    shipping_address: { ...address, address_1: "2 Side St", city: "Oakland", province: "US-CA" },
    items: [
      {
        id: "item_1",
        title: "Desk",
        quantity: 2,
        unit_price: 750,
        is_tax_inclusive: false,
        discount_subtotal: 150,
        tax_lines: [{ rate: 15 }],
        variant: { metadata: { external_id: "12" } },
      },
    ],
    shipping_methods: [{ name: "Standard", amount: 10, tax_lines: [{ rate: "15" }], discount_subtotal: 0 }],
    ...overrides,
  }
}

describe("mapOrderForOdoo", () => {
  it("maps lines with the Odoo product, quantity, unit price, discount percent and tax rates; shipping as its own line", () => {
    const plan = mapOrderForOdoo(order())
    expect(plan.lines).toEqual([
      { productId: 12, quantity: 2, priceUnit: 750, discount: 10, taxes: { rates: [15], priceIncluded: false }, medusaItemId: "item_1" },
    ])
    expect(plan.shipping).toEqual([{ name: "Standard", priceUnit: 10, discount: 0, taxes: { rates: [15], priceIncluded: false } }])
    expect(plan).toMatchObject({ clientOrderRef: "order_1", note: "Medusa order #7", currencyCode: "USD", expectedTotal: 2081.5 })
  })

  it("takes the customer's stored Odoo link, email and name; addresses with Odoo's state code", () => {
    const plan = mapOrderForOdoo(order())
    expect(plan.partner).toMatchObject({ linkedPartnerId: 44, email: "jane@example.com", name: "Jane Doe", phone: "+1 555 0100" })
    expect(plan.invoiceAddress).toMatchObject({ name: "Jane Doe", street: "1 Main St", countryCode: "US", stateCode: "CA" })
    expect(plan.shippingAddress).toMatchObject({ street: "2 Side St", city: "Oakland", stateCode: "CA" })
  })

  it("gives a guest without a link a partner by email (no link), the billing address defaulting to the shipping one", () => {
    const plan = mapOrderForOdoo(order({ customer: null, billing_address: null }))
    expect(plan.partner).toMatchObject({ linkedPartnerId: null, email: "jane@example.com", name: "Jane Doe" })
    expect(plan.invoiceAddress).toEqual(plan.shippingAddress)
  })

  it("refuses an item whose variant has no Odoo id, naming it, and an order without email", () => {
    const bad = order({
      email: "",
      customer: null,
      items: [{ id: "item_9", title: "Made in Medusa", variant_sku: "MED-1", quantity: 1, unit_price: 5, variant: { metadata: {} } }],
    })
    expect(() => mapOrderForOdoo(bad)).toThrow(OrderMappingError)
    try {
      mapOrderForOdoo(bad)
    } catch (error) {
      expect((error as OrderMappingError).problems).toEqual([
        "the order has no email address",
        "item item_9 (Made in Medusa, SKU MED-1) has no Odoo product: its variant has no metadata.external_id (a product made in Medusa, not synced from Odoo)",
      ])
    }
  })

  it("keeps price-included taxes as such and ignores zero rates", () => {
    const plan = mapOrderForOdoo(
      order({ items: [{ id: "i", quantity: 1, unit_price: 115, is_tax_inclusive: true, tax_lines: [{ rate: 15 }, { rate: 0 }], variant: { metadata: { external_id: 12 } } }] })
    )
    expect(plan.lines[0].taxes).toEqual({ rates: [15], priceIncluded: true })
  })
})
