import { scheduleFromEnv, syncSchedule } from "./schedule"

describe("syncSchedule", () => {
  const saved = process.env.ODOO_SYNC_CRON

  beforeEach(() => {
    delete process.env.ODOO_SYNC_CRON
  })

  afterAll(() => {
    if (saved === undefined) {
      delete process.env.ODOO_SYNC_CRON
    } else {
      process.env.ODOO_SYNC_CRON = saved
    }
  })

  it("uses the job's default when ODOO_SYNC_CRON is not set", () => {
    expect(syncSchedule("0 0 * * *")).toBe("0 0 * * *")
    expect(syncSchedule("0 0 * * *", undefined)).toBe("0 0 * * *")
  })

  it("uses the default when ODOO_SYNC_CRON is empty or blank", () => {
    expect(syncSchedule("0 0 * * *", "")).toBe("0 0 * * *")
    expect(syncSchedule("0 0 * * *", "   ")).toBe("0 0 * * *")
    process.env.ODOO_SYNC_CRON = "  "
    expect(syncSchedule("0 0 * * *")).toBe("0 0 * * *")
  })

  it("reads ODOO_SYNC_CRON from the environment and prefers it to the default", () => {
    process.env.ODOO_SYNC_CRON = "*/15 * * * *"
    expect(syncSchedule("0 0 * * *")).toBe("*/15 * * * *")
  })

  it("refuses a schedule that leaves more than 24 days between runs (Medusa's in-process timer would overflow and run the job without pause)", () => {
    expect(() => syncSchedule("0 0 * * *", "0 0 1 1 *")).toThrow(/ODOO_SYNC_CRON "0 0 1 1 \*" leaves 3\d\d days between runs/)
    expect(() => syncSchedule("0 0 * * *", "0 0 1 * *")).toThrow(/leaves (2[89]|3[01]) days between runs/)
    expect(syncSchedule("0 0 * * *", "17 3 * * 0")).toBe("17 3 * * 0")
    expect(syncSchedule("0 0 * * *", "*/15 * * * *")).toBe("*/15 * * * *")
  })

  it("takes an explicit value over the default, trimmed", () => {
    expect(syncSchedule("0 0 * * *", " 30 2 * * 1-5 ")).toBe("30 2 * * 1-5")
  })

  it("refuses an invalid ODOO_SYNC_CRON with a message naming the variable and the expression", () => {
    process.env.ODOO_SYNC_CRON = "every night"
    expect(() => syncSchedule("0 0 * * *")).toThrow(/ODOO_SYNC_CRON/)
    expect(() => syncSchedule("0 0 * * *")).toThrow(/"every night"/)
  })

  it.each(["61 * * * *", "0 25 * * *", "0 0 32 * *", "* * * * * * *"])("refuses the out-of-range or malformed %p", (cron) => {
    expect(() => syncSchedule("0 0 * * *", cron)).toThrow(/^ODOO_SYNC_CRON is not a valid cron expression/)
  })

  it("does not blame ODOO_SYNC_CRON when the job's own default is invalid", () => {
    let message = ""
    try {
      syncSchedule("not a cron")
    } catch (error) {
      message = error instanceof Error ? error.message : String(error)
    }
    expect(message).toMatch(/schedule/)
    expect(message).toMatch(/"not a cron"/)
    expect(message).not.toMatch(/ODOO_SYNC_CRON/)
  })

  it("reads only the job's own variable: the stock job ignores ODOO_SYNC_CRON and names its own", () => {
    const env = { ODOO_SYNC_CRON: "every night" }
    expect(scheduleFromEnv("*/15 * * * *", "ODOO_STOCK_SYNC_CRON", env)).toBe("*/15 * * * *")
    expect(scheduleFromEnv("*/15 * * * *", "ODOO_STOCK_SYNC_CRON", { ODOO_STOCK_SYNC_CRON: "*/5 * * * *" })).toBe("*/5 * * * *")
    expect(() => scheduleFromEnv("*/15 * * * *", "ODOO_STOCK_SYNC_CRON", { ODOO_STOCK_SYNC_CRON: "often" })).toThrow(/^ODOO_STOCK_SYNC_CRON is not a valid cron expression: "often"/)
  })
})
