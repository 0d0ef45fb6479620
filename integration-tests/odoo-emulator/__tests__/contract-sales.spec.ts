/**
 * Contract test for sales (shared/odoo-reference/v2, samples 56 on): customers, countries and
 * states, taxes, sale orders, confirmation, cancellation and deliveries, replayed once in number
 * order on a fresh emulator seeded with v2/fixture.json (later samples depend on earlier writes),
 * compared as in contract.spec.ts. Only the traceback text and the recorded timestamps
 * (`date_order` in 61b, `date_done` in 67e) may differ.
 */
import { startOdooEmulator, type OdooEmulator } from "../index"
import { recordedBody, sendRecordedRequest, v2SampleRows, V2_EMULATOR_OPTIONS } from "./v2-samples"

const FIRST_SALES_SAMPLE = 56
const TIMESTAMPS: Record<string, string[]> = { "61b_read_sale_order": ["date_order"], "67e_read_picking_after_validate": ["date_done"] }

const rows = v2SampleRows((file) => Number.parseInt(file, 10) >= FIRST_SALES_SAMPLE)

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
    emulator = await startOdooEmulator(V2_EMULATOR_OPTIONS)
  })

  afterAll(async () => {
    await emulator.close()
  })

  it("has the sales samples", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
  })

  it.each(rows.map((row) => [row.file.replace(/\.json$/, ""), row] as const))("%s", async (name, row) => {
    const response = await sendRecordedRequest(emulator, name)
    expect(response.status).toBe(row.status)
    expect(response.headers.get("content-type")).toBe(row.contentType)
    const actual = (await response.json()) as Record<string, unknown>
    const expected = recordedBody<Record<string, unknown>>(name)
    const timestamps = TIMESTAMPS[name] ?? []
    expect(withoutTimestamps(withoutTraceback(actual), timestamps)).toEqual(withoutTimestamps(withoutTraceback(expected), timestamps))
    if ("error" in expected) {
      expect((actual as { error: { data: { debug: string } } }).error.data.debug).toMatch(/^Traceback \(most recent call last\):/)
    }
  })
})
