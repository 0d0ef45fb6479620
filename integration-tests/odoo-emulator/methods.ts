/**
 * The public ORM methods reachable through `object.execute_kw`, with Odoo 18's signatures
 * (positional or keyword arguments), access checks and result shapes.
 */
import {
  OdooError,
  invalidField,
  invalidLanguage,
  privateMethod,
  typeError,
  unknownMethod,
  unknownModel,
  valueError,
} from "./errors"
import { pyRepr, pyTypeName } from "./pyfmt"
import type { AccessOperation, Env, FieldDef } from "./store"
import { isX2many } from "./store"
import type { JsonObject, JsonValue, OdooContext, RawRecord } from "./types"
import { isIdList, isJsonObject } from "./types"
import { checkAccess, type EmulatorUser } from "./users"

type Args = Record<string, JsonValue | undefined>

interface Parameter {
  name: string
  /** Absent: required. */
  default?: JsonValue
}

interface MethodDef {
  /** @api.model methods get no ids; record methods take them as the first positional argument. */
  kind: "model" | "record" | "model_create"
  params: Parameter[]
  /** Python's **kwargs (search_read forwards them to read). */
  extraKwargs?: string[]
  access?: AccessOperation
  run: (call: MethodCall) => JsonValue
}

interface MethodCall {
  env: Env
  model: string
  ids: number[]
  args: Args
  user: EmulatorUser
}

/** Private methods that exist on Odoo 18 models: calling them is an AccessError, not "no such method". */
const KNOWN_PRIVATE_METHODS = new Set([
  "_search",
  "_read",
  "_write",
  "_create",
  "_read_group",
  "_name_search",
  "_compute_display_name",
  "_get_combination_info",
  "_get_possible_variants",
  "_get_first_possible_combination",
  "_is_combination_possible",
  "_create_variant_ids",
  "_get_product_price",
  "_get_products_price",
  "_get_product_price_rule",
  "_compute_price_rule",
  "_get_applicable_rules",
  "_price_compute",
  "_compute_quantities",
  "_compute_quantities_dict",
  "_get_domain_locations",
  "_update_available_quantity",
  "_get_available_quantity",
  "_check_access",
  "_filtered_access",
  "_fetch_query",
  "_flush",
  "_invalidate_cache",
  "_convert_to_write",
  "_get_default_category_id",
  "_set_product_lst_price",
  "_get_display_price",
  "_select_seller",
  "_prepare_variant_values",
])

const LANGUAGES = new Set(["en_US"])

function bindArguments(label: string, params: Parameter[], positional: JsonValue[], keywords: JsonObject, extraKwargs: string[] = []): Args {
  const bound: Args = {}
  if (positional.length > params.length) {
    const required = params.filter((param) => !("default" in param)).length
    const range = required === params.length ? `${params.length + 1}` : `from ${required + 1} to ${params.length + 1}`
    throw typeError(`${label}() takes ${range} positional arguments but ${positional.length + 1} were given`)
  }
  positional.forEach((value, index) => {
    bound[params[index].name] = value
  })
  for (const [name, value] of Object.entries(keywords)) {
    const known = params.some((param) => param.name === name) || extraKwargs.includes(name)
    if (!known) throw typeError(`${label}() got an unexpected keyword argument '${name}'`)
    if (name in bound) throw typeError(`${label}() got multiple values for argument '${name}'`)
    bound[name] = value
  }
  const missing = params.filter((param) => !("default" in param) && !(param.name in bound)).map((param) => `'${param.name}'`)
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : missing.length === 2 ? missing.join(" and ") : `${missing.slice(0, -1).join(", ")}, and ${missing[missing.length - 1]}`
    throw typeError(`${label}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${list}`)
  }
  for (const param of params) {
    if (!(param.name in bound) && "default" in param) bound[param.name] = param.default
  }
  return bound
}

const asNumberOrNull = (value: JsonValue | undefined, name: string): number | null => {
  if (value === undefined || value === null || value === false) return null
  if (typeof value === "number" && Number.isInteger(value)) return value
  throw typeError(`'${name}' must be an integer, not ${pyTypeName(value)}`)
}
const asOrder = (value: JsonValue | undefined): string | null => (typeof value === "string" && value.trim() ? value : null)

function asFieldList(env: Env, model: string, value: JsonValue | undefined): string[] | null {
  if (value === undefined || value === null || value === false) return null
  if (typeof value === "string") return [value]
  if (!Array.isArray(value)) throw typeError(`'${pyTypeName(value)}' object is not iterable`)
  if (value.length === 0) return null
  const names = value.map((item) => {
    if (typeof item !== "string") throw invalidField(model, String(pyRepr(item)))
    return item
  })
  for (const name of names) env.field(model, name)
  return names
}

function allReadableFields(env: Env, model: string): string[] {
  return [...env.table(model).fields.keys()].filter((name) => !name.startsWith("__"))
}

/** Odoo's _read_format: {'id': ..., field: value} with many2one as [id, display_name]. */
export function readRecords(env: Env, model: string, ids: number[], fields: string[] | null, load: JsonValue | undefined = "_classic_read"): JsonObject[] {
  const table = env.table(model)
  const names = fields ?? allReadableFields(env, model)
  const result: JsonObject[] = []
  for (const id of ids) {
    const record = table.records.get(id)
    if (!record) continue
    const row: JsonObject = { id }
    for (const name of names) {
      if (name === "id") continue
      const field = table.fields.get(name) as FieldDef
      row[name] = formatValue(env, model, record, field, load)
    }
    result.push(row)
  }
  return result
}

function formatValue(env: Env, model: string, record: RawRecord, field: FieldDef, load: JsonValue | undefined): JsonValue {
  const value = env.get(model, record, field.name)
  if (field.type === "many2one") {
    if (typeof value !== "number") return false
    if (!load) return value
    return [value, field.relation ? env.displayName(field.relation, value) : `${field.relation},${value}`]
  }
  if (isX2many(field)) return isIdList(value) ? value : []
  if (value === null || value === undefined) return false
  if (field.type === "binary" && typeof value === "string" && env.context.bin_size) return humanSize(Buffer.from(value, "base64").length)
  return value
}

/** odoo.tools.human_size: what binary fields read as with context bin_size. */
function humanSize(bytes: number): string | false {
  if (!bytes) return false
  const units = ["bytes", "Kb", "Mb", "Gb", "Tb"]
  let size = bytes
  let unit = 0
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024
    unit++
  }
  return `${size.toFixed(2)} ${units[unit]}`
}

function toIds(value: JsonValue | undefined): number[] {
  if (typeof value === "number") return [value]
  if (isIdList(value)) return value
  if (value === false || value === null || value === undefined) return []
  throw typeError(`browse() expects ids, got ${pyTypeName(value)}`)
}

/** web_read: the specification picks fields and how relations unfold (Odoo 17+). */
function webRead(env: Env, model: string, ids: number[], specification: JsonValue | undefined): JsonObject[] {
  if (!isJsonObject(specification)) throw typeError("web_read() argument 'specification' must be a dict")
  const fieldNames = Object.keys(specification)
  for (const name of fieldNames) env.field(model, name)
  const rows = fieldNames.length === 0 ? ids.filter((id) => env.browse(model, id)).map((id): JsonObject => ({ id })) : readRecords(env, model, ids, fieldNames, null)
  for (const [name, rawSpec] of Object.entries(specification)) {
    const field = env.field(model, name)
    const spec = isJsonObject(rawSpec) ? rawSpec : {}
    const comodel = field.relation
    if (!comodel || !env.hasModel(comodel)) continue
    const subEnv = isJsonObject(spec.context) ? env.withContext(spec.context) : env
    if (field.type === "many2one") {
      if (!isJsonObject(spec.fields)) continue
      const subFields = { ...spec.fields }
      const wantsDisplayName = "display_name" in subFields
      delete subFields.display_name
      const targets = [...new Set(rows.map((row) => row[name]).filter((value): value is number => typeof value === "number"))]
      const data = new Map(webRead(subEnv, comodel, targets, subFields).map((row) => [row.id as number, row]))
      for (const row of rows) {
        const target = row[name]
        if (typeof target !== "number") continue
        const values = data.get(target) ?? { id: target }
        if (wantsDisplayName) values.display_name = subEnv.displayName(comodel, target)
        row[name] = Object.keys(spec.fields).length === 0 ? target : values
      }
    } else if (isX2many(field)) {
      if (Object.keys(spec).length === 0) continue
      if (typeof spec.order === "string" && spec.order) {
        const all = [...new Set(rows.flatMap((row) => (isIdList(row[name]) ? (row[name] as number[]) : [])))]
        const ordered = subEnv.search(comodel, [["id", "in", all]], { order: spec.order, activeTest: false })
        const position = new Map(ordered.map((id, index) => [id, index]))
        for (const row of rows) {
          const current = isIdList(row[name]) ? (row[name] as number[]) : []
          row[name] = current.filter((id) => position.has(id)).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0))
        }
      }
      if (isJsonObject(spec.fields)) {
        const limit = typeof spec.limit === "number" ? spec.limit : undefined
        const targets = [...new Set(rows.flatMap((row) => (isIdList(row[name]) ? (row[name] as number[]).slice(0, limit) : [])))]
        const data = new Map(webRead(subEnv, comodel, targets, spec.fields).map((row) => [row.id as number, row]))
        for (const row of rows) {
          const current = isIdList(row[name]) ? (row[name] as number[]) : []
          row[name] = current.map((id) => data.get(id) ?? { id })
        }
      }
    }
  }
  return rows
}

function nameSearchDomain(env: Env, model: string, name: string, operator: string): JsonValue[] {
  if (!name && ["ilike", "like", "=like", "=ilike"].includes(operator)) return []
  const spec = env.table(model).spec
  const fields = model === "product.template" ? ["name", "default_code"] : [spec.recName ?? "name"]
  const negative = ["!=", "not like", "not ilike", "not in"].includes(operator)
  const leaves: JsonValue[] = fields.map((field) => [field, operator, name])
  const connector = negative ? "&" : "|"
  return [...Array(Math.max(0, leaves.length - 1)).fill(connector), ...leaves]
}

function baseNameSearch(env: Env, model: string, name: string, domain: JsonValue[], operator: string, limit: number | null): number[] {
  const full = ["&", ...wrap(domain), ...wrap(nameSearchDomain(env, model, name, operator))]
  return env.search(model, full, { limit })
}

/** A domain as a single prefix-notation expression ([] means TRUE). */
function wrap(domain: JsonValue[]): JsonValue[] {
  if (domain.length === 0) return [[1, "=", 1]]
  let expressions = 0
  let pending = 1
  for (const item of domain) {
    if (item === "&" || item === "|") pending += 1
    else if (item !== "!") pending -= 1
    if (pending === 0) {
      expressions += 1
      pending = 1
    }
  }
  return [...Array(Math.max(0, expressions - 1)).fill("&"), ...domain]
}

/** product.product._name_search: exact code, then barcode, then code and name matches. */
function productNameSearch(env: Env, name: string, domain: JsonValue[], operator: string, limit: number | null): number[] {
  const P = "product.product"
  if (!name) return env.search(P, domain, { limit })
  const positive = ["=", "ilike", "=ilike", "like", "=like"].includes(operator)
  const negative = ["!=", "not like", "not ilike", "not in"].includes(operator)
  let ids: number[] = []
  if (positive) {
    ids = env.search(P, ["&", ...wrap(domain), ["default_code", "=", name]], { limit })
    if (ids.length === 0) ids = env.search(P, ["&", ...wrap(domain), ["barcode", "=", name]], { limit })
  }
  if (ids.length === 0 && !negative) {
    ids = env.search(P, ["&", ...wrap(domain), ["default_code", operator, name]], { limit })
    if (!limit || ids.length < limit) {
      const rest = env.search(P, ["&", "&", ...wrap(domain), ["name", operator, name], ["id", "not in", ids]], {
        limit: limit ? limit - ids.length : null,
      })
      ids = [...ids, ...rest]
    }
  } else if (ids.length === 0 && negative) {
    ids = env.search(P, ["&", ...wrap(domain), "&", ["default_code", operator, name], ["name", operator, name]], { limit })
  }
  if (ids.length === 0 && positive) {
    const code = /\[(.*?)\]/.exec(name)
    if (code) ids = env.search(P, ["&", ...wrap(domain), ["default_code", "=", code[1]]], { limit })
  }
  return ids
}

/** product.template._name_search: through the variants' heuristics, then in template order. */
function templateNameSearch(env: Env, name: string, domain: JsonValue[], operator: string, limit: number | null): number[] {
  const T = "product.template"
  const hasIdTerm = domain.some((term) => Array.isArray(term) && term[0] === "id")
  if (!name || hasIdTerm) return baseNameSearch(env, T, name, domain, operator, limit)
  const templates = new Set<number>()
  for (;;) {
    const extra: JsonValue[] = templates.size ? [["product_tmpl_id", "not in", [...templates]]] : []
    const productDomain: JsonValue[] = extra.length ? (domain.length ? ["&", ...wrap(domain), ...extra] : extra) : domain
    const productIds = productNameSearch(env, name, productDomain, operator, limit)
    const fresh = productIds.map((id) => env.browse("product.product", id)?.product_tmpl_id).filter((id): id is number => typeof id === "number")
    if (fresh.some((id) => templates.has(id))) break
    fresh.forEach((id) => templates.add(id))
    if (productIds.length === 0 || (limit && templates.size > limit)) break
  }
  if (!limit || templates.size < limit) {
    const withoutVariants = env.search(T, [["product_variant_ids", "=", false]])
    if (withoutVariants.length > 0) {
      baseNameSearch(env, T, name, ["&", ...wrap(domain), ["id", "in", withoutVariants]], operator, limit).forEach((id) => templates.add(id))
    }
  }
  return env.search(T, [["id", "in", [...templates]]], { limit })
}

function nameSearch(env: Env, model: string, args: Args): JsonValue {
  const name = typeof args.name === "string" ? args.name : args.name === false || args.name === null ? "" : String(args.name)
  const domainArg = args.domain ?? args.args
  const domain = Array.isArray(domainArg) ? domainArg : []
  const operator = typeof args.operator === "string" ? args.operator : "ilike"
  const limit = asNumberOrNull(args.limit, "limit")
  let ids: number[]
  if (model === "product.template") ids = templateNameSearch(env, name, domain, operator, limit)
  else if (model === "product.product") ids = productNameSearch(env, name, domain, operator, limit)
  else ids = baseNameSearch(env, model, name, domain, operator, limit)
  return ids.map((id) => [id, env.displayName(model, id)])
}

function fieldsGet(env: Env, model: string, args: Args): JsonObject {
  const allfields = Array.isArray(args.allfields) && args.allfields.length > 0 ? new Set(args.allfields.map(String)) : null
  const attributes = Array.isArray(args.attributes) ? args.attributes.map(String) : null
  const result: JsonObject = {}
  for (const [name, field] of env.table(model).fields) {
    if (name.startsWith("__")) continue
    if (allfields && !allfields.has(name)) continue
    const description: JsonObject = { ...field.description }
    if (!attributes) {
      description.name ??= name
      description.type ??= field.type
    }
    const keys = Object.keys(description)
      .filter((key) => !attributes || attributes.includes(key))
      .sort()
    result[name] = Object.fromEntries(keys.map((key) => [key, description[key]]))
  }
  return result
}

function readGroup(env: Env, model: string, args: Args): JsonValue {
  const domain = Array.isArray(args.domain) ? args.domain : []
  const groupbyArg = args.groupby
  const groupby = typeof groupbyArg === "string" ? [groupbyArg] : Array.isArray(groupbyArg) ? groupbyArg.map(String) : []
  const lazy = args.lazy !== false
  const fieldSpecs = Array.isArray(args.fields) ? args.fields.map(String) : []
  const groupFields = lazy ? groupby.slice(0, 1) : groupby
  for (const name of groupFields) env.field(model, name.split(":")[0])
  const aggregates = fieldSpecs
    .map((spec) => {
      const match = /^(\w+)(?::(\w+))?(?:\((\w+)\))?$/.exec(spec)
      if (!match) throw valueError(`Invalid field specification ${pyRepr(spec)}.`)
      const [, alias, fn, source] = match
      const fieldName = source ?? alias
      const field = env.field(model, fieldName)
      const aggregator = fn ?? (typeof field.description.aggregator === "string" ? field.description.aggregator : field.type === "integer" || field.type === "float" || field.type === "monetary" ? "sum" : undefined)
      return { alias, fieldName, aggregator }
    })
    .filter((item) => item.aggregator && !groupFields.includes(item.fieldName))
  const ids = env.search(model, domain)
  const groups = new Map<string, { key: JsonValue[]; ids: number[] }>()
  for (const id of ids) {
    const record = env.browse(model, id) as RawRecord
    const key = groupFields.map((name) => env.get(model, record, name.split(":")[0]))
    const signature = JSON.stringify(key)
    const group = groups.get(signature) ?? { key, ids: [] }
    group.ids.push(id)
    groups.set(signature, group)
  }
  const countKey = lazy && groupFields.length === 1 ? `${groupFields[0]}_count` : "__count"
  const rows: JsonObject[] = [...groups.values()].map((group) => {
    const row: JsonObject = {}
    groupFields.forEach((name, index) => {
      const field = env.field(model, name.split(":")[0])
      const value = group.key[index]
      row[name] = field.type === "many2one" && typeof value === "number" && field.relation ? [value, env.displayName(field.relation, value)] : value
    })
    row[countKey] = group.ids.length
    for (const aggregate of aggregates) {
      const values = group.ids.map((id) => env.getById(model, id, aggregate.fieldName)).filter((value): value is number => typeof value === "number")
      row[aggregate.alias] =
        aggregate.aggregator === "sum"
          ? values.reduce((sum, value) => sum + value, 0)
          : aggregate.aggregator === "min"
            ? Math.min(...values)
            : aggregate.aggregator === "max"
              ? Math.max(...values)
              : aggregate.aggregator === "avg"
                ? values.reduce((sum, value) => sum + value, 0) / (values.length || 1)
                : values.length
    }
    const groupDomain: JsonValue[] = groupFields.map((name, index) => [name.split(":")[0], "=", group.key[index]])
    row.__domain = [...groupDomain, ...domain]
    if (lazy && groupby.length > 1) row.__context = { group_by: groupby.slice(1) }
    return row
  })
  const offset = typeof args.offset === "number" ? args.offset : 0
  const limit = typeof args.limit === "number" ? args.limit : undefined
  return rows.slice(offset, limit === undefined ? undefined : offset + limit)
}

function copyRecords(env: Env, model: string, ids: number[], defaults: JsonValue | undefined): number[] {
  const table = env.table(model)
  const created: number[] = []
  for (const id of ids) {
    const record = table.records.get(id)
    if (!record) continue
    const vals: JsonObject = {}
    for (const [name, field] of table.fields) {
      if (["id", "create_date", "write_date", "create_uid", "write_uid"].includes(name)) continue
      if (field.compute || field.type === "one2many" || !field.store || field.delegated) continue
      const value = record[name]
      if (value !== undefined) vals[name] = field.type === "many2many" ? [[6, 0, isIdList(value) ? value : []]] : value
    }
    if (typeof vals.name === "string" && (model === "product.template" || model === "res.partner")) vals.name = `${vals.name} (copy)`
    if (model === "product.template") vals.attribute_line_ids = idList(env.get(model, record, "attribute_line_ids")).map((lineId) => {
      const line = env.browse("product.template.attribute.line", lineId)
      return [0, 0, { attribute_id: line?.attribute_id ?? false, value_ids: [[6, 0, idList(line?.value_ids)]] }]
    })
    if (model === "product.product" && typeof record.product_tmpl_id === "number") {
      created.push(...copyRecords(env, "product.template", [record.product_tmpl_id], defaults).flatMap((templateId) => idList(env.getById("product.template", templateId, "product_variant_ids")).slice(0, 1)))
      continue
    }
    if (isJsonObject(defaults)) Object.assign(vals, defaults)
    created.push(...env.create(model, [vals]))
  }
  return created
}

const idList = (value: JsonValue | undefined): number[] => (isIdList(value) ? value : [])

const METHODS: Record<string, MethodDef> = {
  search: {
    kind: "model",
    params: [{ name: "domain" }, { name: "offset", default: 0 }, { name: "limit", default: null }, { name: "order", default: null }],
    access: "read",
    run: ({ env, model, args }) =>
      env.search(model, args.domain ?? [], {
        offset: asNumberOrNull(args.offset, "offset") ?? 0,
        limit: asNumberOrNull(args.limit, "limit"),
        order: asOrder(args.order),
      }),
  },
  search_count: {
    kind: "model",
    params: [{ name: "domain" }, { name: "limit", default: null }],
    access: "read",
    run: ({ env, model, args }) => env.searchCount(model, args.domain ?? [], asNumberOrNull(args.limit, "limit")),
  },
  search_read: {
    kind: "model",
    params: [
      { name: "domain", default: null },
      { name: "fields", default: null },
      { name: "offset", default: 0 },
      { name: "limit", default: null },
      { name: "order", default: null },
    ],
    extraKwargs: ["load"],
    access: "read",
    run: ({ env, model, args }) => {
      const fields = asFieldList(env, model, args.fields)
      const ids = env.search(model, args.domain ?? [], {
        offset: asNumberOrNull(args.offset, "offset") ?? 0,
        limit: asNumberOrNull(args.limit, "limit"),
        order: asOrder(args.order),
      })
      // Odoo drops active_test after the search: it was meant for the main search only.
      const readEnv = "active_test" in env.context ? env.withContext({ active_test: true }) : env
      return readRecords(readEnv, model, ids, fields, args.load === undefined ? "_classic_read" : args.load)
    },
  },
  search_fetch: {
    kind: "model",
    params: [{ name: "domain" }, { name: "field_names" }, { name: "offset", default: 0 }, { name: "limit", default: null }, { name: "order", default: null }],
    access: "read",
    run: ({ env, model, args }) => {
      asFieldList(env, model, args.field_names)
      return env.search(model, args.domain ?? [], {
        offset: asNumberOrNull(args.offset, "offset") ?? 0,
        limit: asNumberOrNull(args.limit, "limit"),
        order: asOrder(args.order),
      })
    },
  },
  read: {
    kind: "record",
    params: [{ name: "fields", default: null }, { name: "load", default: "_classic_read" }],
    access: "read",
    run: ({ env, model, ids, args }) => readRecords(env, model, ids, asFieldList(env, model, args.fields), args.load),
  },
  web_read: {
    kind: "record",
    params: [{ name: "specification" }],
    access: "read",
    run: ({ env, model, ids, args }) => webRead(env, model, ids, args.specification),
  },
  web_search_read: {
    kind: "model",
    params: [
      { name: "domain" },
      { name: "specification" },
      { name: "offset", default: 0 },
      { name: "limit", default: null },
      { name: "order", default: null },
      { name: "count_limit", default: null },
    ],
    access: "read",
    run: ({ env, model, args }) => {
      const offset = asNumberOrNull(args.offset, "offset") ?? 0
      const limit = asNumberOrNull(args.limit, "limit")
      const countLimit = asNumberOrNull(args.count_limit, "count_limit")
      if (!isJsonObject(args.specification)) throw typeError("web_search_read() argument 'specification' must be a dict")
      for (const name of Object.keys(args.specification)) env.field(model, name)
      const ids = env.search(model, args.domain ?? [], { offset, limit, order: asOrder(args.order) })
      const records = webRead(env, model, ids, args.specification)
      if (records.length === 0) return { length: 0, records: [] }
      const currentLength = records.length + offset
      const limitReached = records.length === limit
      const countLimitReached = countLimit !== null && countLimit <= currentLength
      const length =
        limit && ((limitReached && !countLimitReached) || env.context.force_search_count)
          ? env.searchCount(model, args.domain ?? [], countLimit)
          : currentLength
      return { length, records }
    },
  },
  fields_get: {
    kind: "model",
    params: [{ name: "allfields", default: null }, { name: "attributes", default: null }],
    run: ({ env, model, args }) => fieldsGet(env, model, args),
  },
  create: {
    kind: "model_create",
    params: [{ name: "vals_list" }],
    access: "create",
    run: ({ env, model, args }) => {
      const input = args.vals_list
      if (isJsonObject(input)) return env.create(model, [input])[0]
      if (Array.isArray(input) && input.every(isJsonObject)) return env.create(model, input as JsonObject[])
      throw valueError(`Invalid values for create: ${pyRepr(input)}`)
    },
  },
  write: {
    kind: "record",
    params: [{ name: "vals" }],
    access: "write",
    run: ({ env, model, ids, args }) => {
      if (!isJsonObject(args.vals)) throw new OdooError("builtins.AttributeError", `'${pyTypeName(args.vals)}' object has no attribute 'items'`)
      if (ids.length > 0) env.write(model, ids, args.vals)
      return true
    },
  },
  unlink: {
    kind: "record",
    params: [],
    access: "unlink",
    run: ({ env, model, ids }) => {
      if (ids.length > 0) env.unlink(model, ids)
      return true
    },
  },
  exists: {
    kind: "record",
    params: [],
    run: ({ env, model, ids }) => ids.filter((id) => env.browse(model, id) !== undefined),
  },
  name_search: {
    kind: "model",
    params: [{ name: "name", default: "" }, { name: "domain", default: null }, { name: "operator", default: "ilike" }, { name: "limit", default: 100 }],
    extraKwargs: ["args"],
    access: "read",
    run: ({ env, model, args }) => nameSearch(env, model, args),
  },
  name_create: {
    kind: "model",
    params: [{ name: "name" }],
    access: "create",
    run: ({ env, model, args }) => {
      const recName = env.table(model).spec.recName ?? "name"
      const [id] = env.create(model, [{ [recName]: args.name ?? false }])
      return [id, env.displayName(model, id)]
    },
  },
  copy: {
    kind: "record",
    params: [{ name: "default", default: null }],
    access: "create",
    run: ({ env, model, ids, args }) => {
      const created = copyRecords(env, model, ids, args.default)
      return created.length === 1 ? created[0] : created
    },
  },
  default_get: {
    kind: "model",
    params: [{ name: "fields_list" }],
    run: ({ env, model, args }) => {
      const spec = env.table(model).spec
      const wanted = Array.isArray(args.fields_list) ? args.fields_list.map(String) : []
      const result: JsonObject = {}
      for (const name of wanted) {
        const fallback = spec.defaults?.[name]
        if (fallback !== undefined) result[name] = typeof fallback === "function" ? fallback(env) : fallback
      }
      return result
    },
  },
  read_group: {
    kind: "model",
    params: [
      { name: "domain" },
      { name: "fields" },
      { name: "groupby" },
      { name: "offset", default: 0 },
      { name: "limit", default: null },
      { name: "orderby", default: false },
      { name: "lazy", default: true },
    ],
    access: "read",
    run: ({ env, model, args }) => readGroup(env, model, args),
  },
  action_archive: {
    kind: "record",
    params: [],
    access: "write",
    run: ({ env, model, ids }) => {
      const active = env.table(model).activeField
      if (!active) throw new OdooError("builtins.AssertionError", "")
      const toArchive = ids.filter((id) => env.browse(model, id)?.[active] !== false)
      if (toArchive.length) env.write(model, toArchive, { [active]: false })
      return null
    },
  },
  action_unarchive: {
    kind: "record",
    params: [],
    access: "write",
    run: ({ env, model, ids }) => {
      const active = env.table(model).activeField
      if (!active) throw new OdooError("builtins.AssertionError", "")
      const toRestore = ids.filter((id) => env.browse(model, id)?.[active] === false)
      if (toRestore.length) env.write(model, toRestore, { [active]: true })
      return null
    },
  },
  check_access_rights: {
    kind: "model",
    params: [{ name: "operation" }, { name: "raise_exception", default: true }],
    run: ({ env, model, args, user }) => {
      const operation = String(args.operation) as AccessOperation
      try {
        checkAccess(env, user, model, operation)
        return true
      } catch (error) {
        if (args.raise_exception === false) return false
        throw error
      }
    },
  },
  /** res.users.context_get: the calling user's context (Odoo's web client and JSON-2 clients read uid there). */
  context_get: {
    kind: "model",
    params: [],
    run: ({ model, user }) => {
      if (model !== "res.users") throw unknownMethod(model, "context_get")
      return { lang: "en_US", tz: "Europe/Brussels", uid: user.uid }
    },
  },
  has_access: {
    kind: "record",
    params: [{ name: "operation" }],
    run: ({ env, model, args, user }) => {
      try {
        checkAccess(env, user, model, String(args.operation) as AccessOperation)
        return true
      } catch {
        return false
      }
    },
  },
}

/** What execute_kw does once the user is authenticated. */
export function executeKw(
  env: Env,
  user: EmulatorUser,
  model: string,
  method: string,
  positional: JsonValue[],
  keywords: JsonObject
): JsonValue {
  if (!env.hasModel(model)) throw unknownModel(model)
  if (method.startsWith("_")) {
    throw KNOWN_PRIVATE_METHODS.has(method) ? privateMethod(model, method) : unknownMethod(model, method)
  }
  const modelMethod = env.table(model).spec.methods?.[method]
  const definition = Object.prototype.hasOwnProperty.call(METHODS, method)
    ? METHODS[method]
    : modelMethod
      ? { kind: "record" as const, params: modelMethod.params, access: modelMethod.access, run: ({ env: callEnv, ids, args }: MethodCall) => modelMethod.run(callEnv, ids, args) }
      : undefined
  if (!definition) throw unknownMethod(model, method)
  const { context: rawContext, ...kwargs } = keywords
  const context: OdooContext = isJsonObject(rawContext) ? rawContext : {}
  const callEnv = env.withContext(context)
  const lang = context.lang
  if (typeof lang === "string" && lang && !LANGUAGES.has(lang)) throw invalidLanguage(lang)
  let ids: number[] = []
  let args = positional
  if (definition.kind === "record") {
    if (positional.length === 0) throw new OdooError("builtins.IndexError", "list index out of range")
    ids = toIds(positional[0])
    args = positional.slice(1)
  }
  const bound = bindArguments(`BaseModel.${method}`, definition.params, args, kwargs, definition.extraKwargs)
  if (definition.access) checkAccess(callEnv, user, model, definition.access)
  return definition.run({ env: callEnv, model, ids, args: bound, user })
}

export const implementedMethods = (): string[] => Object.keys(METHODS)

/** Whether `model.method` takes ids first (a record method) or not; "model" when unknown. */
export function methodKind(env: Env, model: string, method: string): "record" | "model" {
  if (Object.prototype.hasOwnProperty.call(METHODS, method)) return METHODS[method].kind === "record" ? "record" : "model"
  if (env.hasModel(model) && env.table(model).spec.methods?.[method]) return "record"
  return "model"
}
