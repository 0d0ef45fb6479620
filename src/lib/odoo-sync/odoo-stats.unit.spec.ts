import type { OdooClientStats } from "../../modules/odoo/client/client"
import { diffOdooStats } from "./odoo-stats"

function stats(overrides: Partial<OdooClientStats> = {}): OdooClientStats {
  return {
    requests: 0,
    failures: 0,
    bytesSent: 0,
    bytesReceived: 0,
    byCall: {},
    retries: 0,
    authentications: 0,
    reauthentications: 0,
    ...overrides,
  }
}

describe("diffOdooStats", () => {
  it("counts what happened between the two snapshots", () => {
    const before = stats({
      requests: 10,
      failures: 1,
      retries: 1,
      authentications: 1,
      bytesSent: 1000,
      bytesReceived: 5000,
      byCall: { "common.authenticate": { calls: 1, failures: 0, bytesReceived: 40, totalMs: 3 } },
    })
    const after = stats({
      requests: 25,
      failures: 4,
      retries: 3,
      authentications: 1,
      reauthentications: 1,
      bytesSent: 3000,
      bytesReceived: 9000,
      byCall: {
        "common.authenticate": { calls: 1, failures: 0, bytesReceived: 40, totalMs: 3 },
        "product.template.read": { calls: 15, failures: 3, bytesReceived: 4000, totalMs: 120 },
      },
    })
    expect(diffOdooStats(before, after)).toEqual({
      requests: 15,
      failures: 3,
      retries: 2,
      authentications: 0,
      reauthentications: 1,
      bytesSent: 2000,
      bytesReceived: 4000,
      byCall: { "product.template.read": { calls: 15, failures: 3, bytesReceived: 4000, totalMs: 120 } },
    })
  })

  it("subtracts per call from what the call had before", () => {
    const before = stats({ requests: 2, byCall: { "res.currency.search_read": { calls: 2, failures: 1, bytesReceived: 10, totalMs: 5 } } })
    const after = stats({ requests: 5, byCall: { "res.currency.search_read": { calls: 5, failures: 1, bytesReceived: 25, totalMs: 9 } } })
    expect(diffOdooStats(before, after).byCall).toEqual({
      "res.currency.search_read": { calls: 3, failures: 0, bytesReceived: 15, totalMs: 4 },
    })
  })

  it("counts from zero when the counters were reset during the run", () => {
    const before = stats({ requests: 50, retries: 7, byCall: { "a.b": { calls: 50, failures: 0, bytesReceived: 0, totalMs: 0 } } })
    const after = stats({ requests: 4, retries: 1, byCall: { "a.b": { calls: 4, failures: 1, bytesReceived: 8, totalMs: 2 } } })
    const diff = diffOdooStats(before, after)
    expect(diff.requests).toBe(4)
    expect(diff.retries).toBe(1)
    expect(diff.byCall).toEqual({ "a.b": { calls: 4, failures: 1, bytesReceived: 8, totalMs: 2 } })
  })

  it("is all zeros with no calls in between", () => {
    const same = stats({ requests: 3, byCall: { "a.b": { calls: 3, failures: 0, bytesReceived: 1, totalMs: 1 } } })
    expect(diffOdooStats(same, same)).toEqual({
      requests: 0,
      failures: 0,
      retries: 0,
      authentications: 0,
      reauthentications: 0,
      bytesSent: 0,
      bytesReceived: 0,
      byCall: {},
    })
  })
})
