import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { REMOVED_KEY, SYNCED_AT_KEY } from "../../../../lib/odoo-sync/plan-run"
import type { AdminGetOdooProductsParamsType } from "../validators"

/**
 * Products the sync wrote, by Odoo template id and status: the drafted ones, or those a run
 * names (its skipped records and clashes), with the product id the admin links to.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetOdooProductsParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { template_ids, status, offset, limit } = req.validatedQuery as AdminGetOdooProductsParamsType
  const { data, metadata } = await query.graph({
    entity: "product",
    fields: ["id", "title", "status", "external_id", "metadata"],
    filters: {
      external_id: template_ids?.length ? template_ids.map(String) : { $ne: null },
      ...(status ? { status } : {}),
    },
    pagination: { skip: offset, take: limit, order: { title: "ASC" } },
  })
  res.json({
    products: data.map((product) => ({
      id: product.id,
      title: product.title,
      status: product.status,
      template_id: Number(product.external_id),
      synced_at: product.metadata?.[SYNCED_AT_KEY] ?? null,
      removed_from_odoo: product.metadata?.[REMOVED_KEY] === true,
    })),
    count: metadata?.count ?? data.length,
    offset,
    limit,
  })
}
