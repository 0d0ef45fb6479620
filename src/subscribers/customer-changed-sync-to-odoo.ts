import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { describePushError } from "../lib/odoo-orders/push-error"
import { ODOO_MODULE } from "../modules/odoo/constants"
import { syncCustomerToOdooWorkflow } from "../workflows/customers/sync-customer-to-odoo"

/** A customer created or updated in Medusa is created or updated in Odoo (never deleted there). */
export default async function customerChangedSyncToOdoo({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!container.hasRegistration(ODOO_MODULE)) return
  try {
    await syncCustomerToOdooWorkflow(container).run({ input: { customer_id: event.data.id } })
  } catch (error) {
    // The next order of this customer finds or creates the partner anyway (by link or email).
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Customer ${event.data.id} not synced to Odoo: ${describePushError(error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated"],
}
