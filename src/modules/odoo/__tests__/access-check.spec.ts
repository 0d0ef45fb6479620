/**
 * `npm run odoo:check` against the emulator's access-rights model (ir.model.access as Odoo 18
 * has it for these models): the admin and Odoo's demo sales user have every right, an internal
 * user without sales rights and a portal user are told what is missing; a wrong key, an unknown
 * database and an unreachable URL are named as such. And the CLI itself, as `npm run` runs it.
 */
import { spawn } from "node:child_process"
import path from "node:path"
import { startOdooEmulator } from "../../../../integration-tests/odoo-emulator"
import { checkOdooAccess, formatAccessReport, requiredRights } from "../access-check"
import { OdooClient } from "../client/client"
import { parseOdooOptions } from "../options"

type Emulator = Awaited<ReturnType<typeof startOdooEmulator>>

jest.setTimeout(60_000)

let emu: Emulator

beforeAll(async () => {
  emu = await startOdooEmulator({})
})

afterAll(async () => {
  await emu?.close()
})

function optionsFor(login: string, apiKey: string, overrides: Record<string, unknown> = {}) {
  return parseOdooOptions({ url: emu.url, dbName: emu.db, username: login, apiKey, timeoutMs: 5_000, maxRetries: 0, ...overrides })
}

async function check(login: string, apiKey: string, overrides: Record<string, unknown> = {}) {
  const options = optionsFor(login, apiKey, overrides)
  return checkOdooAccess(new OdooClient(options), options)
}

describe("odoo:check", () => {
  it("finds every right with the admin, and with Odoo's demo user (internal, sales own documents, inventory user) once the shipping product exists", async () => {
    const admin = await check(emu.admin.login, emu.admin.apiKey)
    expect(admin.lines.filter((line) => line.status !== "ok")).toEqual([])
    expect(admin.ok).toBe(true)
    // The demo user may not create products: the shipping product must exist (made by hand once).
    const before = await check(emu.users.demo.login, emu.users.demo.apiKey)
    expect(before.lines.filter((line) => line.status !== "ok")).toEqual([
      {
        status: "missing",
        what: 'orders and customers: shipping product "MEDUSA_SHIPPING" does not exist and the user may not create products',
        detail: 'create a service product with Internal Reference "MEDUSA_SHIPPING" in Odoo (least privilege), or add the user to "Sales / Administrator"',
      },
    ])
    emu.store.create("product.template", { name: "Shipping", default_code: "MEDUSA_SHIPPING", type: "service", sale_ok: true })
    const demo = await check(emu.users.demo.login, emu.users.demo.apiKey)
    expect(demo.lines.filter((line) => line.status !== "ok")).toEqual([])
    expect(demo.ok).toBe(true)
    // One line per right asked, plus URL, login and the shipping product.
    expect(demo.lines).toHaveLength(requiredRights({ categorySource: "auto" }).length + 3)
  })

  it("tells an internal user without sales rights exactly which rights and group are missing", async () => {
    const report = await check(emu.users.readOnly.login, emu.users.readOnly.apiKey)
    expect(report.ok).toBe(false)
    const missing = report.lines.filter((line) => line.status === "missing").map((line) => line.what)
    expect(missing).toEqual(
      expect.arrayContaining([
        "orders and customers: create res.partner",
        "orders and customers: create sale.order",
        "orders and customers: write sale.order",
        "orders and customers: create sale.order.line",
      ])
    )
    expect(missing.some((what) => what.startsWith("product sync"))).toBe(false)
    const text = formatAccessReport(report)
    expect(text).toContain('✗ orders and customers: create sale.order — add the user to "Sales / User: Own Documents Only"')
    expect(text).toContain('Groups to add: "Sales / User: Own Documents Only"')
  })

  it("refuses a portal user: it may not write orders or customers", async () => {
    const report = await check(emu.users.portal.login, emu.users.portal.apiKey)
    expect(report.ok).toBe(false)
    const missing = report.lines.filter((line) => line.status === "missing").map((line) => line.what)
    expect(missing).toEqual(expect.arrayContaining(["orders and customers: create sale.order", "orders and customers: create res.partner"]))
  })

  it("asks for the categories the options name only", async () => {
    const models = (source: string) => requiredRights({ categorySource: source as "auto" }).filter((right) => right.feature === "categories").map((right) => right.model)
    expect(models("internal")).toEqual(["product.category"])
    expect(models("public")).toEqual(["product.public.category"])
    expect(models("none")).toEqual([])
  })

  it("names a wrong key, an unknown database and an unreachable URL, and stops there", async () => {
    const wrongKey = await check(emu.admin.login, "0".repeat(40))
    expect(wrongKey.ok).toBe(false)
    expect(wrongKey.lines.at(-1)).toMatchObject({ status: "failed", what: "login" })
    expect(wrongKey.lines.at(-1)?.detail).toContain("check ODOO_USERNAME")
    expect(JSON.stringify(wrongKey)).not.toContain(emu.admin.apiKey)

    const unknownDatabase = await check(emu.admin.login, emu.admin.apiKey, { dbName: "no_such_db" })
    expect(unknownDatabase.lines.at(-1)?.detail).toBe('database "no_such_db" does not exist on this Odoo: check ODOO_DB_NAME')

    const unreachable = await check(emu.admin.login, emu.admin.apiKey, { url: "http://127.0.0.1:1" })
    expect(unreachable.lines).toHaveLength(1)
    expect(unreachable.lines[0]).toMatchObject({ status: "failed", what: "Odoo at http://127.0.0.1:1" })
    expect(unreachable.lines[0].detail).toContain("check ODOO_URL")
  })

  it("`npm run odoo:check` prints the report and exits 1 while rights are missing, 0 when all are there", async () => {
    const projectDir = path.resolve(__dirname, "../../../..")
    const run = (login: string, apiKey: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(path.join(projectDir, "node_modules/.bin/ts-node"), ["--transpile-only", "scripts/odoo-check.ts"], {
          cwd: projectDir,
          env: { ...process.env, ODOO_URL: emu.url, ODOO_DB_NAME: emu.db, ODOO_USERNAME: login, ODOO_API_KEY: apiKey },
          stdio: ["ignore", "pipe", "pipe"],
        })
        let output = ""
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
        child.on("exit", (code) => resolve({ code, output }))
      })
    const readOnly = await run(emu.users.readOnly.login, emu.users.readOnly.apiKey)
    expect(readOnly.code).toBe(1)
    expect(readOnly.output).toContain(`✓ logged in as "${emu.users.readOnly.login}"`)
    expect(readOnly.output).toContain("✗ orders and customers: create sale.order")
    const admin = await run(emu.admin.login, emu.admin.apiKey)
    expect(admin.output).toContain("The Odoo connection is ready")
    expect(admin.code).toBe(0)
  })
})
