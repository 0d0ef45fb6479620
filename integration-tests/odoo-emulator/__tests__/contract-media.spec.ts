/**
 * Contract test for categories, images and attachments: replays the v2 samples 50–54 recorded from
 * the real Odoo 18 server (shared/odoo-reference/v2/samples) on a fresh emulator seeded with
 * v2/fixture.json, in file-name order, and compares status, content type and body.
 */
import fs from "node:fs"
import path from "node:path"
import { startOdooEmulator, type OdooEmulator } from "../index"
import { findReferenceDir, recordedApiKey } from "../reference-path"

const referenceDir = findReferenceDir(__dirname)
if (!referenceDir) throw new Error(`shared/odoo-reference not found above ${__dirname}`)
const v2Dir = path.join(referenceDir, "v2")
const samplesDir = path.join(v2Dir, "samples")

interface SampleRow {
  file: string
  status: number
  contentType: string
}

const MEDIA_SAMPLES = /^5[0-4][a-z]?_/

const rows: SampleRow[] = fs
  .readFileSync(path.join(samplesDir, "INDEX.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [file, , , status, contentType] = line.split("\t")
    return { file, status: Number(status), contentType }
  })
  .filter((row) => MEDIA_SAMPLES.test(row.file))
  .sort((a, b) => a.file.localeCompare(b.file))

describe("Odoo emulator contract: categories, images and attachments (v2 samples 50–54)", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    emulator = await startOdooEmulator({ fixture: path.join(v2Dir, "fixture.json"), adminApiKey: recordedApiKey(referenceDir) })
  })

  afterAll(async () => {
    await emulator.close()
  })

  it("finds the samples 50–54", () => {
    expect(rows.map((row) => row.file.slice(0, 3))).toEqual(["50_", "50b", "51_", "52_", "53_", "54_"])
  })

  it.each(rows.map((row) => [row.file.replace(/\.json$/, ""), row] as const))("%s", async (base, row) => {
    const request = JSON.parse(fs.readFileSync(path.join(samplesDir, `${base}.request.json`), "utf8")) as {
      method: string
      path: string
      headers: Record<string, string>
      body: unknown
    }
    const response = await fetch(emulator.url + request.path, {
      method: request.method,
      headers: request.headers,
      body: JSON.stringify(request.body),
    })
    expect(response.status).toBe(row.status)
    expect(response.headers.get("content-type")).toBe(row.contentType)
    const expected = JSON.parse(fs.readFileSync(path.join(samplesDir, row.file), "utf8")) as unknown
    expect(JSON.parse(await response.text())).toEqual(expected)
  })
})
