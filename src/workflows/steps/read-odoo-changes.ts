import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import {
  listChangedTemplates,
  listSyncedTemplates,
  readCatalogShape,
  readLatestWriteMark,
  readCurrencies,
  writeDateCeiling,
} from "../../lib/odoo-sync/catalog-reader"
import { MAPPING_VERSION } from "../../lib/odoo-mapping"
import {
  catalogFingerprint,
  fingerprintFromCursor,
  settledUntil,
  writeMarkFromCursor,
  type WriteMark,
} from "../../lib/odoo-sync/write-mark"
import { PRODUCT_CURSOR_NAME } from "../../lib/odoo-sync/constants"
import { buildCurrencyContext } from "../../lib/odoo-sync/plan-run"

export type ReadOdooChangesStepInput = {
  full: boolean
  store_currency_codes: string[]
}

export const readOdooChangesStepId = "read-odoo-changes"

/**
 * Reads what a run needs to plan: which fields this Odoo has, the currencies, the ids of the
 * templates that belong in Medusa, and (incremental runs) those changed since the cursor; all
 * of them when what every product depends on changed since (see catalogFingerprint).
 */
export const readOdooChangesStep = createStep(
  readOdooChangesStepId,
  async (input: ReadOdooChangesStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const options = odoo.getSyncOptions()
    const [cursor] = await odoo.listOdooSyncCursors({ name: PRODUCT_CURSOR_NAME })
    const readAt = new Date()
    const notAfter = writeDateCeiling(readAt)
    const settled = settledUntil(readAt)
    const marked = writeMarkFromCursor(cursor?.marks)
    // A cursor in the future (set before future-dated records were left out) would hide every
    // change: read everything once instead.
    const since = marked !== null && marked.write_date <= notAfter ? marked : null
    const incremental = !input.full && since !== null

    const shapeRead = readCatalogShape(odoo.client)
    // website_sale's extra images are followed too (product.image exists only with it).
    const [shape, { templateIds: syncedTemplateIds, activeVariantIds, extraImageIds }, changed, currencies] = await Promise.all([
      shapeRead,
      incremental
        ? shapeRead.then(({ websiteSale }) => listSyncedTemplates(odoo.client, options.productDomain, { withExtraImages: websiteSale }))
        : listSyncedTemplates(odoo.client, options.productDomain, null),
      shapeRead.then(({ websiteSale }): Promise<{ ids: number[] | null; mark: WriteMark | null }> =>
        incremental
          ? listChangedTemplates(odoo.client, since, notAfter, settled, websiteSale)
          : readLatestWriteMark(odoo.client, notAfter, settled, websiteSale).then((mark) => ({ ids: null, mark }))
      ),
      readCurrencies(odoo.client, input.store_currency_codes),
    ])
    const currencyContext = buildCurrencyContext(currencies, input.store_currency_codes)
    const fingerprint = catalogFingerprint({ mappingVersion: MAPPING_VERSION, currencyContext, shape })
    // Rates, currencies, fields or mapping rules changed: every product may read differently.
    const contextChanged = fingerprint !== fingerprintFromCursor(cursor?.marks)
    return new StepResponse({
      shape,
      syncedTemplateIds,
      changedTemplateIds: contextChanged ? null : changed.ids,
      writeMark: changed.mark ?? since,
      fingerprint,
      currencyContext,
      activeVariantIds,
      extraImageIds,
      batchSize: options.batchSize,
      onRemoved: options.onRemoved,
    })
  }
)
