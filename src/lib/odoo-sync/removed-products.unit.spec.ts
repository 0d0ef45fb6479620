import { REMOVED_KEY, SYNC_HASH_KEY } from "./plan-run"
import { removalUpdates } from "./removed-products"

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
