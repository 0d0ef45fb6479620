/**
 * A Medusa order → what the push writes to Odoo: the customer and addresses, one sale line per
 * item (the Odoo product from the variant's metadata.external_id, quantity, unit price and
 * discount as Medusa charged them) and one per shipping method, with the tax rates Medusa applied.
 */
import { personName, toPartnerAddress } from "./addresses"
import { discountPercent, roundCents, toNumber } from "./money"
import type { MedusaOrderItemSnapshot, MedusaOrderSnapshot, MedusaTaxLineSnapshot, OrderPushPlan, SaleLinePlan, TaxPlan } from "./types"

/** The order cannot be pushed as it is: every reason, each naming what is wrong. */
export class OrderMappingError extends Error {
  constructor(
    readonly orderId: string,
    readonly problems: string[]
  ) {
    super(`Order ${orderId} cannot be pushed to Odoo: ${problems.join("; ")}`)
    this.name = "OrderMappingError"
  }
}

/** customer.metadata.odoo_partner_id as a positive integer, or null. */
export function linkedPartnerId(metadata: Record<string, unknown> | null | undefined): number | null {
  const raw = metadata?.odoo_partner_id
  const id = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  return Number.isInteger(id) && id > 0 ? id : null
}

/** variant.metadata.external_id: the Odoo product.product id the product sync wrote. */
export function odooProductId(variant: MedusaOrderItemSnapshot["variant"]): number | null {
  const raw = variant?.metadata?.external_id
  const id = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  return Number.isInteger(id) && id > 0 ? id : null
}

function taxPlan(lines: MedusaTaxLineSnapshot[] | null | undefined, inclusive: boolean | null | undefined): TaxPlan {
  const rates = (lines ?? []).map((line) => toNumber(line.rate)).filter((rate) => Number.isFinite(rate) && rate !== 0)
  return { rates, priceIncluded: inclusive === true }
}

export function mapOrderForOdoo(order: MedusaOrderSnapshot): OrderPushPlan {
  const problems: string[] = []
  const email = (order.email ?? order.customer?.email ?? "").trim()
  if (!email) problems.push("the order has no email address")
  const billing = order.billing_address ?? order.shipping_address
  const customerName =
    personName(order.customer?.first_name, order.customer?.last_name) ||
    personName(billing?.first_name, billing?.last_name) ||
    (billing?.company ?? "").trim() ||
    email
  const invoiceAddress = toPartnerAddress(billing, customerName)
  const shippingAddress = toPartnerAddress(order.shipping_address ?? billing, customerName)

  const lines: SaleLinePlan[] = []
  for (const item of order.items ?? []) {
    const productId = odooProductId(item.variant)
    const label = `item ${item.id}${item.title ? ` (${item.title}${item.variant_sku ? `, SKU ${item.variant_sku}` : ""})` : ""}`
    if (productId === null) {
      problems.push(`${label} has no Odoo product: its variant has no metadata.external_id (a product made in Medusa, not synced from Odoo)`)
      continue
    }
    const quantity = toNumber(item.quantity)
    const priceUnit = toNumber(item.unit_price)
    if (!Number.isFinite(quantity) || quantity <= 0 || !Number.isFinite(priceUnit) || priceUnit < 0) {
      problems.push(`${label} has an invalid quantity or unit price (${String(item.quantity)} × ${String(item.unit_price)})`)
      continue
    }
    const gross = roundCents(quantity * priceUnit)
    lines.push({
      productId,
      quantity,
      priceUnit,
      discount: discountPercent(gross, toNumber(item.discount_subtotal)),
      taxes: taxPlan(item.tax_lines, item.is_tax_inclusive),
      medusaItemId: item.id,
    })
  }
  if ((order.items ?? []).length === 0) problems.push("the order has no items")

  const shipping = (order.shipping_methods ?? []).map((method) => {
    const priceUnit = toNumber(method.amount)
    return {
      name: (method.name ?? "").trim() || "Shipping",
      priceUnit,
      discount: discountPercent(priceUnit, toNumber(method.discount_subtotal)),
      taxes: taxPlan(method.tax_lines, method.is_tax_inclusive),
    }
  })

  if (problems.length > 0) throw new OrderMappingError(order.id, problems)
  const displayId = order.display_id ? `#${order.display_id}` : order.id
  return {
    orderId: order.id,
    clientOrderRef: order.id,
    note: `Medusa order ${displayId}`,
    currencyCode: order.currency_code.toUpperCase(),
    expectedTotal: roundCents(toNumber(order.total)),
    partner: {
      linkedPartnerId: linkedPartnerId(order.customer?.metadata),
      email,
      name: customerName,
      phone: (order.customer?.phone ?? "").trim() || invoiceAddress?.phone || false,
      address: invoiceAddress,
    },
    invoiceAddress,
    shippingAddress,
    lines,
    shipping,
  }
}
