import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import {
  listChangedTemplates,
  listSyncedTemplateIds,
  readCatalogShape,
  readLatestWriteDate,
  readCurrencies,
  writeDateCeiling,
} from "../../lib/odoo-sync/catalog-reader"
import { PRODUCT_CURSOR_NAME } from "../../lib/odoo-sync/constants"
import { buildCurrencyContext } from "../../lib/odoo-sync/plan-run"

export type ReadOdooChangesStepInput = {
  full: boolean
  store_currency_codes: string[]
}

export const readOdooChangesStepId = "read-odoo-changes"

/**
 * Reads what a run needs to plan: which fields this Odoo has, the currencies, the ids of the
 * templates that belong in Medusa, and (incremental runs) those changed since the cursor.
 */
export const readOdooChangesStep = createStep(
  readOdooChangesStepId,
  async (input: ReadOdooChangesStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const options = odoo.getSyncOptions()
    const [cursor] = await odoo.listOdooSyncCursors({ name: PRODUCT_CURSOR_NAME })
    const notAfter = writeDateCeiling(new Date())
    const marked = typeof cursor?.marks?.write_date === "string" ? cursor.marks.write_date : null
    // A cursor in the future (set before future-dated records were left out) would hide every
    // change: read everything once instead.
    const since = marked !== null && marked <= notAfter ? marked : null
    const incremental = !input.full && since !== null

    const [shape, syncedTemplateIds, changed, currencies] = await Promise.all([
      readCatalogShape(odoo.client),
      listSyncedTemplateIds(odoo.client, options.productDomain),
      incremental
        ? listChangedTemplates(odoo.client, since, notAfter)
        : readLatestWriteDate(odoo.client, notAfter).then((lastWriteDate) => ({ ids: null, lastWriteDate })),
      readCurrencies(odoo.client, input.store_currency_codes),
    ])
    return new StepResponse({
      shape,
      syncedTemplateIds,
      changedTemplateIds: changed.ids,
      lastWriteDate: changed.lastWriteDate ?? since,
      currencyContext: buildCurrencyContext(
        currencies.companyCurrencyId,
        currencies.currencies,
        input.store_currency_codes
      ),
      batchSize: options.batchSize,
      onRemoved: options.onRemoved,
    })
  }
)
