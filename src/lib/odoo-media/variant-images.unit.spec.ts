import { variantImageLinks } from "./variant-images"

const odoo = (id: string, variant?: string) => ({
  id,
  url: `u/${id}`,
  metadata: { odoo_image: `k-${id}`, odoo_checksum: "c", odoo_file_id: `f-${id}`, ...(variant ? { odoo_variant_id: variant } : {}) },
})

describe("variantImageLinks", () => {
  it("links each variant to its Odoo images, unlinks stale Odoo links, leaves the admin's", () => {
    const links = variantImageLinks([
      {
        id: "prod_1",
        images: [odoo("img_main"), odoo("img_v12", "12"), odoo("img_v11_old"), { id: "img_admin", url: "u/admin", metadata: null }],
        variants: [
          { id: "var_11", metadata: { external_id: "11" }, images: [{ id: "img_v11_old" }, { id: "img_admin" }] },
          { id: "var_12", metadata: { external_id: "12" }, images: [] },
        ],
      },
    ])
    expect(links).toEqual({
      add: [{ image_id: "img_v12", variant_id: "var_12" }],
      remove: [{ image_id: "img_v11_old", variant_id: "var_11" }],
    })
  })
})
