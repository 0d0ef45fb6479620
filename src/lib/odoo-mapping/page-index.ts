/**
 * Groups a page of raw Odoo rows by template so each template maps on its own. Rows that
 * cannot be attached to a template of the page are reported, never thrown.
 */
import { describe, isOdooId, MODELS, recordId } from "./odoo-fields"
import type { MappingSkip, OdooCatalogPage, OdooRecord } from "./types"

export interface PageIndex {
  templatesById: Map<number, OdooRecord>
  /** Variants of each template, in page order, archived ones included (filtered when mapping). */
  variantsByTemplate: Map<number, OdooRecord[]>
  linesByTemplate: Map<number, OdooRecord[]>
  /** PTAVs of each line, keyed by attribute_line_id. */
  ptavsByLine: Map<number, OdooRecord[]>
  ptavsById: Map<number, OdooRecord>
  attributesById: Map<number, OdooRecord>
  /** Rows that belong to no template of the page (bad data). */
  orphans: MappingSkip[]
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) {
    list.push(value)
  } else {
    map.set(key, [value])
  }
}

function asRecords(rows: unknown): OdooRecord[] {
  return Array.isArray(rows) ? rows.filter((r): r is OdooRecord => typeof r === "object" && r !== null) : []
}

/** many2one id or null for anything else (false, malformed); callers report the null case. */
function many2oneIdOrNull(value: unknown): number | null {
  return Array.isArray(value) && isOdooId(value[0]) ? value[0] : null
}

/** Indexes rows by id, reporting rows without a usable id and duplicate ids. */
function indexById(rows: OdooRecord[], model: string, orphans: MappingSkip[]): Map<number, OdooRecord> {
  const byId = new Map<number, OdooRecord>()
  for (const row of rows) {
    const id = recordId(row)
    if (id === 0) {
      orphans.push({ odooId: 0, model, reason: `record without a valid id (id is ${describe(row.id)})` })
    } else if (byId.has(id)) {
      orphans.push({ odooId: id, model, reason: "duplicate record in the page; the first one is used" })
    } else {
      byId.set(id, row)
    }
  }
  return byId
}

function orphan(model: string, row: OdooRecord, reason: string): MappingSkip {
  return { odooId: recordId(row), model, reason }
}

export function indexPage(page: OdooCatalogPage): PageIndex {
  const orphans: MappingSkip[] = []
  const templatesById = indexById(asRecords(page.templates), MODELS.template, orphans)
  const attributesById = indexById(asRecords(page.attributes), MODELS.attribute, orphans)
  const variantsByTemplate = new Map<number, OdooRecord[]>()
  const linesByTemplate = new Map<number, OdooRecord[]>()
  const ptavsByLine = new Map<number, OdooRecord[]>()

  for (const variant of indexById(asRecords(page.variants), MODELS.variant, orphans).values()) {
    const templateId = many2oneIdOrNull(variant.product_tmpl_id)
    if (templateId === null || !templatesById.has(templateId)) {
      orphans.push(
        orphan(MODELS.variant, variant, `variant without a template in the page (product_tmpl_id is ${describe(variant.product_tmpl_id)})`)
      )
    } else {
      pushTo(variantsByTemplate, templateId, variant)
    }
  }

  const linesById = indexById(asRecords(page.attributeLines), MODELS.line, orphans)
  for (const line of linesById.values()) {
    const templateId = many2oneIdOrNull(line.product_tmpl_id)
    if (templateId === null || !templatesById.has(templateId)) {
      orphans.push(
        orphan(MODELS.line, line, `attribute line without a template in the page (product_tmpl_id is ${describe(line.product_tmpl_id)})`)
      )
    } else {
      pushTo(linesByTemplate, templateId, line)
    }
  }

  const ptavsById = indexById(asRecords(page.templateAttributeValues), MODELS.ptav, orphans)
  for (const ptav of ptavsById.values()) {
    const lineId = many2oneIdOrNull(ptav.attribute_line_id)
    const templateId = many2oneIdOrNull(ptav.product_tmpl_id)
    if (lineId !== null && linesById.has(lineId)) {
      pushTo(ptavsByLine, lineId, ptav)
    } else if (templateId !== null && templatesById.has(templateId)) {
      // A value of a line not in the page (e.g. archived): it matters only if an active variant
      // uses it, which the variant's mapping reports.
    } else {
      orphans.push(
        orphan(MODELS.ptav, ptav, `attribute value without a line or template in the page (attribute_line_id is ${describe(ptav.attribute_line_id)})`)
      )
    }
  }

  return {
    templatesById,
    variantsByTemplate,
    linesByTemplate,
    ptavsByLine,
    ptavsById,
    attributesById,
    orphans,
  }
}
