import { parseSyncArgs } from "./sync-cli"

describe("parseSyncArgs", () => {
  it("defaults to an incremental, real run", () => {
    expect(parseSyncArgs([])).toEqual({ full: false, dryRun: false, allowMassRemoval: false, trigger: "cli" })
  })

  it("reads --full and --dry-run, alone or together, in any order", () => {
    expect(parseSyncArgs(["--full"])).toEqual({ full: true, dryRun: false, allowMassRemoval: false, trigger: "cli" })
    expect(parseSyncArgs(["--dry-run"])).toEqual({ full: false, dryRun: true, allowMassRemoval: false, trigger: "cli" })
    expect(parseSyncArgs(["--dry-run", "--full"])).toEqual({ full: true, dryRun: true, allowMassRemoval: false, trigger: "cli" })
  })

  it("records the demo's run as the demo's", () => {
    expect(parseSyncArgs(["full", "trigger=demo"])).toEqual({ full: true, dryRun: false, allowMassRemoval: false, trigger: "demo" })
  })

  it("accepts the bare words medusa exec passes", () => {
    expect(parseSyncArgs(["full"])).toEqual({ full: true, dryRun: false, allowMassRemoval: false, trigger: "cli" })
    expect(parseSyncArgs(["dry-run", "--full"])).toEqual({ full: true, dryRun: true, allowMassRemoval: false, trigger: "cli" })
  })

  it("reads --allow-mass-removal, the confirmation of a run that takes many products out", () => {
    expect(parseSyncArgs(["--allow-mass-removal"])).toEqual({ full: false, dryRun: false, allowMassRemoval: true, trigger: "cli" })
    expect(parseSyncArgs(["full", "allow-mass-removal"])).toMatchObject({ full: true, allowMassRemoval: true })
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
