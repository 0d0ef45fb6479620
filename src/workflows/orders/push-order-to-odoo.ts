import { acquireLockStep, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { orderLockKey, partnerLockKey } from "../../lib/odoo-orders/lock-keys"
import { mapOrderForOdoo } from "../../lib/odoo-orders/map-order"
import type { MedusaOrderSnapshot } from "../../lib/odoo-orders/types"
import { beginOrderPushStep } from "../steps/begin-order-push"
import { confirmOdooSaleOrderStep } from "../steps/confirm-odoo-sale-order"
import { createOdooSaleOrderStep } from "../steps/create-odoo-sale-order"
import { findOrCreateOdooPartnerStep } from "../steps/find-or-create-odoo-partner"
import { linkCustomerToOdooPartnerStep } from "../steps/link-customer-to-odoo-partner"
import { recordOrderPushedStep } from "../steps/record-order-pushed"

export type PushOrderToOdooWorkflowInput = { order_id: string }

export const pushOrderToOdooWorkflowId = "push-order-to-odoo"

/** What the push reads of an order (totals are computed by the order module). */
export const ORDER_PUSH_FIELDS = [
  "id",
  "display_id",
  "email",
  "currency_code",
  "total",
  "customer_id",
  "customer.id",
  "customer.email",
  "customer.first_name",
  "customer.last_name",
  "customer.phone",
  "customer.has_account",
  "customer.metadata",
  "billing_address.*",
  "shipping_address.*",
  "items.id",
  "items.title",
  "items.variant_id",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.subtotal",
  "items.discount_subtotal",
  "items.tax_lines.rate",
  "items.tax_lines.code",
  "items.variant.metadata",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.is_tax_inclusive",
  "shipping_methods.discount_subtotal",
  "shipping_methods.tax_lines.rate",
  "shipping_methods.tax_lines.code",
]

/**
 * A Medusa order becomes an Odoo sale order, exactly once: under a lock per order, the customer
 * and addresses are found or created, the sale order is looked up by client_order_ref and created
 * only when absent, confirmed (ODOO_CONFIRM_ORDERS), and its id and name are recorded.
 */
export const pushOrderToOdooWorkflow = createWorkflow(pushOrderToOdooWorkflowId, (input: PushOrderToOdooWorkflowInput) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ORDER_PUSH_FIELDS,
    filters: { id: input.order_id },
    options: { throwIfKeyNotFound: true },
  })
  // One push per order at a time; the partner lookup is locked per email only while it runs (a
  // customer sync or another order of the same customer may look for the same partner).
  const orderLock = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: orderLock, timeout: 120, ttl: 300 }).config({ name: "acquire-order-lock" })
  beginOrderPushStep({ order_id: input.order_id })
  const plan = transform({ orders }, ({ orders }) => mapOrderForOdoo(orders[0] as MedusaOrderSnapshot))
  const partnerLock = transform({ plan }, ({ plan }) => partnerLockKey(plan.partner.email))
  acquireLockStep({ key: partnerLock, timeout: 120, ttl: 120 }).config({ name: "acquire-partner-lock" })
  const partner = findOrCreateOdooPartnerStep({ plan })
  const customerId = transform({ orders }, ({ orders }) => (orders[0] as { customer_id?: string | null }).customer_id ?? null)
  linkCustomerToOdooPartnerStep({ customer_id: customerId, partner_id: partner.partnerId })
  releaseLockStep({ key: partnerLock }).config({ name: "release-partner-lock" })
  const created = createOdooSaleOrderStep({ plan, partner })
  const confirmed = confirmOdooSaleOrderStep({ order: created.order })
  const pushed = recordOrderPushedStep({
    order_id: input.order_id,
    partner_id: partner.partnerId,
    sale_order: confirmed,
    expected_total: plan.expectedTotal,
  })
  releaseLockStep({ key: orderLock }).config({ name: "release-order-lock" })
  return new WorkflowResponse({ sale_order: pushed, created: created.created, partner_created: partner.created })
})
