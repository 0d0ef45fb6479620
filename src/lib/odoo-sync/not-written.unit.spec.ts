import type { SkippedRecord } from "./constants"
import { countNotWritten, describeNotWritten, notWrittenHeading, notWrittenLine } from "./not-written"

const skipped: SkippedRecord = { odoo_id: 7, model: "product.template", reason: "template has no name", kind: "skipped" }
const legacy: SkippedRecord = { odoo_id: 8, model: "product.template", reason: "negative price" }
const clash: SkippedRecord = { odoo_id: "12", model: "product.product", reason: 'sku "A" is already held by var_1', kind: "clash" }
const unpriced: SkippedRecord = { odoo_id: "CHF", model: "res.currency", reason: "no rate", kind: "unpriced" }

describe("what a run did not write", () => {
  it("counts each entry once by its kind; entries without a kind are skipped records", () => {
    expect(countNotWritten([skipped, legacy, clash, clash, unpriced])).toEqual({ skipped: 2, clashes: 2, unpriced: 1 })
    expect(countNotWritten([])).toEqual({ skipped: 0, clashes: 0, unpriced: 0 })
  })

  it("heads the CLI's list with the same numbers as the counts, never 'skipped 0' over a list of clashes", () => {
    const entries = Array.from({ length: 10 }, () => clash)
    expect(describeNotWritten({ skipped: 0, clashes: countNotWritten(entries).clashes })).toBe("skipped 0, clashes 10")
    expect(notWrittenHeading(entries)).toBe("Not written as in Odoo: 10 clashes (written without the code or handle)")
    expect(notWrittenHeading([skipped, clash, unpriced])).toBe(
      "Not written as in Odoo: 1 record skipped, 1 clash (written without the code or handle), 1 store currency without prices"
    )
    expect(notWrittenHeading([])).toBeNull()
  })

  it("names each entry's kind in its line", () => {
    expect(notWrittenLine(clash)).toBe('  [clash] product.product 12: sku "A" is already held by var_1')
    expect(notWrittenLine(legacy)).toBe("  [skipped] product.template 8: negative price")
  })
})
