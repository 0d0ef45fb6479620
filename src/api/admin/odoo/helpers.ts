import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "../../../modules/odoo/constants"

/** Odoo routes other than the status need the module; without it they say how to turn it on. */
export function assertOdooConfigured(scope: MedusaContainer): void {
  if (!scope.hasRegistration(ODOO_MODULE)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The Odoo integration is off: set ODOO_URL, ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY and restart."
    )
  }
}
