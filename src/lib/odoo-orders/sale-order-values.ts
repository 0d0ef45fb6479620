/** The plan and the ids resolved in Odoo → the values of `sale.order.create`. */
import type { OrderPushPlan, ResolvedOrderRefs } from "./types"

type Command = [0, 0, Record<string, unknown>]

/** Odoo's `[(6, 0, ids)]`: the line's taxes are exactly these (none when empty: no product default). */
const setTaxes = (ids: number[]): [6, 0, number[]][] => [[6, 0, ids]]

export function toSaleOrderValues(plan: OrderPushPlan, refs: ResolvedOrderRefs): Record<string, unknown> {
  const lines: Command[] = plan.lines.map((line, index) => [
    0,
    0,
    {
      product_id: line.productId,
      product_uom_qty: line.quantity,
      price_unit: line.priceUnit,
      discount: line.discount,
      tax_id: setTaxes(refs.taxIds[index] ?? []),
    },
  ])
  if (plan.shipping.length > 0 && refs.shippingProductId === null) {
    throw new Error(`order ${plan.orderId}: shipping lines need the Odoo shipping product`)
  }
  plan.shipping.forEach((shipping, index) => {
    lines.push([
      0,
      0,
      {
        product_id: refs.shippingProductId,
        name: shipping.name,
        product_uom_qty: 1,
        price_unit: shipping.priceUnit,
        discount: shipping.discount,
        tax_id: setTaxes(refs.taxIds[plan.lines.length + index] ?? []),
      },
    ])
  })
  return {
    partner_id: refs.partnerId,
    partner_invoice_id: refs.invoiceAddressId,
    partner_shipping_id: refs.shippingAddressId,
    pricelist_id: refs.pricelistId,
    client_order_ref: plan.clientOrderRef,
    origin: plan.note,
    note: plan.note,
    order_line: lines,
  }
}
