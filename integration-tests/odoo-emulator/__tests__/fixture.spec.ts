/**
 * The emulator recomputes derived fields (display names, variant lists, lst_price, stock figures,
 * complete names, currency rates...) instead of trusting stored copies. Reading every record of the
 * demo fixture back must give exactly what the real server exported.
 */
import fs from "node:fs"
import { createStore, storeApi } from "../index"
import { defaultFixturePath } from "../reference-path"
import type { Fixture } from "../types"

describe("demo fixture read back through the emulator", () => {
  const file = defaultFixturePath(__dirname)
  if (!file) throw new Error("demo fixture not found")
  const fixture = JSON.parse(fs.readFileSync(file, "utf8")) as Fixture
  const store = storeApi(createStore({ fixture }).store)

  it.each(Object.keys(fixture.models))("%s matches the export, field by field", (model) => {
    const records = fixture.models[model].records
    const fields = Object.keys(records[0] ?? {}).filter((name) => name !== "id")
    const ids = records.map((record) => record.id as number)
    // The export used active_test false for the search, then read with the default context.
    const actual = store.read(model, ids, fields)
    expect(actual).toEqual(records.map((record) => ({ id: record.id, ...Object.fromEntries(fields.map((name) => [name, record[name]])) })))
  })
})
