import {
  catalogFingerprint,
  fingerprintFromCursor,
  rowsAfterMark,
  settledUntil,
  writeMarkFromCursor,
  writeMarkOf,
} from "./write-mark"

const NOT_AFTER = "2026-11-25 00:00:00"
const SETTLED = "2026-11-24 11:00:00"

describe("writeMarkOf", () => {
  it("takes the latest write_date and every record of every model read at that second", () => {
    const mark = writeMarkOf(
      [
        { model: "product.template", rows: [{ id: 4, write_date: "2026-11-24 10:00:05" }, { id: 2, write_date: "2026-11-24 10:00:01" }] },
        { model: "product.product", rows: [{ id: 40, write_date: "2026-11-24 10:00:05" }, { id: 41, write_date: "2026-11-24 10:00:05" }] },
        { model: "product.template.attribute.line", rows: [] },
      ],
      NOT_AFTER,
      SETTLED
    )
    expect(mark).toEqual({
      write_date: "2026-11-24 10:00:05",
      seen: ["product.product:40", "product.product:41", "product.template:4"],
    })
  })

  it("leaves out dates after the ceiling, and is null when nothing is dated", () => {
    const read = [{ model: "product.template", rows: [{ id: 1, write_date: "2099-01-01 00:00:00" }, { id: 2, write_date: false }] }]
    expect(writeMarkOf(read, NOT_AFTER, SETTLED)).toBeNull()
  })

  it("lists no record while the latest second is not settled: a later write in it could still come", () => {
    const read = [{ model: "product.template", rows: [{ id: 4, write_date: "2026-11-24 11:00:01" }] }]
    expect(writeMarkOf(read, NOT_AFTER, SETTLED)).toEqual({ write_date: "2026-11-24 11:00:01", seen: [] })
    expect(writeMarkOf(read, NOT_AFTER, "2026-11-24 11:00:01")).toEqual({
      write_date: "2026-11-24 11:00:01",
      seen: ["product.template:4"],
    })
  })
})

describe("settledUntil", () => {
  it("is the Odoo datetime a minute before the read", () => {
    expect(settledUntil(new Date("2026-11-24T11:01:00.500Z"))).toBe("2026-11-24 11:00:00")
  })
})

describe("rowsAfterMark", () => {
  const mark = { write_date: "2026-11-24 10:00:05", seen: ["product.template:4", "product.product:40"] }

  it("drops only the records the mark saw at its own second", () => {
    const after = rowsAfterMark(
      [
        {
          model: "product.template",
          rows: [
            { id: 4, write_date: "2026-11-24 10:00:05" }, // seen: dropped
            { id: 5, write_date: "2026-11-24 10:00:05" }, // same second, not seen: a change
            { id: 4, write_date: "2026-11-24 10:00:09" }, // written again later: a change
          ],
        },
        // The same id in another model is another record.
        { model: "product.product", rows: [{ id: 4, write_date: "2026-11-24 10:00:05" }, { id: 40, write_date: "2026-11-24 10:00:05" }] },
      ],
      mark
    )
    expect(after).toEqual([
      {
        model: "product.template",
        rows: [
          { id: 5, write_date: "2026-11-24 10:00:05" },
          { id: 4, write_date: "2026-11-24 10:00:09" },
        ],
      },
      { model: "product.product", rows: [{ id: 4, write_date: "2026-11-24 10:00:05" }] },
    ])
  })
})

describe("writeMarkFromCursor", () => {
  it("reads a stored mark, and a cursor from before marks listed records as one that saw none", () => {
    expect(writeMarkFromCursor({ write_date: "2026-11-24 10:00:05", seen: ["product.template:4", 7] })).toEqual({
      write_date: "2026-11-24 10:00:05",
      seen: ["product.template:4"],
    })
    expect(writeMarkFromCursor({ write_date: "2026-11-24 10:00:05" })).toEqual({ write_date: "2026-11-24 10:00:05", seen: [] })
  })

  it("is null without a cursor or a date", () => {
    expect(writeMarkFromCursor(null)).toBeNull()
    expect(writeMarkFromCursor({ seen: [] })).toBeNull()
    expect(writeMarkFromCursor("2026-11-24 10:00:05")).toBeNull()
  })
})

describe("catalogFingerprint", () => {
  const context = {
    companyCurrency: { code: "usd", rounding: 0.01 },
    otherCurrencies: [{ code: "eur", rate: 1.2834, rounding: 0.01 }],
  }
  const shape = { websiteSale: true, templateFields: ["name"], variantFields: ["default_code"] }
  const base = catalogFingerprint({ mappingVersion: "odoo-mapping/1", currencyContext: context, shape })

  it("is stable for the same rules, currencies and fields, whatever the key order", () => {
    const reordered = { otherCurrencies: context.otherCurrencies, companyCurrency: context.companyCurrency }
    expect(catalogFingerprint({ shape, currencyContext: reordered, mappingVersion: "odoo-mapping/1" })).toBe(base)
  })

  it("changes with a rate, a store currency, the fields Odoo has, or the mapping version", () => {
    const changed = [
      { mappingVersion: "odoo-mapping/1", currencyContext: { ...context, otherCurrencies: [{ ...context.otherCurrencies[0], rate: 1.3 }] }, shape },
      { mappingVersion: "odoo-mapping/1", currencyContext: { ...context, otherCurrencies: [] }, shape },
      { mappingVersion: "odoo-mapping/1", currencyContext: context, shape: { ...shape, websiteSale: false } },
      { mappingVersion: "odoo-mapping/2", currencyContext: context, shape },
    ].map(catalogFingerprint)
    expect(new Set([base, ...changed]).size).toBe(5)
  })

  it("is read back from a stored cursor, null when the cursor has none", () => {
    expect(fingerprintFromCursor({ write_date: "2026-11-24 10:00:00", seen: [], fingerprint: base })).toBe(base)
    expect(fingerprintFromCursor({ write_date: "2026-11-24 10:00:00" })).toBeNull()
    expect(fingerprintFromCursor(null)).toBeNull()
  })
})
