import { withCreateMedia, withUpdateMedia } from "./merge-page-media"
import { pageMediaWrites, planPageImages } from "./page-media-writes"
import type { PageMediaRead } from "./image-plan"

const read: PageMediaRead = {
  templates: [
    { id: 1, variantIds: [11, 12], publicCategoryIds: [7], internalCategoryId: false },
    { id: 2, variantIds: [21], publicCategoryIds: [], internalCategoryId: false },
  ],
  extraImages: [],
  attachments: [
    { id: 100, res_model: "product.template", res_id: 1, res_field: "image_1920", checksum: "a".repeat(40), file_size: 5 },
    { id: 101, res_model: "product.product", res_id: 12, res_field: "image_variant_1920", checksum: "b".repeat(40), file_size: 5 },
    { id: 102, res_model: "product.template", res_id: 2, res_field: "image_1920", checksum: "c".repeat(40), file_size: 5 },
  ],
}

describe("page media merged into the product writes", () => {
  it("gives a new product its images, thumbnail, categories and variant thumbnails, and an unchanged product a media-only update", () => {
    // Template 2 exists in Medusa with an older main image; template 1 is created by the page.
    const existing = [
      {
        id: "prod_2",
        external_id: "2",
        thumbnail: "http://files/old.png",
        images: [{ id: "img_old", url: "http://files/old.png", rank: 0, metadata: { odoo_image: "product.template-2-image_1920", odoo_checksum: "0".repeat(40), odoo_file_id: "odoo/old.png" } }],
        categories: [],
        variants: [{ id: "variant_21", thumbnail: null, metadata: { external_id: "21" } }],
      },
    ]
    const { plans, downloads } = planPageImages(read, existing, 1000)
    expect(downloads.map((image) => image.attachmentId)).toEqual([100, 101, 102])
    const stored = Object.fromEntries(
      downloads.map((image) => [`${image.key}-${image.checksum}`, { key: image.key, checksum: image.checksum, url: `http://files/${image.key}`, fileId: `odoo/${image.key}` }])
    )
    const media = pageMediaWrites({
      read,
      products: existing,
      plans,
      stored,
      storeSkipped: [],
      categoryModel: "product.public.category",
      categoryIdByExternalId: { "7": "pcat_7" },
      categoriesBefore: [],
    })
    expect(media.replacedFileIds).toEqual(["odoo/old.png"])
    expect(media.newVariantThumbnails).toEqual({ "12": "http://files/product.product-12-image_variant_1920" })

    const [created] = withCreateMedia(
      [{ title: "Desk", external_id: "1", variants: [{ title: "A", metadata: { external_id: "11" } }, { title: "B", metadata: { external_id: "12" } }] }],
      media
    )
    expect(created).toMatchObject({
      thumbnail: "http://files/product.template-1-image_1920",
      categories: [{ id: "pcat_7" }],
      images: [{ url: "http://files/product.template-1-image_1920" }, { url: "http://files/product.product-12-image_variant_1920" }],
    })
    expect(created.variants?.map((variant) => (variant as { thumbnail?: string }).thumbnail)).toEqual([undefined, "http://files/product.product-12-image_variant_1920"])

    expect(withUpdateMedia([], media)).toEqual([
      { id: "prod_2", images: [{ url: "http://files/product.template-2-image_1920", metadata: expect.objectContaining({ odoo_checksum: "c".repeat(40) }) }], thumbnail: "http://files/product.template-2-image_1920" },
    ])
  })
})
