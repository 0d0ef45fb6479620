import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { editedInMedusa, REMOVED_KEY, SYNCED_AT_KEY } from "../../../../../lib/odoo-sync/plan-run"
import { isOdooModuleOn, readSyncRunsWithoutModule } from "../../sync-run-history"

type ProductRow = {
  id: string
  title: string
  description: string | null
  status: string
  external_id: string | null
  metadata: Record<string, unknown> | null
  variants: { id: string; title: string; sku: string | null; metadata: Record<string, unknown> | null }[] | null
}

/**
 * A product's Odoo side for the product page's widget: its template id, when and by which run it
 * was last written, whether an admin's edit of the Odoo-owned fields will be overwritten by the
 * next run, and each variant's Odoo id.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "title", "description", "status", "external_id", "metadata", "variants.id", "variants.title", "variants.sku", "variants.metadata"],
    filters: { id: req.params.id },
  })
  const product = data[0] as ProductRow | undefined
  if (!product) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product ${req.params.id} was not found`)
  }
  const metadata = product.metadata ?? {}
  const templateId = Number(metadata.external_id ?? product.external_id)
  const syncedAt = typeof metadata[SYNCED_AT_KEY] === "string" ? (metadata[SYNCED_AT_KEY] as string) : null
  const synced = Number.isInteger(templateId) && templateId > 0 && syncedAt !== null
  res.json({
    odoo_product: {
      product_id: product.id,
      synced,
      template_id: synced ? templateId : null,
      synced_at: syncedAt,
      run: synced ? await runThatWrote(req, syncedAt) : null,
      edited_in_medusa: synced && editedInMedusa(product),
      removed_from_odoo: metadata[REMOVED_KEY] === true,
      status: product.status,
      variants: (product.variants ?? []).map((variant) => ({
        id: variant.id,
        title: variant.title,
        sku: variant.sku,
        odoo_id: variant.metadata?.external_id ? Number(variant.metadata.external_id) : null,
      })),
    },
  })
}

/** The run that wrote at `syncedAt`: the latest one started before it. */
async function runThatWrote(req: AuthenticatedMedusaRequest, syncedAt: string) {
  const fields = ["id", "trigger", "status", "started_at", "finished_at"]
  if (!isOdooModuleOn(req.scope)) {
    const { runs } = await readSyncRunsWithoutModule(req.scope, { fields, filters: {}, skip: 0, take: 100 })
    return runs.find((run) => new Date(String(run.started_at)) <= new Date(syncedAt)) ?? null
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "odoo_sync_run",
    fields,
    filters: { started_at: { $lte: syncedAt } },
    pagination: { take: 1, order: { started_at: "DESC" } },
  })
  return data[0] ?? null
}
