import { toStockedQuantity, unitOfMeasureNotice } from "./quantity"

describe("toStockedQuantity", () => {
  it("keeps whole quantities", () => {
    expect(toStockedQuantity(45)).toBe(45)
    expect(toStockedQuantity(0)).toBe(0)
  })

  it("gives 0 for a negative on-hand or forecast, so it never makes a product sellable nor offsets other stock", () => {
    expect(toStockedQuantity(-60)).toBe(0)
    expect(toStockedQuantity(-0.5)).toBe(0)
  })

  it("rounds fractional quantities down to whole items, without losing one to float error", () => {
    expect(toStockedQuantity(2.5)).toBe(2)
    expect(toStockedQuantity(0.1 + 0.2 + 2.7)).toBe(3)
    expect(toStockedQuantity(2.9999999)).toBe(3)
    expect(toStockedQuantity(0.99)).toBe(0)
  })

  it("refuses what is not a finite number (the level is left as it is)", () => {
    expect(toStockedQuantity(false)).toBeNull()
    expect(toStockedQuantity("5")).toBeNull()
    expect(toStockedQuantity(Number.NaN)).toBeNull()
    expect(toStockedQuantity(Number.POSITIVE_INFINITY)).toBeNull()
    expect(toStockedQuantity(undefined)).toBeNull()
  })
})

describe("unitOfMeasureNotice", () => {
  it("says nothing for Odoo's reference unit of the Unit category", () => {
    expect(unitOfMeasureNotice({ id: 1, name: "Units", category: "Unit", uomType: "reference" })).toBeNull()
    expect(unitOfMeasureNotice(undefined)).toBeNull()
  })

  it("reports a product counted in dozens, or in kg, naming the unit", () => {
    expect(unitOfMeasureNotice({ id: 2, name: "Dozens", category: "Unit", uomType: "bigger" })).toMatch(/Dozens/)
    expect(unitOfMeasureNotice({ id: 12, name: "kg", category: "Weight", uomType: "reference" })).toMatch(/kg \(Weight\)/)
  })
})
