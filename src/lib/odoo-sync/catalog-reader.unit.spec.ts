import { changedAttributesDomain, changedTemplatesDomain, changedTemplatesSpecification, followedRowsOfNested, syncedTemplatesDomain, writeDateCeiling } from "./catalog-reader"
import { formatOdooDatetime } from "./write-mark"
import { latestWriteDate } from "./write-mark"
import {
  catalogPageSpecification,
  catalogShapeOf,
  many2oneAsRead,
  splitTemplatePage,
  syncedTemplateContents,
  syncedTemplatesSpecification,
  templatePageSpecification,
} from "./catalog-reader"
import { pageMediaSpecification } from "../odoo-media/page-media-read"

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

  it("leaves out dates after notAfter, so one future-dated record cannot move the cursor past real changes", () => {
    const rows = [{ write_date: "2026-03-01 10:00:00" }, { write_date: "2099-12-31 23:59:59" }]
    expect(latestWriteDate(rows)).toBe("2099-12-31 23:59:59")
    expect(latestWriteDate(rows, "2026-03-02 10:00:00")).toBe("2026-03-01 10:00:00")
    expect(latestWriteDate(rows, "2026-03-01 10:00:00")).toBe("2026-03-01 10:00:00")
    expect(latestWriteDate([{ write_date: "2099-12-31 23:59:59" }], "2026-03-02 10:00:00")).toBeNull()
  })

  it("leaves out strings that are not Odoo datetimes", () => {
    expect(latestWriteDate([{ write_date: "not a date" }, { write_date: "2025-01-01 00:00:00" }])).toBe("2025-01-01 00:00:00")
    expect(latestWriteDate([{ write_date: "2025-01-01T00:00:00Z" }, { write_date: "9999" }])).toBeNull()
  })
})

describe("writeDateCeiling", () => {
  it("is a day after now, as an Odoo datetime", () => {
    expect(writeDateCeiling(new Date("2026-03-01T10:00:00.400Z"))).toBe("2026-03-02 10:00:00")
    expect(formatOdooDatetime(new Date("2026-12-31T23:59:59Z"))).toBe("2026-12-31 23:59:59")
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

describe("reading a page with web_read", () => {
  it("nests the attribute lines and their attributes in the templates' specification", () => {
    const specification = templatePageSpecification(["name", "currency_id", "attribute_line_ids", "product_variant_ids"]) as any
    expect(specification.name).toEqual({})
    expect(specification.product_variant_ids).toEqual({})
    expect(specification.currency_id).toEqual({ fields: { display_name: {} } })
    const lines = specification.attribute_line_ids.fields
    expect(lines.product_tmpl_id).toEqual({ fields: { display_name: {} } })
    expect(lines.attribute_id).toEqual({
      fields: { display_name: {}, name: {}, create_variant: {}, sequence: {} },
    })
    expect(lines.value_ids).toEqual({})
    expect(lines.product_template_value_ids).toEqual({})
    expect(Object.keys(lines).sort()).toEqual(
      ["attribute_id", "product_template_value_ids", "product_tmpl_id", "sequence", "value_ids"].sort()
    )
  })

  it("asks for the page's media in the same web_read when told to, beside the catalog fields it does not overlap", () => {
    const shape = catalogShapeOf(
      Object.fromEntries(
        ["name", "active", "sale_ok", "list_price", "currency_id", "attribute_line_ids", "website_url", "is_published", "product_tmpl_id"].map((field) => [
          field,
          { type: "char" },
        ])
      )
    )
    const catalog = templatePageSpecification(shape.templateFields)
    const media = pageMediaSpecification(true)
    expect(Object.keys(media).filter((field) => field in catalog)).toEqual([])
    expect(catalogPageSpecification(shape, true)).toEqual({ ...catalog, ...media })
    expect(catalogPageSpecification(shape, false)).toEqual(catalog)
  })

  it("asks only for the template fields it is given", () => {
    expect(Object.keys(templatePageSpecification(["name", "write_date"]))).toEqual(["name", "write_date"])
  })

  it("turns web_read's many2one objects into read()'s [id, name], leaving false and ids alone", () => {
    expect(many2oneAsRead({ id: 3, display_name: "USD" })).toEqual([3, "USD"])
    expect(many2oneAsRead({ id: 3 })).toEqual([3, ""])
    expect(many2oneAsRead(false)).toBe(false)
    expect(many2oneAsRead([3, "USD"])).toEqual([3, "USD"])
  })

  it("splits nested rows into the templates, lines and attributes read() gives", () => {
    const color = { id: 1, display_name: "Color", name: "Color", create_variant: "always", sequence: 1 }
    const rows = [
      {
        id: 10,
        name: "Desk",
        currency_id: { id: 1, display_name: "USD" },
        product_variant_ids: [100, 101],
        attribute_line_ids: [
          {
            id: 5,
            product_tmpl_id: { id: 10, display_name: "Desk" },
            attribute_id: color,
            value_ids: [7, 8],
            product_template_value_ids: [50, 51],
            sequence: 10,
            write_date: "2026-01-01 00:00:00",
          },
        ],
      },
      {
        id: 11,
        name: "Chair",
        currency_id: false,
        product_variant_ids: [102],
        attribute_line_ids: [
          { id: 6, product_tmpl_id: { id: 11, display_name: "Chair" }, attribute_id: color, value_ids: [7], product_template_value_ids: [52], sequence: 10, write_date: false },
        ],
      },
      { id: 12, name: "Lamp", currency_id: { id: 1, display_name: "USD" }, product_variant_ids: [], attribute_line_ids: [] },
    ]
    const page = splitTemplatePage(rows)
    expect(page.templates).toEqual([
      { id: 10, name: "Desk", currency_id: [1, "USD"], product_variant_ids: [100, 101], attribute_line_ids: [5] },
      { id: 11, name: "Chair", currency_id: false, product_variant_ids: [102], attribute_line_ids: [6] },
      { id: 12, name: "Lamp", currency_id: [1, "USD"], product_variant_ids: [], attribute_line_ids: [] },
    ])
    expect(page.attributeLines).toEqual([
      {
        id: 5,
        product_tmpl_id: [10, "Desk"],
        attribute_id: [1, "Color"],
        value_ids: [7, 8],
        product_template_value_ids: [50, 51],
        sequence: 10,
        write_date: "2026-01-01 00:00:00",
      },
      {
        id: 6,
        product_tmpl_id: [11, "Chair"],
        attribute_id: [1, "Color"],
        value_ids: [7],
        product_template_value_ids: [52],
        sequence: 10,
        write_date: false,
      },
    ])
    // Each attribute once, as read() on product.attribute gives it.
    expect(page.attributes).toEqual([{ id: 1, name: "Color", create_variant: "always", sequence: 1 }])
  })

  it("keeps what it cannot unfold as it came (a line given as an id, a missing field)", () => {
    const page = splitTemplatePage([{ id: 10, attribute_line_ids: [5] }, { id: 11, name: "No lines field" }])
    expect(page.templates).toEqual([{ id: 10, attribute_line_ids: [5] }, { id: 11, name: "No lines field" }])
    expect(page.attributeLines).toEqual([])
    expect(page.attributes).toEqual([])
  })
})

describe("catalogShapeOf", () => {
  const core = [
    "name", "description_sale", "description", "active", "sale_ok", "list_price", "currency_id", "attribute_line_ids",
    "product_variant_ids", "write_date", "product_tmpl_id", "default_code", "barcode", "lst_price", "price_extra",
    "weight", "product_template_attribute_value_ids",
  ]
  const meta = (fields: string[]) => Object.fromEntries(fields.map((field) => [field, { type: "char" }]))

  it("reads the website fields when website_sale is installed", () => {
    const shape = catalogShapeOf(meta([...core, "website_url", "is_published"]))
    expect(shape.websiteSale).toBe(true)
    expect(shape.templateFields).toEqual(expect.arrayContaining(["website_url", "is_published", "name", "attribute_line_ids"]))
    expect(shape.variantFields).not.toContain("website_url")
    expect(shape.variantFields).toEqual(expect.arrayContaining(["product_tmpl_id", "lst_price", "weight"]))
  })

  it("leaves them out without website_sale, and any field this Odoo does not have", () => {
    const shape = catalogShapeOf(meta(core.filter((field) => field !== "weight" && field !== "description")))
    expect(shape.websiteSale).toBe(false)
    expect(shape.templateFields).not.toContain("website_url")
    expect(shape.templateFields).not.toContain("description")
    expect(shape.variantFields).not.toContain("weight")
  })

  it("needs both website fields to read them", () => {
    const shape = catalogShapeOf(meta([...core, "is_published"]))
    expect(shape.websiteSale).toBe(false)
    expect(shape.templateFields).toContain("is_published")
    expect(shape.templateFields).not.toContain("website_url")
  })
})

describe("the synced templates read with their variants and extra images", () => {
  it("nests the extra images only with website_sale", () => {
    expect(syncedTemplatesSpecification(true)).toEqual({
      product_variant_ids: { fields: { product_variant_image_ids: {} } },
      product_template_image_ids: {},
    })
    expect(syncedTemplatesSpecification(false)).toEqual({ product_variant_ids: {} })
  })

  it("collects the active variant ids and the template and variant extra image ids, sorted and once each", () => {
    const rows = [
      { id: 7, product_variant_ids: [{ id: 12, product_variant_image_ids: [30, 4] }, { id: 11, product_variant_image_ids: [] }], product_template_image_ids: [5, 4] },
      { id: 9, product_variant_ids: [{ id: 3, product_variant_image_ids: [] }], product_template_image_ids: [] },
    ]
    expect(syncedTemplateContents(rows, true)).toEqual({ activeVariantIds: [3, 11, 12], extraImageIds: [4, 5, 30] })
  })

  it("reads plain variant ids (no website_sale, or Odoo 16's search_read) and gives no image ids without website_sale", () => {
    expect(syncedTemplateContents([{ id: 7, product_variant_ids: [12, 11] }, { id: 9, product_variant_ids: false }], false)).toEqual({
      activeVariantIds: [11, 12],
      extraImageIds: null,
    })
  })
})

describe("reading the followed writes nested (Odoo 17+)", () => {
  const from = "2026-11-20 08:45:00"
  const before = "2026-11-20 08:44:59"
  const at = "2026-11-20 09:00:00"

  it("ORs a write on the template with one on each of its followed records, images with website_sale", () => {
    expect(changedTemplatesDomain(from, false)).toEqual([
      "|",
      "|",
      "|",
      ["write_date", ">=", from],
      ["product_variant_ids.write_date", ">=", from],
      ["attribute_line_ids.write_date", ">=", from],
      ["attribute_line_ids.product_template_value_ids.write_date", ">=", from],
    ])
    const withImages = changedTemplatesDomain(from, true)
    expect(withImages.filter((term) => term === "|")).toHaveLength(5)
    expect(withImages).toEqual(
      expect.arrayContaining([
        ["product_template_image_ids.write_date", ">=", from],
        ["product_variant_ids.product_variant_image_ids.write_date", ">=", from],
      ])
    )
    expect(changedAttributesDomain(from)).toEqual(["|", ["write_date", ">=", from], ["value_ids.write_date", ">=", from]])
  })

  it("nests the write dates of every followed record, and a variant image's own template", () => {
    expect(changedTemplatesSpecification(false)).toEqual({
      write_date: {},
      product_variant_ids: { fields: { write_date: {} } },
      attribute_line_ids: { fields: { write_date: {}, product_template_value_ids: { fields: { write_date: {} } } } },
    })
    expect(changedTemplatesSpecification(true)).toMatchObject({
      product_variant_ids: { fields: { write_date: {}, product_variant_image_ids: { fields: { write_date: {}, product_tmpl_id: {} } } } },
      product_template_image_ids: { fields: { write_date: {} } },
    })
  })

  it("gives the rows of each model the per-model reads would: written from `from` on, once, with their template", () => {
    const templates = [
      {
        id: 7,
        write_date: before,
        product_variant_ids: [
          { id: 70, write_date: at, product_variant_image_ids: [{ id: 700, write_date: at, product_tmpl_id: false }] },
          { id: 71, write_date: before, product_variant_image_ids: [{ id: 701, write_date: at, product_tmpl_id: 8 }] },
        ],
        attribute_line_ids: [{ id: 75, write_date: before, product_template_value_ids: [{ id: 750, write_date: at }, { id: 751, write_date: before }] }],
        product_template_image_ids: [{ id: 702, write_date: before }],
      },
      { id: 8, write_date: at, product_variant_ids: [], attribute_line_ids: [], product_template_image_ids: [{ id: 701, write_date: at }] },
    ]
    const attributes = [
      { id: 3, write_date: before, value_ids: [{ id: 30, write_date: at }, { id: 31, write_date: before }] },
      { id: 4, write_date: at, value_ids: [] },
    ]
    expect(followedRowsOfNested(templates, attributes, from, true)).toEqual([
      { model: "product.template", rows: [{ id: 8, write_date: at }] },
      { model: "product.product", rows: [{ id: 70, write_date: at, product_tmpl_id: 7 }] },
      { model: "product.template.attribute.line", rows: [] },
      { model: "product.template.attribute.value", rows: [{ id: 750, write_date: at, product_tmpl_id: 7 }] },
      { model: "product.attribute", rows: [{ id: 4, write_date: at }] },
      { model: "product.attribute.value", rows: [{ id: 30, write_date: at }] },
      {
        model: "product.image",
        rows: [
          { id: 700, write_date: at, product_tmpl_id: 7 },
          // An image naming template 8 belongs to 8, though also listed with a variant of 7.
          { id: 701, write_date: at, product_tmpl_id: 8 },
        ],
      },
    ])
    expect(followedRowsOfNested(templates, attributes, from, false).map(({ model }) => model)).not.toContain("product.image")
  })
})
