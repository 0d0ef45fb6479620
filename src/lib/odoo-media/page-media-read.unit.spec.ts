import {
  imageAttachmentDomain,
  imageAttachmentsOf,
  nestPageMediaRows,
  pageMediaFields,
  pageMediaLinksOf,
  pageMediaOf,
  pageMediaSpecification,
} from "./page-media-read"
import type { PageMediaRead } from "./image-plan"

describe("the media fields of a page's templates", () => {
  it("asks for variants with their extra images, both category links and the templates' extra images with website_sale", () => {
    expect(pageMediaSpecification(true)).toEqual({
      product_variant_ids: { fields: { product_variant_image_ids: { fields: { sequence: {} } } } },
      categ_id: {},
      public_categ_ids: {},
      product_template_image_ids: { fields: { sequence: {} } },
    })
    expect(pageMediaFields(true)).toEqual(["product_variant_ids", "categ_id", "public_categ_ids", "product_template_image_ids"])
  })

  it("asks only for the variants and the internal category without website_sale (no extra images, no public categories there)", () => {
    expect(pageMediaSpecification(false)).toEqual({ product_variant_ids: {}, categ_id: {} })
    expect(pageMediaFields(false)).toEqual(["product_variant_ids", "categ_id"])
  })
})

describe("pageMediaLinksOf", () => {
  it("takes web_read's nested rows apart into templates and extra images, other fields ignored", () => {
    const links = pageMediaLinksOf([
      {
        id: 10,
        name: "Desk",
        categ_id: 4,
        public_categ_ids: [2, 3],
        product_template_image_ids: [
          { id: 70, sequence: 2 },
          { id: 71, sequence: 1 },
        ],
        product_variant_ids: [
          { id: 100, product_variant_image_ids: [{ id: 80, sequence: 5 }] },
          { id: 101, product_variant_image_ids: [] },
        ],
      },
      { id: 11, categ_id: false, public_categ_ids: [], product_template_image_ids: [], product_variant_ids: [] },
    ])
    expect(links.templates).toEqual([
      { id: 10, variantIds: [100, 101], publicCategoryIds: [2, 3], internalCategoryId: 4 },
      { id: 11, variantIds: [], publicCategoryIds: [], internalCategoryId: false },
    ])
    expect(links.extraImages).toEqual([
      { id: 70, templateId: 10, variantId: false, sequence: 2 },
      { id: 71, templateId: 10, variantId: false, sequence: 1 },
      { id: 80, templateId: false, variantId: 100, sequence: 5 },
    ])
  })

  it("reads variants given as ids (no website_sale), a many2one as read() gives it, and counts an image listed twice once, as the template's", () => {
    const links = pageMediaLinksOf([
      { id: 10, categ_id: [4, "All / Desks"], product_variant_ids: [100, 101] },
      {
        id: 11,
        categ_id: 4,
        product_template_image_ids: [{ id: 90, sequence: 0 }],
        product_variant_ids: [{ id: 102, product_variant_image_ids: [{ id: 90, sequence: 0 }] }],
      },
    ])
    expect(links.templates).toEqual([
      { id: 10, variantIds: [100, 101], publicCategoryIds: [], internalCategoryId: 4 },
      { id: 11, variantIds: [102], publicCategoryIds: [], internalCategoryId: 4 },
    ])
    expect(links.extraImages).toEqual([{ id: 90, templateId: 11, variantId: false, sequence: 0 }])
  })
})

describe("nestPageMediaRows (an Odoo without web_read)", () => {
  it("puts read() rows of templates, variants and images into web_read's nesting, which pageMediaLinksOf takes apart alike", () => {
    const templates = [
      { id: 10, categ_id: [4, "All"], public_categ_ids: [2], product_template_image_ids: [70], product_variant_ids: [100, 101] },
      { id: 11, categ_id: false, public_categ_ids: [], product_template_image_ids: [], product_variant_ids: [] },
    ]
    const variants = [
      { id: 100, product_variant_image_ids: [80] },
      { id: 101, product_variant_image_ids: [] },
    ]
    const images = [
      { id: 70, sequence: 3 },
      { id: 80, sequence: 1 },
    ]
    const nested = nestPageMediaRows(templates, variants, images)
    expect(nested[0]).toEqual({
      id: 10,
      categ_id: [4, "All"],
      public_categ_ids: [2],
      product_template_image_ids: [{ id: 70, sequence: 3 }],
      product_variant_ids: [
        { id: 100, product_variant_image_ids: [{ id: 80, sequence: 1 }] },
        { id: 101, product_variant_image_ids: [] },
      ],
    })
    const webRead = [
      {
        id: 10,
        categ_id: 4,
        public_categ_ids: [2],
        product_template_image_ids: [{ id: 70, sequence: 3 }],
        product_variant_ids: [
          { id: 100, product_variant_image_ids: [{ id: 80, sequence: 1 }] },
          { id: 101, product_variant_image_ids: [] },
        ],
      },
      { id: 11, categ_id: false, public_categ_ids: [], product_template_image_ids: [], product_variant_ids: [] },
    ]
    expect(pageMediaLinksOf(nested)).toEqual(pageMediaLinksOf(webRead))
  })

  it("leaves fields it was not given alone (no website_sale: variants stay ids)", () => {
    const templates = [{ id: 10, categ_id: [4, "All"], product_variant_ids: [100] }]
    expect(nestPageMediaRows(templates, [], [])).toEqual([{ id: 10, categ_id: [4, "All"], product_variant_ids: [100] }])
  })
})

describe("the attachments of a page's images", () => {
  const links = {
    templates: [
      { id: 10, variantIds: [100, 101], publicCategoryIds: [], internalCategoryId: false as const },
      { id: 11, variantIds: [], publicCategoryIds: [], internalCategoryId: false as const },
    ],
    extraImages: [{ id: 70, templateId: 10, variantId: false as const, sequence: 1 }],
  }

  it("names res_field for each model (Odoo leaves field attachments out otherwise), OR-ed in prefix notation", () => {
    expect(imageAttachmentDomain(links)).toEqual([
      "|",
      "|",
      "&", "&", ["res_model", "=", "product.template"], ["res_field", "=", "image_1920"], ["res_id", "in", [10, 11]],
      "&", "&", ["res_model", "=", "product.product"], ["res_field", "=", "image_variant_1920"], ["res_id", "in", [100, 101]],
      "&", "&", ["res_model", "=", "product.image"], ["res_field", "=", "image_1920"], ["res_id", "in", [70]],
    ])
  })

  it("leaves out the models without records, and matches nothing when there are none", () => {
    expect(imageAttachmentDomain({ templates: [links.templates[1]], extraImages: [] })).toEqual([
      "&", "&", ["res_model", "=", "product.template"], ["res_field", "=", "image_1920"], ["res_id", "in", [11]],
    ])
    expect(imageAttachmentDomain({ templates: [], extraImages: [] })).toEqual([["id", "=", 0]])
  })

  it("takes search_read rows as the image plan wants them (no checksum: empty)", () => {
    expect(
      imageAttachmentsOf([
        { id: 5, res_model: "product.template", res_id: 10, res_field: "image_1920", checksum: "abc", file_size: 12 },
        { id: 6, res_model: "product.product", res_id: 100, res_field: "image_variant_1920", checksum: false, file_size: false },
      ])
    ).toEqual([
      { id: 5, res_model: "product.template", res_id: 10, res_field: "image_1920", checksum: "abc", file_size: 12 },
      { id: 6, res_model: "product.product", res_id: 100, res_field: "image_variant_1920", checksum: "", file_size: 0 },
    ])
  })
})

describe("pageMediaOf", () => {
  const read: PageMediaRead = {
    templates: [
      { id: 10, variantIds: [100], publicCategoryIds: [1], internalCategoryId: 4 },
      { id: 11, variantIds: [110], publicCategoryIds: [], internalCategoryId: 4 },
    ],
    extraImages: [
      { id: 70, templateId: 10, variantId: false, sequence: 1 },
      { id: 71, templateId: false, variantId: 100, sequence: 1 },
      { id: 72, templateId: 11, variantId: false, sequence: 1 },
      { id: 73, templateId: false, variantId: 110, sequence: 1 },
    ],
    attachments: [
      { id: 1, res_model: "product.template", res_id: 10, res_field: "image_1920", checksum: "a", file_size: 1 },
      { id: 2, res_model: "product.product", res_id: 100, res_field: "image_variant_1920", checksum: "b", file_size: 1 },
      { id: 3, res_model: "product.image", res_id: 70, res_field: "image_1920", checksum: "c", file_size: 1 },
      { id: 4, res_model: "product.image", res_id: 71, res_field: "image_1920", checksum: "d", file_size: 1 },
      { id: 5, res_model: "product.template", res_id: 11, res_field: "image_1920", checksum: "e", file_size: 1 },
      { id: 6, res_model: "product.product", res_id: 110, res_field: "image_variant_1920", checksum: "f", file_size: 1 },
      { id: 7, res_model: "product.image", res_id: 72, res_field: "image_1920", checksum: "g", file_size: 1 },
      { id: 8, res_model: "product.image", res_id: 73, res_field: "image_1920", checksum: "h", file_size: 1 },
    ],
  }

  it("keeps the given templates with their extra images and the files of them, their variants and those images", () => {
    const media = pageMediaOf(read, [10])
    expect(media.templates.map((template) => template.id)).toEqual([10])
    expect(media.extraImages.map((image) => image.id)).toEqual([70, 71])
    expect(media.attachments.map((attachment) => attachment.id)).toEqual([1, 2, 3, 4])
  })

  it("keeps all of a read whose templates are all given, and nothing for none", () => {
    expect(pageMediaOf(read, [11, 10])).toEqual(read)
    expect(pageMediaOf(read, [])).toEqual({ templates: [], extraImages: [], attachments: [] })
  })
})
