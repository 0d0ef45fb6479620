/**
 * The emulator's database: one table per model, field definitions (what `fields_get` shows, plus
 * how each computed field is derived), and the generic ORM operations with Odoo's write semantics
 * (type conversion, defaults, x2many commands, write_date, cascades). Model-specific behaviour
 * (variants, display names, stock quantities...) lives in models.ts as ModelSpec hooks.
 */
import fs from "node:fs"
import path from "node:path"
import { OdooError, invalidField, missingRecord, valueError } from "./errors"
import { compileDomain, type DomainInput } from "./domain"
import { compileOrder, type CompiledOrder } from "./order"
import { PythonValueError, floatRound, formatDatetime, pyFloat, pyInt, pyRepr } from "./pyfmt"
import type { FieldType, Fixture, JsonObject, JsonValue, OdooContext, RawRecord } from "./types"
import { isIdList, isJsonObject } from "./types"

export type ComputeFn = (env: Env, record: RawRecord) => JsonValue
export type InverseFn = (env: Env, record: RawRecord, value: JsonValue) => void
export type DefaultValue = JsonValue | ((env: Env) => JsonValue)

/** A field of a model: its fields_get description and how the emulator derives its value. */
export interface FieldDef {
  name: string
  type: FieldType
  relation?: string
  /** one2many: the many2one on the comodel that points back. */
  inverseName?: string
  store: boolean
  required: boolean
  readonly: boolean
  selection?: string[]
  digits?: number
  /** What fields_get answers (all attributes). */
  description: JsonObject
  compute?: ComputeFn
  inverse?: InverseFn
  /** Read through the `_inherits` parent (product.product reads most fields on its template). */
  delegated?: boolean
  searchable: boolean
  sortable: boolean
}

/** Declarative extra field for ModelSpec: what the fixture's metadata does not describe. */
export interface ExtraField {
  name: string
  type: FieldType
  string: string
  relation?: string
  inverseName?: string
  store?: boolean
  readonly?: boolean
  required?: boolean
  selection?: [string, string][]
  help?: string
  digits?: number
}

export type AccessOperation = "read" | "write" | "create" | "unlink"

export interface ModelSpec {
  name: string
  /** `_description`, shown in AccessError messages. */
  description: string
  /** `_order`. */
  order: string
  recName?: string
  parentName?: string
  inherits?: { model: string; field: string; ownFields: string[] }
  extraFields?: ExtraField[]
  computes?: Record<string, ComputeFn>
  inverses?: Record<string, InverseFn>
  defaults?: Record<string, DefaultValue>
  displayName?: (env: Env, record: RawRecord) => string
  /** Group full names allowed per operation (ir.model.access). */
  access: Record<AccessOperation, string[]>
  /** m2o fields of this model whose target's deletion deletes the record / is refused. */
  onDelete?: Record<string, "cascade" | "restrict">
  afterCreate?: (env: Env, ids: number[], valsList: JsonObject[]) => void
  beforeWrite?: (env: Env, ids: number[], vals: JsonObject) => void
  afterWrite?: (env: Env, ids: number[], vals: JsonObject) => void
  /** The domain a search really runs (ir.attachment adds a term unless the domain names some fields). */
  searchDomain?: (domain: DomainInput) => DomainInput
  /** Replaces the generic unlink (e.g. product.product also deletes a last template). */
  unlink?: (env: Env, ids: number[], generic: (ids: number[]) => void) => void
  /** ir.rule for reads: a domain the records a (non-superuser) request sees must match. */
  recordRule?: (env: Env) => DomainInput
  /** Checks made in Python before the INSERT (a failure there uses up no id). */
  beforeCreate?: (env: Env, vals: JsonObject) => void
  /** Public business methods of this model (action_confirm...), called on records. */
  methods?: Record<string, ModelMethod>
}

/** A model's own public method on records (`execute_kw(model, name, [ids, ...args], kwargs)`). */
export interface ModelMethod {
  /** Positional/keyword parameters after the ids; absent default: required. */
  params: { name: string; default?: JsonValue }[]
  access?: AccessOperation
  run: (env: Env, ids: number[], args: Record<string, JsonValue | undefined>) => JsonValue
}

const SCHEMA_FILE = path.join(__dirname, "schema", "odoo18-fields.json")
let schemaCache: Record<string, Record<string, JsonObject>> | undefined
function loadSchema(): Record<string, Record<string, JsonObject>> {
  schemaCache ??= JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as Record<string, Record<string, JsonObject>>
  return schemaCache
}

export const isX2many = (field: FieldDef): boolean => field.type === "one2many" || field.type === "many2many"

function emptyValue(type: FieldType): JsonValue {
  switch (type) {
    case "integer":
    case "float":
    case "monetary":
      return 0
    case "one2many":
    case "many2many":
      return []
    default:
      return false
  }
}

/** An undo step: mutations of one RPC call are undone when it fails, as a rolled back transaction. */
export type UndoStep = () => void

/** One model's records plus lazily built reverse indexes of its relational fields. */
export class Table {
  readonly records = new Map<number, RawRecord>()
  readonly fields = new Map<string, FieldDef>()
  private readonly indexes = new Map<string, Map<number, Set<number>>>()
  nextId = 1
  /** Set by the store while a transaction is open. */
  journal: UndoStep[] | null = null

  constructor(readonly spec: ModelSpec) {}

  get name(): string {
    return this.spec.name
  }

  get activeField(): string | undefined {
    return this.fields.has("active") ? "active" : undefined
  }

  insert(record: RawRecord): void {
    // A rolled back insert keeps its id used up: PostgreSQL sequences are not transactional.
    if (this.journal) this.journal.push(() => this.remove(record.id))
    this.records.set(record.id, record)
    if (record.id >= this.nextId) {
      this.nextId = record.id + 1
    }
    for (const [field, index] of this.indexes) {
      for (const target of targetsOf(record[field])) {
        addToIndex(index, target, record.id)
      }
    }
  }

  remove(id: number): void {
    const record = this.records.get(id)
    if (!record) return
    if (this.journal) {
      const journal = this.journal
      journal.push(() => {
        const saved = this.journal
        this.journal = null
        this.insert(record)
        this.journal = saved
      })
    }
    for (const [field, index] of this.indexes) {
      for (const target of targetsOf(record[field])) {
        index.get(target)?.delete(id)
      }
    }
    this.records.delete(id)
  }

  /** Stores a value, keeping any built index of that field current. */
  set(record: RawRecord, field: string, value: JsonValue): void {
    if (this.journal) {
      const had = Object.prototype.hasOwnProperty.call(record, field)
      const previous = record[field]
      this.journal.push(() => {
        const saved = this.journal
        this.journal = null
        if (had) this.set(record, field, previous)
        else {
          this.set(record, field, false)
          delete record[field]
        }
        this.journal = saved
      })
    }
    const index = this.indexes.get(field)
    if (index) {
      for (const target of targetsOf(record[field])) index.get(target)?.delete(record.id)
      for (const target of targetsOf(value)) addToIndex(index, target, record.id)
    }
    record[field] = value
  }

  /** Ids of the records whose stored many2one/many2many `field` holds `target`. */
  referencing(field: string, target: number): ReadonlySet<number> {
    let index = this.indexes.get(field)
    if (!index) {
      index = new Map()
      for (const record of this.records.values()) {
        for (const value of targetsOf(record[field])) addToIndex(index, value, record.id)
      }
      this.indexes.set(field, index)
    }
    return index.get(target) ?? EMPTY_SET
  }
}

const EMPTY_SET: ReadonlySet<number> = new Set<number>()

/**
 * The only ids a domain of plain terms (an implicit AND, no operators) can match, when one term
 * is `id = n` or `id in [ids]`, or `many2one = id` or `many2one in [ids]` on a stored, not
 * computed field: read from that field's index.
 * Null when the domain has no such term (every record is then tried).
 */
function indexedCandidates(table: Table, domain: DomainInput): Set<number> | null {
  if (!Array.isArray(domain) || !domain.length || !domain.every((term) => Array.isArray(term) && term.length === 3)) {
    return null
  }
  for (const [field, operator, value] of domain as [JsonValue, JsonValue, JsonValue][]) {
    if (field === "id") {
      const ids = operator === "=" && typeof value === "number" ? [value] : operator === "in" && isIdList(value) ? value : null
      if (ids) return new Set(ids.filter((id) => table.records.has(id)))
      continue
    }
    const definition = typeof field === "string" ? table.fields.get(field) : undefined
    // A computed field's value is not in the raw record, so not in the index either.
    if (!definition || definition.type !== "many2one" || !definition.store || definition.compute) continue
    const targets =
      operator === "=" && typeof value === "number"
        ? [value]
        : operator === "in" && Array.isArray(value) && value.every((item) => typeof item === "number")
          ? (value as number[])
          : null
    if (!targets) continue
    const ids = new Set<number>()
    for (const target of targets) for (const id of table.referencing(field as string, target)) ids.add(id)
    return ids
  }
  return null
}
function targetsOf(value: JsonValue | undefined): number[] {
  if (typeof value === "number") return [value]
  if (isIdList(value)) return value
  return []
}
function addToIndex(index: Map<number, Set<number>>, target: number, id: number): void {
  let ids = index.get(target)
  if (!ids) {
    ids = new Set()
    index.set(target, ids)
  }
  ids.add(id)
}

export interface SearchOptions {
  offset?: number
  limit?: number | null
  order?: string | null
  /** Overrides the context's active_test. */
  activeTest?: boolean
}

/**
 * A request's view of the store: who asks (uid), with which context. Computed values and sort
 * keys are cached for the lifetime of one Env (one RPC call), never across writes made with it.
 */
export class Env {
  private readonly displayNameCache = new Map<string, string>()
  private readonly memoCache = new Map<string, unknown>()

  constructor(
    readonly store: Store,
    readonly uid: number,
    readonly context: OdooContext = {},
    /** Bypasses access rights (Odoo's sudo), used by the test API and internal bookkeeping. */
    readonly superuser = false
  ) {}

  withContext(patch: OdooContext): Env {
    return new Env(this.store, this.uid, { ...this.context, ...patch }, this.superuser)
  }

  get activeTest(): boolean {
    return this.context.active_test !== false
  }

  hasModel(model: string): boolean {
    return this.store.tables.has(model)
  }

  table(model: string): Table {
    const table = this.store.tables.get(model)
    if (!table) throw new OdooError("builtins.KeyError", model)
    return table
  }

  field(model: string, name: string): FieldDef {
    const field = this.table(model).fields.get(name)
    if (!field) throw invalidField(model, name)
    return field
  }

  browse(model: string, id: number): RawRecord | undefined {
    return this.store.tables.get(model)?.records.get(id)
  }

  /** Clears per-call caches after this Env wrote something. */
  invalidate(): void {
    this.store.bump()
    this.displayNameCache.clear()
    this.memoCache.clear()
  }

  /** Caches an expensive derived value (stock scope, rates...) for the rest of this call. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memoCache.has(key)) return this.memoCache.get(key) as T
    const value = compute()
    this.memoCache.set(key, value)
    return value
  }

  /**
   * The value of a field as the ORM sees it: many2one an id or false, x2many the ids that a read
   * would list (existing, active unless the context says otherwise, in the comodel's order).
   * `archivedToo`: x2many with archived co-records whatever the context, as a domain's SQL on
   * the relation sees them.
   */
  get(model: string, record: RawRecord, fieldName: string, archivedToo = false): JsonValue {
    const table = this.table(model)
    const field = table.fields.get(fieldName)
    if (!field) throw invalidField(model, fieldName)
    if (field.delegated && table.spec.inherits) {
      const parentId = record[table.spec.inherits.field]
      const parent = typeof parentId === "number" ? this.browse(table.spec.inherits.model, parentId) : undefined
      return parent ? this.get(table.spec.inherits.model, parent, fieldName, archivedToo) : emptyValue(field.type)
    }
    let value: JsonValue | undefined
    if (fieldName === "id") {
      value = record.id
    } else if (field.compute) {
      value = field.compute(this, record)
    } else if (field.type === "one2many" && field.inverseName && field.relation && this.hasModel(field.relation)) {
      value = [...this.table(field.relation).referencing(field.inverseName, record.id)]
    } else {
      value = record[fieldName]
    }
    if (value === undefined || value === null) {
      value = emptyValue(field.type)
    }
    if (field.type === "many2one" && typeof value === "number" && field.relation && this.hasModel(field.relation)) {
      return this.browse(field.relation, value) ? value : false
    }
    if (isX2many(field) && field.relation) {
      return this.visibleCorecords(field, isIdList(value) ? value : [], archivedToo)
    }
    return value
  }

  getById(model: string, id: number, fieldName: string): JsonValue {
    const record = this.browse(model, id)
    return record ? this.get(model, record, fieldName) : false
  }

  private visibleCorecords(field: FieldDef, ids: number[], archivedToo: boolean): number[] {
    const comodel = field.relation
    if (!comodel || !this.hasModel(comodel)) return ids
    const table = this.table(comodel)
    const active = table.activeField
    const filterActive = active !== undefined && this.activeTest && !archivedToo
    // Odoo reads an x2many through a search of the comodel: its record rules apply.
    const visible = this.withRecordRule(comodel, () => true)
    const seen = new Set<number>()
    const kept: number[] = []
    for (const id of ids) {
      const record = table.records.get(id)
      if (!record || seen.has(id)) continue
      if (filterActive && record[active] === false) continue
      if (!visible(record)) continue
      seen.add(id)
      kept.push(id)
    }
    return kept.length > 1 ? this.sortIds(comodel, kept) : kept
  }

  displayName(model: string, id: number): string {
    const key = model + "," + id
    const cached = this.displayNameCache.get(key)
    if (cached !== undefined) return cached
    const record = this.browse(model, id)
    let name: string
    if (!record) {
      name = `${model},${id}`
    } else {
      const spec = this.table(model).spec
      if (spec.displayName) {
        name = spec.displayName(this, record)
      } else {
        const value = this.get(model, record, spec.recName ?? "name")
        name = typeof value === "string" ? value : `${model},${id}`
      }
    }
    this.displayNameCache.set(key, name)
    return name
  }

  compiledOrder(model: string, order: string): CompiledOrder {
    return this.store.compiledOrder(this, model, order)
  }

  sortIds(model: string, ids: number[], order?: string): number[] {
    const compiled = this.compiledOrder(model, order ?? this.table(model).spec.order)
    return compiled.sort(ids)
  }

  /** The domain's test and the model's record rule (none for the superuser), both. */
  private withRecordRule(model: string, matches: (record: RawRecord) => boolean): (record: RawRecord) => boolean {
    const rule = this.superuser ? undefined : this.table(model).spec.recordRule
    if (!rule) return matches
    const allowed = compileDomain(this, model, rule(this), { activeTest: false })
    return (record) => allowed(record) && matches(record)
  }

  /** Odoo's _search: domain (with active_test), order, offset, limit. */
  search(model: string, requested: DomainInput, options: SearchOptions = {}): number[] {
    const table = this.table(model)
    const domain = table.spec.searchDomain ? table.spec.searchDomain(requested) : requested
    const activeTest = options.activeTest ?? this.activeTest
    const matches = this.withRecordRule(model, compileDomain(this, model, domain, { activeTest }))
    const order = options.order && options.order.trim() ? options.order : table.spec.order
    // Filtering the model's ids already in order keeps paging through large tables linear.
    // As PostgreSQL would use an index: `id in ids` or `many2one in ids` narrows the rows before
    // the domain runs; a few candidates are sorted on their own rather than the whole table walked.
    const candidates = indexedCandidates(table, domain)
    const ordered =
      candidates && candidates.size * 8 < table.records.size ? this.sortIds(model, [...candidates], order) : this.store.sortedIds(this, model, order)
    const offset = options.offset ?? 0
    const limit = options.limit ?? undefined
    const end = limit === undefined || limit === null ? Infinity : offset + limit
    const ids: number[] = []
    let position = 0
    for (const id of ordered) {
      if (candidates && !candidates.has(id)) continue
      const record = table.records.get(id)
      if (!record || !matches(record)) continue
      if (position >= offset) ids.push(id)
      position++
      if (position >= end) break
    }
    return ids
  }

  searchCount(model: string, requested: DomainInput, limit?: number | null): number {
    const table = this.table(model)
    const domain = table.spec.searchDomain ? table.spec.searchDomain(requested) : requested
    const matches = this.withRecordRule(model, compileDomain(this, model, domain, { activeTest: this.activeTest }))
    let count = 0
    for (const record of table.records.values()) {
      if (matches(record)) {
        count++
        if (limit && count >= limit) break
      }
    }
    return count
  }

  // ---------------------------------------------------------------- mutations

  create(model: string, valsList: JsonObject[]): number[] {
    this.store.bump()
    try {
      const ids = valsList.map((vals) => this.createOne(model, vals))
      this.invalidate()
      this.table(model).spec.afterCreate?.(this, ids, valsList)
      return ids
    } finally {
      this.invalidate()
    }
  }

  private createOne(model: string, inputVals: JsonObject): number {
    const table = this.table(model)
    const spec = table.spec
    const vals: JsonObject = { ...inputVals }
    for (const name of Object.keys(vals)) {
      if (!table.fields.has(name)) throw invalidField(model, name)
    }
    spec.beforeCreate?.(this, vals)
    // _inherits: fields of the parent go to a parent record created first when none is given.
    if (spec.inherits) {
      const parentVals: JsonObject = {}
      for (const [name, value] of Object.entries(vals)) {
        if (table.fields.get(name)?.delegated) {
          parentVals[name] = value
          delete vals[name]
        }
      }
      const link = spec.inherits.field
      if (!vals[link]) {
        vals[link] = this.create(spec.inherits.model, [parentVals])[0]
      } else if (Object.keys(parentVals).length > 0 && typeof vals[link] === "number") {
        this.write(spec.inherits.model, [vals[link] as number], parentVals)
      }
    }
    const now = this.store.tick()
    const record: RawRecord = { id: table.nextId }
    const inverses: [FieldDef, JsonValue][] = []
    const x2manyLater: [FieldDef, JsonValue][] = []
    let foreignKeyError: OdooError | undefined
    for (const [name, field] of table.fields) {
      if (name === "id" || field.delegated) continue
      let value: JsonValue | undefined = vals[name]
      if (value === undefined) {
        const fallback = spec.defaults?.[name]
        value = typeof fallback === "function" ? fallback(this) : fallback
      }
      if (field.compute) {
        if (value !== undefined && name in vals && field.inverse) inverses.push([field, value])
        continue
      }
      if (field.type === "one2many") {
        if (value !== undefined) x2manyLater.push([field, value])
        continue
      }
      if (field.type === "many2many") {
        record[name] = value === undefined ? [] : this.applyManyToManyCommands(field, [], value)
        continue
      }
      if (!field.store && !(name in vals)) continue
      if (value !== undefined && field.type === "many2one" && !foreignKeyError) {
        // A missing target fails at the INSERT, in PostgreSQL: after the id was taken.
        try {
          record[name] = this.convert(model, field, value)
        } catch (error) {
          if (!(error instanceof OdooError) || !/_fkey\b/.test(error.message)) throw error
          foreignKeyError = error
        }
        continue
      }
      record[name] = value === undefined ? emptyValue(field.type) : this.convert(model, field, value)
    }
    if (foreignKeyError) {
      table.nextId++
      throw foreignKeyError
    }
    if (table.fields.has("create_date")) record.create_date = now
    if (table.fields.has("write_date")) record.write_date = now
    if (table.fields.has("create_uid")) record.create_uid = this.uid
    if (table.fields.has("write_uid")) record.write_uid = this.uid
    this.checkRequired(model, record)
    table.insert(record)
    for (const [field, value] of x2manyLater) this.applyOneToMany(model, record, field, value)
    for (const [field, value] of inverses) field.inverse?.(this, record, value)
    return record.id
  }

  write(model: string, ids: number[], inputVals: JsonObject): void {
    this.store.bump()
    try {
      this.writeUnchecked(model, ids, inputVals)
    } finally {
      this.invalidate()
    }
  }

  private writeUnchecked(model: string, ids: number[], inputVals: JsonObject): void {
    const table = this.table(model)
    const spec = table.spec
    const missing = ids.filter((id) => !table.records.has(id))
    if (missing.length > 0) throw missingRecord(model, missing, this.uid)
    const vals: JsonObject = { ...inputVals }
    for (const name of Object.keys(vals)) {
      if (!table.fields.has(name)) throw invalidField(model, name)
    }
    spec.beforeWrite?.(this, ids, vals)
    const parentVals: JsonObject = {}
    if (spec.inherits) {
      for (const [name, value] of Object.entries(vals)) {
        if (table.fields.get(name)?.delegated) {
          parentVals[name] = value
          delete vals[name]
        }
      }
    }
    // Convert everything first so that a bad value leaves no half-written record behind.
    const converted: [FieldDef, JsonValue][] = []
    const inverses: [FieldDef, JsonValue][] = []
    for (const [name, value] of Object.entries(vals)) {
      const field = table.fields.get(name) as FieldDef
      if (name === "id") continue
      if (field.compute) {
        if (field.inverse) inverses.push([field, value])
        continue
      }
      if (field.type === "one2many" || field.type === "many2many") {
        converted.push([field, value])
      } else {
        converted.push([field, this.convert(model, field, value)])
      }
    }
    const now = this.store.tick()
    for (const id of ids) {
      const record = table.records.get(id) as RawRecord
      for (const [field, value] of converted) {
        if (field.type === "one2many") {
          this.applyOneToMany(model, record, field, value)
        } else if (field.type === "many2many") {
          const current = isIdList(record[field.name]) ? (record[field.name] as number[]) : []
          table.set(record, field.name, this.applyManyToManyCommands(field, current, value))
        } else {
          table.set(record, field.name, value)
        }
      }
      if (table.fields.has("write_date")) table.set(record, "write_date", now)
      if (table.fields.has("write_uid")) table.set(record, "write_uid", this.uid)
      this.checkRequired(model, record)
    }
    this.invalidate()
    for (const [field, value] of inverses) {
      for (const id of ids) field.inverse?.(this, table.records.get(id) as RawRecord, value)
    }
    if (spec.inherits && Object.keys(parentVals).length > 0) {
      const parentIds = [
        ...new Set(ids.map((id) => table.records.get(id)?.[spec.inherits?.field ?? ""]).filter((v): v is number => typeof v === "number")),
      ]
      this.write(spec.inherits.model, parentIds, parentVals)
    }
    this.invalidate()
    spec.afterWrite?.(this, ids, inputVals)
    this.invalidate()
  }

  /** Bumps write_date as a write of `fields` would (used when a related record changes). */
  touch(model: string, ids: number[]): void {
    this.store.bump()
    const table = this.table(model)
    if (!table.fields.has("write_date")) return
    const now = this.store.tick()
    for (const id of ids) {
      const record = table.records.get(id)
      if (record) table.set(record, "write_date", now)
    }
  }

  unlink(model: string, ids: number[]): void {
    this.store.bump()
    try {
      this.unlinkUnchecked(model, ids)
    } finally {
      this.invalidate()
    }
  }

  private unlinkUnchecked(model: string, ids: number[]): void {
    const table = this.table(model)
    const existing = [...new Set(ids)].filter((id) => table.records.has(id))
    if (existing.length < new Set(ids).size) {
      throw missingRecord(model, ids.filter((id) => !table.records.has(id)), this.uid)
    }
    const generic = (toDelete: number[]): void => this.genericUnlink(model, toDelete)
    if (table.spec.unlink) {
      table.spec.unlink(this, existing, generic)
    } else {
      generic(existing)
    }
    this.invalidate()
  }

  /** Deletes without the model's own unlink rules (foreign keys still apply). */
  unlinkGeneric(model: string, ids: number[]): void {
    this.store.bump()
    try {
      this.genericUnlink(model, ids)
    } finally {
      this.invalidate()
    }
  }

  private genericUnlink(model: string, ids: number[]): void {
    const table = this.table(model)
    const live = ids.filter((id) => table.records.has(id))
    if (live.length === 0) return
    // Foreign keys: refuse (restrict), delete (cascade) or clear (set null) the referencing rows.
    for (const other of this.store.tables.values()) {
      for (const field of other.fields.values()) {
        if (field.type !== "many2one" || field.relation !== model || !field.store || field.compute) continue
        const referencing = new Set<number>()
        for (const id of live) for (const ref of other.referencing(field.name, id)) referencing.add(ref)
        if (other === table) for (const id of live) referencing.delete(id)
        if (referencing.size === 0) continue
        const mode = other.spec.onDelete?.[field.name]
        if (mode === "restrict") {
          throw new OdooError(
            "odoo.exceptions.ValidationError",
            `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${other.spec.description} (${other.name})\nConstraint: ${other.name.replace(/\./g, "_")}_${field.name}_fkey`
          )
        }
        if (mode === "cascade") {
          this.unlink(other.name, [...referencing])
        } else {
          for (const ref of referencing) {
            const record = other.records.get(ref)
            if (record) other.set(record, field.name, false)
          }
        }
      }
    }
    for (const id of live) table.remove(id)
  }

  // ------------------------------------------------------------ conversions

  /** Odoo's convert_to_cache for a written value. */
  convert(model: string, field: FieldDef, value: JsonValue): JsonValue {
    try {
      return this.convertValue(model, field, value)
    } catch (error) {
      if (error instanceof PythonValueError) throw new OdooError(error.pythonName, error.message)
      throw error
    }
  }

  private convertValue(model: string, field: FieldDef, value: JsonValue): JsonValue {
    const wrong = (): OdooError => valueError(`Wrong value for ${model}.${field.name}: ${pyRepr(value)}`)
    switch (field.type) {
      case "integer":
        return pyInt(value)
      case "float":
      case "monetary": {
        const number = pyFloat(value)
        return field.digits !== undefined ? floatRound(number, field.digits) : number
      }
      case "boolean":
        return pyTruthy(value)
      case "many2one": {
        if (value === false || value === null || value === 0) return false
        const id = typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] : undefined
        if (id === undefined || !Number.isInteger(id)) throw wrong()
        if (field.relation && this.hasModel(field.relation) && !this.browse(field.relation, id)) {
          throw new OdooError(
            "odoo.exceptions.ValidationError",
            `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${this.table(model).spec.description} (${model})\nConstraint: ${model.replace(/\./g, "_")}_${field.name}_fkey\n`
          )
        }
        return id
      }
      case "selection": {
        if (value === false || value === null) return false
        if (typeof value !== "string" || (field.selection && !field.selection.includes(value))) throw wrong()
        return value
      }
      case "char":
      case "text":
      case "html":
      case "binary":
      case "reference":
        if (value === false || value === null) return false
        if (typeof value === "string") return value
        if (typeof value === "number") return String(value)
        throw wrong()
      case "date":
      case "datetime": {
        if (value === false || value === null || value === "") return false
        if (typeof value !== "string") throw wrong()
        const text = value.replace("T", " ")
        const pattern = field.type === "date" ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/
        if (!pattern.test(field.type === "date" ? text.slice(0, 10) : text)) {
          throw valueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d${field.type === "date" ? "" : " %H:%M:%S"}'`)
        }
        return field.type === "date" ? text.slice(0, 10) : text.length === 10 ? text + " 00:00:00" : text
      }
      default:
        return value
    }
  }

  private checkRequired(model: string, record: RawRecord): void {
    const table = this.table(model)
    for (const field of table.fields.values()) {
      // Booleans are never "unset", x2many and computed fields are not columns.
      if (!field.required || !field.store || field.compute || field.delegated || field.type === "boolean" || isX2many(field)) {
        continue
      }
      const value = record[field.name]
      // undefined: a column the fixture did not export; the database has a value for it.
      if (value === false || value === null || value === "") {
        throw new OdooError(
          "odoo.exceptions.ValidationError",
          `The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${table.spec.description} (${model})\nField: ${String(field.description.string ?? field.name)} (${field.name})`
        )
      }
    }
  }

  /** many2many commands (or a plain id list) applied to the current ids. */
  private applyManyToManyCommands(field: FieldDef, current: number[], value: JsonValue): number[] {
    let ids = [...current]
    if (value === false || value === null) return []
    if (!Array.isArray(value)) throw valueError(`Wrong value for ${field.name}: ${pyRepr(value)}`)
    if (isIdList(value)) return [...new Set(value)]
    for (const command of value) {
      if (!Array.isArray(command)) throw valueError(`Wrong value for ${field.name}: ${pyRepr(value)}`)
      const [code, id, arg] = command
      switch (code) {
        case 0:
          if (field.relation && isJsonObject(arg)) ids.push(...this.create(field.relation, [arg]))
          break
        case 1:
          if (field.relation && typeof id === "number" && isJsonObject(arg)) this.write(field.relation, [id], arg)
          break
        case 2:
          if (field.relation && typeof id === "number") this.unlink(field.relation, [id])
          ids = ids.filter((item) => item !== id)
          break
        case 3:
          ids = ids.filter((item) => item !== id)
          break
        case 4:
          if (typeof id === "number" && !ids.includes(id)) ids.push(id)
          break
        case 5:
          ids = []
          break
        case 6:
          ids = isIdList(arg) ? [...new Set(arg)] : []
          break
        default:
          throw valueError(`Wrong value for ${field.name}: ${pyRepr(value)}`)
      }
    }
    return ids
  }

  /** one2many commands: children are created, written, relinked or deleted. */
  private applyOneToMany(model: string, record: RawRecord, field: FieldDef, value: JsonValue): void {
    const comodel = field.relation
    const inverse = field.inverseName
    if (!comodel || !inverse || !this.hasModel(comodel)) return
    if (value === false || value === null) return
    if (!Array.isArray(value)) throw valueError(`Wrong value for ${model}.${field.name}: ${pyRepr(value)}`)
    const commands: JsonValue[] = isIdList(value) ? [[6, 0, value]] : value
    const currentIds = (): number[] => [...this.table(comodel).referencing(inverse, record.id)]
    for (const command of commands) {
      if (!Array.isArray(command)) throw valueError(`Wrong value for ${model}.${field.name}: ${pyRepr(value)}`)
      const [code, id, arg] = command
      if (code === 0 && isJsonObject(arg)) {
        this.create(comodel, [{ ...arg, [inverse]: record.id }])
      } else if (code === 1 && typeof id === "number" && isJsonObject(arg)) {
        this.write(comodel, [id], arg)
      } else if ((code === 2 || code === 3) && typeof id === "number") {
        this.unlink(comodel, [id])
      } else if (code === 4 && typeof id === "number") {
        this.write(comodel, [id], { [inverse]: record.id })
      } else if (code === 5) {
        const ids = currentIds()
        if (ids.length) this.unlink(comodel, ids)
      } else if (code === 6) {
        const wanted = isIdList(arg) ? arg : []
        const stale = currentIds().filter((item) => !wanted.includes(item))
        if (stale.length) this.unlink(comodel, stale)
        const toLink = wanted.filter((item) => this.browse(comodel, item)?.[inverse] !== record.id)
        if (toLink.length) this.write(comodel, toLink, { [inverse]: record.id })
      }
    }
  }
}

function pyTruthy(value: JsonValue): boolean {
  if (value === null || value === false || value === 0 || value === "") return false
  if (Array.isArray(value)) return value.length > 0
  if (isJsonObject(value)) return Object.keys(value).length > 0
  return true
}

export interface StoreOptions {
  /** The emulator's clock behind write_date (to the second, never going backwards). */
  now?: () => Date
}

export class Store {
  readonly tables = new Map<string, Table>()
  private lastTick = ""
  /** Bumped by every mutation: cached sort keys and orders are only valid for one version. */
  private version = 0
  private journal: UndoStep[] | null = null
  private transactionTick: string | undefined
  private readonly orderCache = new Map<string, { version: number; compiled: CompiledOrder; sorted?: number[] }>()
  private readonly now: () => Date

  constructor(
    readonly specs: ModelSpec[],
    options: StoreOptions = {}
  ) {
    this.now = options.now ?? (() => new Date())
    const schema = loadSchema()
    for (const spec of specs) {
      const table = new Table(spec)
      this.tables.set(spec.name, table)
      for (const [name, description] of Object.entries(schema[spec.name] ?? {})) {
        table.fields.set(name, fieldFromDescription(name, description))
      }
    }
    for (const table of this.tables.values()) this.completeFields(table)
  }

  /** Adds the model spec's extra fields, computes and delegation to the schema's fields. */
  private completeFields(table: Table): void {
    const spec = table.spec
    for (const extra of spec.extraFields ?? []) {
      const existing = table.fields.get(extra.name)
      const description: JsonObject = {
        readonly: extra.readonly ?? false,
        required: extra.required ?? false,
        store: extra.store ?? true,
        string: extra.string,
        type: extra.type,
      }
      if (extra.relation) description.relation = extra.relation
      if (extra.selection) description.selection = extra.selection
      if (extra.help) description.help = extra.help
      if (extra.inverseName) description.relation_field = extra.inverseName
      if (extra.digits !== undefined) description.digits = [16, extra.digits]
      const field = existing ?? fieldFromDescription(extra.name, description)
      if (extra.inverseName) field.inverseName = extra.inverseName
      table.fields.set(extra.name, field)
    }
    for (const base of ["id", "display_name", "create_date", "write_date"]) {
      if (!table.fields.has(base)) {
        const type: FieldType = base === "id" ? "integer" : base === "display_name" ? "char" : "datetime"
        const label = { id: "ID", display_name: "Display Name", create_date: "Created on", write_date: "Last Updated on" }[base] ?? base
        table.fields.set(base, fieldFromDescription(base, { readonly: true, required: false, store: base !== "display_name", string: label, type }))
      }
    }
    for (const [name, compute] of Object.entries(spec.computes ?? {})) {
      const field = table.fields.get(name)
      if (field) field.compute = compute
    }
    for (const [name, inverse] of Object.entries(spec.inverses ?? {})) {
      const field = table.fields.get(name)
      if (field) field.inverse = inverse
    }
    const displayName = table.fields.get("display_name")
    if (displayName && !displayName.compute) {
      displayName.compute = (env, record) => env.displayName(spec.name, record.id)
    }
    if (spec.inherits) {
      const own = new Set([...spec.inherits.ownFields, ...Object.keys(spec.computes ?? {}), "id"])
      const parent = this.tables.get(spec.inherits.model)
      for (const [name, field] of table.fields) {
        if (!own.has(name) && parent?.fields.has(name)) field.delegated = true
      }
    }
  }

  bump(): void {
    this.version++
  }

  /**
   * Runs `work` as one transaction: if it throws, every record it created, changed or deleted is
   * restored (Odoo rolls back the whole RPC call). Nested calls join the outer transaction.
   */
  transaction<T>(work: () => T): T {
    if (this.journal) return work()
    const journal: UndoStep[] = []
    this.journal = journal
    for (const table of this.tables.values()) table.journal = journal
    const tick = this.lastTick
    try {
      return work()
    } catch (error) {
      for (let index = journal.length - 1; index >= 0; index--) journal[index]()
      this.lastTick = tick
      throw error
    } finally {
      this.transactionTick = undefined
      this.journal = null
      for (const table of this.tables.values()) table.journal = null
      this.bump()
    }
  }

  compiledOrder(env: Env, model: string, order: string): CompiledOrder {
    const key = model + "|" + order
    const cached = this.orderCache.get(key)
    if (cached && cached.version === this.version) return cached.compiled
    const compiled = compileOrder(env, model, order)
    this.orderCache.set(key, { version: this.version, compiled })
    return compiled
  }

  /** Every id of the model in the given order, cached until the next mutation. */
  sortedIds(env: Env, model: string, order: string): number[] {
    const compiled = this.compiledOrder(env, model, order)
    const entry = this.orderCache.get(model + "|" + order)
    if (entry && entry.sorted) return entry.sorted
    const sorted = compiled.sort([...(this.tables.get(model)?.records.keys() ?? [])])
    if (entry) entry.sorted = sorted
    return sorted
  }

  /**
   * The write_date of the current transaction: one per RPC call, the clock's second when it
   * starts, as Odoo stamps a transaction with its start time. Calls within one second share it
   * (an incremental reader must read that second again); it never goes back when the clock does.
   */
  tick(): string {
    if (this.transactionTick) return this.transactionTick
    let candidate = formatDatetime(this.now())
    if (candidate < this.lastTick) candidate = this.lastTick
    this.lastTick = candidate
    if (this.journal) this.transactionTick = candidate
    return candidate
  }

  /** A model the emulator has no rules for (a fixture brought it): plain storage, readable by users. */
  private addGenericModel(model: string): Table {
    const table = new Table({
      name: model,
      description: model,
      order: "id",
      access: { read: ["User types/Internal User"], write: [], create: [], unlink: [] },
    })
    this.tables.set(model, table)
    this.completeFields(table)
    return table
  }

  env(uid: number, context: OdooContext = {}, superuser = false): Env {
    return new Env(this, uid, context, superuser)
  }

  /**
   * Loads a fixture: many2one pairs become ids; x2many lists are kept for many2many and derived
   * again from the inverse many2one for one2many; stub records are created for comodels that the
   * fixture only names (uom.category, res.country...), so their display names survive.
   */
  load(fixture: Fixture): void {
    const stubs = new Map<string, Map<number, string>>()
    const loaded = new Set<string>()
    for (const [model, { fields, records }] of Object.entries(fixture.models)) {
      const table = this.tables.get(model) ?? this.addGenericModel(model)
      loaded.add(model)
      for (const [name, description] of Object.entries(fields ?? {})) {
        if (!table.fields.has(name)) table.fields.set(name, fieldFromDescription(name, description))
      }
      for (const source of records) {
        const id = source.id
        if (typeof id !== "number") continue
        const record: RawRecord = { id }
        for (const [name, value] of Object.entries(source)) {
          if (name === "id") continue
          const field = table.fields.get(name)
          if (field?.type === "many2one" && Array.isArray(value)) {
            const [targetId, label] = value
            record[name] = typeof targetId === "number" ? targetId : false
            if (typeof targetId === "number" && typeof label === "string" && field.relation) {
              let names = stubs.get(field.relation)
              if (!names) stubs.set(field.relation, (names = new Map()))
              if (!names.has(targetId)) names.set(targetId, label)
            }
          } else {
            record[name] = value
          }
        }
        table.insert(record)
      }
    }
    // Comodels the fixture only names (uom.category, res.country...) get stub records, so
    // many2one display names survive and x2many ids are not dropped as dangling.
    for (const [model, names] of stubs) {
      const table = this.tables.get(model)
      if (!table || loaded.has(model)) continue
      for (const [id, name] of names) {
        if (!table.records.has(id)) table.insert({ id, name })
      }
    }
    for (const model of loaded) {
      const table = this.tables.get(model) as Table
      for (const field of table.fields.values()) {
        if (field.type !== "many2many" || !field.relation || loaded.has(field.relation)) continue
        const comodel = this.tables.get(field.relation)
        if (!comodel) continue
        for (const record of table.records.values()) {
          for (const id of isIdList(record[field.name]) ? (record[field.name] as number[]) : []) {
            if (!comodel.records.has(id)) comodel.insert({ id, name: `${field.relation},${id}` })
          }
        }
      }
    }
    // Columns the export did not include take their default, as they would in the database.
    const env = this.env(1, {}, true)
    for (const model of loaded) {
      const table = this.tables.get(model) as Table
      const defaults = Object.entries(table.spec.defaults ?? {}).filter(([name]) => {
        const field = table.fields.get(name)
        return field !== undefined && !field.compute && !field.delegated
      })
      for (const record of table.records.values()) {
        for (const [name, fallback] of defaults) {
          if (record[name] === undefined) record[name] = typeof fallback === "function" ? fallback(env) : fallback
        }
      }
    }
  }
}

export function fieldFromDescription(name: string, description: JsonObject): FieldDef {
  const type = String(description.type ?? "char") as FieldType
  const digits = Array.isArray(description.digits) && typeof description.digits[1] === "number" ? description.digits[1] : undefined
  const selection = Array.isArray(description.selection)
    ? description.selection.map((option) => (Array.isArray(option) ? String(option[0]) : String(option)))
    : undefined
  const store = description.store !== false
  return {
    name,
    type,
    relation: typeof description.relation === "string" ? description.relation : undefined,
    inverseName: typeof description.relation_field === "string" ? description.relation_field : undefined,
    store,
    required: description.required === true,
    readonly: description.readonly === true,
    selection,
    digits,
    description,
    searchable: description.searchable !== false,
    sortable: description.sortable !== undefined ? description.sortable === true : store,
  }
}
