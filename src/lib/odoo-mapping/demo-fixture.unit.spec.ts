/**
 * The mapping against the catalog recorded from a real Odoo 18 server (demo data). Expected
 * values are read off the recorded rows by hand (see the comments), not off this code's output.
 */
import { mapCatalogPage } from "./map-template"
import type { MappedProduct, MappingContext, OdooRecord } from "./types"
import { demoPage, demoRecords, loadDemoFixture, usdOnly, variant } from "./__tests__/helpers"

function byExternalId(products: MappedProduct[], id: number): MappedProduct {
  const found = products.find((p) => p.externalId === String(id))
  if (!found) {
    throw new Error(`template ${id} not mapped`)
  }
  return found
}

/** The fixture's res.currency rows turned into a context the way the caller would. */
function contextFromFixture(codes: string[]): MappingContext {
  const currencies = demoRecords(loadDemoFixture(), "res.currency")
  const find = (code: string): OdooRecord => {
    const row = currencies.find((c) => c.name === code)
    if (!row) {
      throw new Error(`no ${code}`)
    }
    return row
  }
  const usd = find("USD")
  return {
    companyCurrency: { code: "usd", rounding: usd.rounding as number },
    otherCurrencies: codes.map((code) => ({
      code: code.toLowerCase(),
      rate: find(code).rate as number,
      rounding: find(code).rounding as number,
    })),
    websiteSale: true,
  }
}

describe("Odoo 18 demo catalog", () => {
  const result = mapCatalogPage(demoPage(), usdOnly)

  it("maps every sale_ok template (37 of 40) and skips nothing", () => {
    expect(result.skipped).toEqual([])
    expect(result.products).toHaveLength(37)
    // Local Delivery (28), Standard delivery (38), The Poste (39) have sale_ok = false.
    for (const notForSale of ["28", "38", "39"]) {
      expect(result.products.map((p) => p.externalId)).not.toContain(notForSale)
    }
  })

  it("publishes the 26 is_published templates and drafts the 11 others", () => {
    const drafts = result.products.filter((p) => p.status === "draft").map((p) => p.title)
    expect(drafts.sort()).toEqual(
      [
        "Restaurant Expenses", "Hotel Accommodation", "Virtual Interior Design", "Virtual Home Staging",
        "Flipover", "Furniture Assembly", "Outdoor dining table", "Desk Organizer", "Desk Pad",
        "Monitor Stand", "Deposit",
      ].sort()
    )
    expect(result.products.filter((p) => p.status === "published")).toHaveLength(26)
  })

  describe("Customizable Desk (template 9)", () => {
    const desk = byExternalId(result.products, 9)

    it("has handle, title and description from Odoo", () => {
      expect(desk.title).toBe("Customizable Desk")
      expect(desk.handle).toBe("customizable-desk-9") // website_url /shop/customizable-desk-9
      expect(desk.description).toBe("160x80cm, with large legs.")
      expect(desk.status).toBe("published")
    })

    it("has options Legs (Steel, Aluminium, Custom) then Color (White, Black)", () => {
      // Line 1 (Legs) and line 2 (Color) both have sequence 10; Legs' attribute sequence 10 < Color's 20.
      expect(desk.options).toEqual([
        { title: "Legs", values: ["Steel", "Aluminium", "Custom"] },
        { title: "Color", values: ["White", "Black"] },
      ])
    })

    it("has its 5 active variants with SKUs and lst_price including the Aluminium extra", () => {
      expect(desk.variants.map((v) => [v.externalId, v.title, v.sku, v.options, v.prices])).toEqual([
        ["12", "Steel / White", "FURN_0096", { Legs: "Steel", Color: "White" }, [{ currency_code: "usd", amount: 750 }]],
        ["13", "Steel / Black", "FURN_0097", { Legs: "Steel", Color: "Black" }, [{ currency_code: "usd", amount: 750 }]],
        // 750 list_price + 50.4 price_extra of "Aluminium"
        ["14", "Aluminium / White", "FURN_0098", { Legs: "Aluminium", Color: "White" }, [{ currency_code: "usd", amount: 800.4 }]],
        ["45", "Custom / White", "DESK0005", { Legs: "Custom", Color: "White" }, [{ currency_code: "usd", amount: 750 }]],
        ["46", "Custom / Black", "DESK0006", { Legs: "Custom", Color: "Black" }, [{ currency_code: "usd", amount: 750 }]],
      ])
      expect(desk.variants.every((v) => v.weight === 0.01 && v.barcode === null)).toBe(true)
    })

    it("converts prices with Odoo's recorded rates and roundings", () => {
      const converted = mapCatalogPage(demoPage(), contextFromFixture(["EUR", "JPY", "BHD"]))
      const aluminium = byExternalId(converted.products, 9).variants.find((v) => v.externalId === "14")
      // 800.4 × 1.2834 = 1027.23336; × 133.62 = 106949.448; × 0.46 = 368.184 (BHD has 3 decimals)
      expect(aluminium?.prices).toEqual([
        { currency_code: "usd", amount: 800.4 },
        { currency_code: "bhd", amount: 368.184 },
        { currency_code: "eur", amount: 1027.23 },
        { currency_code: "jpy", amount: 106949 },
      ])
    })

    it("leaves out a variant once it is archived", () => {
      const fixture = loadDemoFixture()
      const p = demoPage(fixture)
      p.variants = p.variants.map((v) => (v.id === 13 ? { ...v, active: false } : v))
      // An archived leftover of an older combination, as Odoo keeps them with active_test false.
      p.variants.push(variant(99, 9, { active: false, product_template_attribute_value_ids: [2, 4], lst_price: 800.4 }))
      const desk2 = byExternalId(mapCatalogPage(p, usdOnly).products, 9)
      expect(desk2.variants.map((v) => v.externalId)).toEqual(["12", "14", "45", "46"])
    })
  })

  it("orders values the way Odoo does, not by id (Acoustic Bloc Screens: Wood before White)", () => {
    // Line 4 lists PTAVs [8, 7]: Wood (value sequence 0) before White (sequence 1).
    const screens = byExternalId(result.products, 23)
    expect(screens.options).toEqual([{ title: "Color", values: ["Wood", "White"] }])
    expect(screens.variants.map((v) => [v.externalId, v.title])).toEqual([
      ["32", "Wood"],
      ["31", "White"],
    ])
  })

  it("prices Conference Chair's Aluminium variant at 33 + 6.4", () => {
    const chair = byExternalId(result.products, 16)
    expect(chair.variants.map((v) => [v.sku, v.prices[0].amount])).toEqual([
      ["E-COM12", 33],
      ["E-COM13", 39.4],
    ])
  })

  it("keeps no_variant attributes (Desk Organizer: Size, Fabric) in metadata, not as options", () => {
    const organizer = byExternalId(result.products, 31)
    expect(organizer.options).toEqual([{ title: "Default option", values: ["Default option value"] }])
    expect(organizer.metadata).toEqual({
      external_id: "31",
      odoo_attributes: { Size: ["S", "M", "L"], Fabric: ["Plastic", "Leather", "Custom"] },
    })
    expect(organizer.variants).toHaveLength(1)
    expect(organizer.variants[0]).toMatchObject({ title: "Desk Organizer", sku: "FURN_0001", barcode: "2300001000008", weight: 0.01 })
  })

  it("does not add no_variant extras to the price (Outdoor dining table stays at 589)", () => {
    const table = byExternalId(result.products, 30)
    expect(table.metadata.odoo_attributes).toEqual({
      "Extra Options": ["1 year warranty extension", "Cleaning kit", "Protection kit"],
    })
    expect(table.variants[0].prices).toEqual([{ currency_code: "usd", amount: 589 }])
  })

  it("turns the HTML description of Drawer into text", () => {
    expect(byExternalId(result.products, 24).description).toBe("Drawer with two routing possiblities.")
  })

  it("maps single-variant products with the template name and default option", () => {
    const chair = byExternalId(result.products, 5)
    expect(chair.handle).toBe("furn-7777-office-chair-5")
    expect(chair.variants).toEqual([
      {
        externalId: "5",
        title: "Office Chair",
        sku: "FURN_7777",
        barcode: null,
        weight: 0.01,
        options: { "Default option": "Default option value" },
        prices: [{ currency_code: "usd", amount: 70 }],
        manageInventory: true,
      },
    ])
  })

  it("manages inventory of storable goods only: services, combos and untracked goods are not", () => {
    const managed = (id: number) => byExternalId(result.products, id).variants.every((v) => v.manageInventory)
    expect(managed(9)).toBe(true) // Customizable Desk: is_storable
    expect(managed(1)).toBe(false) // a service
    expect(managed(30)).toBe(false) // goods (consu) without stock tracking
    expect(managed(34)).toBe(false) // combo
  })

  it("gives every product a unique, valid handle and every variant a price", () => {
    const handles = result.products.map((p) => p.handle)
    expect(new Set(handles).size).toBe(handles.length)
    for (const product of result.products) {
      expect(product.handle).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      for (const v of product.variants) {
        expect(v.prices[0].amount).toBeGreaterThanOrEqual(0)
      }
    }
    // 44 active variants belong to the 37 sale_ok templates.
    expect(result.products.reduce((n, p) => n + p.variants.length, 0)).toBe(44)
  })

  it("without website_sale, uses name slugs", () => {
    const plain = mapCatalogPage(demoPage(), { ...usdOnly, websiteSale: false })
    expect(byExternalId(plain.products, 9).handle).toBe("customizable-desk")
    // Without is_published, active sale_ok templates with variants are published.
    expect(plain.products.every((p) => p.status === "published")).toBe(true)
  })
})
