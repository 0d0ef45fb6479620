/**
 * The sync end to end against the emulator posing as other Odoo versions than 18 (the rest of
 * the suite's): a full run, an edit in Odoo, an incremental run, each ending with exactly Odoo's
 * catalog. Odoo 19 is spoken to over JSON-2 (ODOO_PROTOCOL=auto picks it), 17 and 16 over
 * JSON-RPC, with their own product fields (and no web_read in 16), images and categories
 * included.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { sniffImageType } from "../../src/lib/odoo-media/image-type"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import { sync, type Headers } from "../helpers/sync-runs"
import { catalogDifferencesInCompanyCurrencies, database } from "../reliability/helpers"

jest.setTimeout(300 * 1000)

const CATALOG = { templates: 40, seed: 19 }

let emulator: OdooEmulator

beforeAll(async () => {
  emulator = await startOdooEmulator({ generate: CATALOG, odooVersion: "19.0" })
  useOdooEnvironment(emulator, { ODOO_PROTOCOL: "auto", ODOO_BATCH_SIZE: "10", ODOO_MAX_RETRIES: "1" })
})

afterAll(async () => {
  await emulator?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Headers

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    /**
     * Each synced product's Odoo images (which record's field, which checksum, in rank order)
     * and eCommerce categories against Odoo's: the template's image, its extra images by
     * sequence, each variant's own image; files that are no image (skipped) left out.
     */
    async function mediaDifferences(): Promise<string[]> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product",
        fields: ["external_id", "images.rank", "images.metadata", "categories.metadata"],
        filters: { status: "published" },
      })
      const odoo = emulator.store
      const fileOf = (model: string, id: number, field: string) => {
        const [record] = odoo.read(model, [id], [field])
        const content = record?.[field]
        if (typeof content !== "string" || !sniffImageType(Buffer.from(content, "base64")).ok) return []
        const [attachment] = odoo.searchRead("ir.attachment", [["res_model", "=", model], ["res_field", "=", field], ["res_id", "=", id]], ["checksum"])
        return [`${model}-${id}-${field} ${String(attachment?.checksum)}`]
      }
      const differences: string[] = []
      let images = 0
      for (const product of data as { external_id: string; images: { rank: number; metadata: Record<string, unknown> | null }[]; categories: { metadata: Record<string, unknown> | null }[] }[]) {
        const templateId = Number(product.external_id)
        const [template] = odoo.read("product.template", [templateId], ["product_variant_ids", "public_categ_ids"])
        const extras = odoo.search("product.image", [["product_tmpl_id", "=", templateId]], { order: "sequence, id" })
        const expected = [
          ...fileOf("product.template", templateId, "image_1920"),
          ...extras.flatMap((id) => fileOf("product.image", id, "image_1920")),
          ...(template.product_variant_ids as number[]).flatMap((id) => fileOf("product.product", id, "image_variant_1920")),
        ]
        const actual = [...product.images]
          .sort((a, b) => a.rank - b.rank)
          .filter((image) => image.metadata?.odoo_image)
          .map((image) => `${String(image.metadata?.odoo_image)} ${String(image.metadata?.odoo_checksum)}`)
        if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`${templateId} images: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`)
        const categories = product.categories.map((category) => Number(category.metadata?.external_id)).sort((a, b) => a - b)
        const odooCategories = [...(template.public_categ_ids as number[])].sort((a, b) => a - b)
        if (JSON.stringify(categories) !== JSON.stringify(odooCategories)) differences.push(`${templateId} categories: ${categories} ≠ ${odooCategories}`)
        images += actual.length
      }
      // The catalog has images at all: an empty comparison would prove nothing.
      if (images === 0) differences.push("no product has an image from Odoo")
      return differences
    }

    /** Full run, an edit of two templates in Odoo, incremental run; Medusa equals Odoo after each. */
    async function fullEditIncremental(): Promise<Awaited<ReturnType<typeof sync>>> {
      const db = database(getContainer())
      const full = await sync(api, headers, { full: true })
      expect(full.error).toBeNull()
      expect(full.status).toBe("succeeded")
      expect(await catalogDifferencesInCompanyCurrencies(db, emulator)).toEqual([])
      expect(await mediaDifferences()).toEqual([])

      const [first, second] = emulator.store.search("product.template", [["sale_ok", "=", true]], { order: "id" })
      emulator.store.write("product.template", first, { name: "Renamed in Odoo", list_price: 321.5 })
      emulator.store.write("product.template", second, { sale_ok: false })
      const incremental = await sync(api, headers)
      expect(incremental.status).toBe("succeeded")
      expect(incremental.counts).toMatchObject({ updated: 1, drafted: 1 })
      const { rows } = await db.raw(`SELECT external_id, title, status FROM product WHERE external_id IN (?, ?) ORDER BY id`, [String(first), String(second)])
      expect(rows).toEqual(
        expect.arrayContaining([
          { external_id: String(first), title: "Renamed in Odoo", status: "published" },
          expect.objectContaining({ external_id: String(second), status: "draft" }),
        ])
      )
      expect(await catalogDifferencesInCompanyCurrencies(db, emulator, { exceptTemplates: [second] })).toEqual([])
      return incremental
    }

    it("Odoo 19 over JSON-2: full run, an edit, incremental run", async () => {
      await fullEditIncremental()
      // Every model call went to /json/2 (JSON-RPC's would be logged as execute_kw).
      const methods = emulator.calls.list().map((call) => call.method)
      expect(methods).toContain("web_read")
      expect(methods).not.toContain("execute_kw")
    })

    // The same Medusa, its Odoo replaced by an older one at the same address: the client notices
    // JSON-2 is gone and speaks JSON-RPC; the sync reads the fields that version has.
    it("Odoo 17 (type 'product' and detailed_type instead of is_storable): full run, an edit, incremental run", async () => {
      emulator = await restartOdooEmulator(emulator, { generate: CATALOG, odooVersion: "17.0" })
      const incremental = await fullEditIncremental()
      const methods = emulator.calls.list().map((call) => call.ormMethod ?? call.method)
      expect(methods).toContain("web_read")
      // The writes since the cursor in two nested reads, not one search_read per followed model.
      expect(incremental.odoo_stats?.byCall["product.attribute.web_search_read"]).toEqual(expect.objectContaining({ calls: 1 }))
      expect(incremental.odoo_stats?.byCall["product.attribute.value.search_read"]).toBeUndefined()
      const storable = emulator.store.search("product.product", [["type", "=", "product"]])
      expect(storable.length).toBeGreaterThan(0)
    })

    it("Odoo 16 (no web_read: templates, lines and attributes read one model at a time): full run, an edit, incremental run", async () => {
      emulator = await restartOdooEmulator(emulator, { generate: CATALOG, odooVersion: "16.0" })
      const incremental = await fullEditIncremental()
      const methods = emulator.calls.list().map((call) => `${call.model}.${call.ormMethod}`)
      expect(methods).toContain("product.template.attribute.line.read")
      // 16's web_search_read has no specification: the writes since the cursor one model at a time.
      expect(incremental.odoo_stats?.byCall["product.attribute.value.search_read"]).toEqual(expect.objectContaining({ calls: 1 }))
      expect(incremental.odoo_stats?.byCall["product.attribute.web_search_read"]).toBeUndefined()
      // web_read is asked by the first pages under way (two: one is read ahead), then never again.
      expect(methods.filter((method) => method === "product.template.web_read").length).toBeLessThanOrEqual(2)
      // The images' nesting is read with read() too (16's web_search_read takes no specification).
      expect(methods).toEqual(expect.arrayContaining(["product.product.read", "product.image.read", "ir.attachment.search_read"]))
      expect(methods).not.toContain("product.template.web_search_read")
    })
  },
})
