import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type JsonValue, type OdooEmulator } from "../odoo-emulator"
import { executeKw } from "../odoo-emulator/__tests__/rpc-client"
import { adminHeaders } from "../helpers/admin"
import { backdateWrites, odooDatetimeAgo, restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import { sync, type Headers } from "../helpers/sync-runs"
import { floatRound } from "../../src/lib/odoo-mapping"

jest.setTimeout(240 * 1000)

let emulator: OdooEmulator
let restoreEnvironment: () => void

beforeAll(async () => {
  emulator = await startOdooEmulator({})
  restoreEnvironment = useOdooEnvironment(emulator, {
    ODOO_MAX_RETRIES: "1",
    ODOO_TIMEOUT_MS: "5000",
    // Small pages: templates far apart in id order are written by different page workflows.
    ODOO_BATCH_SIZE: "5",
  })
})

beforeEach(async () => {
  emulator = await restartOdooEmulator(emulator)
})

afterAll(async () => {
  restoreEnvironment()
  await emulator?.close()
})

type VariantRow = {
  id: string
  sku: string | null
  barcode: string | null
  metadata: Record<string, unknown> | null
  prices: { amount: number; currency_code: string }[]
  options: { value: string; option: { title: string } }[]
}
type ProductRow = {
  id: string
  external_id: string
  title: string
  status: string
  metadata: Record<string, unknown> | null
  options: { title: string; values: { value: string }[] }[]
  variants: VariantRow[]
}

async function syncedProducts(container: MedusaContainer): Promise<ProductRow[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "external_id",
      "title",
      "status",
      "metadata",
      "options.title",
      "options.values.value",
      "variants.id",
      "variants.sku",
      "variants.barcode",
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

/** The Medusa variant written from Odoo variant `odooId`. */
function medusaVariant(products: ProductRow[], odooId: number): VariantRow | undefined {
  return products.flatMap((product) => product.variants).find((variant) => variant.metadata?.external_id === String(odooId))
}

/** Active variants of a template that carry a default_code, in id order. */
function codedVariants(templateId: number): { id: number; default_code: string }[] {
  return emulator.store
    .searchRead("product.product", [["product_tmpl_id", "=", templateId], ["default_code", "!=", false]], ["default_code"], {
      order: "id asc",
    })
    .map((row) => ({ id: Number(row.id), default_code: String(row.default_code) }))
}

/** Sold templates with at least `count` coded variants, in id order. */
function templatesWithCodes(count: number): number[] {
  return emulator.store
    .search("product.template", [["sale_ok", "=", true]], { order: "id asc" })
    .filter((id) => codedVariants(id).length >= count)
}

type ExpectedProduct = {
  status: string
  title: string
  options: Record<string, string[]>
  variants: Record<string, { sku: string | null; barcode: string | null; options: Record<string, string>; prices: Record<string, number> }>
}

const sortedEntries = <T>(record: Record<string, T>): [string, T][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1))

/**
 * What Medusa must hold, computed from the emulator's state as Odoo shows it (not from the
 * sync's own mapping): for each template for sale, its active variants, their codes and options,
 * and prices as res.currency._convert gives them for the admin's company (Odoo's `inverse_rate`
 * with `to_currency` in the context, times the unrounded lst_price, rounded once). Currencies
 * without a rate for the company get no price.
 */
function expectedCatalog(storeCurrencies: string[]): Map<string, ExpectedProduct> {
  const store = emulator.store
  const currencies = store.searchRead("res.currency", [["name", "in", storeCurrencies.map((code) => code.toUpperCase())]], ["name", "rounding"], {
    active_test: false,
  })
  const admin = store.read("res.users", [emulator.admin.uid], ["company_id"])[0]
  const company = (admin.company_id as [number, string])[0]
  const companyCurrency = (store.read("res.company", [company], ["currency_id"])[0].currency_id as [number, string])[0]
  const isRated = (currencyId: number): boolean =>
    currencyId === companyCurrency || store.count("res.currency.rate", [["currency_id", "=", currencyId], ["company_id", "in", [false, company]]]) > 0
  const expected = new Map<string, ExpectedProduct>()
  for (const templateId of store.search("product.template", [["sale_ok", "=", true]])) {
    const [template] = store.read("product.template", [templateId], ["name", "currency_id", "is_published", "active"])
    const source = (template.currency_id as [number, string])[0]
    const variants = store.searchRead(
      "product.product",
      [["product_tmpl_id", "=", templateId]],
      ["default_code", "barcode", "lst_price", "product_template_attribute_value_ids"]
    )
    const options: Record<string, string[]> = {}
    const expectedVariants: ExpectedProduct["variants"] = {}
    for (const variant of variants) {
      const values = store.read(
        "product.template.attribute.value",
        variant.product_template_attribute_value_ids as number[],
        ["name", "attribute_id"]
      )
      const variantOptions: Record<string, string> = {}
      for (const value of values) {
        const [attributeId, title] = value.attribute_id as [number, string]
        const [attribute] = store.read("product.attribute", [attributeId], ["create_variant"])
        if (attribute.create_variant === "no_variant") continue
        variantOptions[title] = String(value.name)
      }
      const prices: Record<string, number> = {}
      for (const target of currencies) {
        const code = String(target.name).toLowerCase()
        const raw = Number(variant.lst_price)
        if (target.id === source) {
          prices[code] = floatRound(raw, Number(target.rounding))
        } else if (isRated(Number(target.id)) && isRated(source)) {
          const [{ inverse_rate: rate }] = store.read("res.currency", [source], ["inverse_rate"], { to_currency: target.id })
          prices[code] = floatRound(raw * Number(rate), Number(target.rounding))
        }
      }
      expectedVariants[String(variant.id)] = {
        sku: variant.default_code === false ? null : String(variant.default_code),
        barcode: variant.barcode === false ? null : String(variant.barcode),
        options: Object.fromEntries(sortedEntries(variantOptions)),
        prices: Object.fromEntries(sortedEntries(prices)),
      }
    }
    // A product's options are its attribute lines that make variants, with their active values.
    for (const line of store.searchRead("product.template.attribute.line", [["product_tmpl_id", "=", templateId]], ["attribute_id"])) {
      const [attributeId, title] = line.attribute_id as [number, string]
      const [attribute] = store.read("product.attribute", [attributeId], ["create_variant"])
      if (attribute.create_variant === "no_variant") continue
      const values = store
        .searchRead("product.template.attribute.value", [["attribute_line_id", "=", line.id], ["ptav_active", "=", true]], ["name"])
        .map((value) => String(value.name))
      if (values.length) options[title] = values.sort()
    }
    expected.set(String(templateId), {
      status: variants.length > 0 && template.is_published !== false ? "published" : "draft",
      title: String(template.name),
      options: Object.fromEntries(sortedEntries(options)),
      variants: expectedVariants,
    })
  }
  return expected
}

/** Medusa's synced products in the shape of expectedCatalog (removed ones left out). */
function actualCatalog(products: ProductRow[], storeCurrencies: string[]): Map<string, ExpectedProduct> {
  const actual = new Map<string, ExpectedProduct>()
  for (const product of products) {
    if (product.metadata?.odoo_removed === true) continue
    const isDefault = product.options.length === 1 && product.options[0].title === "Default option"
    actual.set(product.external_id, {
      status: product.status,
      title: product.title,
      options: isDefault
        ? {}
        : Object.fromEntries(sortedEntries(Object.fromEntries(product.options.map((option) => [option.title, option.values.map((value) => value.value).sort()])))),
      variants: Object.fromEntries(
        product.variants.map((variant) => [
          String(variant.metadata?.external_id),
          {
            sku: variant.sku,
            barcode: variant.barcode,
            options: isDefault ? {} : Object.fromEntries(sortedEntries(Object.fromEntries(variant.options.map((option) => [option.option.title, option.value])))),
            prices: Object.fromEntries(
              sortedEntries(
                Object.fromEntries(
                  variant.prices.filter((price) => storeCurrencies.includes(price.currency_code)).map((price) => [price.currency_code, Number(price.amount)])
                )
              )
            ),
          },
        ])
      ),
    })
  }
  return actual
}

/**
 * Odoo lets two variants share a SKU (and the generator makes such pairs); Medusa cannot, and
 * one of them gets none (a reported clash). For such codes, whichever of the two holds it (or
 * none) is right: both sides say "shared" instead.
 */
function withSharedCodes(expected: Map<string, ExpectedProduct>, actual: Map<string, ExpectedProduct>): void {
  for (const field of ["sku", "barcode"] as const) {
    const uses = new Map<string, number>()
    for (const product of expected.values()) {
      for (const variant of Object.values(product.variants)) {
        if (variant[field]) uses.set(variant[field]!, (uses.get(variant[field]!) ?? 0) + 1)
      }
    }
    for (const [templateId, product] of expected) {
      for (const [variantId, variant] of Object.entries(product.variants)) {
        const code = variant[field]
        if (!code || (uses.get(code) ?? 0) < 2) continue
        variant[field] = "shared"
        const mirror = actual.get(templateId)?.variants[variantId]
        if (mirror && (mirror[field] === code || mirror[field] === null)) mirror[field] = "shared"
      }
    }
  }
}

/** Medusa equals Odoo: products, statuses, options, variants, codes, prices in every store currency. */
async function expectMedusaEqualsOdoo(container: MedusaContainer, storeCurrencies: string[]): Promise<void> {
  const expected = expectedCatalog(storeCurrencies)
  const actual = actualCatalog(await syncedProducts(container), storeCurrencies)
  withSharedCodes(expected, actual)
  expect(actual).toEqual(expected)
}

/** No stock quant, stock move or order line refers to the variant (Odoo lets it be deleted). */
function isUnreferenced(variantId: number): boolean {
  return ["stock.quant", "stock.move", "sale.order.line"].every(
    (model) => !emulator.store.raw.tables.has(model) || emulator.store.count(model, [["product_id", "=", variantId]]) === 0
  )
}

/** An Odoo call over JSON-RPC as the admin, as a user's edit in Odoo would arrive; fails on an Odoo error. */
async function odoo(model: string, method: string, args: JsonValue[], kwargs: Record<string, JsonValue> = {}): Promise<JsonValue> {
  const response = await executeKw(
    emulator.url,
    { db: emulator.db, uid: emulator.admin.uid, key: emulator.admin.apiKey },
    model,
    method,
    args,
    kwargs
  )
  if (!response.body || response.body.error) {
    throw new Error(`Odoo ${model}.${method}: ${response.body?.error?.data.message ?? response.text}`)
  }
  return response.body.result as JsonValue
}

async function setStoreCurrencies(container: MedusaContainer, codes: string[]): Promise<void> {
  const storeModule = container.resolve(Modules.STORE)
  const [medusaStore] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  await storeModule.updateStores(medusaStore.id, {
    supported_currencies: codes.map((code, index) => ({ currency_code: code, is_default: index === 0 })),
  })
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Headers

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    describe("prices", () => {
      it("come from each template's own company currency at the admin company's rates, exactly as Odoo converts", async () => {
        emulator = await restartOdooEmulator(emulator, { generate: { templates: 30, seed: 3 } })
        const storeCurrencies = ["usd", "eur", "gbp", "chf"]
        await setStoreCurrencies(getContainer(), storeCurrencies)
        const eurTemplates = emulator.store.search("product.template", [["company_id", "=", 2], ["sale_ok", "=", true]])
        expect(eurTemplates.length).toBeGreaterThan(0)

        const run = await sync(api, headers, { full: true })
        expect(run.status).toBe("succeeded")
        await expectMedusaEqualsOdoo(getContainer(), storeCurrencies)
        const expected = expectedCatalog(storeCurrencies)
        // A EUR template: its EUR price is its list price, its USD price converted at company 1's rate.
        const sample = expected.get(String(eurTemplates[0]))!
        const [variantId, variant] = Object.entries(sample.variants)[0]
        const [{ lst_price: lstPrice }] = emulator.store.read("product.product", [Number(variantId)], ["lst_price"])
        expect(variant.prices.eur).toBe(floatRound(Number(lstPrice), 0.01))
        expect(variant.prices.usd).toBe(floatRound(Number(lstPrice) * (1 / 0.92), 0.01))
        // CHF is unknown to this Odoo: no CHF price anywhere, said once for the run.
        expect(run.skipped?.filter((entry) => entry.model === "res.currency")).toEqual([
          { odoo_id: "CHF", model: "res.currency", reason: expect.stringMatching(/CHF is not a currency in Odoo/), kind: "unpriced" },
        ])

        // A rate of the other company changes nothing; a new rate of the admin's company reprices.
        await odoo("res.currency.rate", "create", [{ currency_id: 1, company_id: 2, rate: 1.2, name: new Date().toISOString().slice(0, 10) }])
        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ created: 0, updated: 0 })
        await odoo("res.currency.rate", "create", [{ currency_id: 2, company_id: 1, rate: 0.8, name: new Date().toISOString().slice(0, 10) }])
        const repriced = await sync(api, headers)
        expect(repriced.counts?.updated).toBeGreaterThan(0)
        await expectMedusaEqualsOdoo(getContainer(), storeCurrencies)
      })
    })

    describe("a day of edits in Odoo", () => {
      it("then a new rate: ONE incremental run after each makes Medusa equal to Odoo, and the next writes nothing", async () => {
        emulator = await restartOdooEmulator(emulator, { generate: { templates: 40, seed: 5 } })
        const storeCurrencies = ["usd", "eur", "gbp"]
        await setStoreCurrencies(getContainer(), storeCurrencies)
        const first = await sync(api, headers, { full: true })
        expect(first.status).toBe("succeeded")
        await expectMedusaEqualsOdoo(getContainer(), storeCurrencies)

        const store = emulator.store
        const sold = store.search("product.template", [["sale_ok", "=", true]], { order: "id asc" })
        const variantsOf = (templateId: number) =>
          store.searchRead("product.product", [["product_tmpl_id", "=", templateId]], ["default_code", "product_template_attribute_value_ids"], {
            order: "id asc",
          })
        const multi = sold.filter((id) => variantsOf(id).length >= 3 && variantsOf(id).every((variant) => variant.default_code))
        const single = sold.filter((id) => variantsOf(id).length === 1 && variantsOf(id)[0].default_code && !multi.includes(id))
        const used = new Set<number>()
        const take = (list: number[], where: (id: number) => boolean = () => true): number => {
          const id = list.find((candidate) => !used.has(candidate) && where(candidate))
          if (id === undefined) throw new Error("the generated catalog has no template for this edit")
          used.add(id)
          return id
        }
        const everyVariantUnreferenced = (templateId: number) => variantsOf(templateId).every((variant) => isUnreferenced(Number(variant.id)))

        // Renamed attribute and attribute value (their templates keep their write_date in Odoo).
        const renamedIn = take(multi)
        const [ptav] = store.read("product.template.attribute.value", variantsOf(renamedIn)[0].product_template_attribute_value_ids as number[], [
          "product_attribute_value_id",
          "attribute_id",
        ])
        await odoo("product.attribute.value", "write", [[(ptav.product_attribute_value_id as [number, string])[0]], { name: "Renamed value" }])
        // Another attribute than the renamed value's, so that its templates are found through it alone.
        const [otherLine] = store.searchRead(
          "product.template.attribute.line",
          [["attribute_id", "!=", (ptav.attribute_id as [number, string])[0]], ["attribute_id.create_variant", "!=", "no_variant"]],
          ["attribute_id"],
          { order: "id asc" }
        )
        await odoo("product.attribute", "write", [[(otherLine.attribute_id as [number, string])[0]], { name: "Renamed attribute" }])
        // A deleted variant (nothing refers to it) and an archived one.
        const trimmed = take(multi, (id) => isUnreferenced(Number(variantsOf(id).at(-1)!.id)))
        await odoo("product.product", "unlink", [[Number(variantsOf(trimmed).at(-1)!.id)]])
        await odoo("product.product", "write", [[Number(variantsOf(trimmed)[0].id)], { active: false }])
        // Codes swapped inside a product, and between two products on different pages.
        const swappedInside = take(multi)
        const [a, b] = variantsOf(swappedInside)
        await odoo("product.product", "write", [[Number(a.id)], { default_code: "TMP-SWAP" }])
        await odoo("product.product", "write", [[Number(b.id)], { default_code: a.default_code }])
        await odoo("product.product", "write", [[Number(a.id)], { default_code: b.default_code }])
        const [left, right] = [take(single), take([...single].reverse())]
        const [p] = variantsOf(left)
        const [q] = variantsOf(right)
        await odoo("product.product", "write", [[Number(p.id)], { default_code: "TMP-SWAP" }])
        await odoo("product.product", "write", [[Number(q.id)], { default_code: p.default_code }])
        await odoo("product.product", "write", [[Number(p.id)], { default_code: q.default_code }])
        // List price and price_extra changes.
        const repriced = take(sold)
        await odoo("product.template", "write", [[repriced], { list_price: 123.455 }])
        const extraIn = take(multi)
        const [extraPtav] = variantsOf(extraIn)[1].product_template_attribute_value_ids as number[]
        await odoo("product.template.attribute.value", "write", [[extraPtav], { price_extra: 17.5 }])
        // A new attribute value on a template's line (Odoo makes its variants).
        const grown = take(multi)
        const [line] = store.searchRead("product.template.attribute.line", [["product_tmpl_id", "=", grown]], ["attribute_id"], { order: "id asc" })
        const newValue = await odoo("product.attribute.value", "create", [{ name: "Brand new", attribute_id: (line.attribute_id as [number, string])[0] }])
        await odoo("product.template.attribute.line", "write", [[line.id], { value_ids: [[4, newValue]] }])
        // A new template; archived, deleted and not-for-sale templates.
        await odoo("product.template", "create", [{ name: "Brand new lamp", list_price: 49.99, sale_ok: true, default_code: "LAMP-NEW" }])
        await odoo("product.template", "write", [[take(sold)], { active: false }])
        await odoo("product.template", "unlink", [[take(sold, everyVariantUnreferenced)]])
        await odoo("product.template", "write", [[take(sold)], { sale_ok: false }])

        const edited = await sync(api, headers)
        expect(edited.status).toBe("succeeded")
        await expectMedusaEqualsOdoo(getContainer(), storeCurrencies)
        const products = await syncedProducts(getContainer())
        expect(JSON.stringify(products)).toContain("Renamed value")
        expect(JSON.stringify(products)).toContain("Renamed attribute")
        expect(products.find((product) => product.title === "Brand new lamp")).toBeDefined()

        // A new exchange rate for the admin's company.
        const [eur] = store.search("res.currency", [["name", "=", "EUR"]])
        await odoo("res.currency.rate", "create", [{ currency_id: eur, company_id: 1, rate: 0.87, name: new Date().toISOString().slice(0, 10) }])
        const rated = await sync(api, headers)
        expect(rated.status).toBe("succeeded")
        await expectMedusaEqualsOdoo(getContainer(), storeCurrencies)

        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ created: 0, updated: 0, drafted: 0 })
      })
    })

    describe("SKUs and barcodes", () => {
      it("swap inside a product and between products on different pages in ONE incremental run", async () => {
        const [inside] = templatesWithCodes(2)
        const [first, last] = [templatesWithCodes(1)[0], templatesWithCodes(1).at(-1)!]
        expect(new Set([inside, first, last]).size).toBe(3)
        await sync(api, headers, { full: true })

        const [a, b] = codedVariants(inside)
        const [p] = codedVariants(first)
        const [q] = codedVariants(last)
        // Swapped through JSON-RPC-like writes, one after the other, as a user would do them.
        emulator.store.write("product.product", [a.id], { default_code: "SWAP-TMP" })
        emulator.store.write("product.product", [b.id], { default_code: a.default_code })
        emulator.store.write("product.product", [a.id], { default_code: b.default_code })
        emulator.store.write("product.product", [p.id], { default_code: "SWAP-TMP", barcode: "5901234123457" })
        emulator.store.write("product.product", [q.id], { default_code: p.default_code })
        emulator.store.write("product.product", [p.id], { default_code: q.default_code })

        const run = await sync(api, headers)
        expect(run.status).toBe("succeeded")
        expect(run.skipped ?? []).toEqual([])
        const products = await syncedProducts(getContainer())
        expect(medusaVariant(products, a.id)?.sku).toBe(b.default_code)
        expect(medusaVariant(products, b.id)?.sku).toBe(a.default_code)
        expect(medusaVariant(products, p.id)).toMatchObject({ sku: q.default_code, barcode: "5901234123457" })
        expect(medusaVariant(products, q.id)?.sku).toBe(p.default_code)

        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ created: 0, updated: 0 })
      })

      it("gives a variant that lost a clash its code on the next incremental run once the clash is gone", async () => {
        const [holderTemplate, waitingTemplate, renamedTemplate] = templatesWithCodes(1)
        // Odoo refuses to delete a variant stock or orders refer to: take one nothing refers to.
        const deletedTemplate = templatesWithCodes(1)
          .slice(3)
          .find((id) => codedVariants(id).every((variant) => isUnreferenced(variant.id)))!
        const [holder] = codedVariants(holderTemplate)
        const [waiting] = codedVariants(waitingTemplate)
        const [renamedHolder] = codedVariants(renamedTemplate)
        await sync(api, headers, { full: true })

        // Two variants ask for the same codes: the ones holding them keep them.
        emulator.store.write("product.product", [waiting.id], { default_code: holder.default_code })
        // A settled write: the run after next reads nothing of it again.
        backdateWrites(emulator, "product.product", [waiting.id], odooDatetimeAgo(120_000))
        const clashed = await sync(api, headers)
        expect(clashed.status).toBe("succeeded")
        expect(JSON.stringify(clashed.skipped)).toContain(`\\"${holder.default_code}\\"`)
        let products = await syncedProducts(getContainer())
        expect(medusaVariant(products, waiting.id)?.sku).toBeNull()
        expect(medusaVariant(products, holder.id)?.sku).toBe(holder.default_code)

        // Still there: reported again, nothing written, and nothing read again from Odoo (no
        // change there could have freed it).
        const again = await sync(api, headers)
        expect(JSON.stringify(again.skipped)).toContain(`\\"${holder.default_code}\\"`)
        expect(again.counts).toMatchObject({ created: 0, updated: 0, clashes: clashed.counts?.clashes })
        expect(clashed.counts?.clashes).toBeGreaterThan(0)
        expect(again.odoo_stats?.byCall["product.template.web_read"]).toBeUndefined()

        // The holder is archived in Odoo (its template is on another page): the code moves in one run.
        emulator.store.write("product.product", [holder.id], { active: false })
        const freed = await sync(api, headers)
        expect(JSON.stringify(freed.skipped ?? [])).not.toContain(`\\"${holder.default_code}\\"`)
        products = await syncedProducts(getContainer())
        expect(medusaVariant(products, waiting.id)?.sku).toBe(holder.default_code)

        // A holder renamed in Odoo, a holder deleted in Odoo: the same.
        const [doomed] = codedVariants(deletedTemplate)
        emulator.store.write("product.product", [holder.id], { active: true, default_code: renamedHolder.default_code })
        await sync(api, headers)
        products = await syncedProducts(getContainer())
        expect(medusaVariant(products, holder.id)?.sku).toBeNull()
        emulator.store.write("product.product", [renamedHolder.id], { default_code: "RENAMED-1" })
        await sync(api, headers)
        products = await syncedProducts(getContainer())
        expect(medusaVariant(products, holder.id)?.sku).toBe(renamedHolder.default_code)
        expect(medusaVariant(products, renamedHolder.id)?.sku).toBe("RENAMED-1")

        emulator.store.write("product.product", [holder.id], { default_code: doomed.default_code })
        await sync(api, headers)
        emulator.store.unlink("product.product", [doomed.id])
        await sync(api, headers)
        products = await syncedProducts(getContainer())
        expect(medusaVariant(products, holder.id)?.sku).toBe(doomed.default_code)

        const quiet = await sync(api, headers)
        expect(quiet.counts).toMatchObject({ created: 0, updated: 0 })
        expect(quiet.skipped ?? []).toEqual([])
      })

      it("gives a variant its code on the next incremental run once an admin's product in Medusa lets it go", async () => {
        const [templateId] = templatesWithCodes(1)
        const [variant] = codedVariants(templateId)
        const products = getContainer().resolve(Modules.PRODUCT)
        // An admin's own product (not from Odoo) already uses the SKU Odoo gives this variant.
        const [own] = await products.createProducts([
          { title: "Admin's own", options: [{ title: "Size", values: ["One"] }], variants: [{ title: "One", sku: variant.default_code, options: { Size: "One" } }] },
        ])
        const clashed = await sync(api, headers, { full: true })
        expect(JSON.stringify(clashed.skipped)).toContain(`\\"${variant.default_code}\\"`)
        expect(medusaVariant(await syncedProducts(getContainer()), variant.id)?.sku).toBeNull()

        // Nothing changed in Odoo, but the admin renamed their SKU: the code is free now.
        await products.updateProductVariants(own.variants[0].id, { sku: "ADMIN-OWN" })
        const freed = await sync(api, headers)
        expect(freed.counts).toMatchObject({ updated: 1, clashes: (clashed.counts?.clashes ?? 0) - 1 })
        expect(medusaVariant(await syncedProducts(getContainer()), variant.id)?.sku).toBe(variant.default_code)
      })
    })
  },
})
