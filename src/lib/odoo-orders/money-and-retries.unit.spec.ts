import { discountPercent, roundCents, toNumber } from "./money"
import { describePushError } from "./push-error"
import { nextAttemptAt, retryDelayMs } from "./retry-schedule"
import { totalMismatch } from "./totals"

describe("money", () => {
  it("rounds half away from zero to the cent and reads BigNumber-like values", () => {
    expect(roundCents(2.675)).toBe(2.68)
    expect(roundCents(-2.675)).toBe(-2.68)
    expect(toNumber("12.5")).toBe(12.5)
    expect(toNumber({ valueOf: () => 3 })).toBe(3)
    expect(toNumber(null)).toBe(0)
  })

  it("turns a discount amount into Odoo's percent (2 decimals)", () => {
    expect(discountPercent(1500, 150)).toBe(10)
    expect(discountPercent(33, 10)).toBe(30.3)
    expect(discountPercent(0, 5)).toBe(0)
    expect(discountPercent(10, 20)).toBe(100)
  })
})

describe("totals", () => {
  it("accepts totals equal to the cent and reports a difference", () => {
    expect(totalMismatch(2081.5, 2081.5, "S00041")).toBeNull()
    expect(totalMismatch(2081.5, 2081.504, "S00041")).toBeNull()
    expect(totalMismatch(2081.5, 2081.51, "S00041")).toMatch(/S00041 is 2081.51, Medusa's is 2081.50 \(difference 0.01\)/)
  })
})

describe("retry schedule", () => {
  it("doubles from a minute up to an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 50].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000, 3_600_000])
    expect(nextAttemptAt(2, new Date("2026-11-29T00:00:00Z")).toISOString()).toBe("2026-11-29T00:02:00.000Z")
  })
})

describe("describePushError", () => {
  it("keeps name, message and the typed fields, nothing else", () => {
    const error = Object.assign(new Error("Odoo sale.order.create failed: boom"), { name: "OdooServerError", kind: "server", model: "sale.order", debug: "Traceback..." })
    expect(describePushError(error)).toEqual({ name: "OdooServerError", message: "Odoo sale.order.create failed: boom", kind: "server", model: "sale.order" })
    expect(describePushError("plain")).toEqual({ name: "Error", message: "plain" })
  })
})
