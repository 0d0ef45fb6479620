import { convertPrice, floatRound } from "./money"

describe("floatRound (Odoo float_round, HALF-UP)", () => {
  it("rounds ties away from zero even when the double is just below the tie", () => {
    // 2.675 is stored as 2.67499999…; Odoo (and this) still give 2.68.
    expect(floatRound(2.675, 0.01)).toBe(2.68)
    expect(floatRound(1.005, 0.01)).toBe(1.01)
    expect(floatRound(-2.675, 0.01)).toBe(-2.68)
    expect(floatRound(0.5, 1)).toBe(1)
    expect(floatRound(2.5, 1)).toBe(3)
  })

  it("rounds to arbitrary steps and returns the closest double, without float noise", () => {
    expect(floatRound(1.3, 0.5)).toBe(1.5)
    expect(floatRound(49, 100)).toBe(0)
    expect(floatRound(50, 100)).toBe(100)
    expect(floatRound(0.1 + 0.2, 0.01)).toBe(0.3)
    expect(floatRound(750 + 50.4, 0.01)).toBe(800.4)
    expect(floatRound(1.0449, 0.05)).toBe(1.05)
    expect(floatRound(368.1840000001, 0.001)).toBe(368.184)
  })

  it("returns 0 for 0 and refuses nonsense precision", () => {
    expect(floatRound(0, 0.01)).toBe(0)
    expect(Object.is(floatRound(-0.001, 0.01), -0)).toBe(false)
    expect(() => floatRound(1, 0)).toThrow(RangeError)
    expect(() => floatRound(Number.NaN, 0.01)).toThrow(RangeError)
  })
})

describe("convertPrice", () => {
  // Expected values computed by hand with decimal arithmetic (amount × rate, half-up).
  it("multiplies by Odoo's rate and rounds to the target currency", () => {
    expect(convertPrice(750, 1.2834, 0.01)).toBe(962.55) // EUR
    expect(convertPrice(800.4, 1.2834, 0.01)).toBe(1027.23) // 1027.23336
    expect(convertPrice(800.4, 133.62, 1)).toBe(106949) // JPY 106949.448
    expect(convertPrice(800.4, 0.46, 0.001)).toBe(368.184) // BHD
    expect(convertPrice(39.4, 0.784221994, 0.01)).toBe(30.9) // GBP 30.8983…
  })

  it("applies half-up on exact ties", () => {
    expect(convertPrice(1, 2.675, 0.01)).toBe(2.68)
    expect(convertPrice(10, 0.0125, 0.01)).toBe(0.13)
  })

  it("refuses a non-positive or non-finite rate", () => {
    expect(() => convertPrice(1, 0, 0.01)).toThrow(RangeError)
    expect(() => convertPrice(1, -1, 0.01)).toThrow(RangeError)
    expect(() => convertPrice(1, Number.POSITIVE_INFINITY, 0.01)).toThrow(RangeError)
  })
})
