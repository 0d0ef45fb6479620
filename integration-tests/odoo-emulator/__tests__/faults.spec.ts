/** Fault injection and call counters, each observed with a raw fetch. */
import { startOdooEmulator, type OdooEmulator } from "../index"
import { executeKw, rpc } from "./rpc-client"

describe("fault injection", () => {
  let emu: OdooEmulator
  const admin = (): { db: string; uid: number; key: string } => ({ db: emu.db, uid: emu.admin.uid, key: emu.admin.apiKey })
  const countTemplates = (init: RequestInit = {}) => executeKw(emu.url, admin(), "product.template", "search_count", [[]], {}, init)

  beforeAll(async () => {
    emu = await startOdooEmulator()
  })

  afterEach(() => {
    emu.faults.clear()
    emu.calls.reset()
  })

  afterAll(async () => {
    await emu.close()
  })

  it("latency delays the answer but keeps it correct", async () => {
    emu.faults.inject({ kind: "latency", latencyMs: 150, method: "search_count" })
    const started = Date.now()
    const response = await countTemplates()
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(response.body?.result).toBe(40)
  })

  it.each([
    ["http500", 500, "text/html; charset=utf-8"],
    ["http502", 502, "text/html"],
    ["http503", 503, "text/html"],
    ["http429", 429, "text/html"],
  ] as const)("%s answers with HTTP %d and an HTML body", async (kind, status, contentType) => {
    emu.faults.inject({ kind, retryAfter: kind === "http503" ? 5 : undefined })
    const response = await countTemplates()
    expect(response.status).toBe(status)
    expect(response.contentType).toBe(contentType)
    expect(response.text).toMatch(/<html/i)
    expect(response.body).toBeUndefined()
  })

  it("http429 and http503 can tell the client when to retry", async () => {
    emu.faults.inject({ kind: "http429", retryAfter: 3 })
    const response = await fetch(`${emu.url}/jsonrpc`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, params: { service: "common", method: "version", args: [] } }),
    })
    expect(response.headers.get("retry-after")).toBe("3")
  })

  it("drop destroys the connection", async () => {
    emu.faults.inject({ kind: "drop", times: 1 })
    await expect(countTemplates()).rejects.toThrow()
    // Only once: the next call goes through.
    expect((await countTemplates()).body?.result).toBe(40)
  })

  it("hang never answers: the client times out", async () => {
    emu.faults.inject({ kind: "hang", times: 1 })
    await expect(countTemplates({ signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect((await countTemplates()).body?.result).toBe(40)
  })

  it("html answers 200 (or 500) with a web page instead of JSON", async () => {
    emu.faults.inject({ kind: "html", times: 1 })
    const ok = await countTemplates()
    expect([ok.status, ok.contentType, ok.body]).toEqual([200, "text/html; charset=utf-8", undefined])
    emu.faults.inject({ kind: "html", status: 500, times: 1 })
    expect((await countTemplates()).status).toBe(500)
  })

  it("jsonrpc-error answers an Odoo error envelope", async () => {
    emu.faults.inject({ kind: "jsonrpc-error", times: 1 })
    const serialization = await countTemplates()
    expect(serialization.status).toBe(200)
    expect(serialization.body?.error?.data.name).toBe("psycopg2.errors.SerializationFailure")
    expect(serialization.body?.error?.message).toBe("Odoo Server Error")
    emu.faults.inject({ kind: "jsonrpc-error", name: "odoo.exceptions.UserError", message: "Maintenance", times: 1 })
    const custom = await countTemplates()
    expect(custom.body?.error?.data).toMatchObject({ name: "odoo.exceptions.UserError", message: "Maintenance" })
  })

  it("malformed-envelope answers something a JSON-RPC client must reject", async () => {
    emu.faults.inject({ kind: "malformed-envelope", times: 1 })
    const truncated = await countTemplates()
    expect(truncated.status).toBe(200)
    expect(truncated.contentType).toBe("application/json; charset=utf-8")
    expect(() => JSON.parse(truncated.text)).toThrow()
    emu.faults.inject({ kind: "malformed-envelope", variant: "no-result", times: 1 })
    const noResult = await countTemplates()
    expect(noResult.body && "result" in noResult.body).toBe(false)
    expect(noResult.body?.error).toBeUndefined()
  })

  it("matches by service, model and method, and counts fired rules", async () => {
    const handle = emu.faults.inject({ kind: "http502", model: "product.product", method: "search_read" })
    expect((await countTemplates()).status).toBe(200)
    expect((await executeKw(emu.url, admin(), "product.product", "search_count", [[]])).status).toBe(200)
    expect((await executeKw(emu.url, admin(), "product.product", "search_read", [[]], { limit: 1 })).status).toBe(502)
    expect((await rpc(emu.url, "common", "version", [])).status).toBe(200)
    expect(handle.fired).toBe(1)
    handle.remove()
    expect((await executeKw(emu.url, admin(), "product.product", "search_read", [[]], { limit: 1 })).status).toBe(200)
  })

  it("rate is seeded: the same seed fails the same calls", async () => {
    const failures = async (): Promise<number[]> => {
      emu.faults.clear()
      emu.faults.inject({ kind: "http503", rate: 0.3, seed: 42 })
      const failed: number[] = []
      for (let call = 0; call < 40; call++) {
        if ((await rpc(emu.url, "common", "version", [])).status === 503) failed.push(call)
      }
      return failed
    }
    const first = await failures()
    expect(first.length).toBeGreaterThan(4)
    expect(first.length).toBeLessThan(24)
    expect(await failures()).toEqual(first)
  })

  it("afterExecution runs the call before failing (the write happened, the client saw an error)", async () => {
    emu.faults.inject({ kind: "http502", method: "write", times: 1, afterExecution: true })
    const response = await executeKw(emu.url, admin(), "product.template", "write", [[1], { description_sale: "written" }])
    expect(response.status).toBe(502)
    expect(emu.store.read("product.template", 1, ["description_sale"])[0].description_sale).toBe("written")
  })

  it("counts and lists the calls it received, and the bytes it sent", async () => {
    const before = emu.bytesSent
    await countTemplates()
    await rpc(emu.url, "common", "version", [])
    await executeKw(emu.url, admin(), "product.product", "search_read", [[]], { fields: ["name"], limit: 2 })
    expect(emu.calls.count()).toBe(3)
    expect(emu.calls.count({ service: "object" })).toBe(2)
    expect(emu.calls.count({ model: "product.product" })).toBe(1)
    expect(emu.calls.count({ method: "search_count" })).toBe(1)
    expect(emu.calls.count({ method: "execute_kw" })).toBe(2)
    expect(emu.calls.list()[2]).toEqual({ service: "object", method: "execute_kw", model: "product.product", ormMethod: "search_read" })
    expect(emu.bytesSent).toBeGreaterThan(before)
    emu.calls.reset()
    expect(emu.calls.count()).toBe(0)
  })
})

describe("closing", () => {
  it("close() also ends hanging requests", async () => {
    const emu = await startOdooEmulator()
    emu.faults.inject({ kind: "hang" })
    const pending = executeKw(emu.url, { db: emu.db, uid: 2, key: emu.admin.apiKey }, "product.template", "search_count", [[]])
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await emu.close()
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(pending).rejects.toThrow()
  })
})
