/**
 * An in-process Odoo 18 for tests: answers POST /jsonrpc as the recorded real server does
 * (see /shared/odoo-reference), over a stateful store seeded from a fixture or a generated catalog.
 *
 *   const emu = await startOdooEmulator()
 *   await fetch(emu.url + "/jsonrpc", { ... })
 *   emu.store.write("product.template", [9], { list_price: 800 })
 *   emu.faults.inject({ model: "product.product", method: "search_read", kind: "http502", times: 1 })
 *   await emu.close()
 */
import fs from "node:fs"
import { CallLog, FaultInjector, type CallFilter, type CallInfo, type FaultHandle, type FaultRule } from "./faults"
import { generateCatalog, type GenerateOptions } from "./generate"
import { readRecords } from "./methods"
import { seedMedia } from "./media"
import { modelSpecs, prepareLoadedData } from "./models"
import { defaultFixturePath } from "./reference-path"
import { startServer } from "./server"
import { Store } from "./store"
import { applySupplement } from "./supplement"
import type { Fixture, JsonObject, JsonValue } from "./types"
import { UserDirectory, defaultUsers, type EmulatorUser, type EmulatorUsers } from "./users"
import { applyOdooVersion } from "./versions"

export type { CallFilter, CallInfo, FaultHandle, FaultKind, FaultRule } from "./faults"
export type { GenerateOptions } from "./generate"
export type { EmulatorUser, EmulatorUsers } from "./users"
export type { Fixture, JsonObject, JsonValue } from "./types"
export { generateCatalog } from "./generate"
export { newApiKey } from "./users"

export interface OdooEmulatorOptions {
  /** Path to a fixture JSON, or the fixture itself. Default: the shared demo fixture. */
  fixture?: string | Fixture
  /** A generated catalog instead of a fixture. */
  generate?: GenerateOptions
  /** Default 0: an ephemeral port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Default "odoo_medusa", the recorded database. */
  database?: string
  /** The clock behind write_date (tests can freeze or advance it). */
  now?: () => Date
  /** The admin's API key; a new random one by default (the contract tests give the recorded one). */
  adminApiKey?: string
  /** The server version it answers as: "16.0", "17.0" (their product fields, no web_read in 16), "19.0" (JSON-2); default the fixture's (18). */
  odooVersion?: string
}

export interface StoreSearchOptions {
  active_test?: boolean
  order?: string
  limit?: number
  offset?: number
  context?: JsonObject
}

/** Direct data access for tests; mutations behave like Odoo writes by the superuser. */
export interface EmulatorStore {
  create(model: string, vals: JsonObject): number
  write(model: string, ids: number | number[], vals: JsonObject): void
  unlink(model: string, ids: number | number[]): void
  search(model: string, domain?: JsonValue[], options?: StoreSearchOptions): number[]
  count(model: string, domain?: JsonValue[], options?: StoreSearchOptions): number
  /** As `read` over RPC: many2one as [id, display_name], x2many as ids. */
  read(model: string, ids: number | number[], fields?: string[], context?: JsonObject): JsonObject[]
  searchRead(model: string, domain?: JsonValue[], fields?: string[], options?: StoreSearchOptions): JsonObject[]
  /** The underlying store, for tests that need more. */
  readonly raw: Store
}

export interface OdooEmulator {
  url: string
  port: number
  db: string
  version: string
  admin: { login: string; apiKey: string; uid: number; password: string }
  users: EmulatorUsers
  faults: { inject(rule: FaultRule): FaultHandle; clear(): void }
  calls: { count(filter?: CallFilter): number; reset(): void; list(): CallInfo[] }
  /** Total bytes of response bodies sent so far. */
  readonly bytesSent: number
  store: EmulatorStore
  close(): Promise<void>
}

const SUPERUSER_UID = 1

function loadFixture(options: OdooEmulatorOptions): Fixture {
  if (options.generate) return generateCatalog(options.generate)
  if (typeof options.fixture === "object") return options.fixture
  const file = options.fixture ?? defaultFixturePath()
  if (!file || !fs.existsSync(file)) {
    throw new Error(`Odoo emulator: fixture not found (${file ?? "no shared/odoo-reference above " + __dirname}); pass options.fixture`)
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as Fixture
}

/** Builds a seeded store without starting a server (used by the server and by unit tests). */
export function createStore(options: Pick<OdooEmulatorOptions, "fixture" | "generate" | "now"> = {}, users: EmulatorUsers = defaultUsers()): { store: Store; version: string } {
  const fixture = loadFixture(options)
  const store = new Store(modelSpecs(), { now: options.now })
  store.load(fixture)
  const env = store.env(SUPERUSER_UID, {}, true)
  prepareLoadedData(env)
  applySupplement(env, users)
  seedMedia(env)
  store.bump()
  return { store, version: fixture.odoo_version ?? "18.0-20250702" }
}

export function storeApi(store: Store): EmulatorStore {
  const asIds = (ids: number | number[]): number[] => (Array.isArray(ids) ? ids : [ids])
  const env = (options: StoreSearchOptions = {}) => {
    const context: JsonObject = { ...(options.context ?? {}) }
    if (options.active_test !== undefined) context.active_test = options.active_test
    return store.env(SUPERUSER_UID, context, true)
  }
  return {
    raw: store,
    create: (model, vals) => store.transaction(() => env().create(model, [vals])[0]),
    write: (model, ids, vals) => store.transaction(() => env().write(model, asIds(ids), vals)),
    unlink: (model, ids) => store.transaction(() => env().unlink(model, asIds(ids))),
    search: (model, domain = [], options = {}) =>
      env(options).search(model, domain, { order: options.order, limit: options.limit, offset: options.offset }),
    count: (model, domain = [], options = {}) => env(options).searchCount(model, domain),
    read: (model, ids, fields, context) => {
      const readEnv = store.env(SUPERUSER_UID, context ?? {}, true)
      for (const name of fields ?? []) readEnv.field(model, name)
      return readRecords(readEnv, model, asIds(ids), fields && fields.length ? fields : null)
    },
    searchRead: (model, domain = [], fields, options = {}) => {
      const searchEnv = env(options)
      const ids = searchEnv.search(model, domain, { order: options.order, limit: options.limit, offset: options.offset })
      return readRecords(store.env(SUPERUSER_UID, options.context ?? {}, true), model, ids, fields && fields.length ? fields : null)
    },
  }
}

export async function startOdooEmulator(options: OdooEmulatorOptions = {}): Promise<OdooEmulator> {
  const users = defaultUsers(options.adminApiKey)
  const { store, version: fixtureVersion } = createStore(options, users)
  const version = options.odooVersion ?? fixtureVersion
  applyOdooVersion(store, version)
  const database = options.database ?? "odoo_medusa"
  const directory = new UserDirectory(users, database)
  const faults = new FaultInjector()
  const calls = new CallLog()
  const host = options.host ?? "127.0.0.1"
  let bytesSent = 0
  let url = ""
  const running = await startServer(
    {
      store,
      users: directory,
      faults,
      calls,
      version,
      baseUrl: () => url,
      onBytes: (bytes) => {
        bytesSent += bytes
      },
    },
    options.port ?? 0,
    host
  )
  url = `http://${host}:${running.port}`
  const admin: EmulatorUser = users.admin
  return {
    url,
    port: running.port,
    db: database,
    version,
    admin: { login: admin.login, apiKey: admin.apiKey, uid: admin.uid, password: admin.password },
    users,
    faults: { inject: (rule) => faults.inject(rule), clear: () => faults.clear() },
    calls: { count: (filter) => calls.count(filter), reset: () => calls.reset(), list: () => calls.list() },
    get bytesSent() {
      return bytesSent
    },
    store: storeApi(store),
    close: () => running.close(),
  }
}
