/**
 * Odoo's `order` clause: "field [asc|desc] [nulls first|last], ...". A many2one orders by the
 * comodel's own `_order` (recursively, direction flipped by desc), as Odoo's JOIN does; booleans
 * are COALESCE(field, false); text follows the database collation; NULLs sort as PostgreSQL does
 * (last ascending, first descending) unless told otherwise.
 */
import { OdooError, invalidField } from "./errors"
import { collationKey } from "./pyfmt"
import type { Env, FieldDef } from "./store"

type Atom = string | number | null
type Accessor = (id: number) => number | false

interface Term {
  value: (id: number) => Atom
  desc: boolean
  nullsFirst: boolean
}

export interface CompiledOrder {
  sort(ids: number[]): number[]
  keyOf(id: number): Atom[]
}

const ORDER_TERM = /^\s*([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)?)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$/i

export function invalidOrder(order: string): OdooError {
  return new OdooError(
    "odoo.exceptions.UserError",
    `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`
  )
}

export function parseOrder(order: string): { field: string; desc: boolean; nulls?: "first" | "last" }[] {
  const terms = order.split(",").filter((part) => part.trim() !== "")
  return terms.map((term) => {
    const match = ORDER_TERM.exec(term)
    if (!match) throw invalidOrder(order)
    const nulls = match[3]?.toLowerCase()
    return {
      field: match[1],
      desc: (match[2] ?? "asc").toLowerCase() === "desc",
      nulls: nulls === "first" || nulls === "last" ? nulls : undefined,
    }
  })
}

export function compileOrder(env: Env, model: string, order: string): CompiledOrder {
  const terms: Term[] = []
  const identity: Accessor = (id) => id
  for (const term of parseOrder(order)) {
    expandTerm(env, model, term.field, term.desc, term.nulls, identity, terms, 0)
  }
  const cache = new Map<number, Atom[]>()
  const keyOf = (id: number): Atom[] => {
    let key = cache.get(id)
    if (!key) {
      key = terms.map((term) => term.value(id))
      cache.set(id, key)
    }
    return key
  }
  return {
    keyOf,
    sort(ids: number[]): number[] {
      if (ids.length < 2 || terms.length === 0) return [...ids].sort((a, b) => a - b)
      const keyed = ids.map((id) => ({ id, key: keyOf(id) }))
      keyed.sort((a, b) => {
        for (let index = 0; index < terms.length; index++) {
          const result = compareAtoms(a.key[index], b.key[index], terms[index])
          if (result !== 0) return result
        }
        // PostgreSQL leaves ties unordered; the emulator makes them deterministic.
        return a.id - b.id
      })
      return keyed.map((item) => item.id)
    },
  }
}

function compareAtoms(a: Atom, b: Atom, term: Term): number {
  if (a === b) return 0
  if (a === null) return term.nullsFirst ? -1 : 1
  if (b === null) return term.nullsFirst ? 1 : -1
  const result = a < b ? -1 : a > b ? 1 : 0
  return term.desc ? -result : result
}

function expandTerm(
  env: Env,
  model: string,
  fieldName: string,
  desc: boolean,
  nulls: "first" | "last" | undefined,
  accessor: Accessor,
  terms: Term[],
  depth: number
): void {
  const table = env.table(model)
  // "field.sub" is not accepted by Odoo 18 outside of many2one paths; treat it as the many2one.
  const [head, tail] = fieldName.split(".", 2)
  const field = table.fields.get(head)
  if (!field) throw invalidField(model, head)
  const nullsFirst = nulls ? nulls === "first" : desc
  if (head === "id") {
    terms.push({ value: (id) => (accessor(id) === false ? null : (accessor(id) as number)), desc, nullsFirst })
    return
  }
  if (field.type === "many2one" && field.relation && env.hasModel(field.relation)) {
    if (depth > 4) return
    const comodel = field.relation
    const next: Accessor = (id) => {
      const own = accessor(id)
      if (own === false) return false
      const record = env.browse(model, own)
      const target = record ? env.get(model, record, head) : false
      return typeof target === "number" ? target : false
    }
    const comodelOrder = tail ? tail : env.table(comodel).spec.order
    for (const sub of parseOrder(comodelOrder)) {
      const subDesc = sub.desc !== desc
      expandTerm(env, comodel, sub.field, subDesc, sub.nulls ?? nulls, next, terms, depth + 1)
    }
    return
  }
  if (!isSortable(field)) return
  terms.push({ value: atomReader(env, model, field, accessor), desc, nullsFirst })
}

function isSortable(field: FieldDef): boolean {
  if (field.type === "one2many" || field.type === "many2many" || field.type === "binary") return false
  // Non-stored fields cannot be ordered on in SQL; Odoo skips them with a warning.
  return field.store || field.delegated === true
}

function atomReader(env: Env, model: string, field: FieldDef, accessor: Accessor): (id: number) => Atom {
  return (id) => {
    const own = accessor(id)
    if (own === false) return null
    const record = env.browse(model, own)
    if (!record) return null
    const value = env.get(model, record, field.name)
    switch (field.type) {
      case "boolean":
        return value === true ? 1 : 0
      case "integer":
      case "float":
      case "monetary":
        return typeof value === "number" ? value : null
      case "char":
      case "text":
      case "html":
      case "selection":
        return typeof value === "string" ? collationKey(value) : null
      default:
        return typeof value === "string" || typeof value === "number" ? value : null
    }
  }
}
