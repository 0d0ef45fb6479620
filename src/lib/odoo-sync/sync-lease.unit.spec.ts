import { partitionByLease, SyncLeaseHeldError } from "./sync-lease"

describe("partitionByLease", () => {
  const now = new Date("2026-11-29T03:00:00.000Z")

  it("keeps runs whose lease is still ahead as live, whatever form the date has", () => {
    const runs = [
      { id: "live-date", lease_expires_at: new Date("2026-11-29T03:00:01.000Z") },
      { id: "live-text", lease_expires_at: "2026-11-29T03:02:00.000Z" },
      { id: "lapsed", lease_expires_at: new Date("2026-11-29T02:59:59.000Z") },
      { id: "just-now", lease_expires_at: now },
      { id: "no-lease", lease_expires_at: null },
    ]
    const { live, lapsed } = partitionByLease(runs, now)
    expect(live.map((run) => run.id)).toEqual(["live-date", "live-text"])
    expect(lapsed.map((run) => run.id)).toEqual(["lapsed", "just-now", "no-lease"])
  })

  it("names the run holding the sync and until when", () => {
    const error = new SyncLeaseHeldError("osrun_1", "2026-11-29T03:02:00.000Z")
    expect(error.message).toBe(
      "An Odoo product sync is already running: the sync lock is held by run osrun_1 (its lease runs until 2026-11-29T03:02:00.000Z unless renewed)"
    )
  })

  it("names the kind of sync whose run holds it", () => {
    expect(new SyncLeaseHeldError("osrun_2", "2026-11-29T03:02:00.000Z", "stock").message).toMatch(/^An Odoo stock sync is already running: .* run osrun_2 /)
  })
})
