import { sniffImageType } from "./image-type"
import { imagesChanged, odooImageFileName, planProductImages, productImageUpdate, type PageMediaRead } from "./image-plan"

const template = { id: 9, variantIds: [12, 13], publicCategoryIds: [1], internalCategoryId: 8 as const }
const read: PageMediaRead = {
  templates: [template],
  extraImages: [
    { id: 2, templateId: 9, variantId: false, sequence: 20 },
    { id: 1, templateId: 9, variantId: false, sequence: 20 },
    { id: 3, templateId: 9, variantId: false, sequence: 5 },
  ],
  attachments: [
    { id: 100, res_model: "product.template", res_id: 9, res_field: "image_1920", checksum: "a".repeat(40), file_size: 10 },
    { id: 101, res_model: "product.image", res_id: 1, res_field: "image_1920", checksum: "b".repeat(40), file_size: 10 },
    { id: 102, res_model: "product.image", res_id: 2, res_field: "image_1920", checksum: "c".repeat(40), file_size: 10 },
    { id: 103, res_model: "product.image", res_id: 3, res_field: "image_1920", checksum: "d".repeat(40), file_size: 50 },
    { id: 104, res_model: "product.product", res_id: 13, res_field: "image_variant_1920", checksum: "e".repeat(40), file_size: 10 },
  ],
}
const odooRow = (id: string, key: string, checksum: string) => ({
  id,
  url: `http://files/${key}-${checksum}.png`,
  rank: 0,
  metadata: { odoo_image: key, odoo_checksum: checksum, odoo_file_id: `file-${id}` },
})

describe("sniffImageType", () => {
  it("knows JPEG, PNG, WebP and GIF from their bytes, refuses SVG and anything else", () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: true, mimeType: "image/jpeg", extension: "jpg" })
    expect(sniffImageType(Buffer.from("89504e470d0a1a0a0000", "hex"))).toMatchObject({ ok: true, extension: "png" })
    expect(sniffImageType(Buffer.from("RIFF\x00\x00\x00\x00WEBPVP8 ", "latin1"))).toMatchObject({ ok: true, extension: "webp" })
    expect(sniffImageType(Buffer.from("GIF89a....", "latin1"))).toMatchObject({ ok: true, extension: "gif" })
    expect(sniffImageType(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toMatchObject({ ok: false, reason: expect.stringMatching(/SVG/) })
    expect(sniffImageType(Buffer.from("%PDF-1.7"))).toMatchObject({ ok: false, reason: expect.stringMatching(/not a JPEG/) })
  })
})

describe("planProductImages", () => {
  it("orders the main image, the extra images by sequence then id, then the variants' own images", () => {
    const plan = planProductImages(template, read, [], 20)
    expect(plan.wanted.map((image) => image.key)).toEqual([
      "product.template-9-image_1920",
      "product.image-3-image_1920",
      "product.image-1-image_1920",
      "product.image-2-image_1920",
      "product.product-13-image_variant_1920",
    ])
    // image 3 (50 bytes) is over the 20-byte limit: skipped with the reason, not downloaded
    expect(plan.skipped).toEqual([{ key: "product.image-3-image_1920", checksum: "d".repeat(40), reason: expect.stringMatching(/50 bytes.*limit of 20/) }])
    expect(plan.download.map((image) => image.attachmentId)).toEqual([100, 101, 102, 104])
  })

  it("keeps images whose checksum is unchanged, downloads changed ones, and names the replaced and removed", () => {
    const existing = [
      odooRow("img_main", "product.template-9-image_1920", "a".repeat(40)),
      odooRow("img_old", "product.image-1-image_1920", "0".repeat(40)),
      odooRow("img_gone", "product.image-77-image_1920", "f".repeat(40)),
      { id: "img_admin", url: "https://cdn/admin.png", rank: 9, metadata: null },
    ]
    const plan = planProductImages(template, read, existing, 100)
    expect(Object.keys(plan.kept)).toEqual(["product.template-9-image_1920"])
    expect(plan.download.map((image) => image.key)).toEqual([
      "product.image-3-image_1920",
      "product.image-1-image_1920",
      "product.image-2-image_1920",
      "product.product-13-image_variant_1920",
    ])
    expect(plan.replaced.map((row) => row.id)).toEqual(["img_old", "img_gone"])
    expect(plan.adminImages.map((row) => row.id)).toEqual(["img_admin"])
    const stored = Object.fromEntries(
      plan.download.map((image) => [`${image.key}-${image.checksum}`, { key: image.key, checksum: image.checksum, url: `u/${image.key}`, fileId: `f/${image.key}` }])
    )
    const update = productImageUpdate(plan, stored, "https://cdn/admin.png")
    expect(update.images.map((image) => image.url)).toEqual([
      existing[0].url,
      "u/product.image-3-image_1920",
      "u/product.image-1-image_1920",
      "u/product.image-2-image_1920",
      "u/product.product-13-image_variant_1920",
      "https://cdn/admin.png",
    ])
    expect(update.images[0]).toMatchObject({ id: "img_main" })
    expect(update.thumbnail).toBe(existing[0].url)
    expect(update.variantThumbnails).toEqual({ "13": "u/product.product-13-image_variant_1920" })
    expect(imagesChanged(update, existing, "https://cdn/admin.png")).toBe(true)
  })

  it("without Odoo images the admin's thumbnail stays, and nothing changes when all is kept", () => {
    const bare = { templates: [template], extraImages: [], attachments: [] }
    const admin = { id: "img_admin", url: "https://cdn/admin.png", rank: 0, metadata: null }
    const plan = planProductImages(template, bare, [admin], 100)
    const update = productImageUpdate(plan, {}, admin.url)
    expect(update).toEqual({ images: [{ id: "img_admin", url: admin.url }], thumbnail: admin.url, variantThumbnails: {} })
    expect(imagesChanged(update, [admin], admin.url)).toBe(false)
  })

  it("names files odoo/<model>-<id>-<field>-<checksum>.<ext>", () => {
    expect(odooImageFileName({ model: "product.template", id: 9, field: "image_1920" }, "ab12", "jpg")).toBe("odoo/product.template-9-image_1920-ab12.jpg")
  })
})
