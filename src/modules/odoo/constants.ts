export const ODOO_MODULE = "odoo"
