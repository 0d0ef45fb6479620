import { Module } from "@medusajs/framework/utils"
import { ODOO_MODULE } from "./constants"
import odooClientLoader from "./loaders/client"
import OdooModuleService from "./service"

export { ODOO_MODULE }

export default Module(ODOO_MODULE, {
  service: OdooModuleService,
  loaders: [odooClientLoader],
})
