import { planCategories, productCategoryIds, validTree, type MedusaCategoryRow } from "./category-plan"
import { categoryModelFor } from "./category-source"

const synced = (id: string, externalId: string, values: Partial<MedusaCategoryRow> = {}): MedusaCategoryRow => ({
  id,
  name: `Category ${externalId}`,
  handle: `category-${externalId}`,
  parent_category_id: null,
  rank: 0,
  is_active: true,
  metadata: { external_id: externalId, odoo_model: "product.public.category" },
  ...values,
})

describe("validTree", () => {
  it("reports cycles and unreadable parents (and what hangs below them) without dropping the rest", () => {
    const { valid, problems } = validTree(
      [
        { id: 1, name: "Root", parentId: false, sequence: 1 },
        { id: 2, name: "A", parentId: 3, sequence: 1 },
        { id: 3, name: "B", parentId: 2, sequence: 1 },
        { id: 4, name: "Orphan", parentId: 99, sequence: 1 },
        { id: 5, name: "Below orphan", parentId: 4, sequence: 1 },
        { id: 6, name: "Child", parentId: 1, sequence: 1 },
      ],
      "product.public.category"
    )
    expect(valid.map((category) => category.id)).toEqual([1, 6])
    expect(problems.map((problem) => [problem.odoo_id, problem.reason])).toEqual([
      [2, expect.stringMatching(/loops/)],
      [3, expect.stringMatching(/loops|not synced/)],
      [4, expect.stringMatching(/parent 99 cannot be read/)],
      [5, expect.stringMatching(/parent 4 is not synced/)],
    ])
  })
})

describe("planCategories", () => {
  it("creates parents before children with ranks from Odoo's order and unique handles", () => {
    const plan = planCategories(
      [
        { id: 1, name: "Desks", parentId: false, sequence: 15 },
        { id: 10, name: "Components", parentId: 1, sequence: 16 },
        { id: 11, name: "Office Desks", parentId: 1, sequence: 12 },
        { id: 12, name: "Desks", parentId: 1, sequence: 20 },
      ],
      "product.public.category",
      [{ id: "pcat_admin", name: "Admin", handle: "office-desks", parent_category_id: null, rank: 0, is_active: true, metadata: null }]
    )
    expect(plan.createLevels.map((level) => level.map((category) => [category.external_id, category.handle, category.parent_external_id, category.rank]))).toEqual([
      [["1", "desks", null, 0]],
      [
        ["10", "components", "1", 1],
        ["11", "office-desks-11", "1", 0],
        ["12", "desks-12", "1", 2],
      ],
    ])
    expect(plan.removals).toEqual([])
  })

  it("updates renamed, moved and reordered categories, keeps handles, removes those Odoo lost, never touches an admin's", () => {
    const medusa = [
      synced("pcat_1", "1", { name: "Desks" }),
      synced("pcat_2", "2", { name: "Chairs", rank: 1 }),
      synced("pcat_3", "3", { name: "Gone" }),
      { id: "pcat_admin", name: "Mine", handle: "mine", parent_category_id: null, rank: 5, is_active: true, metadata: null },
    ]
    const plan = planCategories(
      [
        { id: 1, name: "Desks", parentId: false, sequence: 1 },
        { id: 2, name: "Seats", parentId: 1, sequence: 1 },
      ],
      "product.public.category",
      medusa
    )
    expect(plan.updates).toEqual([{ id: "pcat_2", external_id: "2", name: "Seats", parent_external_id: "1", rank: 0 }])
    expect(plan.removals).toEqual([{ id: "pcat_3", external_id: "3" }])
    expect(plan.createLevels).toEqual([])
  })
})

describe("productCategoryIds and the source", () => {
  it("links a product to its Odoo categories and keeps the admin's", () => {
    expect(productCategoryIds([1, 2, 404], ["pcat_old", "pcat_admin"], { "1": "pcat_1", "2": "pcat_2" }, new Set(["pcat_old", "pcat_1", "pcat_2"]))).toEqual([
      "pcat_1",
      "pcat_2",
      "pcat_admin",
    ])
  })

  it("takes eCommerce categories with website_sale, internal ones without, unless told", () => {
    expect(categoryModelFor("auto", true)).toBe("product.public.category")
    expect(categoryModelFor("auto", false)).toBe("product.category")
    expect(categoryModelFor("internal", true)).toBe("product.category")
    expect(categoryModelFor("none", true)).toBeNull()
  })
})
