/**
 * Pure Odoo 18 ⇄ Medusa v2 product mapping: Odoo rows in, plain Medusa-shaped data out.
 * No I/O, no container, no clock.
 */
export type {
  CatalogMapping,
  Clash,
  ClashField,
  CodeRelease,
  ExistingProduct,
  MappedOption,
  MappedPrice,
  MappedProduct,
  MappedStatus,
  MappedVariant,
  MappingContext,
  MappingResult,
  MappingSkip,
  OdooCatalogPage,
  OdooRecord,
  PagePlan,
  TakenCode,
  TakenIdentifiers,
} from "./types"
export type { PageIndex } from "./page-index"
export type { CreateInputContext } from "./medusa-input"

export { indexPage } from "./page-index"
export {
  checkContext,
  cleanCode,
  DEFAULT_OPTION_TITLE,
  DEFAULT_OPTION_VALUE,
  mapCatalogPage,
  mapTemplate,
  VARIANT_TITLE_SEPARATOR,
} from "./map-template"
export { handleOf, htmlToText, MAX_HANDLE_LENGTH, MAX_TITLE_LENGTH } from "./text"
export { convertPrice, floatRound, MAX_PRICE_AMOUNT } from "./money"
export { canonicalJson, hashMappedProduct, hashOwnedFields, MAPPING_VERSION, type OwnedProductFields } from "./hash"
export { CODES_PENDING_KEY, handleCandidates, planPage, type PendingCode, VARIANT_IDS_KEY } from "./plan"
export { toCreateProductInput } from "./medusa-input"
