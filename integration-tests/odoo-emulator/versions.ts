/**
 * What differs when the emulator poses as an Odoo before 18 (the recordings are of 18): products
 * have no `is_storable`; storable goods are `type = 'product'`, with the same choice in
 * `detailed_type` (Odoo 16 and 17). Odoo 16 has no `web_read` (added in 17), and its
 * `web_search_read` takes `fields`, not a `specification` (17 changed it). Odoo 19 adds JSON-2
 * (json2.ts); its product fields are 18's for what the sync reads.
 */
import { fieldFromDescription, type Store } from "./store"
import type { JsonObject } from "./types"

export function odooMajor(version: string): number {
  return Number(/^(\d+)/.exec(version)?.[1] ?? 18)
}

const TYPE_BEFORE_18 = [
  ["consu", "Consumable"],
  ["service", "Service"],
  ["product", "Storable Product"],
]

/** Methods a version does not have: calling them answers "does not exist", as Odoo does. */
export function methodMissingIn(version: string, method: string): boolean {
  return method === "web_read" && odooMajor(version) < 17
}

/**
 * A keyword argument the version's method does not take, if one is given: Odoo 16's
 * `web_search_read(domain, fields, offset, limit, order, count_limit)` has no `specification`,
 * and Python refuses it as an unexpected keyword argument.
 */
export function unexpectedKeywordIn(version: string, method: string, keywords: JsonObject): string | undefined {
  if (method === "web_search_read" && odooMajor(version) < 17 && "specification" in keywords) return "specification"
  return undefined
}

/** Reshapes a loaded 18 store into an older version's product fields and data. */
export function applyOdooVersion(store: Store, version: string): void {
  if (odooMajor(version) >= 18) return
  for (const model of ["product.template", "product.product"]) {
    const table = store.tables.get(model)
    const type = table?.fields.get("type")
    if (!table || !type) continue
    table.fields.delete("is_storable")
    const description: JsonObject = { ...type.description, selection: TYPE_BEFORE_18, string: "Type", help: "" }
    const retyped = fieldFromDescription("type", description)
    const detailed = fieldFromDescription("detailed_type", { ...description, name: "detailed_type", string: "Product Type" })
    retyped.delegated = type.delegated
    detailed.delegated = type.delegated
    table.fields.set("type", retyped)
    table.fields.set("detailed_type", detailed)
    for (const record of table.records.values()) {
      if (model === "product.template" || !type.delegated) {
        const kind = record.is_storable === true ? "product" : record.type === "service" ? "service" : "consu"
        record.type = kind
        record.detailed_type = kind
      }
      delete record.is_storable
    }
  }
}
