import type { ICustomerModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type LinkCustomerToOdooPartnerStepInput = { customer_id: string | null; partner_id: number }

type Previous = { customer_id: string; odoo_partner_id: unknown }

export const linkCustomerToOdooPartnerStepId = "link-customer-to-odoo-partner"

/** Stores the Odoo partner id on the Medusa customer (metadata.odoo_partner_id), the link the next order uses first. */
export const linkCustomerToOdooPartnerStep = createStep(
  linkCustomerToOdooPartnerStepId,
  async (input: LinkCustomerToOdooPartnerStepInput, { container }) => {
    if (!input.customer_id) return new StepResponse(null, null)
    const customers: ICustomerModuleService = container.resolve(Modules.CUSTOMER)
    const customer = await customers.retrieveCustomer(input.customer_id, { select: ["id", "metadata"] })
    const current = customer.metadata?.odoo_partner_id
    if (current === input.partner_id) return new StepResponse(null, null)
    // Medusa merges metadata key by key: only the link is written.
    await customers.updateCustomers(input.customer_id, { metadata: { odoo_partner_id: input.partner_id } })
    return new StepResponse(null, { customer_id: input.customer_id, odoo_partner_id: current ?? "" } as Previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const customers: ICustomerModuleService = container.resolve(Modules.CUSTOMER)
    await customers.updateCustomers(previous.customer_id, { metadata: { odoo_partner_id: previous.odoo_partner_id as string } })
  }
)
