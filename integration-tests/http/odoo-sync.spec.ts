import { spawn } from "node:child_process"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { newApiKey, startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import { request, sync, waitForRun, type Headers } from "../helpers/sync-runs"
import syncProductsFromErpJob, { config as jobConfig } from "../../src/jobs/sync-products-from-erp"

jest.setTimeout(180 * 1000)

let emulator: OdooEmulator

// The Odoo module is registered from the environment when medusa-config loads, which the
// runner does in its own beforeAll: the emulator must be up and the variables set before.
// Each test then gets a fresh emulator on the same port, as the database is restored too.
let restoreEnvironment: () => void

beforeEach(async () => {
  emulator = await restartOdooEmulator(emulator)
})

beforeAll(async () => {
  emulator = await startOdooEmulator({})
  restoreEnvironment = useOdooEnvironment(emulator, {
    ODOO_MAX_RETRIES: "1",
    ODOO_TIMEOUT_MS: "5000",
    ODOO_BATCH_SIZE: "10",
    ODOO_PRODUCT_DOMAIN: JSON.stringify([["categ_id.name", "!=", "Retired"]]),
  })
})

afterAll(async () => {
  restoreEnvironment()
  await emulator?.close()
})

/** Sets fields of an Odoo record as a write dated `writeDate` would leave them (past dates). */
function writeDatedAt(model: string, id: number, writeDate: string, values: Record<string, string | number> = {}): void {
  const store = emulator.store.raw
  const table = store.tables.get(model)!
  const record = table.records.get(id)!
  for (const [field, value] of Object.entries({ ...values, write_date: writeDate })) {
    table.set(record, field, value)
  }
  store.bump()
}

type ProductRow = {
  id: string
  external_id: string
  title: string
  handle: string
  status: string
  description: string | null
  updated_at: string
  metadata: Record<string, unknown> | null
  options: { title: string; values: { value: string }[] }[]
  variants: {
    id: string
    title: string
    sku: string | null
    metadata: Record<string, unknown> | null
    options: { value: string; option: { title: string } }[]
    prices: { amount: number; currency_code: string }[]
  }[]
}

async function syncedProducts(container: MedusaContainer): Promise<ProductRow[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "external_id",
      "title",
      "handle",
      "status",
      "description",
      "updated_at",
      "metadata",
      "options.title",
      "options.values.value",
      "variants.id",
      "variants.title",
      "variants.sku",
      "variants.metadata",
      "variants.options.value",
      "variants.options.option.title",
      "variants.prices.amount",
      "variants.prices.currency_code",
    ],
    filters: { external_id: { $ne: null } },
  })
  return data as unknown as ProductRow[]
}

function byExternalId(products: ProductRow[], templateId: number): ProductRow {
  const product = products.find((row) => row.external_id === String(templateId))
  if (!product) {
    throw new Error(`no Medusa product for template ${templateId}`)
  }
  return product
}

function fixtureTemplates(): { id: number; name: string; sale_ok: boolean; active: boolean }[] {
  return emulator.store.search("product.template", [], { active_test: false }).map((id) =>
    emulator.store.read("product.template", [id])[0] as unknown as { id: number; name: string; sale_ok: boolean; active: boolean }
  )
}

const projectDir = path.resolve(__dirname, "../..")

/** `npm run sync`'s command (flags become words, see scripts/sync.mjs), in its own process. */
function runSyncCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(projectDir, "node_modules/.bin/medusa"),
      ["exec", "./src/scripts/sync-products.ts", ...args],
      { cwd: projectDir, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }
    )
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.on("exit", (code) => resolve({ code, output }))
  })
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let headers: Headers

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    describe("admin routes", () => {
      it("refuse requests without admin authentication", async () => {
        for (const [method, url] of [
          ["post", "/admin/odoo/sync"],
          ["get", "/admin/odoo/sync-runs"],
          ["get", "/admin/odoo/status"],
        ] as const) {
          const response = await (method === "post" ? api.post(url, {}) : api.get(url)).catch(
            (error: { response: { status: number } }) => error.response
          )
          expect(response.status).toBe(401)
        }
      })

      it("validate the sync body", async () => {
        const response = await api
          .post("/admin/odoo/sync", { full: "yes", extra: 1 }, headers)
          .catch((error: { response: { status: number; data: unknown } }) => error.response)
        expect(response.status).toBe(400)
      })

      it("boot with the Odoo module: /health answers", async () => {
        expect((await api.get("/health")).status).toBe(200)
        expect(getContainer().hasRegistration("odoo")).toBe(true)
      })

      it("report the status without the key", async () => {
        const { data } = await api.get("/admin/odoo/status", headers)
        expect(data).toMatchObject({ configured: true, reachable: true, authenticated: true, api_key_set: true })
        expect(data.odoo_version).toMatch(/^18\.0/)
        expect(JSON.stringify(data)).not.toContain(emulator.admin.apiKey)
      })
    })

    describe("a full sync of the demo catalog", () => {
      it("creates the products Odoo sells, with options, variants and prices", async () => {
        // A database migrated by `medusa db:migrate` has it; the test runner's does not.
        const [defaultProfile] = await getContainer()
          .resolve(Modules.FULFILLMENT)
          .createShippingProfiles([{ name: "Default Shipping Profile", type: "default" }])
        const run = await sync(api, headers, { full: true })
        expect(run.error).toBeNull()
        expect(run.status).toBe("succeeded")

        const forSale = fixtureTemplates().filter((template) => template.sale_ok && template.active)
        const products = await syncedProducts(getContainer())
        expect(products).toHaveLength(forSale.length)
        expect(run.counts).toMatchObject({ created: forSale.length, updated: 0, unchanged: 0 })

        const desk = byExternalId(products, 9)
        expect(desk.title).toBe("Customizable Desk")
        expect(desk.handle).toBe("customizable-desk-9")
        expect(desk.status).toBe("published")
        expect(desk.metadata).toMatchObject({ external_id: "9" })

        // In the store's default sales channel, with the default shipping profile.
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const {
          data: [store],
        } = await query.graph({ entity: "store", fields: ["default_sales_channel_id"] })
        const {
          data: [placed],
        } = await query.graph({
          entity: "product",
          fields: ["sales_channels.id", "shipping_profile.id"],
          filters: { id: desk.id },
        })
        expect(placed.sales_channels?.map((channel: { id: string } | null) => channel?.id)).toEqual([store.default_sales_channel_id])
        expect(placed.shipping_profile?.id).toBe(defaultProfile.id)
        const options = Object.fromEntries(
          desk.options.map((option) => [option.title, option.values.map((value) => value.value).sort()])
        )
        expect(options).toEqual({ Legs: ["Aluminium", "Custom", "Steel"], Color: ["Black", "White"] })

        const variants = Object.fromEntries(
          desk.variants.map((variant) => [
            variant.sku,
            {
              external_id: variant.metadata?.external_id,
              usd: variant.prices.find((price) => price.currency_code === "usd")?.amount,
              options: Object.fromEntries(variant.options.map((value) => [value.option.title, value.value])),
            },
          ])
        )
        expect(variants).toEqual({
          FURN_0096: { external_id: "12", usd: 750, options: { Legs: "Steel", Color: "White" } },
          FURN_0097: { external_id: "13", usd: 750, options: { Legs: "Steel", Color: "Black" } },
          FURN_0098: { external_id: "14", usd: 800.4, options: { Legs: "Aluminium", Color: "White" } },
          DESK0005: { external_id: "45", usd: 750, options: { Legs: "Custom", Color: "White" } },
          DESK0006: { external_id: "46", usd: 750, options: { Legs: "Custom", Color: "Black" } },
        })
      })

      it("logs a start line, a line per page with the running total, and the end line", async () => {
        const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
        const info = jest.spyOn(logger, "info")
        await sync(api, headers, { full: true })
        const lines = info.mock.calls.map(([message]) => String(message))
        info.mockRestore()
        const forSale = fixtureTemplates().filter((template) => template.sale_ok && template.active).length
        expect(lines).toContainEqual(expect.stringMatching(/^🔄 Starting Odoo product sync…/))
        const pages = lines.filter((line) => /^ {2}✓ Synced \d+ products \(Total: \d+, skipped 0, clashes 0\)$/.test(line))
        expect(pages).toHaveLength(Math.ceil(forSale / 10))
        expect(pages[pages.length - 1]).toContain(`(Total: ${forSale}, skipped 0, clashes 0)`)
        expect(lines).toContainEqual(
          expect.stringMatching(
            new RegExp(`^✅ Sync finished: ${forSale} products \\(created ${forSale}, updated 0, unchanged 0, drafted 0, skipped 0, clashes 0\\) in [\\d.]+ s$`)
          )
        )
      })

      it("writes nothing on a second run, and no duplicates after several", async () => {
        await sync(api, headers, { full: true })
        const before = await syncedProducts(getContainer())

        const second = await sync(api, headers, { full: true })
        const third = await sync(api, headers)
        expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: before.length })
        expect(third.counts).toMatchObject({ created: 0, updated: 0 })

        const after = await syncedProducts(getContainer())
        expect(after).toHaveLength(before.length)
        expect(new Set(after.map((product) => product.external_id)).size).toBe(after.length)
        expect(after.map((product) => [product.id, product.updated_at]).sort()).toEqual(
          before.map((product) => [product.id, product.updated_at]).sort()
        )
      })
    })

    describe("the incremental cursor", () => {
      it("reads no template the last run already saw, but one written in its last second, or committed late, that it did not", async () => {
        // The desk is Odoo's latest write, an hour ago (a settled second).
        const hourAgo = new Date(Date.now() - 3600_000).toISOString().slice(0, 19).replace("T", " ")
        writeDatedAt("product.template", 9, hourAgo)
        await sync(api, headers, { full: true })

        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ created: 0, updated: 0, unchanged: 0 })
        expect(quiet.odoo_stats?.byCall["product.template.web_read"]).toBeUndefined()
        // A run with nothing to do: which fields Odoo has (1), the synced templates with their
        // active variants (1), the writes since the cursor (2: the templates with a write on their
        // side, with their variants', lines', template attribute values' and extra images' write
        // dates nested, and the attributes with their values') and the ids of the extra images (1),
        // the user's company, the companies, the currencies (with inverse_rate to the company's
        // currency), one conversion read (to_currency) and one rate count for the store currency
        // that is not the company's (5), and the category tree (1). 11 calls whatever the catalog's
        // size (16 before: one search_read per followed model, seven).
        const quietCalls = Object.fromEntries(Object.entries(quiet.odoo_stats?.byCall ?? {}).map(([call, stats]) => [call, stats.calls]))
        expect(quietCalls).toEqual({
          "product.product.fields_get": 1,
          "product.template.search_read": 1,
          "product.template.web_search_read": 1,
          "product.attribute.web_search_read": 1,
          "res.users.search_read": 1,
          "res.company.search_read": 1,
          "res.currency.search_read": 2,
          "res.currency.rate.search_count": 1,
          "product.image.search": 1,
          "product.public.category.search_read": 1,
        })
        expect(quiet.odoo_stats?.requests).toBe(11)

        // A write Odoo dated in that same second, committed after the run read it.
        const [other] = emulator.store.search("product.template", [
          ["sale_ok", "=", true],
          ["id", "!=", 9],
        ])
        writeDatedAt("product.template", other, hourAgo, { list_price: 1234.5 })
        const next = await sync(api, headers)
        expect(next.counts).toMatchObject({ updated: 1 })
        // The same 11, and the page of that one template: its templates' web_read (with the variants,
        // category links and extra images nested), its variants, its template attribute values,
        // and its images' checksums read right after the web_read (no image changed: no bytes).
        // The page's workflow reads nothing from Odoo.
        const nextCalls = Object.fromEntries(Object.entries(next.odoo_stats?.byCall ?? {}).map(([call, stats]) => [call, stats.calls]))
        expect(nextCalls).toEqual({
          ...quietCalls,
          "product.template.web_read": 1,
          "product.product.search_read": 1,
          "product.template.attribute.value.search_read": 1,
          "ir.attachment.search_read": 1,
        })
        expect(next.odoo_stats?.requests).toBe(15)

        // A transaction that began five minutes before that second and committed only now.
        const [, late] = emulator.store.search("product.template", [
          ["sale_ok", "=", true],
          ["id", "not in", [9, other]],
        ])
        const earlier = new Date(Date.parse(`${hourAgo.replace(" ", "T")}Z`) - 300_000).toISOString().slice(0, 19).replace("T", " ")
        writeDatedAt("product.template", late, earlier, { list_price: 987.5 })
        const last = await sync(api, headers)
        expect(last.counts).toMatchObject({ updated: 1 })
      })
    })

    describe("a new exchange rate in Odoo", () => {
      it("reprices every product in that currency on the next incremental run, though no product changed", async () => {
        const storeModule = getContainer().resolve(Modules.STORE)
        const [medusaStore] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
        await storeModule.updateStores(medusaStore.id, {
          supported_currencies: [
            { currency_code: "usd", is_default: true },
            { currency_code: "eur", is_default: false },
          ],
        })
        const [eur] = emulator.store.search("res.currency", [["name", "=", "EUR"]], { active_test: false })
        emulator.store.write("res.currency", [eur], { active: true })
        const first = await sync(api, headers, { full: true })
        const eurPriceOfDesk = async () =>
          byExternalId(await syncedProducts(getContainer()), 9)
            .variants.find((variant) => variant.sku === "FURN_0098")
            ?.prices.find((price) => price.currency_code === "eur")?.amount
        expect(await eurPriceOfDesk()).toBe(Math.round(800.4 * 1.2834 * 100) / 100)

        emulator.store.create("res.currency.rate", { currency_id: eur, rate: 1.5, name: new Date().toISOString().slice(0, 10) })
        const next = await sync(api, headers)
        expect(next.status).toBe("succeeded")
        expect(next.counts).toMatchObject({ updated: first.counts?.created, unchanged: 0 })
        expect(await eurPriceOfDesk()).toBe(1200.6)

        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ created: 0, updated: 0 })
      })
    })

    describe("changes in Odoo", () => {
      it("are reflected by the next incremental run", async () => {
        await sync(api, headers, { full: true })
        const [conferenceChair] = emulator.store.search("product.template", [["name", "=", "Conference Chair"]])
        const [customLegs] = emulator.store.search("product.template.attribute.value", [
          ["product_tmpl_id", "=", 9],
          ["name", "=", "Aluminium"],
        ])
        const soldTemplates = emulator.store.search("product.template", [["sale_ok", "=", true]])
        const [archived, notForSale, deleted] = soldTemplates.filter((id) => id !== 9 && id !== conferenceChair).slice(-3)

        emulator.store.write("product.template", [9], {
          name: "Customizable Desk Pro",
          list_price: 800,
          // description is Odoo's Html field: converted to text (description_sale is plain text).
          description_sale: false,
          description: "<p>Solid <b>oak</b> &amp; steel</p>",
        })
        emulator.store.write("product.template.attribute.value", [customLegs], { price_extra: 60 })
        emulator.store.write("product.product", [13], { active: false })
        emulator.store.write("product.template", [archived], { active: false })
        emulator.store.write("product.template", [notForSale], { sale_ok: false })
        emulator.store.unlink("product.template", [deleted])

        const run = await sync(api, headers)
        expect(run.status).toBe("succeeded")
        expect(run.counts).toMatchObject({ drafted: 3 })

        const products = await syncedProducts(getContainer())
        const desk = byExternalId(products, 9)
        expect(desk.title).toBe("Customizable Desk Pro")
        expect(desk.description).toBe("Solid oak & steel")
        expect(desk.handle).toBe("customizable-desk-9")
        const prices = Object.fromEntries(
          desk.variants.map((variant) => [variant.sku, variant.prices.find((p) => p.currency_code === "usd")?.amount])
        )
        expect(prices).toEqual({ FURN_0096: 800, FURN_0098: 860, DESK0005: 800, DESK0006: 800 })
        for (const templateId of [archived, notForSale, deleted]) {
          const product = byExternalId(products, templateId)
          expect(product.status).toBe("draft")
        }

        emulator.store.write("product.template", [notForSale], { sale_ok: true })
        const back = await sync(api, headers)
        expect(back.status).toBe("succeeded")
        const restored = byExternalId(await syncedProducts(getContainer()), notForSale)
        const [{ is_published }] = emulator.store.read("product.template", [notForSale], ["is_published"])
        expect(restored.status).toBe(is_published ? "published" : "draft")
        expect(restored.metadata).not.toHaveProperty("odoo_removed")
      })
    })

    describe("a product edited by an admin between two runs", () => {
      it("gets its Odoo-owned fields back on the next run; what Medusa owns stays", async () => {
        await sync(api, headers, { full: true })
        const desk = byExternalId(await syncedProducts(getContainer()), 9)
        const {
          data: { collection },
        } = await api.post("/admin/collections", { title: "Summer" }, headers)
        // Past the tolerance that tells the sync's own write from a later one.
        await new Promise((resolve) => setTimeout(resolve, 1200))
        await api.post(
          `/admin/products/${desk.id}`,
          { title: "Renamed in Medusa", status: "draft", collection_id: collection.id, metadata: { note: "kept" } },
          headers
        )

        const run = await sync(api, headers)
        expect(run.counts).toMatchObject({ updated: 1, created: 0 })
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const {
          data: [restored],
        } = await query.graph({
          entity: "product",
          fields: ["title", "status", "collection_id", "metadata"],
          filters: { id: desk.id },
        })
        expect(restored).toMatchObject({ title: "Customizable Desk", status: "published", collection_id: collection.id })
        expect(restored.metadata).toMatchObject({ note: "kept", external_id: "9" })

        // Restored once: the run after writes nothing.
        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ updated: 0, created: 0 })
      })
    })

    describe("the admin's view of a synced product", () => {
      it("shows its Odoo side, warns that an admin edit will be overwritten, and syncs that product alone", async () => {
        const full = await sync(api, headers, { full: true })
        const desk = byExternalId(await syncedProducts(getContainer()), 9)
        const odooSide = async () => (await api.get(`/admin/odoo/products/${desk.id}`, headers)).data.odoo_product

        const before = await odooSide()
        expect(before).toMatchObject({ synced: true, template_id: 9, edited_in_medusa: false, removed_from_odoo: false })
        expect(before.run.id).toBe(full.id)
        expect(before.variants.map((variant: { odoo_id: number }) => variant.odoo_id).sort()).toEqual(
          desk.variants.map((variant) => Number(variant.metadata?.external_id)).sort()
        )
        expect(before.variants.every((variant: { odoo_id: number | null }) => Number.isInteger(variant.odoo_id))).toBe(true)

        await new Promise((resolve) => setTimeout(resolve, 1200))
        await api.post(`/admin/products/${desk.id}`, { title: "Renamed in Medusa" }, headers)
        expect((await odooSide()).edited_in_medusa).toBe(true)

        const [chair] = emulator.store.search("product.template", [["name", "=", "Conference Chair"]])
        emulator.store.write("product.template", [9], { name: "Desk renamed in Odoo" })
        emulator.store.write("product.template", [chair], { name: "Chair renamed in Odoo" })

        const alone = await sync(api, headers, { template_ids: [9] })
        expect(alone.status).toBe("succeeded")
        expect(alone.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0, drafted: 0 })
        let products = await syncedProducts(getContainer())
        expect(byExternalId(products, 9).title).toBe("Desk renamed in Odoo")
        expect(byExternalId(products, chair).title).toBe("Conference Chair")
        const after = await odooSide()
        expect(after).toMatchObject({ edited_in_medusa: false })
        expect(after.run.id).toBe(alone.id)

        // The limited run left the cursor where it was: the next run still sees the chair's change.
        const next = await sync(api, headers)
        expect(next.counts).toMatchObject({ updated: 1 })
        products = await syncedProducts(getContainer())
        expect(byExternalId(products, chair).title).toBe("Chair renamed in Odoo")
      })

      it("lists the drafted products and those a run names, refusing malformed template ids", async () => {
        await sync(api, headers, { full: true })
        const products = await syncedProducts(getContainer())
        const drafts = products.filter((product) => product.status === "draft")
        expect(drafts.length).toBeGreaterThan(0)

        const { data } = await api.get("/admin/odoo/products?status=draft&limit=200", headers)
        expect(data.count).toBe(drafts.length)
        expect(data.products.map((product: { id: string }) => product.id).sort()).toEqual(drafts.map((product) => product.id).sort())

        const named = await api.get("/admin/odoo/products?template_ids=9,999999", headers)
        expect(named.data.products).toEqual([
          expect.objectContaining({ id: byExternalId(products, 9).id, template_id: 9, status: "published" }),
        ])
        const malformed = await request(api.get("/admin/odoo/products?template_ids=9;drop", headers))
        expect(malformed.status).toBe(400)
        expect(JSON.stringify(malformed.data)).toContain("template_ids")
      })
    })

    describe("a new attribute value in Odoo", () => {
      it("adds its option value and its variants to the product", async () => {
        await sync(api, headers, { full: true })
        const oak = emulator.store.create("product.attribute.value", { name: "Oak", attribute_id: 1 })
        emulator.store.write("product.template.attribute.line", [1], { value_ids: [[4, oak]] })
        const odooVariants = emulator.store.search("product.product", [["product_tmpl_id", "=", 9]])

        const run = await sync(api, headers)
        expect(run.status).toBe("succeeded")
        expect(run.counts).toMatchObject({ updated: 1, created: 0 })

        const desk = byExternalId(await syncedProducts(getContainer()), 9)
        const legs = desk.options.find((option) => option.title === "Legs")
        expect(legs?.values.map((value) => value.value).sort()).toEqual(["Aluminium", "Custom", "Oak", "Steel"])
        expect(desk.variants.map((variant) => variant.metadata?.external_id).sort()).toEqual(
          odooVariants.map(String).sort()
        )
        const oakVariants = desk.variants.filter((variant) =>
          variant.options.some((value) => value.option.title === "Legs" && value.value === "Oak")
        )
        expect(oakVariants.map((variant) => variant.title).sort()).toEqual(["Oak / Black", "Oak / White"])
      })
    })

    describe("a template that gains or loses its variant attributes", () => {
      it("gets its new options and variants, and loses the old ones", async () => {
        await sync(api, headers, { full: true })
        const [simple] = emulator.store.search("product.template", [
          ["sale_ok", "=", true],
          ["attribute_line_ids", "=", false],
          ["name", "=", "Office Chair"],
        ])
        emulator.store.create("product.template.attribute.line", {
          product_tmpl_id: simple,
          attribute_id: 2,
          value_ids: [[6, 0, [3, 4]]],
        })
        const colors = emulator.store
          .read("product.attribute.value", [3, 4], ["name"])
          .map((value) => String(value.name))
          .sort()

        const gained = await sync(api, headers)
        expect(gained.error).toBeNull()
        expect(gained.skipped).toEqual([])
        let chair = byExternalId(await syncedProducts(getContainer()), simple)
        expect(chair.options.map((option) => option.title)).toEqual(["Color"])
        expect(chair.options[0].values.map((value) => value.value).sort()).toEqual(colors)
        expect(chair.variants.map((variant) => variant.title).sort()).toEqual(colors)

        // And back: Odoo's line removed, the product returns to a single default variant.
        const [line] = emulator.store.search("product.template.attribute.line", [["product_tmpl_id", "=", simple]])
        emulator.store.unlink("product.template.attribute.line", [line])
        const lost = await sync(api, headers)
        expect(lost.error).toBeNull()
        expect(lost.skipped).toEqual([])
        chair = byExternalId(await syncedProducts(getContainer()), simple)
        expect(chair.options.map((option) => option.title)).toEqual(["Default option"])
        expect(chair.variants).toHaveLength(1)
      })
    })

    describe("a template moved out of productDomain", () => {
      it("puts its product in draft, and back when it returns", async () => {
        await sync(api, headers, { full: true })
        const retired = emulator.store.create("product.category", { name: "Retired" })
        const [{ categ_id: originalCategory }] = emulator.store.read("product.template", [9], ["categ_id"])
        emulator.store.write("product.template", [9], { categ_id: retired })

        const out = await sync(api, headers)
        expect(out.counts).toMatchObject({ drafted: 1 })
        expect(byExternalId(await syncedProducts(getContainer()), 9).status).toBe("draft")

        emulator.store.write("product.template", [9], { categ_id: (originalCategory as [number, string])[0] })
        const back = await sync(api, headers)
        expect(back.counts).toMatchObject({ updated: 1, drafted: 0 })
        expect(byExternalId(await syncedProducts(getContainer()), 9).status).toBe("published")
      })
    })

    describe("a run that would take most products out (a domain typo, lost rights, an empty company)", () => {
      it("removes and writes nothing and fails saying how many and why, until an admin confirms it", async () => {
        const first = await sync(api, headers, { full: true })
        const live = first.counts?.created ?? 0
        // Most templates leave the domain at once, as a typo in ODOO_PRODUCT_DOMAIN would make them.
        const retired = emulator.store.create("product.category", { name: "Retired" })
        const sold = emulator.store.search("product.template", [["sale_ok", "=", true]])
        const leaving = sold.slice(0, Math.ceil(sold.length / 2))
        emulator.store.write("product.template", leaving, { categ_id: retired })
        emulator.store.write("product.template", [sold[sold.length - 1]], { name: "Renamed while refused" })
        const before = await syncedProducts(getContainer())

        const refused = await sync(api, headers)
        expect(refused.status).toBe("failed")
        expect(refused.error?.message).toContain(`would draft ${leaving.length} of the ${live} synced products`)
        expect(refused.error?.message).toContain("more than ODOO_MAX_REMOVAL_SHARE allows (20%)")
        expect(refused.error?.message).toMatch(/ODOO_PRODUCT_DOMAIN.*access rights.*company/)
        expect(refused.error?.message).toContain("allow_mass_removal")
        expect(refused.error?.hint).toContain("--allow-mass-removal")
        const after = await syncedProducts(getContainer())
        expect(after.map((product) => [product.external_id, product.status, product.title])).toEqual(
          before.map((product) => [product.external_id, product.status, product.title])
        )

        const invalid = await api
          .post("/admin/odoo/sync", { allow_mass_removal: "yes" }, headers)
          .catch((error: { response: { status: number } }) => error.response)
        expect(invalid.status).toBe(400)

        const confirmed = await sync(api, headers, { allow_mass_removal: true })
        expect(confirmed.status).toBe("succeeded")
        expect(confirmed.counts).toMatchObject({ drafted: leaving.length })
        const drafted = (await syncedProducts(getContainer())).filter((product) => product.status === "draft")
        expect(drafted.map((product) => Number(product.external_id)).sort((a, b) => a - b)).toEqual(
          expect.arrayContaining([...leaving].sort((a, b) => a - b))
        )
        expect(byExternalId(await syncedProducts(getContainer()), sold[sold.length - 1]).title).toBe("Renamed while refused")
      })
    })

    describe("bad records", () => {
      it("are reported with their Odoo id and reason while the rest is synced", async () => {
        const productModule = getContainer().resolve(Modules.PRODUCT)
        const [adminProduct] = await productModule.createProducts([
          {
            title: "Made in Medusa",
            handle: "customizable-desk-9",
            options: [{ title: "Default option", values: ["Default option value"] }],
            variants: [{ title: "Only", sku: "FURN_0096", options: { "Default option": "Default option value" } }],
          },
        ])
        const blank = emulator.store.create("product.template", { name: "   ", list_price: 10, sale_ok: true })
        const negative = emulator.store.create("product.template", { name: "Negative", list_price: -5, sale_ok: true })
        const long = emulator.store.create("product.template", { name: "L".repeat(300), list_price: 1, sale_ok: true })
        const emoji = emulator.store.create("product.template", { name: "Chaise 🪑 Ωmega", list_price: 2, sale_ok: true })

        const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
        const info = jest.spyOn(logger, "info")
        const run = await sync(api, headers, { full: true })
        const lines = info.mock.calls.map(([message]) => String(message))
        info.mockRestore()
        expect(run.status).toBe("succeeded")
        // One count of what was not written: the run's counts, its entries by kind, its log lines.
        expect(run.counts).toMatchObject({ skipped: 2, clashes: 2 })
        const kinds = (run.skipped ?? []).map((entry) => entry.kind)
        expect([kinds.filter((kind) => kind === "skipped").length, kinds.filter((kind) => kind === "clash").length]).toEqual([2, 2])
        expect(lines.filter((line) => line.startsWith("✅ Sync finished"))).toEqual([expect.stringContaining("skipped 2, clashes 2)")])
        expect(lines.filter((line) => line.startsWith("  ✓ Synced")).pop()).toContain("skipped 2, clashes 2)")
        const reasons = new Map(
          (run.skipped ?? []).map((skip) => [String(skip.template_id ?? skip.odoo_id), skip])
        )
        expect(reasons.get(String(blank))?.reason).toMatch(/name/i)
        expect(reasons.get(String(negative))?.reason).toMatch(/price/i)
        expect(run.counts?.skipped).toBe(2)
        // The SKU held by the admin's product is reported with both ids, the desk synced without it.
        const skuClash = (run.skipped ?? []).find((skip) => skip.reason.includes("FURN_0096"))
        expect(skuClash).toMatchObject({ odoo_id: "12", model: "product.product" })
        expect(skuClash?.reason).toContain(adminProduct.variants[0].id)

        const products = await syncedProducts(getContainer())
        expect(products.map((product) => product.external_id)).not.toContain(String(blank))
        expect(products.map((product) => product.external_id)).not.toContain(String(negative))
        expect(byExternalId(products, long).title).toBe("L".repeat(255))
        expect(byExternalId(products, emoji).title).toBe("Chaise 🪑 Ωmega")
        const desk = byExternalId(products, 9)
        expect(desk.handle).not.toBe("customizable-desk-9")
        expect(desk.variants.find((variant) => variant.metadata?.external_id === "12")?.sku).toBeNull()
        expect(desk.variants).toHaveLength(5)
      })
    })

    describe("a dry run", () => {
      it("reports the plan with ids and writes nothing", async () => {
        const run = await sync(api, headers, { dry_run: true })
        expect(run.status).toBe("succeeded")
        const { data } = await api.get(`/admin/odoo/sync-runs/${run.id}`, headers)
        const forSale = fixtureTemplates().filter((template) => template.sale_ok && template.active)
        expect(data.sync_run.plan.create.map(Number).sort((a: number, b: number) => a - b)).toEqual(
          forSale.map((template) => template.id).sort((a, b) => a - b)
        )
        expect(await syncedProducts(getContainer())).toHaveLength(0)
      })
    })

    describe("one run at a time", () => {
      it("answers 409 while a run is in progress", async () => {
        emulator.faults.inject({ kind: "latency", latencyMs: 300, times: 20 })
        const first = await api.post("/admin/odoo/sync", { full: true }, headers)
        expect(first.status).toBe(202)
        const second = await api
          .post("/admin/odoo/sync", {}, headers)
          .catch((error: { response: { status: number } }) => error.response)
        expect(second.status).toBe(409)
        const run = await waitForRun(api, headers, first.data.run_id)
        emulator.faults.clear()
        expect(run.status).toBe("succeeded")

        const { data } = await api.get("/admin/odoo/sync-runs?limit=5", headers)
        expect(data.sync_runs[0]).toMatchObject({ id: first.data.run_id, trigger: "admin", status: "succeeded" })
      })
    })

    describe("a failure while a page is written", () => {
      it("rolls the page back, fails the run with the reason, and the next run completes", async () => {
        const db = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await db.raw(`
          CREATE OR REPLACE FUNCTION odoo_test_refuse() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'refused by the test'; END; $$ LANGUAGE plpgsql;
          CREATE TRIGGER odoo_test_refuse BEFORE INSERT ON product_variant
            FOR EACH ROW WHEN (NEW.sku = 'FURN_0098') EXECUTE FUNCTION odoo_test_refuse();
        `)
        const tables = ["product", "product_variant", "product_option", "product_option_value", "price_set", "price"]
        const countRows = async () =>
          Object.fromEntries(
            await Promise.all(
              tables.map(async (table) => [table, Number((await db.raw(`SELECT count(*) FROM "${table}"`)).rows[0].count)])
            )
          )
        const before = await countRows()
        const failed = await sync(api, headers, { full: true })
        expect(failed.status).toBe("failed")
        // Exactly as before, at the table level (soft-deleted rows included).
        expect(await countRows()).toEqual(before)
        expect(failed.error?.message).toMatch(/page 1 of \d+/)

        // Page 1 (templates 1..10, with the desk) left nothing behind.
        const afterFailure = await syncedProducts(getContainer())
        expect(afterFailure).toHaveLength(0)

        await db.raw(`DROP TRIGGER odoo_test_refuse ON product_variant`)
        const retried = await sync(api, headers)
        expect(retried.status).toBe("succeeded")
        const products = await syncedProducts(getContainer())
        expect(byExternalId(products, 9).variants).toHaveLength(5)
      })
    })

    describe("the nightly job", () => {
      it("is the daily-product-sync at midnight", () => {
        expect(jobConfig).toEqual({ name: "daily-product-sync", schedule: "0 0 * * *" })
      })

      it("runs an incremental sync recorded as scheduled", async () => {
        await syncProductsFromErpJob(getContainer())
        const { data } = await api.get("/admin/odoo/sync-runs", headers)
        expect(data.count).toBe(1)
        expect(data.sync_runs[0]).toMatchObject({ trigger: "scheduled", status: "succeeded", full: false })
        expect(data.sync_runs[0].counts.created).toBeGreaterThan(0)
      })
    })

    describe("the CLI", () => {
      it("exits 0 after a sync and 1 when Odoo refuses the key", async () => {
        const env = { DATABASE_URL: dbConfig.clientUrl, LOG_LEVEL: "info" }
        const ok = await runSyncCli(["dry-run"], env)
        // A dry run says what it would do, never that it synced.
        expect(ok.output).toMatch(/Dry run finished, nothing written: would create [1-9]\d*/)
        expect(ok.output).toMatch(/Would create \(Odoo template ids\): \d+(, \d+){9} \(\+\d+ more\)/)
        expect(ok.output).not.toMatch(/Sync finished|✓ Synced/)
        expect(ok.code).toBe(0)

        const revokedKey = newApiKey()
        const refused = await runSyncCli([], { ...env, ODOO_API_KEY: revokedKey })
        expect(refused.code).toBe(1)
        expect(refused.output).toContain("❌ Product sync failed")
        expect(refused.output).not.toContain(revokedKey)

        const { data } = await api.get("/admin/odoo/sync-runs", headers)
        expect(data.sync_runs.map((run: { trigger: string; status: string; dry_run: boolean }) => [run.trigger, run.status, run.dry_run])).toEqual([
          ["cli", "failed", false],
          ["cli", "succeeded", true],
        ])
        // A dry run writes no product.
        const products = await syncedProducts(getContainer())
        expect(products).toHaveLength(0)
      })
    })
  },
})
