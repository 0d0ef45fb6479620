/**
 * The changes an incremental run finds, read in two calls (Odoo 17+: the templates with their
 * records' write dates nested, and the attributes with their values') or one call per followed
 * model (Odoo 16), over the same emulator state: the same templates and the same WriteMark
 * after edits of every kind the sync follows, and on an Odoo 16 the per-model path on its own.
 */
import { startOdooEmulator, type OdooEmulator } from "../../../../integration-tests/odoo-emulator"
import { listChangedTemplates, readLatestWriteMark, writeDateCeiling } from "../../../lib/odoo-sync/catalog-reader"
import { settledUntil, type WriteMark } from "../../../lib/odoo-sync/write-mark"
import { OdooClient } from "../client/client"
import { parseOdooOptions } from "../options"

jest.setTimeout(60_000)

const CATALOG = { templates: 40, seed: 23 }
let clock = new Date("2026-11-20T08:00:00Z")
const minutesLater = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000)
}

function clientOf(emulator: OdooEmulator): OdooClient {
  return new OdooClient(
    parseOdooOptions({ url: emulator.url, dbName: emulator.db, username: emulator.admin.login, apiKey: emulator.admin.apiKey, timeoutMs: 10_000, maxRetries: 0 })
  )
}

/** The calls made since the last reset, as "model.method" with their counts. */
function callsOf(emulator: OdooEmulator): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const call of emulator.calls.list()) {
    if (!call.model) continue
    const key = `${call.model}.${call.ormMethod}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

/** Both paths at the clock's time: the nested one (with its calls) and the per-model one. */
async function bothPaths(emulator: OdooEmulator, since: WriteMark) {
  const notAfter = writeDateCeiling(clock)
  const settled = settledUntil(clock)
  emulator.calls.reset()
  const nested = await listChangedTemplates(clientOf(emulator), since, notAfter, settled, true)
  const nestedCalls = callsOf(emulator)
  const perModel = await listChangedTemplates(clientOf(emulator), since, notAfter, settled, true, { modelByModel: true })
  return { nested, nestedCalls, perModel }
}

describe("templates changed since a WriteMark", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    emulator = await startOdooEmulator({ generate: CATALOG, now: () => clock })
  })

  afterAll(async () => {
    await emulator?.close()
  })

  it("are the same templates with the same mark whether read nested in two calls or model by model", async () => {
    const store = emulator.store
    const start = await readLatestWriteMark(clientOf(emulator), writeDateCeiling(clock), settledUntil(clock), true)
    expect(start).not.toBeNull()
    const since = start as WriteMark
    minutesLater(60)

    const templatesWith = (minimum: number) =>
      store
        .searchRead("product.template", [["sale_ok", "=", true]], ["product_variant_count", "attribute_line_ids"], { order: "id" })
        .filter((row) => Number(row.product_variant_count) >= minimum)
        .map((row) => ({ id: row.id as number, lines: row.attribute_line_ids as number[] }))
    const [archivedVariantOf, lineEditedOf, priceExtraOf, variantImageOf, attributeOf, valueOf] = templatesWith(2)
    const [imageAddedTo, archivedTemplate] = templatesWith(1).filter(
      (template) => ![archivedVariantOf, lineEditedOf, priceExtraOf, variantImageOf, attributeOf, valueOf].some((used) => used.id === template.id)
    )
    const variantsOf = (templateId: number) => store.search("product.product", [["product_tmpl_id", "=", templateId]], { order: "id", active_test: false })

    // A variant archived; a line edited; a template attribute value's price extra changed.
    store.write("product.product", variantsOf(archivedVariantOf.id)[0], { active: false })
    store.write("product.template.attribute.line", lineEditedOf.lines[0], { sequence: 77 })
    const [ptav] = store.search("product.template.attribute.value", [["product_tmpl_id", "=", priceExtraOf.id]], { order: "id", active_test: false })
    store.write("product.template.attribute.value", ptav, { price_extra: 7.25 })
    // An attribute and a value renamed: no template-side write_date moves.
    const [attributeLine] = store.read("product.template.attribute.line", attributeOf.lines[0], ["attribute_id"])
    const attributeId = (attributeLine.attribute_id as [number, string])[0]
    store.write("product.attribute", attributeId, { name: "Renamed attribute" })
    const [valueLine] = store.read("product.template.attribute.line", valueOf.lines[valueOf.lines.length - 1], ["value_ids"])
    const valueId = (valueLine.value_ids as number[])[0]
    store.write("product.attribute.value", valueId, { name: "Renamed value" })
    // Extra images: one added to a template, one to a variant, an existing one deleted.
    store.create("product.image", { name: "Added to the template", product_tmpl_id: imageAddedTo.id })
    store.create("product.image", { name: "Added to a variant", product_variant_id: variantsOf(variantImageOf.id)[1] })
    const [deletedImage] = store.search("product.image", [["product_tmpl_id", "!=", false]], { order: "id" })
    expect(deletedImage).toBeDefined()
    store.unlink("product.image", deletedImage)
    // A template archived (its variants with it).
    store.write("product.template", archivedTemplate.id, { active: false })

    minutesLater(2)
    const first = await bothPaths(emulator, since)
    expect(first.nested).toEqual(first.perModel)

    const usingAttribute = store.search("product.template.attribute.line", [["attribute_id", "=", attributeId]], { active_test: false })
    const usingValue = store.search("product.template.attribute.value", [["product_attribute_value_id", "=", valueId]], { active_test: false })
    const templatesOf = (model: string, ids: number[]) => store.read(model, ids, ["product_tmpl_id"]).map((row) => (row.product_tmpl_id as [number, string])[0])
    const expected = new Set([
      archivedVariantOf.id,
      lineEditedOf.id,
      priceExtraOf.id,
      variantImageOf.id,
      imageAddedTo.id,
      archivedTemplate.id,
      ...templatesOf("product.template.attribute.line", usingAttribute),
      ...templatesOf("product.template.attribute.value", usingValue),
    ])
    expect(first.nested.ids).toEqual([...expected].sort((a, b) => a - b))
    // Two calls, and one "through" read each for the renamed attribute and value.
    expect(first.nestedCalls).toEqual({
      "product.template.web_search_read": 1,
      "product.attribute.web_search_read": 1,
      "product.template.attribute.line.search_read": 1,
      "product.template.attribute.value.search_read": 1,
    })
    expect(first.nested.mark.seen).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^product\.product:\d+@/),
        expect.stringMatching(/^product\.template\.attribute\.line:\d+@/),
        expect.stringMatching(/^product\.template\.attribute\.value:\d+@/),
        expect.stringMatching(/^product\.attribute:\d+@/),
        expect.stringMatching(/^product\.attribute\.value:\d+@/),
        expect.stringMatching(/^product\.image:\d+@/),
        expect.stringMatching(/^product\.template:\d+@/),
      ])
    )

    // Ten minutes on: what the mark has seen is left out; a write read in its own second counts.
    minutesLater(10)
    const [, otherVariant] = variantsOf(archivedVariantOf.id)
    store.write("product.product", otherVariant, { default_code: "CHANGED-LATER" })
    const second = await bothPaths(emulator, first.nested.mark)
    expect(second.nested).toEqual(second.perModel)
    expect(second.nested.ids).toEqual([archivedVariantOf.id])
    expect(second.nestedCalls).toEqual({ "product.template.web_search_read": 1, "product.attribute.web_search_read": 1 })

    // Its second was not settled when read: read again once, then remembered.
    minutesLater(5)
    const again = await bothPaths(emulator, second.nested.mark)
    expect(again.nested).toEqual(again.perModel)
    expect(again.nested.ids).toEqual([archivedVariantOf.id])
    const quiet = await bothPaths(emulator, again.nested.mark)
    expect(quiet.nested).toEqual(quiet.perModel)
    expect(quiet.nested).toEqual({ ids: [], mark: again.nested.mark })
    expect(quiet.nestedCalls).toEqual({ "product.template.web_search_read": 1, "product.attribute.web_search_read": 1 })
  })
})

describe("on an Odoo 16 (web_search_read without specification)", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    emulator = await startOdooEmulator({ generate: CATALOG, now: () => clock, odooVersion: "16.0" })
  })

  afterAll(async () => {
    await emulator?.close()
  })

  it("reads model by model, asking for a specification once per client", async () => {
    const client = clientOf(emulator)
    const since = (await readLatestWriteMark(client, writeDateCeiling(clock), settledUntil(clock), true)) as WriteMark
    minutesLater(30)
    const [template] = emulator.store.search("product.template", [["sale_ok", "=", true]], { order: "id" })
    emulator.store.write("product.template", template, { list_price: 12.5 })
    minutesLater(2)
    const notAfter = writeDateCeiling(clock)
    const settled = settledUntil(clock)

    emulator.calls.reset()
    const first = await listChangedTemplates(client, since, notAfter, settled, true)
    expect(first.ids).toEqual([template])
    expect(first).toEqual(await listChangedTemplates(clientOf(emulator), since, notAfter, settled, true, { modelByModel: true }))
    expect(callsOf(emulator)).toMatchObject({ "product.template.web_search_read": 1, "product.template.search_read": 2 })

    emulator.calls.reset()
    await listChangedTemplates(client, since, notAfter, settled, true)
    expect(callsOf(emulator)["product.template.web_search_read"]).toBeUndefined()
  })
})
