/**
 * `npm run test:e2e`: the admin in a real headless Chromium (Debian's /usr/bin/chromium, driven
 * by playwright-core). Starts an Odoo emulator, a scratch database, and `medusa develop` against
 * both, then: logs in, opens the Odoo sync page, starts a sync and watches it finish, opens the
 * run's detail (with the SKU clash the scratch Odoo was given), opens a synced product and its Odoo
 * widget, syncs that product alone, then places an order through the Store API and opens it: its
 * Odoo widget shows the sale order it became; a second order placed while Odoo is down shows its
 * failed push, and "Push again" once Odoo is back makes it one sale order.
 * A screenshot of each step goes to .e2e-artifacts/. Exits 1 on the first failed step.
 * E2E_BASE_URL=http://localhost:9000 E2E_EMAIL=… E2E_PASSWORD=… drives a backend already running.
 */
import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import { connect } from "node:net"
import path from "node:path"
import { chromium, type Page } from "playwright-core"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { findReferenceDir } from "../odoo-emulator/reference-path"
import { placeOrder, setupShop, type Api } from "../helpers/store-orders"

const projectDir = path.resolve(__dirname, "..", "..")
const artifacts = path.join(projectDir, ".e2e-artifacts")
const medusa = path.join(projectDir, "node_modules", ".bin", "medusa")
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const EMAIL = process.env.E2E_EMAIL || "e2e@medusa-odoo.local"
const PASSWORD = process.env.E2E_PASSWORD || "e2e-password"
const STEP_TIMEOUT = 90_000
const FIRST_LOAD_TIMEOUT = 300_000

function say(line: string) {
  process.stdout.write(`[e2e] ${line}\n`)
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 })
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("timeout", () => (socket.destroy(), resolve(false)))
    socket.once("error", () => resolve(false))
  })
}

/** A PostgreSQL server as the integration tests find one: DB_*, DATABASE_URL, localhost:5432, else embedded. */
async function postgresServer(): Promise<{ url: (database: string) => string; stop: () => Promise<void> }> {
  const env = process.env
  const fromUrl = env.DATABASE_URL ? new URL(env.DATABASE_URL) : null
  const host = env.DB_HOST || fromUrl?.hostname || "localhost"
  const port = Number(env.DB_PORT || fromUrl?.port || 5432)
  const user = env.DB_USERNAME || (fromUrl ? decodeURIComponent(fromUrl.username) : "") || "postgres"
  const password = env.DB_PASSWORD ?? (fromUrl ? decodeURIComponent(fromUrl.password) : "")
  if (await answers(host, port)) {
    const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user)
    return { url: (database) => `postgres://${auth}@${host}:${port}/${database}`, stop: async () => {} }
  }
  const { startEmbeddedDatabase } = await import("../../scripts/embedded-database.mjs")
  const db = await startEmbeddedDatabase({ projectDir, database: "postgres", dataDirName: "pg-e2e" })
  return { url: (database) => `postgres://${db.user}:${db.password}@127.0.0.1:${db.port}/${database}`, stop: db.stop }
}

async function createDatabase(serverUrl: string, name: string): Promise<void> {
  const { Client } = await import("pg")
  const client = new Client({ connectionString: serverUrl })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const { Client } = await import("pg")
  const client = new Client({ connectionString: serverUrl })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined)
  await client.end()
}

function runMedusa(args: string[], env: NodeJS.ProcessEnv, log: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(medusa, args, { cwd: projectDir, env, stdio: ["ignore", "pipe", "pipe"] })
    child.stdout.pipe(log, { end: false })
    child.stderr.pipe(log, { end: false })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`medusa ${args[0]} exited with ${code}; see .e2e-artifacts/backend.log`))))
  })
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** The scratch backend's Odoo, which the order steps sell from and make fail: an Odoo product of the recorded Odoo 18 (v2) fixture. */
type ScratchOdoo = { odooProductId: number; emulator: OdooEmulator }

type Backend = { baseUrl: string; stop: () => Promise<void>; scratch?: ScratchOdoo }

/** The recorded Odoo 18 data with sale orders, partners, stock, images and categories. */
function v2Fixture(): string {
  const reference = findReferenceDir(projectDir)
  if (!reference) throw new Error("the e2e needs ../shared/odoo-reference/v2/fixture.json")
  return path.join(reference, "v2", "fixture.json")
}

// [FURN_0096] Customizable Desk (Steel, White) in the recorded data: for sale, 45 on hand.
const RECORDED_DESK = 12

/** Emulator, database, migrations, an admin user and `medusa develop` on a free port. */
async function startBackend(): Promise<Backend> {
  const log = fs.createWriteStream(path.join(artifacts, "backend.log"))
  const emulator: OdooEmulator = await startOdooEmulator({ fixture: v2Fixture() })
  const server = await postgresServer()
  const database = `medusa_e2e_${process.pid}`
  await createDatabase(server.url("postgres"), database)
  const port = 9300 + (process.pid % 500)
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "development",
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_OPTIONS: "--no-deprecation",
    DATABASE_URL: server.url(database),
    PORT: String(port),
    JWT_SECRET: "e2e-secret",
    COOKIE_SECRET: "e2e-secret",
    ADMIN_CORS: `http://localhost:${port}`,
    AUTH_CORS: `http://localhost:${port}`,
    ODOO_URL: emulator.url,
    ODOO_DB_NAME: emulator.db,
    ODOO_USERNAME: emulator.admin.login,
    ODOO_API_KEY: emulator.admin.apiKey,
    ODOO_SHIPPING_PRODUCT: "SHIP_MEDUSA",
  }
  // medusa-config's loadEnv reads .env for what is unset: a developer's .env must not reach the test.
  const envFile = path.join(projectDir, ".env")
  if (fs.existsSync(envFile)) {
    const { parse } = await import("dotenv")
    for (const name of Object.keys(parse(fs.readFileSync(envFile)))) env[name] ??= ""
  }
  let develop: ChildProcess | undefined
  const stop = async () => {
    if (develop && develop.exitCode === null) {
      const exited = new Promise((resolve) => develop?.once("exit", resolve))
      // `medusa develop` runs the server in a child of its own: end the whole group.
      if (develop.pid) process.kill(-develop.pid, "SIGTERM")
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    }
    await emulator.close()
    await dropDatabase(server.url("postgres"), database)
    await server.stop()
    log.end()
  }
  try {
    // Two variants Odoo gives the same SKU: the first sync writes it once and reports the clash.
    const coded = emulator.store.searchRead("product.product", [["default_code", "!=", false], ["sale_ok", "=", true], ["id", "!=", RECORDED_DESK]], ["default_code"], { order: "id asc" })
    emulator.store.write("product.product", [Number(coded[coded.length - 1].id)], { default_code: String(coded[0].default_code) })
    say("migrating a scratch database")
    await runMedusa(["db:migrate"], env, log)
    await runMedusa(["user", "-e", EMAIL, "-p", PASSWORD], env, log)
    say(`starting medusa develop on port ${port}`)
    develop = spawn(medusa, ["develop"], { cwd: projectDir, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
    develop.stdout?.pipe(log, { end: false })
    develop.stderr?.pipe(log, { end: false })
    const baseUrl = `http://localhost:${port}`
    await waitFor(async () => (await fetch(`${baseUrl}/health`)).ok, "the backend's /health", 120_000)
    return { baseUrl, stop, scratch: { odooProductId: RECORDED_DESK, emulator } }
  } catch (error) {
    await stop()
    throw error
  }
}

async function shot(page: Page, name: string) {
  // Toasts (checked before) would cover the widget in the picture.
  await page.addStyleTag({ content: "[data-sonner-toaster] { display: none !important; }" })
  await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true })
  say(`✓ ${name}`)
}

/** The admin and Store APIs through the browser's session (the admin is logged in). */
function browserApi(page: Page, baseUrl: string): Api {
  const call = async (method: string, url: string, body?: unknown, config?: unknown) => {
    const headers = (config as { headers?: Record<string, string> } | undefined)?.headers ?? {}
    const response = await page.request.fetch(`${baseUrl}${url}`, { method, headers, data: body })
    const data = await response.json().catch(() => null)
    if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${JSON.stringify(data).slice(0, 300)}`)
    return { status: response.status(), data }
  }
  return { get: (url, config) => call("GET", url, undefined, config), post: (url, body, config) => call("POST", url, body ?? {}, config) }
}

async function drive(baseUrl: string, scratch?: ScratchOdoo) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    page.setDefaultTimeout(STEP_TIMEOUT)

    // The first page makes `medusa develop` (vite) transform the admin: slow on a busy machine.
    await page.goto(`${baseUrl}/app/login`, { waitUntil: "domcontentloaded", timeout: FIRST_LOAD_TIMEOUT })
    await page.locator('input[name="email"]').waitFor({ timeout: FIRST_LOAD_TIMEOUT })
    await page.locator('input[name="email"]').fill(EMAIL)
    await page.locator('input[name="password"]').fill(PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))
    await shot(page, "01-logged-in")

    await page.goto(`${baseUrl}/app/odoo`, { waitUntil: "domcontentloaded" })
    await page.getByTestId("odoo-connection").waitFor()
    await shot(page, "02-odoo-sync-page")

    const rowsBefore = await page.getByTestId("sync-run-row").count()
    await page.getByRole("button", { name: "Sync now" }).click()
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="sync-run-row"]').length > count, rowsBefore)
    const newest = page.getByTestId("sync-run-row").first()
    await newest.getByText("succeeded").waitFor()
    await shot(page, "03-sync-finished")

    await newest.getByRole("link").first().click()
    await page.getByRole("heading", { name: "Sync run" }).waitFor()
    await page.getByText("Odoo calls and timings").waitFor()
    if (scratch) {
      // The scratch Odoo gives two variants one SKU (see startBackend): the run lists the clash.
      await page.getByTestId("run-problem").filter({ hasText: "clash" }).first().waitFor()
    }
    await shot(page, "04-run-detail")

    const response = await page.request.get(`${baseUrl}/admin/odoo/products?status=published&limit=1`)
    const { products } = (await response.json()) as { products: { id: string }[] }
    if (!products.length) throw new Error("no synced product to open")
    await page.goto(`${baseUrl}/app/products/${products[0].id}`, { waitUntil: "domcontentloaded" })
    const widget = page.getByTestId("odoo-product-widget")
    await widget.getByTestId("odoo-template-link").waitFor()
    await widget.getByTestId("odoo-variant").first().waitFor()
    // The admin scrolls inside its own panel: the widget is brought into the picture.
    await widget.scrollIntoViewIfNeeded()
    await shot(page, "05-product-widget")

    await widget.getByRole("button", { name: "Sync this product now" }).click()
    await widget.getByTestId("odoo-product-sync-state").getByText(/^Synced: /).waitFor()
    const state = await widget.getByTestId("odoo-product-sync-state").innerText()
    // A run limited to this one template: exactly one product counted.
    if (!/updated 1, unchanged 0|updated 0, unchanged 1/.test(state)) throw new Error(`unexpected single-product run: ${state}`)
    await widget.scrollIntoViewIfNeeded()
    await shot(page, "06-product-synced-alone")

    if (!scratch) {
      say("- 07-order-in-odoo, 08-order-push-failed, 09-order-pushed-again not run: they place orders, which only a scratch backend may take (not with E2E_BASE_URL)")
      return 6
    }
    const orderable = scratch
    // A customer's order through the Store API becomes one Odoo sale order; the order's widget
    // links it and offers no "Push again".
    const api = browserApi(page, baseUrl)
    const shop = await setupShop(api, { headers: {} }, [{ title: "E2E desk", odooProductId: orderable.odooProductId, price: 750 }])
    const address = { first_name: "Jane", last_name: "Doe", address_1: "1 Main St", city: "San Francisco", postal_code: "94105", country_code: "us", province: "us-ca" }
    const order = await placeOrder(api, shop, { email: "jane.e2e@example.com", items: [{ odooProductId: orderable.odooProductId, quantity: 1 }], shippingAddress: address })
    await waitFor(
      async () => (await api.get(`/admin/odoo/orders/${order.id}`)).data.order_push?.status === "pushed",
      `order ${order.id} in Odoo`,
      STEP_TIMEOUT
    )
    await page.goto(`${baseUrl}/app/orders/${order.id}`, { waitUntil: "domcontentloaded" })
    const orderWidget = page.getByTestId("odoo-order-widget")
    await orderWidget.getByTestId("odoo-sale-order-link").waitFor()
    await orderWidget.getByText("In Odoo").waitFor()
    if ((await orderWidget.getByTestId("odoo-push-again").count()) > 0) throw new Error("the widget offers to push an order already in Odoo")
    await orderWidget.scrollIntoViewIfNeeded()
    await shot(page, "07-order-in-odoo")

    // Odoo down behind its proxy: the order is placed, its push fails and is retried later; the
    // widget says so and offers "Push again" and "Give up". Odoo back, "Push again" pushes it.
    const outage = scratch.emulator.faults.inject({ kind: "http502" })
    const stranded = await placeOrder(api, shop, { email: "jane.e2e@example.com", items: [{ odooProductId: orderable.odooProductId, quantity: 2 }], shippingAddress: address })
    await waitFor(
      async () => (await api.get(`/admin/odoo/orders/${stranded.id}`)).data.order_push?.status === "failed",
      `order ${stranded.id} failed to push`,
      STEP_TIMEOUT
    )
    await page.goto(`${baseUrl}/app/orders/${stranded.id}`, { waitUntil: "domcontentloaded" })
    const failedWidget = page.getByTestId("odoo-order-widget")
    await failedWidget.getByText("Failed, retried").waitFor()
    await failedWidget.getByTestId("odoo-order-error").waitFor()
    await failedWidget.getByRole("button", { name: "Give up" }).waitFor()
    await failedWidget.scrollIntoViewIfNeeded()
    await shot(page, "08-order-push-failed")

    outage.remove()
    await failedWidget.getByTestId("odoo-push-again").click()
    await failedWidget.getByTestId("odoo-sale-order-link").waitFor()
    await failedWidget.getByText("In Odoo").waitFor()
    if ((await failedWidget.getByTestId("odoo-push-again").count()) > 0) throw new Error("the widget still offers to push an order now in Odoo")
    const sales = scratch.emulator.store.search("sale.order", [["client_order_ref", "=", stranded.id]])
    if (sales.length !== 1) throw new Error(`order ${stranded.id} is ${sales.length} sale orders in Odoo, not one`)
    await failedWidget.scrollIntoViewIfNeeded()
    await shot(page, "09-order-pushed-again")
    return 9
  } finally {
    await browser.close()
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    say(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`)
    return 1
  }
  fs.rmSync(artifacts, { recursive: true, force: true })
  fs.mkdirSync(artifacts, { recursive: true })
  const started = Date.now()
  const backend: Backend = process.env.E2E_BASE_URL
    ? { baseUrl: process.env.E2E_BASE_URL, stop: async () => {} }
    : await startBackend()
  try {
    const steps = await drive(backend.baseUrl, backend.scratch)
    // The same closing line as jest's, which .ci/run sums.
    process.stdout.write(`Tests: ${steps} passed, ${steps} total\n`)
    say(`passed: ${steps} steps in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in .e2e-artifacts/`)
    return 0
  } catch (error) {
    say(`FAILED: ${error instanceof Error ? error.message : String(error)} (screenshots and backend.log in .e2e-artifacts/)`)
    return 1
  } finally {
    await backend.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`FAILED: ${error instanceof Error ? error.stack : String(error)}`)
    process.exit(1)
  }
)
