import { acquireLockStep, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { partnerLockKey } from "../../lib/odoo-orders/lock-keys"
import { mapCustomerForOdoo, type MedusaCustomerSnapshot } from "../../lib/odoo-orders/map-customer"
import { linkCustomerToOdooPartnerStep } from "../steps/link-customer-to-odoo-partner"
import { upsertOdooPartnerStep } from "../steps/upsert-odoo-partner"

export type SyncCustomerToOdooWorkflowInput = { customer_id: string }

export const syncCustomerToOdooWorkflowId = "sync-customer-to-odoo"

/** A Medusa customer created or updated: its Odoo partner is created or updated, and linked. */
export const syncCustomerToOdooWorkflow = createWorkflow(syncCustomerToOdooWorkflowId, (input: SyncCustomerToOdooWorkflowInput) => {
  const { data: customers } = useQueryGraphStep({
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name", "company_name", "phone", "metadata", "addresses.*"],
    filters: { id: input.customer_id },
    options: { throwIfKeyNotFound: true },
  })
  const plan = transform({ customers }, ({ customers }) => mapCustomerForOdoo(customers[0] as MedusaCustomerSnapshot))
  const lockKey = transform({ customers, input }, ({ customers, input }) => partnerLockKey(customers[0].email ?? `customer:${input.customer_id}`))
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 300 })
  const partner = upsertOdooPartnerStep({ plan })
  const link = transform({ partner, input }, ({ partner, input }) => ({ customer_id: partner ? input.customer_id : null, partner_id: partner?.partnerId ?? 0 }))
  linkCustomerToOdooPartnerStep(link)
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(partner)
})
