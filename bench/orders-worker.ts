/**
 * The orders bench (`npm run bench -- --orders`), in one process: boots Medusa with its HTTP
 * API on the fresh database (against an emulator seeded with the v2 fixture), sets a shop up
 * through the admin API, registers customers and places one warm-up order each (new partners),
 * then places ORDERS orders from those returning customers in a burst through the Store API.
 * Measures, once every order is in Odoo: the push latency after `order.placed` (pushed_at −
 * order created_at), the Odoo calls per order of the burst, and that each order is in Odoo once.
 */
import fs from "node:fs"
import type { AddressInfo } from "node:net"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { adminHeaders } from "../integration-tests/helpers/admin"
import { placeOrder, registerCustomer, setupShop, type Api } from "../integration-tests/helpers/store-orders"
import { ODOO_MODULE } from "../src/modules/odoo/constants"
import type OdooModuleService from "../src/modules/odoo/service"
import { benchClient } from "./lib/catalog"
import type { WorkerConfig } from "./lib/types"

const PROJECT_DIR = path.resolve(__dirname, "..")
const CUSTOMERS = 20
const ADDRESS = { first_name: "Bench", last_name: "Buyer", address_1: "1 Main St", city: "San Francisco", postal_code: "94105", country_code: "us", province: "us-ca" }

export type OrdersBenchResult = {
  orders: number
  customers: number
  inOdoo: number
  duplicates: number
  placeMs: number
  drainMs: number
  latencyMs: { median: number; p95: number; max: number }
  odooCallsPerOrder: number
  odooCallsByMethod: Record<string, number>
}

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** An axios-like client over fetch, as the integration helpers expect (throws on 4xx/5xx). */
function fetchApi(baseUrl: string): Api {
  const call = async (method: string, url: string, body?: unknown, config?: unknown) => {
    const headers = { "content-type": "application/json", ...((config as { headers?: Record<string, string> })?.headers ?? {}) }
    const response = await fetch(baseUrl + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const data = await response.json().catch(() => null)
    if (response.status >= 400) throw Object.assign(new Error(`${method} ${url}: ${response.status} ${JSON.stringify(data)}`), { response: { status: response.status, data } })
    return { status: response.status, data }
  }
  return { get: (url, config) => call("GET", url, undefined, config), post: (url, body, config) => call("POST", url, body ?? {}, config) }
}

async function bootMedusa(): Promise<{ container: MedusaContainer; url: string }> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const loaders = require("@medusajs/medusa/loaders/index")
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const express = require("express")
  const app = express()
  const { container } = await loaders.default({ directory: PROJECT_DIR, expressApp: app })
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  return { container, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
}

async function main(): Promise<void> {
  const config: WorkerConfig & { orders: number } = JSON.parse(process.env.BENCH_CONFIG ?? "{}")
  const { container, url } = await bootMedusa()
  const api = fetchApi(url)
  const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
  const client = benchClient(config.emulator)
  const admin = await adminHeaders(container, api as unknown as Parameters<typeof adminHeaders>[1])
  const shop = await setupShop(api, admin, [
    { title: "Desk", odooProductId: 12, price: 750 },
    { title: "Custom desk", odooProductId: 45, price: 500 },
  ])
  const tokens: { email: string; token: string }[] = []
  for (let index = 0; index < CUSTOMERS; index++) {
    const email = `bench.buyer${index}@example.com`
    tokens.push({ email, token: await registerCustomer(api, shop, email, { first_name: "Bench", last_name: `Buyer ${index}` }) })
  }
  // Warm-up: one order per customer (their partners and addresses are created here).
  const warmUp = await Promise.all(tokens.map(({ email, token }) => placeOrder(api, shop, { email, items: [{ odooProductId: 12, quantity: 1 }], shippingAddress: ADDRESS, customerToken: token })))
  await waitAllPushed(odoo, warmUp.map((order) => order.id))
  say(`[orders] warm-up: ${warmUp.length} orders of ${CUSTOMERS} new customers in Odoo`)

  const before = odoo.client.stats()
  const placeStarted = Date.now()
  const burst = await Promise.all(
    Array.from({ length: config.orders }, (_, index) => {
      const { email, token } = tokens[index % tokens.length]
      return placeOrder(api, shop, { email, items: [{ odooProductId: index % 2 ? 45 : 12, quantity: 1 + (index % 3) }], shippingAddress: ADDRESS, customerToken: token })
    })
  )
  const placeMs = Date.now() - placeStarted
  const drainStarted = Date.now()
  const pushes = await waitAllPushed(odoo, burst.map((order) => order.id))
  const drainMs = Date.now() - drainStarted
  const stats = odoo.client.stats()

  const orderModule = container.resolve("order") as { listOrders: (filter: unknown, config: unknown) => Promise<{ id: string; created_at: Date }[]> }
  const created = new Map((await orderModule.listOrders({ id: burst.map((order) => order.id) }, { select: ["id", "created_at"], take: burst.length })).map((order) => [order.id, new Date(order.created_at).getTime()]))
  const latencies = pushes.map((push) => new Date(push.pushed_at as Date).getTime() - (created.get(push.order_id) ?? 0))
  const refs = burst.map((order) => order.id)
  const counts = await client.call<{ client_order_ref: string }[]>("sale.order", "search_read", [[["client_order_ref", "in", refs]]], { fields: ["client_order_ref"] })
  const perRef = new Map<string, number>()
  for (const row of counts) perRef.set(row.client_order_ref, (perRef.get(row.client_order_ref) ?? 0) + 1)
  const result: OrdersBenchResult = {
    orders: burst.length,
    customers: CUSTOMERS,
    inOdoo: perRef.size,
    duplicates: [...perRef.values()].filter((count) => count > 1).length,
    placeMs,
    drainMs,
    latencyMs: { median: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
    odooCallsPerOrder: Number(((stats.requests - before.requests) / burst.length).toFixed(2)),
    odooCallsByMethod: Object.fromEntries(Object.entries(stats.byCall).map(([call, entry]) => [call, entry.calls - (before.byCall[call]?.calls ?? 0)]).filter(([, calls]) => calls !== 0)),
  }
  fs.writeFileSync(config.resultFile, JSON.stringify(result))
  process.exit(0)
}

async function waitAllPushed(odoo: OdooModuleService, orderIds: string[]) {
  for (let attempt = 0; attempt < 6000; attempt++) {
    const pushes = await odoo.listOdooOrderPushes({ order_id: orderIds }, { take: orderIds.length })
    const failed = pushes.filter((push) => push.status === "failed")
    if (failed.length) throw new Error(`${failed.length} pushes failed, e.g. ${JSON.stringify(failed[0].last_error)}`)
    if (pushes.length === orderIds.length && pushes.every((push) => push.status === "pushed")) return pushes
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error("the orders were not all pushed within 10 minutes")
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
