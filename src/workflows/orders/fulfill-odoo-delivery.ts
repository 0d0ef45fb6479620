import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { fulfillmentItems, type OrderItemForFulfillment } from "../../lib/odoo-orders/deliveries"
import type { OdooDoneDelivery } from "../../modules/odoo/sales"
import { recordDeliveryFulfilledStep } from "../steps/record-delivery-fulfilled"

export type FulfillOdooDeliveryWorkflowInput = { order_id: string; delivery: OdooDoneDelivery }

export const fulfillOdooDeliveryWorkflowId = "fulfill-odoo-delivery"

/**
 * A done Odoo delivery becomes a Medusa fulfillment of the items it delivered, shipped with the
 * delivery's tracking reference when Odoo has one; the push remembers the picking.
 */
export const fulfillOdooDeliveryWorkflow = createWorkflow(fulfillOdooDeliveryWorkflowId, (input: FulfillOdooDeliveryWorkflowInput) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ["id", "items.id", "items.quantity", "items.variant.metadata", "items.detail.quantity", "items.detail.fulfilled_quantity"],
    filters: { id: input.order_id },
    options: { throwIfKeyNotFound: true },
  }).config({ name: "read-order-items" })
  const items = transform({ orders, input }, ({ orders, input }) => {
    const mapped = fulfillmentItems((orders[0].items ?? []) as OrderItemForFulfillment[], input.delivery.quantities)
    if (mapped.items.length === 0) {
      throw new Error(
        `Odoo delivery ${input.delivery.pickingName} has nothing left to fulfil in order ${input.order_id}` +
          (mapped.unknownProducts.length ? ` (Odoo products ${mapped.unknownProducts.join(", ")} are not in the order)` : "")
      )
    }
    return mapped.items
  })
  const labels = transform({ input }, ({ input }) =>
    input.delivery.trackingRef ? [{ tracking_number: input.delivery.trackingRef, tracking_url: "#", label_url: "#" }] : []
  )
  const fulfillment = createOrderFulfillmentWorkflow.runAsStep({
    input: { order_id: input.order_id, items, metadata: { odoo_picking_id: input.delivery.pickingId, odoo_picking_name: input.delivery.pickingName } },
  })
  createOrderShipmentWorkflow.runAsStep({
    input: { order_id: input.order_id, fulfillment_id: fulfillment.id, items, labels },
  })
  recordDeliveryFulfilledStep({ order_id: input.order_id, picking_id: input.delivery.pickingId })
  return new WorkflowResponse(fulfillment)
})
