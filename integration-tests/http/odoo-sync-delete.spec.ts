import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { adminHeaders } from "../helpers/admin"
import { useOdooEnvironment } from "../helpers/odoo-environment"
import { sync } from "../helpers/sync-runs"

jest.setTimeout(180 * 1000)

let emulator: OdooEmulator
let restoreEnvironment: () => void

// As in odoo-sync.spec.ts, the variables must be set before the runner loads medusa-config.
beforeAll(async () => {
  emulator = await startOdooEmulator({})
  restoreEnvironment = useOdooEnvironment(emulator, { ODOO_BATCH_SIZE: "10", ODOO_ON_REMOVED: "delete" })
})

afterAll(async () => {
  restoreEnvironment()
  await emulator?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    async function syncedExternalIds(): Promise<string[]> {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product",
        fields: ["id", "external_id"],
        filters: { external_id: { $ne: null } },
      })
      return data.map((product: { external_id: string | null }) => String(product.external_id))
    }

    describe("with ODOO_ON_REMOVED=delete, a template archived, no longer for sale or deleted in Odoo", () => {
      it("has its product deleted, the others kept; back for sale, it is created again", async () => {
        const headers = await adminHeaders(getContainer(), api)
        const first = await sync(api, headers, { full: true })
        expect(first.status).toBe("succeeded")
        const before = await syncedExternalIds()

        const sold = emulator.store.search("product.template", [["sale_ok", "=", true]])
        const [archived, notForSale, deleted] = sold.slice(-3)
        emulator.store.write("product.template", [archived], { active: false })
        emulator.store.write("product.template", [notForSale], { sale_ok: false })
        emulator.store.unlink("product.template", [deleted])

        // The removed products' Odoo images (the demo templates have some) are stored files.
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: removedBefore } = await query.graph({
          entity: "product",
          fields: ["id", "images.metadata"],
          filters: { external_id: [archived, notForSale, deleted].map(String) },
        })
        const removedFiles = removedBefore.flatMap((product: { images?: { metadata: Record<string, unknown> | null }[] }) =>
          (product.images ?? []).map((image) => String(image.metadata?.odoo_file_id))
        )
        expect(removedFiles.length).toBeGreaterThan(0)

        const run = await sync(api, headers)
        expect(run.status).toBe("succeeded")
        expect(run.counts).toMatchObject({ deleted: 3, drafted: 0 })
        const files = getContainer().resolve(Modules.FILE)
        for (const fileId of removedFiles) {
          await expect(files.getAsBuffer(fileId)).rejects.toThrow()
        }
        const removed = [archived, notForSale, deleted].map(String)
        expect((await syncedExternalIds()).sort()).toEqual(before.filter((id) => !removed.includes(id)).sort())

        emulator.store.write("product.template", [notForSale], { sale_ok: true })
        const back = await sync(api, headers)
        expect(back.status).toBe("succeeded")
        expect(back.counts).toMatchObject({ created: 1, deleted: 0 })
        expect(await syncedExternalIds()).toContain(String(notForSale))
      })
    })
  },
})
