/**
 * Odoo domains: prefix notation with '&', '|', '!' (implicit '&' between terms), leaves
 * (path, operator, value) with dotted paths through relations, and SQL NULL semantics as Odoo
 * translates them (`!=` and `not in` include empty values, comparisons exclude them).
 */
import { OdooError, valueError } from "./errors"
import { pyTupleRepr } from "./pyfmt"
import type { Env, FieldDef } from "./store"
import type { JsonValue, RawRecord } from "./types"
import { isIdList } from "./types"

export type DomainInput = JsonValue | undefined
export type Predicate = (record: RawRecord) => boolean

type Node =
  | { kind: "and" | "or"; children: Node[] }
  | { kind: "not"; child: Node }
  | { kind: "leaf"; path: string; operator: string; value: JsonValue; original: JsonValue[] }
  | { kind: "const"; value: boolean }

const OPERATORS = new Set([
  "=",
  "!=",
  "<=",
  "<",
  ">",
  ">=",
  "=?",
  "=like",
  "=ilike",
  "like",
  "not like",
  "ilike",
  "not ilike",
  "in",
  "not in",
  "child_of",
  "parent_of",
  "any",
  "not any",
])
const NEGATIVE = new Set(["!=", "not like", "not ilike", "not in", "not any"])
const NEGATION: Record<string, string> = { "!=": "=", "not like": "like", "not ilike": "ilike", "not in": "in", "not any": "any" }

function isLeaf(item: JsonValue): item is JsonValue[] {
  return Array.isArray(item) && item.length === 3
}

/** Parses prefix notation into a tree. */
export function parseDomain(domain: DomainInput): Node {
  if (domain === undefined || domain === null || domain === false) return { kind: "const", value: true }
  if (!Array.isArray(domain)) {
    throw valueError("Domains to normalize must have a 'domain' form: a list or tuple of domain components")
  }
  let position = 0
  const readNode = (): Node => {
    if (position >= domain.length) throw valueError(`Domain ${JSON.stringify(domain)} is syntactically not correct.`)
    const item = domain[position++]
    if (item === "&" || item === "|") {
      const left = readNode()
      const right = readNode()
      return { kind: item === "&" ? "and" : "or", children: [left, right] }
    }
    if (item === "!") return { kind: "not", child: readNode() }
    if (isLeaf(item)) {
      const [path, operator, value] = item
      if (path === 1 && operator === "=" && value === 1) return { kind: "const", value: true }
      if (path === 0 && operator === "=" && value === 1) return { kind: "const", value: false }
      const normalized = typeof operator === "string" ? operator.toLowerCase() : ""
      const op = normalized === "<>" ? "!=" : normalized === "==" ? "=" : normalized
      if (typeof path !== "string" || !OPERATORS.has(op)) throw valueError(`Invalid leaf ${pyTupleRepr(item)}`)
      return { kind: "leaf", path, operator: op, value, original: item }
    }
    throw valueError(`Invalid leaf ${JSON.stringify(item)}`)
  }
  const nodes: Node[] = []
  while (position < domain.length) nodes.push(readNode())
  if (nodes.length === 0) return { kind: "const", value: true }
  return nodes.length === 1 ? nodes[0] : { kind: "and", children: nodes }
}

function mentionsActive(node: Node, activeName: string): boolean {
  switch (node.kind) {
    case "leaf":
      return node.path === activeName
    case "not":
      return mentionsActive(node.child, activeName)
    case "and":
    case "or":
      return node.children.some((child) => mentionsActive(child, activeName))
    default:
      return false
  }
}

/** Compiles a domain to a predicate, validating every leaf even when there are no records. */
export function compileDomain(env: Env, model: string, domain: DomainInput, options: { activeTest: boolean }): Predicate {
  let tree = parseDomain(domain)
  const activeName = env.table(model).activeField
  if (options.activeTest && activeName && !mentionsActive(tree, activeName)) {
    tree = { kind: "and", children: [{ kind: "leaf", path: activeName, operator: "=", value: true, original: [activeName, "=", true] }, tree] }
  }
  return compileNode(env, model, tree)
}

function compileNode(env: Env, model: string, node: Node): Predicate {
  switch (node.kind) {
    case "const":
      return node.value ? () => true : () => false
    case "not": {
      const inner = compileNode(env, model, node.child)
      return (record) => !inner(record)
    }
    case "and": {
      const parts = node.children.map((child) => compileNode(env, model, child))
      return (record) => parts.every((part) => part(record))
    }
    case "or": {
      const parts = node.children.map((child) => compileNode(env, model, child))
      return (record) => parts.some((part) => part(record))
    }
    case "leaf":
      return compileLeaf(env, model, node.path, node.operator, node.value, node.original)
  }
}

function fieldOrError(env: Env, model: string, name: string, original: JsonValue[]): FieldDef {
  const field = env.table(model).fields.get(name)
  if (!field) {
    throw new OdooError(
      "builtins.ValueError",
      `Invalid field ${model}.${name} in leaf ${pyTupleRepr(original)}`,
      `  File "/usr/lib/python3/dist-packages/odoo/osv/expression.py", line 374, in _anyfy_leaves\n    raise ValueError(f"Invalid field {model._name}.{path[0]} in leaf {item}")\n`
    )
  }
  return field
}

/** Ids of `comodel` matching `domain` (sub-queries of paths, any, child_of with names). */
function subSearch(env: Env, comodel: string, domain: JsonValue, activeTest: boolean): Set<number> {
  return new Set(env.search(comodel, domain, { activeTest, order: "id" }))
}

/**
 * The co-records a domain term sees: Odoo compiles x2many terms to SQL on the inverse column or
 * the relation table, which knows nothing of `active` (archived co-records count).
 */
function relatedIds(env: Env, model: string, record: RawRecord, field: FieldDef): number[] {
  const value = env.get(model, record, field.name, true)
  if (typeof value === "number") return [value]
  return isIdList(value) ? value : []
}

function compileLeaf(env: Env, model: string, path: string, operator: string, value: JsonValue, original: JsonValue[]): Predicate {
  const [head, ...rest] = path.split(".")
  const field = fieldOrError(env, model, head, original)
  // Odoo 18 logs "Non-stored field ... cannot be searched" server-side and makes the term TRUE:
  // the records come back as if it were absent, with no error to the client.
  if (!field.store && !field.searchable) {
    return () => true
  }
  const comodel = field.relation && env.hasModel(field.relation) ? field.relation : undefined
  const isRelational = field.type === "many2one" || field.type === "one2many" || field.type === "many2many"

  // Dotted path: ('categ_id.name', op, v) is ('categ_id', 'any', [('name', op, v)]).
  if (rest.length > 0) {
    if (!isRelational || !comodel) {
      throw valueError(`Invalid field ${model}.${path} in leaf ${pyTupleRepr(original)}`)
    }
    const matching = subSearch(env, comodel, [[rest.join("."), operator, value]], field.type === "many2one" ? false : env.activeTest)
    return (record) => relatedIds(env, model, record, field).some((id) => matching.has(id))
  }

  if (operator === "any" || operator === "not any") {
    if (!isRelational || !comodel) throw valueError(`Invalid leaf ${pyTupleRepr(original)}`)
    const matching = subSearch(env, comodel, value, field.type === "many2one" ? false : env.activeTest)
    const any: Predicate = (record) => relatedIds(env, model, record, field).some((id) => matching.has(id))
    return operator === "any" ? any : (record) => !any(record)
  }

  if (operator === "child_of" || operator === "parent_of") {
    const target = head === "id" ? model : comodel
    if (!target) throw valueError(`Invalid leaf ${pyTupleRepr(original)}`)
    const hierarchy = hierarchySet(env, target, value, operator)
    if (head === "id") return (record) => hierarchy.has(record.id)
    return (record) => relatedIds(env, model, record, field).some((id) => hierarchy.has(id))
  }

  if (operator === "=?") {
    if (value === false || value === null) return () => true
    return compileLeaf(env, model, path, "=", value, original)
  }

  if (isRelational && comodel && head !== "id") {
    return compileRelational(env, model, field, comodel, operator, value)
  }
  return compileScalar(env, model, field, operator, value)
}

function hierarchySet(env: Env, model: string, value: JsonValue, operator: string): Set<number> {
  let roots: number[]
  if (typeof value === "number") roots = [value]
  else if (isIdList(value)) roots = value
  else if (typeof value === "string") roots = [...namesMatching(env, model, "ilike", value)]
  else roots = []
  const table = env.table(model)
  const parentName = table.spec.parentName ?? (table.fields.has("parent_id") ? "parent_id" : undefined)
  const result = new Set<number>(roots)
  if (!parentName) return result
  if (operator === "child_of") {
    const queue = [...roots]
    while (queue.length > 0) {
      const id = queue.pop() as number
      for (const child of table.referencing(parentName, id)) {
        if (!result.has(child)) {
          result.add(child)
          queue.push(child)
        }
      }
    }
  } else {
    for (const root of roots) {
      let current = table.records.get(root)?.[parentName]
      let guard = 0
      while (typeof current === "number" && guard++ < 1000) {
        result.add(current)
        current = table.records.get(current)?.[parentName]
      }
    }
  }
  return result
}

/** Comodel ids whose display name matches (Odoo's _name_search behind m2o name criteria). */
function namesMatching(env: Env, comodel: string, operator: string, value: JsonValue): Set<number> {
  const test = scalarTest("char", operator, value)
  const ids = new Set<number>()
  const activeName = env.table(comodel).activeField
  for (const record of env.table(comodel).records.values()) {
    if (activeName && env.activeTest && record[activeName] === false) continue
    if (test(env.displayName(comodel, record.id))) ids.add(record.id)
  }
  return ids
}

function isNameCriterion(value: JsonValue): boolean {
  return typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string"))
}

function compileRelational(env: Env, model: string, field: FieldDef, comodel: string, operator: string, value: JsonValue): Predicate {
  const ids = (record: RawRecord): number[] => relatedIds(env, model, record, field)
  if (isNameCriterion(value)) {
    const positive = NEGATIVE.has(operator) ? NEGATION[operator] : operator
    const matching = namesMatching(env, comodel, positive, value)
    const any: Predicate = (record) => ids(record).some((id) => matching.has(id))
    return NEGATIVE.has(operator) ? (record) => !any(record) : any
  }
  const isEmpty = value === false || value === null || (Array.isArray(value) && value.length === 0 && operator.endsWith("="))
  // [False, 1] asks for "empty or 1" (Odoo's `company_id in (False, company)`): its ids still count.
  const wanted = new Set<number>(
    typeof value === "number" ? [value] : Array.isArray(value) ? value.filter((item): item is number => typeof item === "number") : []
  )
  const wantsEmpty = value === false || value === null || (Array.isArray(value) && value.includes(false))
  switch (operator) {
    case "=":
      if (isEmpty) return (record) => ids(record).length === 0
      return (record) => ids(record).some((id) => wanted.has(id))
    case "!=":
      if (isEmpty) return (record) => ids(record).length > 0
      return (record) => !ids(record).some((id) => wanted.has(id))
    case "in":
      return (record) => {
        const current = ids(record)
        return (wantsEmpty && current.length === 0) || current.some((id) => wanted.has(id))
      }
    case "not in":
      return (record) => {
        const current = ids(record)
        return !((wantsEmpty && current.length === 0) || current.some((id) => wanted.has(id)))
      }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const test = scalarTest("integer", operator, value)
      return (record) => ids(record).some((id) => test(id))
    }
    default: {
      // like/ilike with a non-string value: compare on the display names.
      const matching = namesMatching(env, comodel, NEGATIVE.has(operator) ? NEGATION[operator] : operator, String(value))
      const any: Predicate = (record) => ids(record).some((id) => matching.has(id))
      return NEGATIVE.has(operator) ? (record) => !any(record) : any
    }
  }
}

function compileScalar(env: Env, model: string, field: FieldDef, operator: string, value: JsonValue): Predicate {
  const test = scalarTest(field.type, operator, normalizeValue(field, value))
  if (field.name === "id") return (record) => test(record.id)
  return (record) => test(env.get(model, record, field.name))
}

function normalizeValue(field: FieldDef, value: JsonValue): JsonValue {
  const normalizeOne = (item: JsonValue): JsonValue => {
    if (typeof item !== "string") return item
    if (field.type === "datetime") {
      const text = item.replace("T", " ")
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text + " 00:00:00" : text
    }
    if (field.type === "date") return item.slice(0, 10)
    if ((field.type === "integer" || field.type === "float" || field.type === "monetary") && item.trim() !== "" && !Number.isNaN(Number(item))) {
      return Number(item)
    }
    return item
  }
  return Array.isArray(value) ? value.map(normalizeOne) : normalizeOne(value)
}

function likeRegex(pattern: string, wrap: boolean, insensitive: boolean): RegExp {
  let source = ""
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]
    if (char === "\\" && index + 1 < pattern.length) {
      source += pattern[++index].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    } else if (char === "%") {
      source += "[\\s\\S]*"
    } else if (char === "_") {
      source += "[\\s\\S]"
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    }
  }
  if (wrap) source = "[\\s\\S]*" + source + "[\\s\\S]*"
  return new RegExp("^" + source + "$", insensitive ? "iu" : "u")
}

/** A test on one stored value with Odoo's NULL handling (`false`/'' are NULL except booleans). */
export function scalarTest(type: string, operator: string, value: JsonValue): (current: JsonValue) => boolean {
  const isBoolean = type === "boolean"
  const isNull = (current: JsonValue): boolean =>
    isBoolean ? current !== true : current === false || current === null || current === undefined || current === ""
  const equals = (current: JsonValue, expected: JsonValue): boolean => {
    if (isBoolean) return (current === true) === (expected === true || expected === 1)
    if (typeof current === "number" && typeof expected === "string" && expected.trim() !== "") return current === Number(expected)
    return current === expected
  }
  switch (operator) {
    case "=":
      if (value === false || value === null || (!isBoolean && value === "")) return isNull
      return (current) => (isBoolean ? equals(current, value) : !isNull(current) && equals(current, value))
    case "!=":
      if (value === false || value === null || (!isBoolean && value === "")) return (current) => !isNull(current)
      return (current) => (isBoolean ? !equals(current, value) : isNull(current) || !equals(current, value))
    case "in":
    case "not in": {
      const list: JsonValue[] = Array.isArray(value) ? value : [value]
      const wantsNull = list.some((item) => item === false || item === null)
      const values = list.filter((item) => item !== false && item !== null)
      const inTest = (current: JsonValue): boolean => {
        if (isBoolean) return values.some((item) => equals(current, item)) || (wantsNull && current !== true)
        if (isNull(current)) return wantsNull
        return values.some((item) => equals(current, item))
      }
      return operator === "in" ? inTest : (current) => !inTest(current)
    }
    case "<":
    case "<=":
    case ">":
    case ">=":
      return (current) => {
        if (isNull(current) && !isBoolean) return false
        if (value === false || value === null) return false
        const left = isBoolean ? (current === true ? 1 : 0) : current
        const right = isBoolean ? (value === true ? 1 : 0) : value
        if (typeof left === "number" && typeof right === "number") return compare(left, right, operator)
        if (typeof left === "string" && typeof right === "string") return compare(left, right, operator)
        if (typeof left === "number" && typeof right === "string") return compare(left, Number(right), operator)
        return false
      }
    case "like":
    case "ilike":
    case "=like":
    case "=ilike":
    case "not like":
    case "not ilike": {
      const negative = operator.startsWith("not ")
      const base = negative ? operator.slice(4) : operator
      if (value === false || value === null) {
        // Odoo turns ('f', 'ilike', False) into "is set" (and its negation into "is not set").
        return negative ? isNull : (current) => !isNull(current)
      }
      const regex = likeRegex(String(value), !base.startsWith("="), base.endsWith("ilike"))
      const matches = (current: JsonValue): boolean => !isNull(current) && regex.test(String(current))
      return negative ? (current) => !matches(current) : matches
    }
    default:
      throw new OdooError("builtins.ValueError", `Invalid operator ${operator}`)
  }
}

function compare<T extends number | string>(left: T, right: T, operator: string): boolean {
  switch (operator) {
    case "<":
      return left < right
    case "<=":
      return left <= right
    case ">":
      return left > right
    default:
      return left >= right
  }
}
