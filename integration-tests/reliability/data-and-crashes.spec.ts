/**
 * Hostile data: a corpus of malformed and hostile Odoo records (fixtures/hostile-odoo-records.json)
 * put into the emulator's store as raw rows, synced with a normal catalog in the same page.
 * Crashes: a sync process killed with SIGKILL in the middle of a run.
 */
import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import corpus from "./fixtures/hostile-odoo-records.json"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, isValidHandle, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type JsonObject, type JsonValue, type OdooEmulator } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import {
  catalogDifferences,
  database,
  medusaCatalogInTemplateCurrencies,
  odooCatalog,
  request,
  sync,
  waitForRun,
  type Headers,
  type SkippedRecord,
  type SyncRun,
} from "./helpers"

jest.setTimeout(300 * 1000)

type Expectation = {
  outcome: "synced" | "sanitised" | "skipped" | "clash" | "ignored"
  template_id?: number
  model?: string
  odoo_id?: number | string
  reason?: string
  /** Who holds the value of a clash (named in its reason). */
  held_by?: string
  title?: string
  title_length?: number
  description?: string | null
  description_length?: number
  price?: number
  prices?: number[]
  sku?: string | null
  sku_length?: number
  barcode?: string | null
  options?: Record<string, string[]>
  option_value_max_length?: number
  variant_ids?: string[]
  absent_variant_ids?: string[]
  medusa_handle_taken?: string
  handle?: string
}
type HostileCase = { case: string; records: Record<string, JsonObject[]>; expect: Expectation }

const CASES = (corpus as unknown as { cases: HostileCase[] }).cases
/** A normal generated catalog the corpus joins: its templates share the page with the hostile ones. */
const NORMAL_CATALOG = { templates: 30, seed: 21 }

let emulator: OdooEmulator
const LOCK_TTL_SECONDS = 5

beforeAll(async () => {
  emulator = await startOdooEmulator({ generate: NORMAL_CATALOG })
  // A short lock TTL: the killed run's lease lapses within seconds.
  useOdooEnvironment(emulator, {
    ODOO_TIMEOUT_MS: "5000",
    ODOO_MAX_RETRIES: "1",
    ODOO_BATCH_SIZE: "100",
    ODOO_SYNC_LOCK_TTL_SECONDS: String(LOCK_TTL_SECONDS),
  })
})

afterAll(async () => {
  await emulator?.close()
})

/** The fixture's directives: {"$repeat": [text, n]} and {"$number": "NaN" | "Infinity"}. */
function revive(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(revive)
  }
  if (value !== null && typeof value === "object") {
    const directive = value as Record<string, JsonValue>
    if (Array.isArray(directive.$repeat)) {
      const [text, times] = directive.$repeat as [string, number]
      return text.repeat(times)
    }
    if (typeof directive.$number === "string") {
      return Number(directive.$number)
    }
    return Object.fromEntries(Object.entries(directive).map(([key, item]) => [key, revive(item)]))
  }
  return value
}

/** What a row of each model has when the database has it at all (no validation, no computes). */
function defaultsFor(model: string, now: string): JsonObject {
  const stamps = { create_date: now, write_date: now }
  switch (model) {
    case "product.template":
      return {
        active: true,
        sale_ok: true,
        purchase_ok: true,
        is_published: true,
        list_price: 10,
        type: "consu",
        categ_id: 1,
        uom_id: 1,
        uom_po_id: 1,
        ...stamps,
      }
    case "product.product":
      return { active: true, product_template_attribute_value_ids: [], weight: 0, ...stamps }
    case "product.attribute":
      return { create_variant: "always", display_type: "radio", sequence: 1, visibility: "visible", ...stamps }
    case "product.attribute.value":
      return { sequence: 0, is_custom: false, html_color: false, default_extra_price: 0, ...stamps }
    case "product.template.attribute.line":
      return { active: true, sequence: 10, ...stamps }
    case "product.template.attribute.value":
      return { ptav_active: true, price_extra: 0, ...stamps }
    case "res.currency":
      return { position: "after", decimal_places: 2, ...stamps }
    default:
      return { ...stamps }
  }
}

/** Inserts the corpus as raw rows, as bad data sits in a real database; each template gets a variant. */
function loadCorpus(target: OdooEmulator, cases: HostileCase[]): void {
  const store = target.store.raw
  const now = new Date().toISOString().slice(0, 19).replace("T", " ")
  for (const { records } of cases) {
    const rows = Object.entries(records).flatMap(([model, list]) => list.map((row) => ({ model, row })))
    const templatesWithVariants = new Set(
      (records["product.product"] ?? []).map((variant) => variant.product_tmpl_id as number)
    )
    for (const template of records["product.template"] ?? []) {
      if (!templatesWithVariants.has(template.id as number)) {
        rows.push({ model: "product.product", row: { id: (template.id as number) + 10000, product_tmpl_id: template.id } })
      }
    }
    for (const { model, row } of rows) {
      const table = store.tables.get(model)
      if (!table) {
        throw new Error(`the emulator has no model ${model}`)
      }
      table.insert({ ...defaultsFor(model, now), ...(revive(row) as JsonObject) } as JsonObject & { id: number })
    }
  }
  store.bump()
}

type ProductRow = {
  id: string
  external_id: string
  title: string
  handle: string
  description: string | null
  options: { title: string; values: { value: string }[] }[]
  variants: {
    title: string
    sku: string | null
    barcode: string | null
    metadata: Record<string, unknown> | null
    prices: { amount: number; currency_code: string }[]
  }[]
}

async function medusaProducts(container: MedusaContainer): Promise<Map<string, ProductRow>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "external_id",
      "title",
      "handle",
      "description",
      "options.title",
      "options.values.value",
      "variants.title",
      "variants.sku",
      "variants.barcode",
      "variants.metadata",
      "variants.prices.amount",
      "variants.prices.currency_code",
    ],
  })
  const rows = data as unknown as ProductRow[]
  return new Map(rows.filter((row) => row.external_id).map((row) => [row.external_id, row]))
}

const usd = (variant: ProductRow["variants"][number]) =>
  variant.prices.find((price) => price.currency_code === "usd")?.amount

/** Differences between what a case expects and what Medusa and the run report hold. */
function checkCase(hostile: HostileCase, products: Map<string, ProductRow>, report: SkippedRecord[]): string[] {
  const expected = hostile.expect
  const problems: string[] = []
  const problem = (text: string) => problems.push(`${hostile.case}: ${text}`)
  const product = expected.template_id === undefined ? undefined : products.get(String(expected.template_id))
  const reported = (model: string | undefined, odooId: number | string | undefined, reason: string | undefined) =>
    report.find(
      (entry) =>
        (model === undefined || entry.model === model) &&
        String(entry.odoo_id) === String(odooId) &&
        reason !== undefined &&
        entry.reason.includes(reason)
    )

  if (expected.outcome === "skipped") {
    const entry = reported(expected.model, expected.odoo_id, expected.reason)
    if (!entry) {
      problem(`no skip of ${expected.model} ${expected.odoo_id} for "${expected.reason}" in the report`)
    } else if (entry.template_id !== expected.template_id) {
      problem(`skip names template ${entry.template_id}, not ${expected.template_id}`)
    }
    if (product) {
      problem(`template ${expected.template_id} was skipped but has a product`)
    }
    return problems
  }
  if (expected.outcome === "ignored") {
    return problems
  }
  if (!product) {
    const why = report.filter((entry) => entry.template_id === expected.template_id).map((entry) => entry.reason)
    problem(`no product for template ${expected.template_id}${why.length ? ` (${why.join("; ")})` : ""}`)
    return problems
  }
  if (expected.outcome === "clash") {
    const entry = reported(undefined, expected.odoo_id, expected.reason)
    if (!entry) {
      problem(`no clash of ${expected.odoo_id} for "${expected.reason}" in the report`)
    } else if (expected.held_by !== undefined && !entry.reason.includes(expected.held_by)) {
      problem(`the clash does not name ${expected.held_by}: ${entry.reason}`)
    }
  }
  const [variant] = product.variants
  const checks: [boolean, string][] = [
    [expected.title === undefined || product.title === expected.title, `title ${JSON.stringify(product.title)}`],
    [expected.title_length === undefined || Array.from(product.title).length <= expected.title_length, `title of ${Array.from(product.title).length} characters`],
    [expected.title_length === undefined || Array.from(product.title).length > 0, "empty title"],
    [expected.description === undefined || product.description === expected.description, `description ${JSON.stringify(product.description?.slice(0, 80))}`],
    [expected.description_length === undefined || product.description?.length === expected.description_length, `description of ${product.description?.length} characters`],
    [expected.price === undefined || (product.variants.length === 1 && usd(variant) === expected.price), `price ${variant && usd(variant)}`],
    [expected.prices === undefined || JSON.stringify(product.variants.map(usd)) === JSON.stringify(expected.prices), `prices ${JSON.stringify(product.variants.map(usd))}`],
    [expected.sku === undefined || variant?.sku === expected.sku, `sku ${JSON.stringify(variant?.sku)}`],
    [expected.sku_length === undefined || variant?.sku?.length === expected.sku_length, `sku of ${variant?.sku?.length} characters`],
    [expected.barcode === undefined || variant?.barcode === expected.barcode, `barcode ${JSON.stringify(variant?.barcode)}`],
    [
      expected.options === undefined ||
        JSON.stringify(Object.fromEntries(product.options.map((option) => [option.title, option.values.map((value) => value.value).sort()]))) ===
          JSON.stringify(Object.fromEntries(Object.entries(expected.options).map(([title, values]) => [title, [...values].sort()]))),
      `options ${JSON.stringify(product.options.map((option) => [option.title, option.values.map((value) => value.value)]))}`,
    ],
    [
      expected.option_value_max_length === undefined ||
        product.options.every((option) => option.values.every((value) => value.value.length <= expected.option_value_max_length!)),
      "an option value is too long",
    ],
    [
      expected.variant_ids === undefined ||
        JSON.stringify(product.variants.map((row) => row.metadata?.external_id).sort()) === JSON.stringify(expected.variant_ids),
      `variants ${JSON.stringify(product.variants.map((row) => row.metadata?.external_id))}`,
    ],
    [expected.medusa_handle_taken === undefined || product.handle !== expected.medusa_handle_taken, `handle ${product.handle}`],
    [expected.handle === undefined || product.handle === expected.handle, `handle ${JSON.stringify(product.handle)}`],
    [isValidHandle(product.handle), `handle ${JSON.stringify(product.handle)} is not one Medusa accepts`],
  ]
  for (const [ok, what] of checks) {
    if (!ok) {
      problem(what)
    }
  }
  const everyVariant = [...products.values()].flatMap((row) => row.variants.map((item) => String(item.metadata?.external_id)))
  for (const absent of expected.absent_variant_ids ?? []) {
    if (everyVariant.includes(absent)) {
      problem(`Odoo variant ${absent} has a Medusa variant`)
    }
  }
  return problems
}

const projectDir = path.resolve(__dirname, "../..")

/** `npm run sync`'s command in a process of its own (its own Medusa, the same database). */
function startSyncProcess(env: Record<string, string>): ChildProcess {
  return spawn(path.join(projectDir, "node_modules/.bin/medusa"), ["exec", "./src/scripts/sync-products.ts", "full"], {
    cwd: projectDir,
    env: { ...process.env, ...env },
    stdio: "ignore",
    // Its own process group, so that SIGKILL reaches whatever it started too.
    detached: true,
  })
}

async function until(condition: () => Promise<boolean>, what: string, attempts = 1200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await condition()) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`gave up waiting for ${what}`)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let headers: Headers

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    describe("a corpus of hostile Odoo records", () => {
      it("syncs, sanitises or skips each record with its id and reason; the rest of the page is synced", async () => {
        expect(CASES.length).toBeGreaterThanOrEqual(50)
        emulator = await restartOdooEmulator(emulator, { generate: NORMAL_CATALOG })
        const normalTemplates = emulator.store.search("product.template", [["sale_ok", "=", true]])
        // Odoo's EUR rate before the junk currencies come: they must change nothing.
        const [{ rate: eurRate }] = emulator.store.searchRead("res.currency", [["name", "=", "EUR"]], ["rate"])
        loadCorpus(emulator, CASES)
        const container = getContainer()
        for (const hostile of CASES) {
          if (hostile.expect.medusa_handle_taken) {
            await container.resolve(Modules.PRODUCT).createProducts([
              { title: "Made in Medusa", handle: hostile.expect.medusa_handle_taken },
            ])
          }
        }

        const run: SyncRun = await sync(api, headers, { full: true })
        expect(run.error).toBeNull()
        expect(run.status).toBe("succeeded")
        const products = await medusaProducts(container)
        const report = run.skipped ?? []

        const problems = CASES.flatMap((hostile) => checkCase(hostile, products, report))
        expect(problems).toEqual([])

        // One page held everything: the normal templates around the hostile ones are all there.
        expect(normalTemplates.filter((id) => !products.has(String(id)))).toEqual([])
        // Junk currencies changed nothing: every store currency priced, EUR at Odoo's EUR rate.
        expect(report.filter((entry) => entry.model === "res.currency")).toEqual([])
        // (Templates of the generator's EUR company have their EUR price as it is, and no USD one.)
        const inUsd = normalTemplates.flatMap((id) =>
          products.get(String(id))!.variants.filter((variant) => usd(variant) !== undefined).map((variant) => ({ id, variant }))
        )
        expect(inUsd.length).toBeGreaterThan(0)
        for (const { id, variant } of inUsd) {
          const eur = variant.prices.find((price) => price.currency_code === "eur")?.amount
          expect([id, eur]).toEqual([id, Math.round(usd(variant)! * (eurRate as number) * 100) / 100])
        }
        // Each skipped template counted once, and every skip names its Odoo record.
        const skippedTemplates = new Set(CASES.filter((hostile) => hostile.expect.outcome === "skipped").map((hostile) => hostile.expect.template_id))
        expect(run.counts?.skipped).toBe(skippedTemplates.size)
        for (const entry of report) {
          expect(entry.odoo_id).toBeTruthy()
          expect(entry.reason.length).toBeGreaterThan(0)
        }

        // Names are Odoo's text: every markup-like name reached Medusa verbatim. HTML descriptions
        // reached it as text: none of the source's tags is left in them.
        const markupNames = CASES.flatMap((hostile) => hostile.records["product.template"] ?? [])
          .filter((row) => typeof row.name === "string" && /<[a-z]/i.test(row.name) && products.has(String(row.id)))
        expect(markupNames.length).toBeGreaterThanOrEqual(3)
        for (const row of markupNames) {
          expect([row.id, products.get(String(row.id))?.title]).toEqual([row.id, row.name])
        }
        const htmlDescriptions = CASES.flatMap((hostile) => hostile.records["product.template"] ?? [])
          .filter((row) => typeof row.description === "string" && !row.description_sale && products.has(String(row.id)))
        expect(htmlDescriptions.length).toBeGreaterThanOrEqual(2)
        for (const row of htmlDescriptions) {
          const sourceTags = [...new Set([...(row.description as string).matchAll(/<([a-z][a-z0-9]*)/gi)].map((match) => match[1]))]
          const description = products.get(String(row.id))?.description ?? ""
          expect([row.id, sourceTags.filter((tag) => description.toLowerCase().includes(`<${tag.toLowerCase()}`))]).toEqual([row.id, []])
        }

        // Hostile data is stable: a second full run writes nothing.
        const again = await sync(api, headers, { full: true })
        expect(again.status).toBe("succeeded")
        expect(again.counts).toMatchObject({ created: 0, updated: 0, skipped: skippedTemplates.size })

        // A write_date in the future (a wrong clock) must not hide later changes from incremental runs.
        const [changed] = normalTemplates
        emulator.store.write("product.template", [changed], { name: "Changed after the hostile run" })
        const incremental = await sync(api, headers)
        expect(incremental.status).toBe("succeeded")
        expect((await medusaProducts(container)).get(String(changed))?.title).toBe("Changed after the hostile run")
      })
    })

    describe("a sync process killed in the middle of a run", () => {
      it("blocks the sync only until its lease lapses: the run shows as interrupted and the next run converges without duplicates", async () => {
        emulator = await restartOdooEmulator(emulator, { generate: { templates: 320, seed: 9 } })
        const db = database(getContainer())
        const cliRun = async () =>
          (await db.raw(`SELECT id, status, progress FROM odoo_sync_run WHERE "trigger" = 'cli'`)).rows[0] as
            | { id: string; status: string; progress: { pages_done: number } | null }
            | undefined

        const child = startSyncProcess({ DATABASE_URL: dbConfig.clientUrl, LOG_LEVEL: "error" })
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
        const productCount = async () => Number((await db.raw(`SELECT count(*) AS n FROM product`)).rows[0].n)
        try {
          // Killed inside page 2's workflow: its products are created, their prices and links not yet.
          await until(
            async () => ((await cliRun())?.progress?.pages_done ?? 0) === 1 && (await productCount()) > 100,
            "the CLI's second page to be half written"
          )
        } finally {
          process.kill(-child.pid!, "SIGKILL")
        }
        await exited
        const killed = await cliRun()
        expect(killed?.status).toBe("running")
        expect(killed?.progress?.pages_done).toBe(1)


        // The killed run's lease keeps others out until it lapses (it is not renewed any more);
        // then a run starts, marks the killed one interrupted, and converges.
        const refused = await request(api.post("/admin/odoo/sync", {}, headers))
        expect(refused.status).toBe(409)
        await new Promise((resolve) => setTimeout(resolve, LOCK_TTL_SECONDS * 1000))
        const started = await request(api.post("/admin/odoo/sync", {}, headers))
        expect(started.status).toBe(202)
        const next = await waitForRun(api, headers, started.data.run_id)
        expect(next.status).toBe("succeeded")
        const { data } = await api.get(`/admin/odoo/sync-runs/${killed!.id}`, headers)
        expect(data.sync_run.status).toBe("interrupted")

        expect(catalogDifferences(await medusaCatalogInTemplateCurrencies(db, emulator), odooCatalog(emulator))).toEqual([])
        // Each Odoo variant once at the table level too, soft-deleted rows aside.
        const duplicates = await db.raw(
          `SELECT metadata->>'external_id' AS odoo_id, count(*) AS n FROM product_variant
            WHERE deleted_at IS NULL GROUP BY 1 HAVING count(*) > 1`
        )
        expect(duplicates.rows).toEqual([])
      })
    })
  },
})
