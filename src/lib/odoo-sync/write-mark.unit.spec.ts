import {
  catalogFingerprint,
  fingerprintFromCursor,
  readFrom,
  rowsAfterMark,
  settledUntil,
  writeMarkFromCursor,
  writeMarkOf,
} from "./write-mark"

const NOT_AFTER = "2026-11-25 00:00:00"
const SETTLED = "2026-11-24 11:00:00"

describe("writeMarkOf", () => {
  it("takes the latest write_date, and remembers every record read within LOOKBACK of it with its date", () => {
    const mark = writeMarkOf(
      [
        {
          model: "product.template",
          rows: [
            { id: 4, write_date: "2026-11-24 10:00:05" },
            { id: 2, write_date: "2026-11-24 09:50:00" },
            { id: 1, write_date: "2026-11-24 09:40:00" }, // more than 15 minutes before: not needed
          ],
        },
        { model: "product.product", rows: [{ id: 40, write_date: "2026-11-24 10:00:05" }] },
        { model: "product.template.attribute.line", rows: [] },
      ],
      NOT_AFTER,
      SETTLED
    )
    expect(mark).toEqual({
      write_date: "2026-11-24 10:00:05",
      seen: [
        "product.product:40@2026-11-24 10:00:05",
        "product.template:2@2026-11-24 09:50:00",
        "product.template:4@2026-11-24 10:00:05",
      ],
    })
  })

  it("leaves out dates after the ceiling, and is null when nothing is dated", () => {
    const read = [{ model: "product.template", rows: [{ id: 1, write_date: "2099-01-01 00:00:00" }, { id: 2, write_date: false }] }]
    expect(writeMarkOf(read, NOT_AFTER, SETTLED)).toBeNull()
  })

  it("does not remember records of a second that is not settled: a later write in it could still come", () => {
    const read = [
      {
        model: "product.template",
        rows: [
          { id: 4, write_date: "2026-11-24 11:00:01" },
          { id: 3, write_date: "2026-11-24 10:59:59" },
        ],
      },
    ]
    expect(writeMarkOf(read, NOT_AFTER, SETTLED)).toEqual({
      write_date: "2026-11-24 11:00:01",
      seen: ["product.template:3@2026-11-24 10:59:59"],
    })
  })
})

describe("readFrom", () => {
  it("is LOOKBACK before the mark, across midnight too", () => {
    expect(readFrom({ write_date: "2026-11-24 10:00:05" })).toBe("2026-11-24 09:45:05")
    expect(readFrom({ write_date: "2026-11-25 00:05:00" })).toBe("2026-11-24 23:50:00")
  })
})

describe("settledUntil", () => {
  it("is the Odoo datetime a minute before the read", () => {
    expect(settledUntil(new Date("2026-11-24T11:01:00.500Z"))).toBe("2026-11-24 11:00:00")
  })
})

describe("rowsAfterMark", () => {
  const mark = {
    write_date: "2026-11-24 10:00:05",
    seen: ["product.template:4@2026-11-24 10:00:05", "product.product:40@2026-11-24 09:58:00"],
  }

  it("drops only the records the mark has seen with the same write_date", () => {
    const after = rowsAfterMark(
      [
        {
          model: "product.template",
          rows: [
            { id: 4, write_date: "2026-11-24 10:00:05" }, // seen: dropped
            { id: 5, write_date: "2026-11-24 10:00:05" }, // same second, not seen: a change
            { id: 6, write_date: "2026-11-24 09:55:00" }, // committed after the last read: a change
            { id: 4, write_date: "2026-11-24 10:00:09" }, // written again later: a change
          ],
        },
        // The same id in another model is another record.
        {
          model: "product.product",
          rows: [
            { id: 4, write_date: "2026-11-24 10:00:05" },
            { id: 40, write_date: "2026-11-24 09:58:00" },
          ],
        },
      ],
      mark
    )
    expect(after).toEqual([
      {
        model: "product.template",
        rows: [
          { id: 5, write_date: "2026-11-24 10:00:05" },
          { id: 6, write_date: "2026-11-24 09:55:00" },
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
