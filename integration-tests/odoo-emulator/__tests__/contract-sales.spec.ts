/**
 * Contract test for sales (shared/odoo-reference/v2, samples 56 on): customers, countries and
 * states, taxes, sale orders, confirmation, cancellation and deliveries, replayed once in number
 * order on a fresh emulator seeded with v2/fixture.json (later samples depend on earlier writes),
 * compared as in contract.spec.ts. Only the traceback text and the recorded timestamps
 * (`date_order` in 61b, `date_done` in 67e) may differ.
 */
import fs from "node:fs"
import path from "node:path"
import { startOdooEmulator, type OdooEmulator } from "../index"
import { findReferenceDir, recordedApiKey } from "../reference-path"

const referenceDir = findReferenceDir(__dirname)
if (!referenceDir) throw new Error(`shared/odoo-reference not found above ${__dirname}`)
const v2Dir = path.join(referenceDir, "v2")
const samplesDir = path.join(v2Dir, "samples")
const FIRST_SALES_SAMPLE = 56
const TIMESTAMPS: Record<string, string[]> = { "61b_read_sale_order": ["date_order"], "67e_read_picking_after_validate": ["date_done"] }

const rows = fs
  .readFileSync(path.join(samplesDir, "INDEX.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [file, , , status, contentType] = line.split("\t")
    return { file, status: Number(status), contentType }
  })
  .filter((row) => Number.parseInt(row.file, 10) >= FIRST_SALES_SAMPLE)
  .sort((a, b) => (a.file < b.file ? -1 : 1))

function withoutTraceback(body: Record<string, unknown>): Record<string, unknown> {
  if ("error" in body) {
    const error = body.error as { data?: Record<string, unknown> }
    if (error.data) {
      const { debug: _debug, ...data } = error.data
      return { ...body, error: { ...error, data } }
    }
  }
  return body
}

/** Recorded timestamps are replaced by the shape they must have. */
function withoutTimestamps(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  if (!Array.isArray(body.result)) return body
  return {
    ...body,
    result: body.result.map((row: Record<string, unknown>) => {
      const copy = { ...row }
      for (const field of fields) {
        expect(copy[field]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
        copy[field] = "<timestamp>"
      }
      return copy
    }),
  }
}

describe("Odoo emulator contract: sales samples of v2, replayed in order", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    emulator = await startOdooEmulator({ adminApiKey: recordedApiKey(referenceDir), fixture: path.join(v2Dir, "fixture.json") })
  })

  afterAll(async () => {
    await emulator.close()
  })

  it("has the sales samples", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
  })

  it.each(rows.map((row) => [row.file.replace(/\.json$/, ""), row] as const))("%s", async (name, row) => {
    const request = JSON.parse(fs.readFileSync(path.join(samplesDir, `${name}.request.json`), "utf8")) as {
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
    const actual = (await response.json()) as Record<string, unknown>
    const expected = JSON.parse(fs.readFileSync(path.join(samplesDir, row.file), "utf8")) as Record<string, unknown>
    const timestamps = TIMESTAMPS[name] ?? []
    expect(withoutTimestamps(withoutTraceback(actual), timestamps)).toEqual(withoutTimestamps(withoutTraceback(expected), timestamps))
    if ("error" in expected) {
      expect((actual as { error: { data: { debug: string } } }).error.data.debug).toMatch(/^Traceback \(most recent call last\):/)
    }
  })
})
