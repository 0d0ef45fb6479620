import { REMOVED_KEY, SYNC_HASH_KEY } from "./plan-run"
import { massRemovalProblem, removalUpdates } from "./removed-products"

describe("removalUpdates", () => {
  it("drafts each product, marks it removed and drops its sync hash", () => {
    expect(removalUpdates(["prod_1", "prod_2"])).toEqual([
      { id: "prod_1", status: "draft", metadata: { [REMOVED_KEY]: true, [SYNC_HASH_KEY]: "" } },
      { id: "prod_2", status: "draft", metadata: { [REMOVED_KEY]: true, [SYNC_HASH_KEY]: "" } },
    ])
  })

  it("uses the metadata keys the planner and the diff read", () => {
    const [update] = removalUpdates(["prod_1"])
    expect(update.metadata).toEqual({ odoo_removed: true, odoo_sync_hash: "" })
  })

  it("gives no updates for no products", () => {
    expect(removalUpdates([])).toEqual([])
  })
})

describe("massRemovalProblem", () => {
  const base = { removals: 3, liveProducts: 10, maxShare: 0.2, onRemoved: "draft" as const, allowed: false }

  it("lets a run remove up to the share, and anything once confirmed", () => {
    expect(massRemovalProblem({ ...base, removals: 2 })).toBeNull()
    expect(massRemovalProblem({ ...base, removals: 10, allowed: true })).toBeNull()
    expect(massRemovalProblem({ ...base, removals: 0, liveProducts: 0 })).toBeNull()
    expect(massRemovalProblem({ ...base, removals: 10, maxShare: 1 })).toBeNull()
  })

  it("refuses more than the share, saying how many, why it may be, and how to confirm", () => {
    const problem = massRemovalProblem({ ...base, removals: 10, onRemoved: "delete" })
    expect(problem).toContain("would delete 10 of the 10 synced products (100%)")
    expect(problem).toContain("more than ODOO_MAX_REMOVAL_SHARE allows (20%)")
    expect(problem).toContain("nothing was removed or written")
    expect(problem).toMatch(/ODOO_PRODUCT_DOMAIN.*access rights.*company/)
    expect(problem).toContain("--allow-mass-removal")
    expect(problem).toContain("allow_mass_removal: true")
    expect(massRemovalProblem(base)).toContain("would draft 3 of the 10 synced products (30%)")
  })
})
