import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { restartOdooEmulator, useOdooEnvironment } from "../helpers/odoo-environment"
import { sync, type Headers } from "../helpers/sync-runs"

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

/** No stock quant, stock move or order line refers to the variant (Odoo lets it be deleted). */
function isUnreferenced(variantId: number): boolean {
  return ["stock.quant", "stock.move", "sale.order.line"].every(
    (model) => !emulator.store.raw.tables.has(model) || emulator.store.count(model, [["product_id", "=", variantId]]) === 0
  )
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Headers

    beforeEach(async () => {
      headers = await adminHeaders(getContainer(), api)
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
        const clashed = await sync(api, headers)
        expect(clashed.status).toBe("succeeded")
        expect(JSON.stringify(clashed.skipped)).toContain(`\\"${holder.default_code}\\"`)
        let products = await syncedProducts(getContainer())
        expect(medusaVariant(products, waiting.id)?.sku).toBeNull()
        expect(medusaVariant(products, holder.id)?.sku).toBe(holder.default_code)

        // Still there: reported again, nothing written.
        const again = await sync(api, headers)
        expect(JSON.stringify(again.skipped)).toContain(`\\"${holder.default_code}\\"`)
        expect(again.counts).toMatchObject({ created: 0, updated: 0 })

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
    })
  },
})
