/**
 * What the order push knows about a Medusa order (read once by the workflow) and what it sends to
 * the Odoo module: plain data, no Medusa or Odoo client types.
 */

/** A Medusa address as the order holds it (province as ISO 3166-2, e.g. `us-ca`). */
export interface MedusaAddressSnapshot {
  first_name?: string | null
  last_name?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  postal_code?: string | null
  country_code?: string | null
  province?: string | null
  phone?: string | null
}

export interface MedusaTaxLineSnapshot {
  rate: number | string
  code?: string | null
}

export interface MedusaOrderItemSnapshot {
  id: string
  title?: string | null
  variant_id?: string | null
  variant_sku?: string | null
  quantity: number | string
  unit_price: number | string
  is_tax_inclusive?: boolean | null
  /** Before discounts (tax excluded unless the price includes it). */
  subtotal?: number | string | null
  /** What was taken off, tax excluded. */
  discount_subtotal?: number | string | null
  tax_lines?: MedusaTaxLineSnapshot[] | null
  variant?: { metadata?: Record<string, unknown> | null } | null
}

export interface MedusaShippingMethodSnapshot {
  name?: string | null
  amount: number | string
  is_tax_inclusive?: boolean | null
  discount_subtotal?: number | string | null
  tax_lines?: MedusaTaxLineSnapshot[] | null
}

export interface MedusaOrderSnapshot {
  id: string
  display_id?: number | null
  email?: string | null
  currency_code: string
  total: number | string
  customer_id?: string | null
  customer?: {
    id: string
    email?: string | null
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
    has_account?: boolean | null
    metadata?: Record<string, unknown> | null
  } | null
  billing_address?: MedusaAddressSnapshot | null
  shipping_address?: MedusaAddressSnapshot | null
  items?: MedusaOrderItemSnapshot[] | null
  shipping_methods?: MedusaShippingMethodSnapshot[] | null
}

/** An address as Odoo's res.partner holds it, codes not yet resolved to ids. */
export interface PartnerAddress {
  name: string
  street: string | false
  street2: string | false
  city: string | false
  zip: string | false
  phone: string | false
  /** ISO 3166-1 alpha-2, upper case (`US`), or false. */
  countryCode: string | false
  /** Odoo's state code within the country (`CA`), or false. */
  stateCode: string | false
}

export interface PartnerPlan {
  /** customer.metadata.odoo_partner_id when the customer was linked before. */
  linkedPartnerId: number | null
  email: string
  name: string
  phone: string | false
  address: PartnerAddress | null
}

/** Tax rates Medusa charged on a line, to be mapped to Odoo taxes of the same rate. */
export interface TaxPlan {
  rates: number[]
  priceIncluded: boolean
}

export interface SaleLinePlan {
  /** Odoo product.product id, from the variant's metadata.external_id. */
  productId: number
  quantity: number
  priceUnit: number
  /** Percent, as Odoo's sale.order.line.discount. */
  discount: number
  taxes: TaxPlan
  /** Medusa's line, for messages. */
  medusaItemId: string
}

export interface ShippingLinePlan {
  name: string
  priceUnit: number
  discount: number
  taxes: TaxPlan
}

export interface OrderPushPlan {
  orderId: string
  clientOrderRef: string
  note: string
  currencyCode: string
  /** Medusa's order total, which Odoo's amount_total must equal to the cent. */
  expectedTotal: number
  partner: PartnerPlan
  invoiceAddress: PartnerAddress | null
  shippingAddress: PartnerAddress | null
  lines: SaleLinePlan[]
  shipping: ShippingLinePlan[]
}

/** Odoo ids the push resolved before writing the order. */
export interface ResolvedOrderRefs {
  partnerId: number
  invoiceAddressId: number
  shippingAddressId: number
  pricelistId: number
  shippingProductId: number | null
  /** Odoo account.tax ids per line tax plan (same order as plan.lines, then plan.shipping). */
  taxIds: number[][]
}
