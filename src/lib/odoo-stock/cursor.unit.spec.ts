import { needsFullRun, nextStockCursor, stockCursorFrom } from "./cursor"

const mark = { write_date: "2026-11-29 01:20:10", seen: ["stock.quant:8@2026-11-29 01:20:10"] }

describe("stock cursor", () => {
  const now = new Date("2026-11-29T12:00:00Z")

  it("runs full without a cursor, when asked, and when the last full comparison is a day old", () => {
    expect(needsFullRun(stockCursorFrom(undefined), now, false)).toBe(true)
    const fresh = stockCursorFrom({ ...mark, reconciled_at: "2026-11-29T06:00:00.000Z" })
    expect(needsFullRun(fresh, now, false)).toBe(false)
    expect(needsFullRun(fresh, now, true)).toBe(true)
    expect(needsFullRun(stockCursorFrom({ ...mark, reconciled_at: "2026-11-28T11:59:59.000Z" }), now, false)).toBe(true)
  })

  it("keeps the time of the last full comparison on incremental runs and moves it on full ones", () => {
    const previous = stockCursorFrom({ ...mark, reconciled_at: "2026-11-29T06:00:00.000Z" })
    expect(nextStockCursor(mark, false, previous, now.toISOString()).reconciled_at).toBe("2026-11-29T06:00:00.000Z")
    expect(nextStockCursor(mark, true, previous, now.toISOString()).reconciled_at).toBe(now.toISOString())
  })
})
