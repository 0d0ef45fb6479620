/**
 * Typed readers for loosely typed Odoo rows. A reader either returns a checked value or throws
 * MappingFailure, which `mapTemplate` turns into a skip; nothing escapes the public API.
 */
import type { MappingSkip, OdooRecord } from "./types"

export const MODELS = {
  template: "product.template",
  variant: "product.product",
  line: "product.template.attribute.line",
  ptav: "product.template.attribute.value",
  attribute: "product.attribute",
} as const

/** Internal signal for bad Odoo data; always caught inside this module. */
export class MappingFailure extends Error {
  constructor(
    readonly model: string,
    readonly odooId: number,
    readonly reason: string
  ) {
    super(`${model} ${odooId}: ${reason}`)
    this.name = "MappingFailure"
  }

  toSkip(templateId?: number): MappingSkip {
    const skip: MappingSkip = { odooId: this.odooId, model: this.model, reason: this.reason }
    return templateId === undefined ? skip : { ...skip, templateId }
  }
}

/** Short, safe description of an unexpected value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return "missing"
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return `number ${value}`
  }
  const json = JSON.stringify(value) ?? String(value)
  const shown = json.length > 60 ? `${json.slice(0, 57)}...` : json
  return `${Array.isArray(value) ? "array" : typeof value} ${shown}`
}

export function isOdooId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0
}

/** The record's id, or 0 when it has none usable (reported as such). */
export function recordId(record: unknown): number {
  const id = typeof record === "object" && record !== null ? (record as { id?: unknown }).id : undefined
  return isOdooId(id) ? id : 0
}

export class FieldReader {
  constructor(
    private readonly record: OdooRecord,
    private readonly model: string
  ) {}

  get id(): number {
    return recordId(this.record)
  }

  fail(reason: string): never {
    throw new MappingFailure(this.model, this.id, reason)
  }

  private wrongType(field: string, expected: string): never {
    return this.fail(`field ${field} should be ${expected}, got ${describe(this.record[field])}`)
  }

  has(field: string): boolean {
    return this.record[field] !== undefined
  }

  /** Char/Text field: a string, or null for Odoo's false / "". */
  optionalString(field: string): string | null {
    const value = this.record[field]
    if (value === false || value === undefined || value === "") {
      return null
    }
    return typeof value === "string" ? value : this.wrongType(field, "a string or false")
  }

  boolean(field: string, whenMissing?: boolean): boolean {
    const value = this.record[field]
    if (typeof value === "boolean") {
      return value
    }
    if (value === undefined && whenMissing !== undefined) {
      return whenMissing
    }
    return this.wrongType(field, "true or false")
  }

  /** Float field: a finite number (Odoo never sends false for floats). */
  number(field: string): number {
    const value = this.record[field]
    return typeof value === "number" && Number.isFinite(value) ? value : this.wrongType(field, "a number")
  }

  /** Float that may be absent or false (→ null). */
  optionalNumberOrNull(field: string): number | null {
    const value = this.record[field]
    return value === undefined || value === false ? null : this.number(field)
  }

  optionalNumber(field: string, whenMissing: number): number {
    return this.has(field) ? this.number(field) : whenMissing
  }

  /** many2one: [id, "name"] → id; false → null. */
  many2one(field: string): number | null {
    const value = this.record[field]
    if (value === false) {
      return null
    }
    if (Array.isArray(value) && value.length >= 1 && isOdooId(value[0])) {
      return value[0]
    }
    return this.wrongType(field, "[id, name] or false")
  }

  /** many2one that must be set. */
  requiredMany2one(field: string, what: string): number {
    return this.many2one(field) ?? this.fail(`has no ${what} (${field} is false)`)
  }

  /** x2many: list of ids; a missing field reads as []. */
  idList(field: string): number[] {
    const value = this.record[field]
    if (value === undefined || value === false) {
      return []
    }
    if (Array.isArray(value) && value.every(isOdooId)) {
      return value as number[]
    }
    return this.wrongType(field, "a list of ids")
  }
}
