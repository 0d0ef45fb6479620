import { toSaleOrderValues } from "./sale-order-values"
import type { OrderPushPlan } from "./types"

const plan: OrderPushPlan = {
  orderId: "order_1",
  clientOrderRef: "order_1",
  note: "Medusa order #7",
  currencyCode: "USD",
  expectedTotal: 1564,
  partner: { linkedPartnerId: null, email: "a@b.c", name: "A", phone: false, address: null },
  invoiceAddress: null,
  shippingAddress: null,
  lines: [{ productId: 12, quantity: 2, priceUnit: 750, discount: 10, taxes: { rates: [15], priceIncluded: false }, medusaItemId: "i" }],
  shipping: [{ name: "Express", priceUnit: 10, discount: 0, taxes: { rates: [], priceIncluded: false } }],
}

describe("toSaleOrderValues", () => {
  it("sets partner, addresses, the pricelist, client_order_ref and lines with explicit taxes (none means none, not the product's)", () => {
    const values = toSaleOrderValues(plan, { partnerId: 44, invoiceAddressId: 46, shippingAddressId: 45, pricelistId: 2, shippingProductId: 60, taxIds: [[1], []] })
    expect(values).toEqual({
      partner_id: 44,
      partner_invoice_id: 46,
      partner_shipping_id: 45,
      pricelist_id: 2,
      client_order_ref: "order_1",
      origin: "Medusa order #7",
      note: "Medusa order #7",
      order_line: [
        [0, 0, { product_id: 12, product_uom_qty: 2, price_unit: 750, discount: 10, tax_id: [[6, 0, [1]]] }],
        [0, 0, { product_id: 60, name: "Express", product_uom_qty: 1, price_unit: 10, discount: 0, tax_id: [[6, 0, []]] }],
      ],
    })
  })

  it("refuses shipping lines without the shipping product", () => {
    expect(() => toSaleOrderValues(plan, { partnerId: 1, invoiceAddressId: 1, shippingAddressId: 1, pricelistId: 1, shippingProductId: null, taxIds: [] })).toThrow(/shipping product/)
  })
})
