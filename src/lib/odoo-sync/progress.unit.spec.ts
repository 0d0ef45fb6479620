import { parseSyncArgs, renderProgressBar } from "./progress"

describe("renderProgressBar", () => {
  function bar(line: string): string {
    const match = /^\[([#-]*)\]/.exec(line)
    if (!match) {
      throw new Error(`no bar in ${line}`)
    }
    return match[1]
  }

  it("fills the bar in proportion to the pages done and states pages and products", () => {
    const line = renderProgressBar(3, 6, 300, 10)
    expect(line).toBe("[#####-----] 3/6 pages, 300 products")
  })

  it("is 30 characters wide by default", () => {
    expect(bar(renderProgressBar(1, 3, 0))).toHaveLength(30)
    expect(bar(renderProgressBar(1, 3, 0))).toBe("#".repeat(10) + "-".repeat(20))
  })

  it("is empty at the start and full at the end", () => {
    expect(bar(renderProgressBar(0, 4, 0, 8))).toBe("--------")
    expect(bar(renderProgressBar(4, 4, 400, 8))).toBe("########")
  })

  it("never overflows when more pages are reported than planned", () => {
    const line = renderProgressBar(7, 4, 0, 8)
    expect(bar(line)).toBe("########")
    expect(line).toContain("7/4 pages")
  })

  it("shows a full bar for a run without pages", () => {
    expect(bar(renderProgressBar(0, 0, 0, 5))).toBe("#####")
  })

  it("keeps the width constant, rounding the filled part", () => {
    for (let done = 0; done <= 7; done++) {
      expect(bar(renderProgressBar(done, 7, 0, 20))).toHaveLength(20)
    }
    expect(bar(renderProgressBar(1, 3, 0, 10))).toBe("###-------")
    expect(bar(renderProgressBar(2, 3, 0, 10))).toBe("#######---")
  })
})

describe("parseSyncArgs", () => {
  it("defaults to an incremental, real run", () => {
    expect(parseSyncArgs([])).toEqual({ full: false, dryRun: false, trigger: "cli" })
  })

  it("reads --full and --dry-run, alone or together, in any order", () => {
    expect(parseSyncArgs(["--full"])).toEqual({ full: true, dryRun: false, trigger: "cli" })
    expect(parseSyncArgs(["--dry-run"])).toEqual({ full: false, dryRun: true, trigger: "cli" })
    expect(parseSyncArgs(["--dry-run", "--full"])).toEqual({ full: true, dryRun: true, trigger: "cli" })
  })

  it("records the demo's run as the demo's", () => {
    expect(parseSyncArgs(["full", "trigger=demo"])).toEqual({ full: true, dryRun: false, trigger: "demo" })
  })

  it("accepts the bare words medusa exec passes", () => {
    expect(parseSyncArgs(["full"])).toEqual({ full: true, dryRun: false, trigger: "cli" })
    expect(parseSyncArgs(["dry-run", "--full"])).toEqual({ full: true, dryRun: true, trigger: "cli" })
  })

  it("refuses an unknown option by name and says what is accepted", () => {
    expect(() => parseSyncArgs(["--fast"])).toThrow(/^Unknown option fast\b|^Unknown option --fast\b/)
    expect(() => parseSyncArgs(["--fast"])).toThrow(/--full.*--dry-run/)
  })

  it("names every unknown option, in the plural when there are several", () => {
    let message = ""
    try {
      parseSyncArgs(["--full", "--fast", "-x"])
    } catch (error) {
      message = error instanceof Error ? error.message : String(error)
    }
    expect(message).toMatch(/^Unknown options /)
    expect(message).toContain("fast")
    expect(message).toContain("-x")
    expect(message).not.toMatch(/Unknown options[^:]*\bfull\b/)
  })

  it("does not take a misspelling or a different case for an option", () => {
    expect(() => parseSyncArgs(["--Full"])).toThrow(/Full/)
    expect(() => parseSyncArgs(["--dryrun"])).toThrow(/dryrun/)
  })
})
