/**
 * Shapes shared by the Odoo → Medusa mapping layer. Odoo rows are typed loosely on purpose:
 * every field is `unknown` until a reader in `odoo-fields.ts` has checked it.
 */

/** A raw row as Odoo's search_read returns it (empty = false, many2one = [id, "name"]). */
export type OdooRecord = Record<string, unknown> & { id: number }

export interface OdooCatalogPage {
  /** product.template */
  templates: OdooRecord[]
  /** product.product (active ones of these templates) */
  variants: OdooRecord[]
  /** product.template.attribute.line */
  attributeLines: OdooRecord[]
  /** product.template.attribute.value */
  templateAttributeValues: OdooRecord[]
  /** product.attribute (id, name, create_variant, sequence) */
  attributes: OdooRecord[]
}

export interface MappingContext {
  /** Lowercase ISO code, e.g. "usd"; rounding as res.currency.rounding (0.01). */
  companyCurrency: { code: string; rounding: number }
  /** Store currencies Odoo has an active rate for; rate = units per 1 company-currency unit. */
  otherCurrencies: { code: string; rate: number; rounding: number }[]
  /**
   * The currencies templates are priced in (each company's currency), by Odoo currency id: code,
   * rounding, and Odoo's conversion rate (res.currency._get_conversion_rate for the user's
   * company) to each store currency it can be converted to. When given, a template's prices come
   * from its own `currency_id` (else from companyCurrency/otherCurrencies).
   */
  sourceCurrencies?: Record<string, SourceCurrency>
  /** The store currencies to price in (lowercase code, Odoo's rounding). */
  targetCurrencies?: { code: string; rounding: number }[]
  /** website_sale installed: website_url / is_published exist. */
  websiteSale: boolean
}

export interface SourceCurrency {
  code: string
  rounding: number
  /** Target code → amount in target per unit of this currency, as Odoo's _get_conversion_rate. */
  rates: Record<string, number>
}

export interface MappedPrice {
  currency_code: string
  amount: number
}

export interface MappedVariant {
  externalId: string
  title: string
  sku: string | null
  barcode: string | null
  weight: number | null
  options: Record<string, string>
  prices: MappedPrice[]
  /** Odoo tracks its stock (storable): Medusa manages its inventory, the stock sync fills it. */
  manageInventory: boolean
}

export interface MappedOption {
  title: string
  values: string[]
}

export type MappedStatus = "published" | "draft"

export interface MappedProduct {
  externalId: string
  title: string
  description: string | null
  handle: string
  status: MappedStatus
  options: MappedOption[]
  variants: MappedVariant[]
  metadata: Record<string, unknown>
  hash: string
}

export interface MappingSkip {
  /** Id of the Odoo record that is wrong (0 when the record has no usable id). */
  odooId: number
  /** Odoo model of that record, e.g. "product.product". */
  model: string
  reason: string
  /** The template that was not synced because of it, when there is one. */
  templateId?: number
}

export type MappingResult =
  | { ok: true; product: MappedProduct }
  | ({ ok: false } & MappingSkip)

export interface CatalogMapping {
  products: MappedProduct[]
  skipped: MappingSkip[]
}

/** What Medusa holds for one synced product (read by the caller). */
export interface ExistingProduct {
  id: string
  externalId: string
  handle: string
  status: string
  /** metadata.odoo_sync_hash */
  syncHash: string | null
  variants: { id: string; externalId: string | null; sku: string | null; barcode: string | null }[]
}

export interface TakenCode {
  variantId: string
  productExternalId: string | null
  /** Odoo no longer gives this code to the variant behind the holder: it is free to take. */
  released?: boolean
}

/** Codes already in use in Medusa (any product), keyed by the exact value. */
export interface TakenIdentifiers {
  skus: Map<string, TakenCode>
  barcodes: Map<string, TakenCode>
  /** handle → Medusa product id */
  handles: Map<string, string>
}

export type ClashField = "sku" | "barcode" | "handle"

export interface Clash {
  /** Odoo variant id for sku/barcode, Odoo template id for handle. */
  odooId: string
  field: ClashField
  value: string
  /** Medusa variant/product id, or the other Odoo variant/template id when the clash is inside the page. */
  heldBy: string
  /** Odoo template id of the product that lost the value. */
  productExternalId: string
}

/** A code a Medusa variant gives up before the page's writes, so that another variant can take it. */
export interface CodeRelease {
  variantId: string
  field: "sku" | "barcode"
  value: string
  /** Odoo template id of the product holding it (null: not a synced product). */
  productExternalId: string | null
}

export interface PagePlan {
  create: MappedProduct[]
  update: { product: MappedProduct; existing: ExistingProduct }[]
  unchanged: ExistingProduct[]
  clashes: Clash[]
  /** Codes to clear first (unique in Medusa): they move to another variant in this page. */
  releases: CodeRelease[]
}

