/** Shapes of what goes to and comes from Odoo's ORM methods. */

export type OdooDomainOperator = "&" | "|" | "!"
/** `[field, operator, value]`; Odoo's constant leaves `[1, "=", 1]` / `[0, "=", 1]` use a number. */
export type OdooDomainLeaf = readonly [string | number, string, unknown]
export type OdooDomainTerm = OdooDomainOperator | OdooDomainLeaf
/**
 * Odoo's prefix-notation search domain: a list of `OdooDomainTerm`s, e.g.
 * `[["sale_ok", "=", true], "|", ...]`. Typed loosely on purpose: literals such as
 * `[["write_date", ">=", since]]` infer as `string[][]`, and Odoo checks every term anyway (a bad
 * one comes back as an `invalid_request` error). The module options validate their domain fully.
 */
export type OdooDomain = readonly unknown[]

export type OdooContext = Record<string, unknown>

/** A record as `read`/`search_read` return it: empty values are `false`, many2one `[id, name]`. */
export type OdooRecord = { id: number } & Record<string, unknown>

/** Field values for `create`/`write`. */
export type OdooValues = Record<string, unknown>

export interface OdooServerVersion {
  server_version: string
  server_version_info: Array<string | number>
  server_serie: string
  protocol_version: number
  [key: string]: unknown
}

/** One entry of `fields_get`: which attributes are present depends on the `attributes` asked. */
export interface OdooFieldDescription {
  type?: string
  string?: string
  [attribute: string]: unknown
}

export interface SearchOptions {
  domain?: OdooDomain
  offset?: number
  limit?: number
  order?: string
  context?: OdooContext
}

export interface SearchReadOptions extends SearchOptions {
  fields?: readonly string[]
}

export interface ReadOptions {
  fields?: readonly string[]
  context?: OdooContext
}

export interface SearchCountOptions {
  domain?: OdooDomain
  context?: OdooContext
}

export interface FieldsGetOptions {
  /** Only these fields (all of the model's when left out). */
  allfields?: readonly string[]
  attributes?: readonly string[]
  context?: OdooContext
}

export interface ContextOptions {
  context?: OdooContext
}

/** The part of Medusa's Logger the client uses; Medusa's logger fits it as is. */
export interface OdooLogger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}
