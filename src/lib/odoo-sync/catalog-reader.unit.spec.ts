import { latestWriteDate, syncedTemplatesDomain } from "./catalog-reader"

describe("latestWriteDate", () => {
  it("returns the latest write_date among the rows", () => {
    expect(
      latestWriteDate([
        { id: 1, write_date: "2025-03-01 10:00:00" },
        { id: 2, write_date: "2025-03-02 09:00:00" },
        { id: 3, write_date: "2025-02-28 23:59:59" },
      ])
    ).toBe("2025-03-02 09:00:00")
  })

  it("compares down to the second, across day, month and year boundaries", () => {
    expect(latestWriteDate([{ write_date: "2025-12-31 23:59:59" }, { write_date: "2026-01-01 00:00:00" }])).toBe(
      "2026-01-01 00:00:00"
    )
    expect(latestWriteDate([{ write_date: "2025-01-01 10:00:01" }, { write_date: "2025-01-01 10:00:00" }])).toBe(
      "2025-01-01 10:00:01"
    )
  })

  it("does not depend on the rows' order", () => {
    const rows = [
      { write_date: "2025-01-01 00:00:00" },
      { write_date: "2025-06-15 12:30:00" },
      { write_date: "2025-03-01 00:00:00" },
    ]
    expect(latestWriteDate(rows)).toBe(latestWriteDate([...rows].reverse()))
    expect(latestWriteDate(rows)).toBe("2025-06-15 12:30:00")
  })

  it("skips rows without a string write_date (Odoo's false, missing)", () => {
    expect(
      latestWriteDate([{ write_date: false }, { id: 2 }, { write_date: "2025-01-01 00:00:00" }, { write_date: null }])
    ).toBe("2025-01-01 00:00:00")
  })

  it("is null when no row has a write_date", () => {
    expect(latestWriteDate([])).toBeNull()
    expect(latestWriteDate([{ write_date: false }])).toBeNull()
  })
})

describe("syncedTemplatesDomain", () => {
  it("asks for templates for sale when no product domain is configured", () => {
    expect(syncedTemplatesDomain([])).toEqual([["sale_ok", "=", true]])
  })

  it("adds the configured domain after the for-sale term (implicitly and-ed)", () => {
    expect(syncedTemplatesDomain([["categ_id", "child_of", 5]])).toEqual([
      ["sale_ok", "=", true],
      ["categ_id", "child_of", 5],
    ])
  })

  it("keeps a prefix-notation domain intact, operators included", () => {
    const domain = ["|", ["type", "=", "consu"], ["type", "=", "service"]]
    expect(syncedTemplatesDomain(domain)).toEqual([["sale_ok", "=", true], ...domain])
  })

  it("does not change the configured domain", () => {
    const domain = [["default_code", "!=", false]]
    syncedTemplatesDomain(domain)
    expect(domain).toEqual([["default_code", "!=", false]])
  })

  it("does not filter on active itself: Odoo's default active_test already leaves archived templates out", () => {
    expect(JSON.stringify(syncedTemplatesDomain([]))).not.toContain("active")
  })
})
