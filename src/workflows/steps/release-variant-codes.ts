import type { IProductModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CODES_PENDING_KEY, type CodeRelease } from "../../lib/odoo-mapping"
import { SYNC_HASH_KEY } from "../../lib/odoo-sync/plan-run"

export type ReleaseVariantCodesStepInput = {
  releases: CodeRelease[]
  /** External ids of the page's products: a holder outside them is marked to be read again. */
  page_external_ids: string[]
}

type CodeSnapshot = { id: string; sku: string | null; barcode: string | null }
type MetadataSnapshot = { id: string; metadata: Record<string, unknown> | null }

export const releaseVariantCodesStepId = "release-variant-codes"

/**
 * Clears the SKUs and barcodes that move to another variant in this page, before the page's
 * writes (Medusa keeps them unique). A holder outside the page is marked as waiting for its
 * codes and loses its content hash, so the next run writes it whatever Odoo's dates say.
 */
export const releaseVariantCodesStep = createStep(
  releaseVariantCodesStepId,
  async (input: ReleaseVariantCodesStepInput, { container }) => {
    const products: IProductModuleService = container.resolve(Modules.PRODUCT)
    const variantIds = [...new Set(input.releases.map((release) => release.variantId))]
    if (variantIds.length === 0) {
      return new StepResponse(undefined, { codes: [] as CodeSnapshot[], metadata: [] as MetadataSnapshot[] })
    }
    const before = await products.listProductVariants(
      { id: variantIds },
      { select: ["id", "sku", "barcode", "product_id"], take: variantIds.length }
    )
    const codes: CodeSnapshot[] = before.map((variant) => ({ id: variant.id, sku: variant.sku ?? null, barcode: variant.barcode ?? null }))
    const page = new Set(input.page_external_ids)
    const outsideProductIds = [
      ...new Set(
        before
          .filter((variant) => {
            const release = input.releases.find((entry) => entry.variantId === variant.id)
            return release !== undefined && !page.has(String(release.productExternalId))
          })
          .map((variant) => variant.product_id)
          .filter((id): id is string => typeof id === "string")
      ),
    ]
    const outside = outsideProductIds.length
      ? await products.listProducts({ id: outsideProductIds }, { select: ["id", "metadata"], take: outsideProductIds.length })
      : []
    const metadata: MetadataSnapshot[] = outside.map((product) => ({ id: product.id, metadata: product.metadata ?? null }))

    for (const variant of codes) {
      const cleared = Object.fromEntries(
        input.releases.filter((release) => release.variantId === variant.id).map((release) => [release.field, null])
      )
      await products.updateProductVariants(variant.id, cleared)
    }
    for (const product of metadata) {
      const { [SYNC_HASH_KEY]: _hash, ...kept } = product.metadata ?? {}
      await products.updateProducts(product.id, { metadata: { ...kept, [SYNC_HASH_KEY]: "", [CODES_PENDING_KEY]: true } })
    }
    return new StepResponse(undefined, { codes, metadata })
  },
  async (snapshot, { container }) => {
    if (!snapshot || (snapshot.codes.length === 0 && snapshot.metadata.length === 0)) {
      return
    }
    const products: IProductModuleService = container.resolve(Modules.PRODUCT)
    for (const variant of snapshot.codes) {
      await products.updateProductVariants(variant.id, { sku: variant.sku, barcode: variant.barcode })
    }
    for (const product of snapshot.metadata) {
      await products.updateProducts(product.id, { metadata: product.metadata ?? {} })
    }
  }
)
