/**
 * The status route's connection check against the emulator over HTTP: an Odoo that hangs is
 * reported within the check's own deadline, not after the sync's timeout and retries.
 */
import { startOdooEmulator } from "../../../../integration-tests/odoo-emulator"
import { checkOdooConnection, connectionCheckClient, CONNECTION_CHECK_TIMEOUT_MS } from "../connection-check"
import { parseOdooOptions } from "../options"

type Emulator = Awaited<ReturnType<typeof startOdooEmulator>>

jest.setTimeout(30_000)

let emu: Emulator

beforeAll(async () => {
  emu = await startOdooEmulator({})
})

afterAll(async () => {
  await emu?.close()
})

afterEach(() => {
  emu.faults.clear()
  emu.calls.reset()
})

/** The sync's own settings: a long timeout and retries, which the check must not inherit. */
const options = () =>
  parseOdooOptions({ url: emu.url, dbName: emu.db, username: emu.admin.login, apiKey: emu.admin.apiKey, timeoutMs: 60_000, maxRetries: 5 })

describe("the connection check", () => {
  it("reports version and uid of a healthy Odoo", async () => {
    const check = await checkOdooConnection(connectionCheckClient(options()))
    expect(check).toEqual({ reachable: true, authenticated: true, odoo_version: emu.version, uid: emu.admin.uid, error: null })
  })

  it("answers within its deadline when Odoo hangs, naming the call it waited for", async () => {
    emu.faults.inject({ service: "common", method: "version", kind: "hang" })
    const started = Date.now()
    const check = await checkOdooConnection(connectionCheckClient(options()))
    const elapsed = Date.now() - started
    expect(elapsed).toBeLessThan(CONNECTION_CHECK_TIMEOUT_MS + 1_000)
    expect(check.reachable).toBe(false)
    expect(check.error).toMatchObject({ kind: "transport", reason: "timeout" })
    expect(check.error?.message).toContain("common.version")
  })

  it("answers within its deadline when the login hangs after the version answered", async () => {
    emu.faults.inject({ service: "common", method: "authenticate", kind: "hang" })
    const check = await checkOdooConnection(connectionCheckClient(options()), 1_500)
    expect(check).toMatchObject({ reachable: true, authenticated: false, odoo_version: emu.version })
    expect(check.error?.message).toContain("common.authenticate")
  })

  it("reports a refused key as an authentication error, without retrying", async () => {
    const wrongKey = parseOdooOptions({ ...options(), apiKey: "not-the-key-0123456789" })
    const check = await checkOdooConnection(connectionCheckClient(wrongKey))
    expect(check).toMatchObject({ reachable: true, authenticated: false, error: { kind: "authentication" } })
    expect(emu.calls.count({ method: "authenticate" })).toBe(1)
    expect(JSON.stringify(check)).not.toContain("not-the-key-0123456789")
  })
})
