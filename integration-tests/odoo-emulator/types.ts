/** Shared types of the Odoo emulator. */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/**
 * A record as the store keeps it: many2one as an id or `false`, x2many as a list of ids, every
 * other value as Odoo's `read` shows it (`false` for empty, never null).
 */
export interface RawRecord {
  id: number
  [field: string]: JsonValue
}

/** Odoo's context dictionary (`lang`, `active_test`, `warehouse_id`, ...). */
export type OdooContext = JsonObject

export type FieldType =
  | "char"
  | "text"
  | "html"
  | "integer"
  | "float"
  | "monetary"
  | "boolean"
  | "selection"
  | "date"
  | "datetime"
  | "binary"
  | "many2one"
  | "one2many"
  | "many2many"
  | "reference"
  | "many2one_reference"
  | "json"
  | "properties"
  | "properties_definition"

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function isIdList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === "number")
}

/** A fixture as `fixtures/odoo18-demo.json` (or the generator) provides it. */
export interface Fixture {
  odoo_version?: string
  exported_at?: string
  models: Record<string, { fields?: Record<string, JsonObject>; records: JsonObject[] }>
}
