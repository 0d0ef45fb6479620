/**
 * Shared by the reliability specs: starting and awaiting runs through the admin API, reading
 * Medusa's catalog at the table level, and what the emulator's Odoo says the catalog is.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OdooEmulator } from "../odoo-emulator"

export { request, sync, waitForRun, type Api, type ApiResponse, type Headers, type SkippedRecord, type SyncRun } from "../helpers/sync-runs"

type Db = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, any>[] }> }

export function database(container: MedusaContainer): Db {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Db
}

/** Row counts of the tables a sync writes, soft-deleted rows included. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    "product",
    "product_variant",
    "product_option",
    "product_option_value",
    "product_variant_price_set",
    "price_set",
    "price",
    "product_sales_channel",
  ]
  const counts: Record<string, number> = {}
  for (const table of tables) {
    counts[table] = Number((await db.raw(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)
  }
  return counts
}

export type MedusaVariantRow = {
  product_id: string
  template_id: string
  status: string
  variant_id: string | null
  odoo_variant_id: string | null
  amount: number | null
  price_count: number
}

/** Every live product and variant, with the company-currency price, straight from the tables. */
export async function medusaCatalog(db: Db, currency = "usd"): Promise<MedusaVariantRow[]> {
  const { rows } = await db.raw(
    `SELECT p.id AS product_id, p.external_id AS template_id, p.status,
            v.id AS variant_id, v.metadata->>'external_id' AS odoo_variant_id,
            min(pr.amount) AS amount, count(pr.id) AS price_count
       FROM product p
       LEFT JOIN product_variant v ON v.product_id = p.id AND v.deleted_at IS NULL
       LEFT JOIN product_variant_price_set pvps ON pvps.variant_id = v.id AND pvps.deleted_at IS NULL
       LEFT JOIN price pr ON pr.price_set_id = pvps.price_set_id AND pr.deleted_at IS NULL
                         AND pr.currency_code = ?
      WHERE p.deleted_at IS NULL
      GROUP BY p.id, v.id`,
    [currency]
  )
  return rows.map((row) => ({
    product_id: row.product_id,
    template_id: row.template_id,
    status: row.status,
    variant_id: row.variant_id,
    odoo_variant_id: row.odoo_variant_id,
    amount: row.amount === null ? null : Number(row.amount),
    price_count: Number(row.price_count),
  }))
}

/**
 * Every live product and variant with its price in its template's own currency (a template is
 * priced in its company's currency: the generator's second company sells in euros).
 */
export async function medusaCatalogInTemplateCurrencies(db: Db, emulator: OdooEmulator): Promise<MedusaVariantRow[]> {
  const templates = emulator.store.searchRead("product.template", [], ["currency_id"], { active_test: false })
  const currencyOf = new Map(templates.map((row) => [String(row.id), String((row.currency_id as [number, string])[1]).toLowerCase()]))
  const currencies = [...new Set(currencyOf.values())]
  const rows: MedusaVariantRow[] = []
  for (const currency of currencies) {
    rows.push(...(await medusaCatalog(db, currency)).filter((row) => (currencyOf.get(row.template_id) ?? "usd") === currency))
  }
  return rows
}

export type OdooCatalog = {
  /** template id → active variant id → lst_price rounded to the cent */
  templates: Map<number, Map<number, number>>
}

const toCents = (value: number) => Math.round(value * 100) / 100

/** What Odoo sells: templates for sale (active), with their active variants and lst_price. */
export function odooCatalog(emulator: OdooEmulator): OdooCatalog {
  const templateIds = emulator.store.search("product.template", [["sale_ok", "=", true]])
  const templates = new Map<number, Map<number, number>>(templateIds.map((id) => [id, new Map()]))
  const variants = emulator.store.searchRead(
    "product.product",
    [["product_tmpl_id", "in", templateIds]],
    ["product_tmpl_id", "lst_price"]
  )
  for (const variant of variants) {
    const templateId = (variant.product_tmpl_id as [number, string])[0]
    templates.get(templateId)?.set(variant.id as number, toCents(variant.lst_price as number))
  }
  return { templates }
}

/**
 * Compares Medusa with Odoo: every synced template exactly once, no other product, each active
 * variant exactly once with its lst_price, no other variant. Returns the differences found
 * (empty when Medusa holds exactly Odoo's catalog), so a failure shows what is wrong.
 */
export function catalogDifferences(medusa: MedusaVariantRow[], odoo: OdooCatalog): string[] {
  const problems: string[] = []
  const productsByTemplate = new Map<string, Set<string>>()
  const variantsSeen = new Map<string, number>()
  for (const row of medusa) {
    const products = productsByTemplate.get(row.template_id) ?? new Set<string>()
    products.add(row.product_id)
    productsByTemplate.set(row.template_id, products)
    if (row.variant_id === null) {
      continue
    }
    const key = `${row.template_id}/${row.odoo_variant_id}`
    variantsSeen.set(key, (variantsSeen.get(key) ?? 0) + 1)
    const expected = odoo.templates.get(Number(row.template_id))?.get(Number(row.odoo_variant_id))
    if (expected === undefined) {
      problems.push(`extra variant ${key} (Medusa ${row.variant_id})`)
    } else if (row.price_count !== 1 || row.amount === null || toCents(row.amount) !== expected) {
      problems.push(`variant ${key}: price ${row.amount} (${row.price_count} prices), Odoo says ${expected}`)
    }
  }
  for (const [templateId, products] of productsByTemplate) {
    if (!odoo.templates.has(Number(templateId))) {
      problems.push(`extra product for template ${templateId}`)
    } else if (products.size !== 1) {
      problems.push(`template ${templateId} has ${products.size} products`)
    }
  }
  for (const [templateId, variants] of odoo.templates) {
    if (!productsByTemplate.has(String(templateId))) {
      problems.push(`missing product for template ${templateId}`)
      continue
    }
    for (const variantId of variants.keys()) {
      const seen = variantsSeen.get(`${templateId}/${variantId}`) ?? 0
      if (seen !== 1) {
        problems.push(`variant ${templateId}/${variantId} present ${seen} times`)
      }
    }
  }
  return problems
}

/**
 * catalogDifferences with each template's price in its own company's currency (the generated
 * catalog's second company sells in EUR, the first in USD). `exceptTemplates`: products
 * left out of the comparison (e.g. drafted because their template left the sync).
 */
export async function catalogDifferencesInCompanyCurrencies(
  db: Db,
  emulator: OdooEmulator,
  options: { exceptTemplates?: number[] } = {}
): Promise<string[]> {
  const rows = (await medusaCatalogInTemplateCurrencies(db, emulator)).filter(
    (row) => !options.exceptTemplates?.includes(Number(row.template_id))
  )
  return catalogDifferences(rows, odooCatalog(emulator))
}
