/**
 * Contract test for categories, images and attachments: replays the v2 samples 50–54 recorded from
 * the real Odoo 18 server (shared/odoo-reference/v2/samples) on a fresh emulator seeded with
 * v2/fixture.json, in file-name order, and compares status, content type and body.
 */
import { startOdooEmulator, type OdooEmulator } from "../index"
import { recordedBody, sendRecordedRequest, v2SampleRows, V2_EMULATOR_OPTIONS } from "./v2-samples"

const MEDIA_SAMPLES = /^5[0-4][a-z]?_/

const rows = v2SampleRows((file) => MEDIA_SAMPLES.test(file))

describe("Odoo emulator contract: categories, images and attachments (v2 samples 50–54)", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    emulator = await startOdooEmulator(V2_EMULATOR_OPTIONS)
  })

  afterAll(async () => {
    await emulator.close()
  })

  it("finds the samples 50–54", () => {
    expect(rows.map((row) => row.file.slice(0, 3))).toEqual(["50_", "50b", "51_", "52_", "53_", "54_"])
  })

  it.each(rows.map((row) => [row.file.replace(/\.json$/, ""), row] as const))("%s", async (base, row) => {
    const response = await sendRecordedRequest(emulator, base)
    expect(response.status).toBe(row.status)
    expect(response.headers.get("content-type")).toBe(row.contentType)
    const expected = recordedBody(base)
    expect(JSON.parse(await response.text())).toEqual(expected)
  })
})
