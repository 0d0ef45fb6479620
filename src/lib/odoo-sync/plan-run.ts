import { CODES_PENDING_KEY, hashOwnedFields, VARIANT_IDS_KEY } from "../odoo-mapping"
import type { Clash, MappingContext, PendingCode } from "../odoo-mapping"
import type { OdooCurrencyFacts, OdooRow } from "./catalog-reader"

/** A Medusa product as the run planner sees it. */
export type SyncedProductState = {
  id: string
  external_id: string | null
  title?: string | null
  description?: string | null
  status: string
  metadata: Record<string, unknown> | null
  /** Its images (their metadata names the Odoo image each came from). */
  images?: { metadata?: Record<string, unknown> | null }[] | null
}

/** The website_sale extra image (`product.image` id) a Medusa image came from, else null. */
function extraImageIdOf(image: { metadata?: Record<string, unknown> | null }): number | null {
  const key = image.metadata?.odoo_image
  const match = typeof key === "string" ? /^product\.image-(\d+)-/.exec(key) : null
  return match ? Number(match[1]) : null
}

export type CurrencyContext = Omit<MappingContext, "websiteSale"> & {
  /** Store currencies (or company currencies) that get no prices, with why: reported once per run. */
  unpriced?: { code: string; reason: string }[]
}

export type RunPlan = {
  /** Template ids to read and write, in pages of `batchSize`. */
  pages: number[][]
  /** Medusa products whose template left the sync, by what happens to them. */
  removals: { draft: string[]; delete: string[] }
  /** Products the sync wrote and has not taken out: what a removal's share is measured against. */
  liveProducts: number
  /** Clashes of products waiting for a code that this run does not read: still reported. */
  waitingClashes: Clash[]
}

/** A Medusa variant holding a code some synced product waits for. */
export type PendingCodeHolder = { product_id: string; sku: string | null; barcode: string | null }

function isPendingCode(value: unknown): value is PendingCode {
  if (typeof value !== "object" || value === null) return false
  const code = value as Record<string, unknown>
  return (
    (code.field === "sku" || code.field === "barcode") &&
    typeof code.value === "string" &&
    typeof code.odoo_id === "string" &&
    typeof code.held_by === "string"
  )
}

/**
 * The codes a synced product waits for (CODES_PENDING_KEY): its clashes, or "always" when it
 * must be read whatever happened (set so, or not readable as clashes), or null when none.
 */
export function pendingCodesOf(product: Pick<SyncedProductState, "metadata">): PendingCode[] | "always" | null {
  const pending = product.metadata?.[CODES_PENDING_KEY]
  if (pending === undefined || pending === null || pending === "" || pending === false) return null
  if (Array.isArray(pending) && pending.length > 0 && pending.every(isPendingCode)) return pending
  return "always"
}

/** The SKUs and barcodes synced products wait for: whose holders the planner needs to know. */
export function pendingCodeValues(products: Pick<SyncedProductState, "metadata">[]): { skus: string[]; barcodes: string[] } {
  const skus = new Set<string>()
  const barcodes = new Set<string>()
  for (const product of products) {
    const codes = pendingCodesOf(product)
    if (!Array.isArray(codes)) continue
    for (const code of codes) (code.field === "sku" ? skus : barcodes).add(code.value)
  }
  return { skus: [...skus].sort(), barcodes: [...barcodes].sort() }
}

/** Metadata keys the sync owns on a product. */
export const SYNC_HASH_KEY = "odoo_sync_hash"
export const REMOVED_KEY = "odoo_removed"
/** When the sync last wrote the product (ISO), for people to see. */
export const SYNCED_AT_KEY = "odoo_synced_at"
/** Hash of the Odoo-owned product fields as the sync last wrote them. */
export const FIELDS_HASH_KEY = "odoo_fields_hash"

/**
 * Whether someone changed the Odoo-owned fields of the product in Medusa (an admin's edit of its
 * title, description or status) since the sync wrote them: they are then written again even
 * though Odoo did not change. Without a recorded hash (never written by this version) nothing
 * is known, so no.
 */
export function editedInMedusa(product: Pick<SyncedProductState, "title" | "description" | "status" | "metadata">): boolean {
  const written = product.metadata?.[FIELDS_HASH_KEY]
  if (typeof written !== "string" || typeof product.title !== "string") {
    return false
  }
  return written !== hashOwnedFields({ title: product.title, description: product.description ?? null, status: product.status })
}

function isRemoved(product: SyncedProductState): boolean {
  return product.metadata?.[REMOVED_KEY] === true
}

/** The template id of a product this sync wrote (it sets both external ids), else null. */
function syncedTemplateId(product: SyncedProductState): number | null {
  const templateId = Number(product.external_id)
  const written = product.metadata?.external_id === product.external_id
  return written && Number.isInteger(templateId) && templateId > 0 ? templateId : null
}

/**
 * Which templates a run reads and which Medusa products leave the catalog.
 * - full: every template that belongs in Medusa;
 * - incremental: those changed since the cursor, plus those Medusa lacks or holds as removed
 *   (new in the domain without a write, e.g. after `productDomain` changed), plus those an
 *   admin edited in Medusa since the sync wrote them, plus those with a variant waiting for a
 *   SKU or barcode another variant held (CODES_PENDING_KEY) when the holder's template is read
 *   or leaves, or the holder is not a synced product (else their clashes are carried into the
 *   report unread: `waitingClashes`), plus those written with a variant
 *   Odoo no longer has active (deleted variants change no write_date), plus those a cut-short run was writing
 *   (`unfinishedTemplateIds`).
 * Products whose template no longer belongs (archived, not for sale, out of the domain,
 * deleted) are removed, unless already removed.
 */
export function planRun(input: {
  full: boolean
  syncedTemplateIds: number[]
  changedTemplateIds: number[] | null
  /** Templates whose page a failed or killed run was writing: possibly half-written. */
  unfinishedTemplateIds?: number[]
  medusaProducts: SyncedProductState[]
  /** Odoo's active variants of the synced templates (incremental runs): a product written with a variant not among them is read. */
  activeVariantIds?: number[] | null
  /** Odoo's extra images of the synced templates (incremental runs, website_sale): a product with an image of one not among them is read. */
  extraImageIds?: number[] | null
  batchSize: number
  onRemoved: "draft" | "delete"
  /** A run limited to these templates ("Sync this product now"): read them whatever changed. */
  onlyTemplateIds?: number[] | null
  /** Medusa's holders of the codes synced products wait for; without them, waiting products are read. */
  pendingCodeHolders?: PendingCodeHolder[] | null
}): RunPlan {
  const synced = new Set(input.syncedTemplateIds)
  const only = input.onlyTemplateIds?.length ? new Set(input.onlyTemplateIds) : null
  const live = new Map<number, SyncedProductState>()
  for (const product of input.medusaProducts) {
    const templateId = syncedTemplateId(product)
    if (templateId !== null && !isRemoved(product)) {
      live.set(templateId, product)
    }
  }

  const leaving = [...live.entries()]
    .filter(([templateId]) => !synced.has(templateId) && (!only || only.has(templateId)))
    .map(([, product]) => product.id)

  const waitingClashes: Clash[] = []
  let toRead: number[]
  if (only) {
    toRead = [...only].filter((id) => synced.has(id))
  } else if (input.full || input.changedTemplateIds === null) {
    toRead = [...synced]
  } else {
    const wanted = new Set(
      [...input.changedTemplateIds, ...(input.unfinishedTemplateIds ?? [])].filter((id) => synced.has(id))
    )
    const active = input.activeVariantIds ? new Set(input.activeVariantIds) : null
    const lostVariant = (product: SyncedProductState): boolean => {
      const written = product.metadata?.[VARIANT_IDS_KEY]
      return active !== null && Array.isArray(written) && written.some((id) => !active.has(Number(id)))
    }
    const extraImages = input.extraImageIds ? new Set(input.extraImageIds) : null
    const lostExtraImage = (product: SyncedProductState): boolean =>
      extraImages !== null &&
      (product.images ?? []).some((image) => {
        const extraId = extraImageIdOf(image)
        return extraId !== null && !extraImages.has(extraId)
      })
    const waiting = new Map<number, PendingCode[]>()
    for (const id of synced) {
      const product = live.get(id)
      const pending = product ? pendingCodesOf(product) : null
      if (!product || editedInMedusa(product) || pending === "always" || lostVariant(product) || lostExtraImage(product)) {
        wanted.add(id)
      } else if (pending) {
        waiting.set(id, pending)
      }
    }
    // A code a synced product holds is freed only by a change in Odoo to that holder (written,
    // archived, deleted, leaving the sync), which puts the holder's template in this run; one held
    // by anything else (an admin's product, a product taken out), or by nothing now, may have been
    // freed in Medusa. The holder may be the waiting product itself (Odoo lets two variants of a
    // template share a default_code).
    const templateOfLiveProduct = new Map([...live.entries()].map(([templateId, product]) => [product.id, templateId]))
    const mayBeFreed = (code: PendingCode): boolean => {
      const holder = input.pendingCodeHolders?.find((row) => row[code.field] === code.value)
      const holderTemplate = holder ? templateOfLiveProduct.get(holder.product_id) : undefined
      return holderTemplate === undefined || wanted.has(holderTemplate) || !synced.has(holderTemplate)
    }
    for (const [id, codes] of waiting) {
      if (!input.pendingCodeHolders || codes.some(mayBeFreed)) {
        wanted.add(id)
      } else {
        waitingClashes.push(
          ...codes.map((code) => ({
            odooId: code.odoo_id,
            field: code.field,
            value: code.value,
            heldBy: code.held_by,
            productExternalId: String(id),
          }))
        )
      }
    }
    toRead = [...wanted]
  }
  toRead.sort((a, b) => a - b)

  return {
    pages: chunk(toRead, input.batchSize),
    removals: {
      draft: input.onRemoved === "draft" ? leaving : [],
      delete: input.onRemoved === "delete" ? leaving : [],
    },
    liveProducts: live.size,
    waitingClashes,
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const pages: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    pages.push(items.slice(i, i + size))
  }
  return pages
}

function roundingOf(currency: OdooRow): number {
  return typeof currency.rounding === "number" && currency.rounding > 0 ? currency.rounding : 0.01
}

/**
 * The currencies a run prices in. Each template is priced in its company's currency and
 * converted into every store currency at Odoo's conversion rate for the current user's company
 * (see readCurrencies). A store currency Odoo does not know, or that has no rate for that
 * company (Odoo would use 1.0), gets no price: it is listed in `unpriced` with why, once.
 */
export function buildCurrencyContext(facts: OdooCurrencyFacts, storeCurrencyCodes: string[]): CurrencyContext {
  const byId = new Map(facts.currencies.map((currency) => [currency.id, currency]))
  const company = facts.companyCurrencyId === undefined ? undefined : byId.get(facts.companyCurrencyId)
  if (!company || typeof company.name !== "string") {
    throw new Error("Odoo's company currency could not be read (res.company.currency_id)")
  }
  const rated = new Set([...facts.ratedCurrencyIds, company.id])
  const codeOf = (currency: OdooRow) => String(currency.name).toLowerCase()
  const wanted = [...new Set(storeCurrencyCodes.map((code) => code.toLowerCase()))].sort()
  // Odoo's currency names are unique; rows that share a code anyway (a bad import) resolve to
  // the active one spelled as the ISO code, never to an archived duplicate with another rate.
  const preference = (currency: OdooRow) => (currency.active === true ? 0 : 2) + (currency.name === codeOf(currency).toUpperCase() ? 0 : 1)
  const known = new Map<string, OdooRow>()
  for (const currency of facts.currencies.filter((row) => wanted.includes(codeOf(row)))) {
    const current = known.get(codeOf(currency))
    if (!current || preference(currency) < preference(current)) known.set(codeOf(currency), currency)
  }
  const unpriced: { code: string; reason: string }[] = []
  const targets: { id: number; code: string; rounding: number }[] = []
  for (const code of wanted) {
    const currency = known.get(code)
    if (!currency) {
      unpriced.push({ code, reason: `store currency ${code.toUpperCase()} is not a currency in Odoo: no ${code.toUpperCase()} prices written` })
    } else if (!rated.has(currency.id)) {
      unpriced.push({
        code,
        reason: `Odoo has no rate for ${code.toUpperCase()} in company ${facts.companyId}: no ${code.toUpperCase()} prices written`,
      })
    } else {
      targets.push({ id: currency.id, code, rounding: roundingOf(currency) })
    }
  }
  const sourceCurrencies: NonNullable<CurrencyContext["sourceCurrencies"]> = {}
  for (const id of facts.sourceCurrencyIds) {
    const source = byId.get(id)
    if (!source || typeof source.name !== "string") continue
    const sourceRated = rated.has(id)
    const rates: Record<string, number> = {}
    for (const target of targets) {
      const rate = facts.conversions[target.id]?.[id]
      if (target.id !== id && sourceRated && typeof rate === "number" && rate > 0 && Number.isFinite(rate)) {
        rates[target.code] = rate
      }
    }
    if (!sourceRated && targets.some((target) => target.id !== id)) {
      unpriced.push({
        code: codeOf(source),
        reason: `Odoo has no rate for ${codeOf(source).toUpperCase()} (a company's currency) in company ${facts.companyId}: its products get no prices in other currencies`,
      })
    }
    sourceCurrencies[String(id)] = { code: codeOf(source), rounding: roundingOf(source), rates }
  }
  const fromCompany = sourceCurrencies[String(company.id)]?.rates ?? {}
  return {
    companyCurrency: { code: codeOf(company), rounding: roundingOf(company) },
    otherCurrencies: targets
      .filter((target) => fromCompany[target.code] !== undefined)
      .map((target) => ({ code: target.code, rate: fromCompany[target.code], rounding: target.rounding })),
    sourceCurrencies,
    targetCurrencies: targets.map(({ code, rounding }) => ({ code, rounding })),
    unpriced,
  }
}
