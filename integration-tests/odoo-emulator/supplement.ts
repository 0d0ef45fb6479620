/**
 * Records and values the emulator needs beyond the catalog fixture:
 * - base records every Odoo database has (users and their partners, system parameters);
 * - facts about the recorded demo database that the fixture export left out (models it did not
 *   export, such as attribute exclusions and countries, and fields it did not export, such as the
 *   variant cost or an attribute's visibility). Each demo fact is applied only when the record it
 *   completes is there and still looks like the demo one, so other fixtures are left untouched.
 */
import type { Env } from "./store"
import type { JsonObject, RawRecord } from "./types"
import type { EmulatorUsers } from "./users"

interface DemoFact {
  model: string
  id: number
  /** Values the existing record must have for the fact to apply. */
  when: JsonObject
  set: JsonObject
}

const DEMO_FACTS: DemoFact[] = [
  { model: "product.attribute", id: 2, when: { name: "Color" }, set: { visibility: "hidden" } },
  { model: "product.pricelist", id: 1, when: { name: "Christmas" }, set: { website_id: 1, selectable: false, code: false, country_group_ids: [1] } },
  { model: "product.pricelist", id: 2, when: { name: "Benelux" }, set: { website_id: 1, selectable: false, code: false, country_group_ids: [7] } },
  { model: "product.pricelist", id: 3, when: { name: "EUR" }, set: { website_id: 1, selectable: true, code: false, country_group_ids: [1] } },
  { model: "res.company", id: 1, when: { name: "My Company (San Francisco)" }, set: { country_id: 233, sequence: 10 } },
  { model: "res.company", id: 2, when: { name: "My Company (Chicago)" }, set: { country_id: 233, sequence: 10 } },
  // Customizable Desk variants cost 500 in the demo data (the export has template costs only).
  { model: "product.product", id: 12, when: { default_code: "FURN_0096" }, set: { standard_price: 500 } },
  { model: "product.product", id: 13, when: { default_code: "FURN_0097" }, set: { standard_price: 500 } },
  { model: "product.product", id: 14, when: { default_code: "FURN_0098" }, set: { standard_price: 500 } },
  // Lots of the demo stock (the export has no lot on quants).
  { model: "stock.quant", id: 13, when: { product_id: 33 }, set: { lot_id: 1 } },
  { model: "stock.quant", id: 28, when: { product_id: 33 }, set: { lot_id: 1 } },
  { model: "stock.quant", id: 31, when: { product_id: 44 }, set: { lot_id: 3 } },
  { model: "stock.quant", id: 32, when: { product_id: 44 }, set: { lot_id: 4 } },
  { model: "stock.quant", id: 33, when: { product_id: 44 }, set: { lot_id: 3 } },
  { model: "stock.quant", id: 34, when: { product_id: 44 }, set: { lot_id: 4 } },
  // Virtual locations per company (the export has no company on locations).
  { model: "stock.location", id: 14, when: { name: "Inventory adjustment" }, set: { company_id: 1 } },
  { model: "stock.location", id: 15, when: { name: "Production" }, set: { company_id: 1 } },
  { model: "stock.location", id: 16, when: { name: "Scrap" }, set: { company_id: 1 } },
  { model: "stock.location", id: 24, when: { name: "Inventory adjustment" }, set: { company_id: 2 } },
  { model: "stock.location", id: 25, when: { name: "Production" }, set: { company_id: 2 } },
  { model: "stock.location", id: 26, when: { name: "Scrap" }, set: { company_id: 2 } },
]

/** product.template.attribute.exclusion of the demo data: Desk legs vs. colours and chairs. */
const DEMO_EXCLUSIONS: { id: number; ptav: number; template: number; values: number[]; check: [number, number, string][] }[] = [
  { id: 1, ptav: 2, template: 9, values: [4], check: [[2, 9, "Aluminium"], [4, 9, "Black"]] },
  { id: 2, ptav: 2, template: 16, values: [5], check: [[2, 9, "Aluminium"], [5, 16, "Steel"]] },
  { id: 3, ptav: 1, template: 16, values: [6], check: [[1, 9, "Steel"], [6, 16, "Aluminium"]] },
]

function matches(record: RawRecord | undefined, when: JsonObject): record is RawRecord {
  return record !== undefined && Object.entries(when).every(([field, value]) => record[field] === value)
}

function insertIfMissing(env: Env, model: string, record: RawRecord): void {
  if (!env.hasModel(model)) return
  const table = env.table(model)
  const existing = table.records.get(record.id)
  if (existing) {
    for (const [field, value] of Object.entries(record)) if (existing[field] === undefined) existing[field] = value
    return
  }
  table.insert(record)
}

export function applySupplement(env: Env, users: EmulatorUsers): void {
  const stamp = env.store.tick()
  const base = { create_date: stamp, write_date: stamp }
  insertIfMissing(env, "res.country", { id: 233, name: "United States", code: "US" })
  insertIfMissing(env, "res.country.group", { id: 1, name: "European Union", country_ids: [] })
  insertIfMissing(env, "res.country.group", { id: 7, name: "BeNeLux", country_ids: [] })
  insertIfMissing(env, "website", { id: 1, name: "My Website", sequence: 10 })
  insertIfMissing(env, "ir.config_parameter", { id: 1, key: "web.base.url", value: "http://localhost:8069", ...base })
  insertIfMissing(env, "ir.config_parameter", { id: 2, key: "database.uuid", value: "8a3f0a6e-0d6f-11ef-9a52-0242ac120002", ...base })
  const companies = [...env.table("res.company").records.keys()].sort((a, b) => a - b)
  const mainCompany = companies[0] ?? 1
  for (const companyId of companies) {
    const companyRecord = env.table("res.company").records.get(companyId)
    // A fixture with contacts has the company's partner already (v2: "My Company (Chicago)" is 42).
    const named = [...env.table("res.partner").records.values()].some((record) => record.is_company === true && record.name === companyRecord?.name)
    if (named) continue
    insertIfMissing(env, "res.partner", {
      id: companyId === mainCompany ? 1 : 100 + companyId,
      name: typeof companyRecord?.name === "string" ? companyRecord.name : `Company ${companyId}`,
      is_company: true,
      active: true,
      company_id: companyId,
      ...base,
    })
  }
  // OdooBot, the superuser (uid 1) that owns records created by the system.
  insertIfMissing(env, "res.partner", { id: 2, name: "OdooBot", is_company: false, active: false, ...base })
  insertIfMissing(env, "res.users", { id: 1, name: "OdooBot", login: "__system__", active: false, partner_id: 2, company_id: mainCompany, company_ids: companies, share: false, ...base })
  for (const user of Object.values(users)) {
    insertIfMissing(env, "res.partner", { id: user.partnerId, name: user.name, is_company: false, active: true, email: `${user.login}@example.com`, ...base })
    insertIfMissing(env, "res.users", {
      id: user.uid,
      name: user.name,
      login: user.login,
      active: true,
      partner_id: user.partnerId,
      company_id: mainCompany,
      // Odoo's demo data lets the admin into every company (the stock demo's Chicago too).
      company_ids: user.login === "admin" ? companies : [mainCompany],
      share: user.groups.includes("User types/Portal"),
      ...base,
    })
  }

  const drawer = env.browse("product.product", 33)
  const cableBox = env.browse("product.product", 44)
  if (drawer?.default_code === "FURN_8855") insertIfMissing(env, "stock.lot", { id: 1, name: "0000000000029", product_id: 33, company_id: mainCompany, ...base })
  if (cableBox?.default_code === "FURN_5555") {
    insertIfMissing(env, "stock.lot", { id: 3, name: "CM-BOX-00001", product_id: 44, company_id: mainCompany, ...base })
    insertIfMissing(env, "stock.lot", { id: 4, name: "CM-BOX-00002", product_id: 44, company_id: mainCompany, ...base })
  }
  for (const fact of DEMO_FACTS) {
    if (!env.hasModel(fact.model)) continue
    const record = env.table(fact.model).records.get(fact.id)
    if (matches(record, fact.when)) Object.assign(record, fact.set)
  }
  const exclusions = env.table("product.template.attribute.exclusion")
  for (const exclusion of DEMO_EXCLUSIONS) {
    const consistent = exclusion.check.every(([ptavId, templateId, name]) => {
      const ptav = env.browse("product.template.attribute.value", ptavId)
      return ptav !== undefined && ptav.product_tmpl_id === templateId && env.get("product.template.attribute.value", ptav, "name") === name
    })
    if (consistent && !exclusions.records.has(exclusion.id)) {
      exclusions.insert({
        id: exclusion.id,
        product_template_attribute_value_id: exclusion.ptav,
        product_tmpl_id: exclusion.template,
        value_ids: exclusion.values,
        ...base,
      })
    }
  }
}
