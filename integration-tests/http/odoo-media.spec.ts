/**
 * Images and categories synced from Odoo (the emulator seeded with the v2 demo fixture): files
 * byte-identical to Odoo's and downloaded once, changes and removals followed, the category tree
 * and the products' links equal to Odoo's (also after tree edits, incrementally), a rolled-back
 * page leaving nothing behind, and the Store API filtering by category.
 */
import fs from "node:fs"
import path from "node:path"
import { createHash } from "node:crypto"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { findReferenceDir } from "../odoo-emulator/reference-path"
import { adminHeaders } from "../helpers/admin"
import { useOdooEnvironment } from "../helpers/odoo-environment"
import { sync, type Headers } from "../helpers/sync-runs"
import { sniffImageType } from "../../src/lib/odoo-media/image-type"

jest.setTimeout(300 * 1000)

const referenceDir = findReferenceDir(__dirname)
if (!referenceDir) throw new Error(`shared/odoo-reference not found above ${__dirname}`)

let emulator: OdooEmulator
let restoreEnvironment: () => void

beforeAll(async () => {
  emulator = await startOdooEmulator({ fixture: path.join(referenceDir, "v2", "fixture.json") })
  restoreEnvironment = useOdooEnvironment(emulator, { ODOO_BATCH_SIZE: "20" })
})

afterAll(async () => {
  restoreEnvironment()
  await emulator?.close()
})

type ImageRow = { id: string; url: string; rank: number; metadata: Record<string, string> | null }
type ProductRow = {
  id: string
  external_id: string
  thumbnail: string | null
  status: string
  images: ImageRow[]
  categories: { id: string }[]
  variants: { id: string; thumbnail: string | null; metadata: Record<string, unknown> | null; images: { id: string }[] }[]
}
type CategoryRow = {
  id: string
  name: string
  handle: string
  rank: number
  is_active: boolean
  parent_category_id: string | null
  metadata: Record<string, unknown> | null
}

/** A 2×2 PNG of one colour (valid, small, different per colour). */
function png(red: number, green: number, blue: number): string {
  const { deflateSync } = require("node:zlib") as typeof import("node:zlib")
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, "latin1"), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header[8] = 8
  header[9] = 2
  const row = Buffer.from([0, red, green, blue, red, green, blue])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat([row, row]))),
    chunk("IEND", Buffer.alloc(0)),
  ]).toString("base64")
}

const sha1 = (base64: string) => createHash("sha1").update(Buffer.from(base64, "base64")).digest("hex")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Headers

    // The runner empties the database after each test: each starts from a full sync of the
    // emulator as the earlier tests left it.
    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
    })

    async function fullSync(): Promise<void> {
      const run = await sync(api, headers, { full: true })
      expect(run.status).toBe("succeeded")
    }

    async function products(): Promise<Map<string, ProductRow>> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product",
        fields: [
          "id",
          "external_id",
          "thumbnail",
          "status",
          "images.id",
          "images.url",
          "images.rank",
          "images.metadata",
          "categories.id",
          "variants.id",
          "variants.thumbnail",
          "variants.metadata",
          "variants.images.id",
        ],
        filters: { external_id: { $ne: null } },
      })
      return new Map((data as unknown as ProductRow[]).map((row) => [row.external_id, row]))
    }

    async function categories(): Promise<CategoryRow[]> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product_category",
        fields: ["id", "name", "handle", "rank", "is_active", "parent_category_id", "metadata"],
      })
      return data as unknown as CategoryRow[]
    }

    const ordered = (images: ImageRow[]) => [...images].sort((a, b) => a.rank - b.rank)

    /** The bytes the File module holds for a file id, base64. */
    async function fileContent(fileId: string): Promise<string | null> {
      const files = getContainer().resolve(Modules.FILE)
      try {
        return (await files.getAsBuffer(fileId)).toString("base64")
      } catch {
        return null
      }
    }

    /** Every image of every synced product is Odoo's file, byte for byte, in Odoo's order. */
    async function expectImagesEqualOdoo(): Promise<void> {
      const synced = await products()
      for (const [externalId, product] of synced) {
        const templateId = Number(externalId)
        const [template] = emulator.store.read("product.template", [templateId], ["image_1920", "product_template_image_ids"])
        const expected: string[] = []
        // SVG and non-images are skipped (checked on their own below).
        const isImage = (value: unknown): value is string => typeof value === "string" && sniffImageType(Buffer.from(value, "base64")).ok
        if (isImage(template.image_1920)) expected.push(template.image_1920)
        const extras = emulator.store.searchRead("product.image", [["product_tmpl_id", "=", templateId]], ["image_1920"], { order: "sequence, id" })
        for (const extra of extras) if (isImage(extra.image_1920)) expected.push(extra.image_1920)
        const fromOdoo = ordered(product.images).filter((image) => image.metadata?.odoo_image)
        const actual = await Promise.all(fromOdoo.slice(0, expected.length).map((image) => fileContent(String(image.metadata?.odoo_file_id))))
        expect({ externalId, images: actual }).toEqual({ externalId, images: expected })
        if (expected.length) expect(product.thumbnail).toBe(fromOdoo[0].url)
        for (const image of fromOdoo.slice(0, expected.length)) {
          expect(image.url).toMatch(new RegExp(`/odoo/(\\d+-)?product\\.(template|image)-\\d+-image_1920-${image.metadata?.odoo_checksum}\\.(jpg|png|webp|gif)$`))
        }
      }
    }

    /** Synced categories (by Odoo id): name and parent, and every product's Odoo categories. */
    async function expectCategoriesEqualOdoo(): Promise<void> {
      const rows = await categories()
      const synced = rows.filter((row) => row.metadata?.odoo_model === "product.public.category" && row.is_active)
      const byId = new Map(rows.map((row) => [row.id, row]))
      const actual = Object.fromEntries(
        synced.map((row) => {
          const parent = row.parent_category_id ? byId.get(row.parent_category_id) : undefined
          return [String(row.metadata?.external_id), { name: row.name, parent: parent ? String(parent.metadata?.external_id) : null }]
        })
      )
      const odoo = emulator.store.searchRead("product.public.category", [], ["name", "parent_id", "sequence"])
      const expected = Object.fromEntries(
        odoo.map((row) => [String(row.id), { name: row.name, parent: Array.isArray(row.parent_id) ? String(row.parent_id[0]) : null }])
      )
      expect(actual).toEqual(expected)
      // Siblings in Odoo's order (sequence, name, id) have increasing ranks.
      const rankOf = new Map(synced.map((row) => [String(row.metadata?.external_id), row.rank]))
      const groups = new Map<string, typeof odoo>()
      for (const row of odoo) {
        const key = Array.isArray(row.parent_id) ? String(row.parent_id[0]) : "root"
        groups.set(key, [...(groups.get(key) ?? []), row])
      }
      for (const group of groups.values()) {
        const ranks = group.map((row) => rankOf.get(String(row.id)) as number)
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
      }
      const externalByMedusaId = new Map(synced.map((row) => [row.id, String(row.metadata?.external_id)]))
      for (const [externalId, product] of await products()) {
        const [template] = emulator.store.read("product.template", [Number(externalId)], ["public_categ_ids"])
        const linked = product.categories.map((category) => externalByMedusaId.get(category.id)).filter(Boolean)
        expect({ externalId, categories: linked.sort() }).toEqual({
          externalId,
          categories: (template.public_categ_ids as number[]).map(String).sort(),
        })
      }
    }

    function storedFiles(): string[] {
      const dir = path.join(process.cwd(), "static", "odoo")
      return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
    }

    it("a full run brings Odoo's images byte for byte and its category tree with the product links; a re-run downloads nothing", async () => {
      const run = await sync(api, headers, { full: true })
      expect(run.status).toBe("succeeded")
      await expectImagesEqualOdoo()
      await expectCategoriesEqualOdoo()
      const customizableDesk = (await products()).get("9") as ProductRow
      expect(ordered(customizableDesk.images)[0].metadata?.odoo_checksum).toBe("2b6cff24fa36ce1a4d885849fea4b42470155200")
      expect(run.odoo_stats?.byCall["ir.attachment.read"]?.calls).toBeGreaterThan(0)

      const files = storedFiles()
      const again = await sync(api, headers, { full: true })
      expect(again.status).toBe("succeeded")
      expect(again.odoo_stats?.byCall["ir.attachment.read"]).toBeUndefined()
      expect(storedFiles()).toEqual(files)
      const quiet = await sync(api, headers)
      expect(quiet.status).toBe("succeeded")
      expect(quiet.odoo_stats?.byCall["ir.attachment.read"]).toBeUndefined()
      // About 20 KB; the synced templates read with each active variant's extra image ids nested
      // (one call instead of two) take about 35 bytes more per variant than a list of ids: 3 KB here.
      expect(quiet.odoo_stats?.bytesReceived).toBeLessThan(25_000)
    })

    it("a changed image is replaced, a removed one is gone with its file, extra and variant images follow, an admin's image stays after Odoo's", async () => {
      await fullSync()
      const before = await products()
      const desk = before.get("9") as ProductRow
      const chair = before.get("5") as ProductRow
      const oldDeskFile = String(ordered(desk.images)[0].metadata?.odoo_file_id)
      const oldChairFile = String(ordered(chair.images)[0].metadata?.odoo_file_id)
      // An admin adds an image of their own to the desk.
      const adminUrl = "https://cdn.example.com/admin-desk.png"
      await api.post(`/admin/products/${desk.id}`, { images: [...ordered(desk.images).map((image) => ({ id: image.id, url: image.url })), { url: adminUrl }] }, headers)

      const red = png(200, 10, 10)
      emulator.store.write("product.template", [9], { image_1920: red })
      emulator.store.write("product.template", [5], { image_1920: false })
      const green = png(10, 200, 10)
      const blue = png(10, 10, 200)
      emulator.store.create("product.image", { name: "Side", sequence: 2, product_tmpl_id: 9, image_1920: green })
      emulator.store.create("product.image", { name: "Front", sequence: 1, product_tmpl_id: 9, image_1920: blue })
      const deskVariant = emulator.store.search("product.product", [["product_tmpl_id", "=", 9]])[0]
      const yellow = png(220, 220, 0)
      emulator.store.write("product.product", [deskVariant], { image_variant_1920: yellow })
      emulator.store.write("product.template", [9], { name: "Customizable Desk" })
      // An SVG (it can carry scripts) is refused, with the reason in the run's report.
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString("base64")
      emulator.store.write("product.template", [10], { image_1920: svg })

      const run = await sync(api, headers)
      expect(run.status).toBe("succeeded")
      expect(run.skipped).toContainEqual(expect.objectContaining({ model: "product.template", odoo_id: 10, reason: expect.stringMatching(/SVG/) }))
      await expectImagesEqualOdoo()
      const after = await products()
      expect((after.get("10") as ProductRow).images.filter((image) => image.metadata?.odoo_image)).toEqual([])
      const newDesk = after.get("9") as ProductRow
      const urls = ordered(newDesk.images)
      expect(urls.map((image) => image.metadata?.odoo_checksum ?? image.url)).toEqual([sha1(red), sha1(blue), sha1(green), sha1(yellow), adminUrl])
      expect(newDesk.thumbnail).toBe(urls[0].url)
      const variant = newDesk.variants.find((row) => row.metadata?.external_id === String(deskVariant))
      expect(variant?.thumbnail).toBe(urls[3].url)
      // Medusa's variant images: the variant's own image is its alone; the other variants show
      // the product's general images only.
      expect(variant?.images.map((image) => image.id)).toContain(urls[3].id)
      for (const other of newDesk.variants.filter((row) => row.id !== variant?.id)) {
        expect(other.images.map((image) => image.id)).not.toContain(urls[3].id)
        expect(other.images.map((image) => image.id)).toContain(urls[0].id)
      }
      expect(await fileContent(String(urls[3].metadata?.odoo_file_id))).toBe(yellow)
      const newChair = after.get("5") as ProductRow
      expect(newChair.images).toEqual([])
      expect(newChair.thumbnail).toBeNull()
      expect(await fileContent(oldDeskFile)).toBeNull()
      expect(await fileContent(oldChairFile)).toBeNull()
    })

    it("extra images created, changed and deleted on their own in Odoo follow incrementally (they change no template write_date)", async () => {
      await fullSync()
      const templateWriteDate = () => emulator.store.read("product.template", [5], ["write_date"])[0].write_date
      const before = templateWriteDate()
      const chairVariant = emulator.store.search("product.product", [["product_tmpl_id", "=", 5]])[0]
      const red = png(240, 20, 20)
      const cyan = png(20, 240, 240)
      const extra = emulator.store.create("product.image", { name: "Back", sequence: 1, product_tmpl_id: 5, image_1920: red })
      const variantExtra = emulator.store.create("product.image", { name: "Detail", sequence: 2, product_variant_id: chairVariant, image_1920: cyan })
      // As in Odoo: an extra image is its own record; the template is not written.
      expect(templateWriteDate()).toBe(before)
      // Settled writes (two minutes old): a run remembers them and the next one reads the chair
      // again only if something of it changes (writes of the last minute are read again).
      const settled = new Date(Date.now() - 120_000).toISOString().slice(0, 19).replace("T", " ")
      const records: [string, number[]][] = [
        ["product.template", [5]],
        ["product.product", emulator.store.search("product.product", [["product_tmpl_id", "=", 5]], { context: { active_test: false } })],
        ["product.image", [extra, variantExtra]],
      ]
      for (const [model, ids] of records) {
        const table = emulator.store.raw.tables.get(model)!
        for (const id of ids) table.set(table.records.get(id)!, "write_date", settled)
      }
      emulator.store.raw.bump()
      const settledWriteDate = templateWriteDate()

      const checksumsOfChair = async () =>
        ordered(((await products()).get("5") as ProductRow).images)
          .filter((image) => image.metadata?.odoo_image?.startsWith("product.image-"))
          .map((image) => ({ key: image.metadata?.odoo_image, checksum: image.metadata?.odoo_checksum, file: image.metadata?.odoo_file_id }))
      const created = await sync(api, headers)
      expect(created.status).toBe("succeeded")
      await expectImagesEqualOdoo()
      const afterCreate = await checksumsOfChair()
      expect(afterCreate.map(({ key, checksum }) => ({ key, checksum }))).toEqual([
        { key: `product.image-${extra}-image_1920`, checksum: sha1(red) },
        { key: `product.image-${variantExtra}-image_1920`, checksum: sha1(cyan) },
      ])

      // A variant's extra image names the variant only: its template is found through it.
      const yellow = png(240, 240, 20)
      emulator.store.write("product.image", [variantExtra], { image_1920: yellow })
      const variantChanged = await sync(api, headers)
      expect(variantChanged.status).toBe("succeeded")
      expect((await checksumsOfChair()).map(({ checksum }) => checksum)).toEqual([sha1(red), sha1(yellow)])
      expect(await fileContent(String(afterCreate[1].file))).toBeNull()

      const green = png(20, 240, 20)
      emulator.store.write("product.image", [extra], { image_1920: green })
      expect(templateWriteDate()).toBe(settledWriteDate)
      const changed = await sync(api, headers)
      expect(changed.status).toBe("succeeded")
      await expectImagesEqualOdoo()
      const afterChange = await checksumsOfChair()
      expect(afterChange.map(({ checksum }) => checksum)).toEqual([sha1(green), sha1(yellow)])
      expect(await fileContent(String(afterCreate[0].file))).toBeNull()

      emulator.store.unlink("product.image", [extra, variantExtra])
      expect(templateWriteDate()).toBe(settledWriteDate)
      const deleted = await sync(api, headers)
      expect(deleted.status).toBe("succeeded")
      expect(await checksumsOfChair()).toEqual([])
      for (const { file } of afterChange) expect(await fileContent(String(file))).toBeNull()
      await expectImagesEqualOdoo()
    })

    it("category renames, moves, reorders, additions and deletions follow incrementally; an admin's category and product are left alone", async () => {
      await fullSync()
      const productModule = getContainer().resolve(Modules.PRODUCT)
      const adminCategory = await productModule.createProductCategories({ name: "Admin picks", handle: "admin-picks", is_active: true })
      const [adminProduct] = await productModule.createProducts([{ title: "Admin lamp", category_ids: [] }])
      const chairs = (await categories()).find((row) => row.metadata?.external_id === "17" && row.metadata?.odoo_model === "product.public.category") as CategoryRow
      const boxes = (await categories()).find((row) => row.metadata?.external_id === "22") as CategoryRow
      await productModule.updateProducts(adminProduct.id, { category_ids: [boxes.id, adminCategory.id] })

      emulator.store.write("product.public.category", [17], { name: "Seats", sequence: 1 })
      emulator.store.write("product.public.category", [16], { parent_id: 1 })
      const added = emulator.store.create("product.public.category", { name: "Seats", parent_id: 2, sequence: 99 })
      emulator.store.unlink("product.public.category", [22, 23])
      emulator.store.write("product.template", [12], { public_categ_ids: [[6, 0, [added, 3]]] })

      const run = await sync(api, headers)
      expect(run.status).toBe("succeeded")
      expect(run.skipped?.filter((record) => /kept inactive/.test(record.reason))).toEqual([
        expect.objectContaining({ model: "product.public.category", odoo_id: "22" }),
      ])
      await expectCategoriesEqualOdoo()
      const rows = await categories()
      const renamed = rows.find((row) => row.id === chairs.id) as CategoryRow
      expect(renamed.name).toBe("Seats")
      expect(renamed.handle).toBe(chairs.handle)
      const newSeats = rows.find((row) => row.metadata?.external_id === String(added)) as CategoryRow
      expect(newSeats.handle).not.toBe(renamed.handle)
      expect(rows.find((row) => row.id === boxes.id)).toMatchObject({ is_active: false })
      expect(rows.some((row) => row.metadata?.external_id === "23")).toBe(false)
      expect(rows.find((row) => row.id === adminCategory.id)).toMatchObject({ name: "Admin picks", is_active: true })
      const adminAfter = await productModule.retrieveProduct(adminProduct.id, { relations: ["categories"] })
      expect(adminAfter.categories?.map((category) => category.id).sort()).toEqual([boxes.id, adminCategory.id].sort())
    })

    it("a page rolled back leaves no new file and no new category", async () => {
      await fullSync()
      const filesBefore = storedFiles()
      const categoriesBefore = (await categories()).map((row) => row.id).sort()
      emulator.store.create("product.public.category", { name: "Never There", sequence: 3 })
      emulator.store.write("product.template", [10], { image_1920: png(1, 2, 3) })
      const fault = emulator.faults.inject({ model: "ir.attachment", method: "read", kind: "jsonrpc-error", name: "odoo.exceptions.AccessError", message: "not allowed" })
      const run = await sync(api, headers)
      fault.remove()
      expect(run.status).toBe("failed")
      expect((await categories()).map((row) => row.id).sort()).toEqual(categoriesBefore)
      expect(storedFiles()).toEqual(filesBefore)

      const retry = await sync(api, headers)
      expect(retry.status).toBe("succeeded")
      await expectImagesEqualOdoo()
      await expectCategoriesEqualOdoo()
    })

    it("a page rolled back after its images were stored (a product write refused) leaves no new file, and the old ones stay", async () => {
      await fullSync()
      const oldFiles = ordered(((await products()).get("10") as ProductRow).images)
        .map((image) => image.metadata?.odoo_file_id)
        .filter((id): id is string => Boolean(id))
      const filesBefore = storedFiles()
      const db = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await db.raw(`
        CREATE OR REPLACE FUNCTION odoo_test_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'refused by the test'; END; $$ LANGUAGE plpgsql;
        CREATE TRIGGER odoo_test_refuse BEFORE UPDATE ON product
          FOR EACH ROW WHEN (NEW.external_id = '10') EXECUTE FUNCTION odoo_test_refuse();
      `)
      const magenta = png(230, 0, 230)
      emulator.store.write("product.template", [10], { image_1920: magenta, name: "Refused Once" })
      const failed = await sync(api, headers)
      await db.raw(`DROP TRIGGER odoo_test_refuse ON product; DROP FUNCTION odoo_test_refuse()`)
      expect(failed.status).toBe("failed")
      // The new image was downloaded and stored before the product write was refused.
      expect(failed.odoo_stats?.byCall["ir.attachment.read"]?.calls).toBeGreaterThan(0)
      expect(storedFiles()).toEqual(filesBefore)
      for (const fileId of oldFiles) expect(await fileContent(fileId)).not.toBeNull()

      const retry = await sync(api, headers)
      expect(retry.status).toBe("succeeded")
      await expectImagesEqualOdoo()
      expect(ordered(((await products()).get("10") as ProductRow).images)[0].metadata?.odoo_checksum).toBe(sha1(magenta))
    })

    it("the Store API lists a category's products", async () => {
      await fullSync()
      const { data: keyData } = await api.post("/admin/api-keys", { title: "storefront", type: "publishable" }, headers)
      const { data: storeData } = await api.get("/admin/stores", headers)
      const salesChannelId = storeData.stores[0].default_sales_channel_id
      await api.post(`/admin/api-keys/${keyData.api_key.id}/sales-channels`, { add: [salesChannelId] }, headers)
      const storeHeaders = { headers: { "x-publishable-api-key": keyData.api_key.token } }
      const desks = (await categories()).find((row) => row.metadata?.external_id === "1") as CategoryRow
      const { data } = await api.get(`/store/products?category_id[]=${desks.id}&limit=100&fields=id,external_id`, storeHeaders)
      const expected = [...(await products()).values()]
        .filter((product) => product.status === "published" && product.categories.some((category) => category.id === desks.id))
        .map((product) => product.id)
        .sort()
      expect(expected.length).toBeGreaterThan(0)
      expect(data.products.map((product: { id: string }) => product.id).sort()).toEqual(expected)
      const odooDesks = emulator.store.search("product.template", [["public_categ_ids", "in", [1]], ["is_published", "=", true], ["sale_ok", "=", true]])
      expect(data.products.map((product: { external_id: string }) => Number(product.external_id)).sort((a: number, b: number) => a - b)).toEqual(odooDesks.sort((a, b) => a - b))
    })
  },
})
