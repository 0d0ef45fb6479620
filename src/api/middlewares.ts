import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listSyncRunsQueryConfig, retrieveSyncRunQueryConfig, statusQueryConfig } from "./admin/odoo/query-config"
import {
  AdminGetOdooProductsParams,
  AdminGetOdooStatusParams,
  AdminGetOdooSyncRunParams,
  AdminGetOdooSyncRunsParams,
  AdminOdooOrderAction,
  AdminStartOdooSync,
} from "./admin/odoo/validators"

export default defineMiddlewares({
  routes: [
    {
      method: ["POST"],
      matcher: "/admin/odoo/sync",
      middlewares: [validateAndTransformBody(AdminStartOdooSync)],
    },
    {
      method: ["GET"],
      matcher: "/admin/odoo/sync-runs",
      middlewares: [validateAndTransformQuery(AdminGetOdooSyncRunsParams, listSyncRunsQueryConfig)],
    },
    {
      method: ["GET"],
      matcher: "/admin/odoo/sync-runs/:id",
      middlewares: [validateAndTransformQuery(AdminGetOdooSyncRunParams, retrieveSyncRunQueryConfig)],
    },
    {
      method: ["GET"],
      matcher: "/admin/odoo/products",
      middlewares: [validateAndTransformQuery(AdminGetOdooProductsParams, {})],
    },
    {
      method: ["GET"],
      matcher: "/admin/odoo/status",
      middlewares: [validateAndTransformQuery(AdminGetOdooStatusParams, statusQueryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/odoo/orders/:id/push",
      middlewares: [validateAndTransformBody(AdminOdooOrderAction)],
    },
    {
      method: ["POST"],
      matcher: "/admin/odoo/orders/:id/abandon",
      middlewares: [validateAndTransformBody(AdminOdooOrderAction)],
    },
  ],
})
