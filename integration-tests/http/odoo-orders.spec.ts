/**
 * Orders and customers to Odoo, end to end: orders placed through the Store API (region, cart,
 * shipping, system payment provider, complete) against the emulator seeded with the v2 fixture
 * (countries, states, taxes, pricelists, stock).
 */
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startOdooEmulator, type OdooEmulator } from "../odoo-emulator"
import { findReferenceDir } from "../odoo-emulator/reference-path"
import { adminHeaders } from "../helpers/admin"
import { useOdooEnvironment } from "../helpers/odoo-environment"
import { placeOrder, registerCustomer, setupShop, SHIPPING_PRICE, type Shop } from "../helpers/store-orders"
import pushOrdersToOdooJob from "../../src/jobs/push-orders-to-odoo"
import pullOdooDeliveriesJob from "../../src/jobs/pull-odoo-deliveries"
import { ODOO_MODULE } from "../../src/modules/odoo/constants"
import type OdooModuleService from "../../src/modules/odoo/service"

jest.setTimeout(240 * 1000)

const referenceDir = findReferenceDir(__dirname)
if (!referenceDir) throw new Error("shared/odoo-reference not found")
const V2_FIXTURE = path.join(referenceDir, "v2", "fixture.json")

let emulator: OdooEmulator
let restoreEnvironment: () => void

beforeAll(async () => {
  emulator = await startOdooEmulator({ fixture: V2_FIXTURE })
  restoreEnvironment = useOdooEnvironment(emulator, { ODOO_MAX_RETRIES: "1", ODOO_TIMEOUT_MS: "3000", ODOO_SHIPPING_PRODUCT: "SHIP_MEDUSA" })
})

afterAll(async () => {
  restoreEnvironment()
  await emulator?.close()
})

const DESK = 12 // [FURN_0096] Customizable Desk (Steel, White): 45 on hand in the demo data
const CUSTOM_DESK = 45 // [DESK0005] Customizable Desk (Custom, White)
const JANE = {
  first_name: "Jane",
  last_name: "Doe",
  address_1: "1 Main St",
  city: "San Francisco",
  postal_code: "94105",
  country_code: "us",
  province: "us-ca",
  phone: "+1 555 0100",
}
const JANE_OFFICE = { ...JANE, address_1: "2 Side St", city: "Oakland", postal_code: "94607" }

type Row = Record<string, any>

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function saleOrdersOf(orderId: string): Row[] {
  return emulator.store.searchRead("sale.order", [["client_order_ref", "=", orderId]], [
    "name",
    "state",
    "partner_id",
    "partner_invoice_id",
    "partner_shipping_id",
    "pricelist_id",
    "currency_id",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "order_line",
    "picking_ids",
    "note",
  ])
}


/** A call to the emulator as Odoo's admin would make it (for what Odoo users do: validate, cancel). */
async function odooCall(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(`${emulator.url}/jsonrpc`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      method: "call",
      id: 1,
      params: { service: "object", method: "execute_kw", args: [emulator.db, emulator.admin.uid, emulator.admin.apiKey, model, method, args, kwargs] },
    }),
  })
  const body = (await response.json()) as { result?: unknown; error?: { data: { message: string } } }
  if (body.error) throw new Error(`${model}.${method}: ${body.error.data.message}`)
  return body.result
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let shop: Shop

    beforeEach(async () => {
      const admin = await adminHeaders(getContainer(), api)
      shop = await setupShop(api, admin, [
        { title: "Customizable Desk (Steel, White)", odooProductId: DESK, price: 750 },
        { title: "Customizable Desk (Custom, White)", odooProductId: CUSTOM_DESK, price: 500 },
      ])
    })

    const odooModule = (): OdooModuleService => getContainer().resolve(ODOO_MODULE)
    const pushOf = async (orderId: string) => (await odooModule().listOdooOrderPushes({ order_id: orderId }))[0]
    const waitPushed = (orderId: string) =>
      waitFor(`order ${orderId} pushed`, async () => {
        const push = await pushOf(orderId)
        if (push?.status === "failed") throw new Error(`push of ${orderId} failed: ${JSON.stringify(push.last_error)}`)
        return push?.status === "pushed" ? push : undefined
      })
    const waitSettled = (orderId: string) =>
      waitFor(`order ${orderId} push settled`, async () => {
        const push = await pushOf(orderId)
        return push && push.status !== "pushing" && push.status !== "pending" ? push : undefined
      })

    describe("an order placed through the Store API", () => {
      it("becomes one confirmed Odoo sale order equal to it (lines, prices, discount, shipping, taxes, totals, partner, addresses)", async () => {
        await api
          .post(
            "/admin/promotions",
            {
              code: "TENOFF",
              type: "standard",
              status: "active",
              application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10, currency_code: "usd" },
            },
            shop.admin
          )
          .catch((error: { response?: { data: unknown } }) => {
            throw new Error(`promotion refused: ${JSON.stringify(error.response?.data)}`)
          })
        const order = await placeOrder(api, shop, {
          email: "Jane.Doe@Example.com",
          items: [
            { odooProductId: DESK, quantity: 2 },
            { odooProductId: CUSTOM_DESK, quantity: 1 },
          ],
          shippingAddress: JANE_OFFICE,
          billingAddress: JANE,
          promoCodes: ["TENOFF"],
        })
        const push = await waitPushed(order.id)

        // Medusa: (1500 + 500) − 10% = 1800, + 10 shipping, + 15% tax on both = 2081.50
        expect(order.total).toBeCloseTo(2081.5, 2)
        const [saleOrder, ...others] = saleOrdersOf(order.id)
        expect(others).toHaveLength(0)
        expect(saleOrder).toMatchObject({ state: "sale", currency_id: [1, "USD"], amount_untaxed: 1810, amount_tax: 271.5 })
        expect(saleOrder.amount_total).toBe(order.total)
        expect(saleOrder.pricelist_id[0]).toEqual(expect.any(Number))
        const [pricelist] = emulator.store.read("product.pricelist", saleOrder.pricelist_id[0], ["currency_id"])
        expect(pricelist.currency_id).toEqual([1, "USD"])
        expect(saleOrder.note).toContain(`#${order.display_id}`)

        const lines = emulator.store.read("sale.order.line", saleOrder.order_line, ["product_id", "product_uom_qty", "price_unit", "discount", "tax_id", "price_subtotal", "name"]) as Row[]
        const [shippingProduct] = emulator.store.searchRead("product.product", [["default_code", "=", "SHIP_MEDUSA"]], ["type"])
        expect(shippingProduct).toMatchObject({ type: "service" })
        const summary = lines.map(({ product_id, product_uom_qty, price_unit, discount, tax_id, price_subtotal }) => ({ product: product_id[0], product_uom_qty, price_unit, discount, tax_id, price_subtotal }))
        // Item lines in Medusa's order (by creation), shipping last.
        expect([...summary.slice(0, 2).sort((a, b) => a.product - b.product), summary[2]]).toEqual([
          { product: DESK, product_uom_qty: 2, price_unit: 750, discount: 10, tax_id: [1], price_subtotal: 1350 },
          { product: CUSTOM_DESK, product_uom_qty: 1, price_unit: 500, discount: 10, tax_id: [1], price_subtotal: 450 },
          { product: shippingProduct.id, product_uom_qty: 1, price_unit: SHIPPING_PRICE, discount: 0, tax_id: [1], price_subtotal: 10 },
        ])

        // The customer: one partner by email, with the billing and shipping addresses as children.
        const [partner] = emulator.store.read("res.partner", saleOrder.partner_id[0], ["name", "email", "street", "state_id", "country_id", "parent_id"])
        expect(partner).toMatchObject({ name: "Jane Doe", email: "Jane.Doe@Example.com", street: "1 Main St", state_id: [13, "California (US)"], country_id: [233, "United States"], parent_id: false })
        const [invoice] = emulator.store.read("res.partner", saleOrder.partner_invoice_id[0], ["type", "parent_id", "street", "city", "zip", "state_id"])
        expect(invoice).toMatchObject({ type: "invoice", parent_id: [partner.id, "Jane Doe"], street: "1 Main St", city: "San Francisco", zip: "94105", state_id: [13, "California (US)"] })
        const [delivery] = emulator.store.read("res.partner", saleOrder.partner_shipping_id[0], ["type", "parent_id", "street", "city", "display_name"])
        expect(delivery).toMatchObject({ type: "delivery", parent_id: [partner.id, "Jane Doe"], street: "2 Side St", city: "Oakland", display_name: "Jane Doe, Jane Doe" })

        // Confirmed: the delivery exists in Odoo.
        const [picking] = emulator.store.read("stock.picking", saleOrder.picking_ids, ["name", "state", "origin", "partner_id"])
        expect(picking).toMatchObject({ state: "assigned", origin: `${saleOrder.name} - ${order.id}`, partner_id: [delivery.id, "Jane Doe, Jane Doe"] })

        // Recorded on the push, on the order, and on the customer (the link the next order uses).
        expect(push).toMatchObject({ odoo_sale_order_id: saleOrder.id, odoo_sale_order_name: saleOrder.name, odoo_partner_id: partner.id, attempts: 1, last_error: null, odoo_state: "sale" })
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: [stored] } = await query.graph({ entity: "order", fields: ["metadata", "customer.metadata"], filters: { id: order.id } })
        expect(stored.metadata).toMatchObject({ odoo_sale_order_id: saleOrder.id, odoo_sale_order_name: saleOrder.name })
        expect(stored.customer?.metadata).toMatchObject({ odoo_partner_id: partner.id })

        // The admin sees it.
        const { data: adminView } = await api.get(`/admin/odoo/orders/${order.id}`, shop.admin)
        expect(adminView.order_push).toMatchObject({ status: "pushed", odoo_sale_order_name: saleOrder.name })
        expect(adminView.odoo_url).toBe(`${emulator.url}/odoo/sales/${saleOrder.id}`)

        // Pushed again (a replayed event, "Push again"): still one Odoo order.
        await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
        const { data: again } = await api.post(`/admin/odoo/orders/${order.id}/push`, {}, shop.admin)
        expect(again.outcome).toMatchObject({ ok: true, created: false, sale_order_id: saleOrder.id })
        await waitFor("replayed push done", async () => ((await pushOf(order.id)).attempts >= 3 && (await pushOf(order.id)).status === "pushed" ? true : undefined))
        expect(saleOrdersOf(order.id)).toHaveLength(1)
        expect(emulator.store.count("res.partner", [["email", "=ilike", "jane.doe@example.com"]])).toBe(1)
      })
    })
    describe("exactly once", () => {
      it("a create whose answer is lost after Odoo wrote the order makes one Odoo order; a returning customer reuses partner and addresses in at most 6 calls", async () => {
        const token = await registerCustomer(api, shop, "john.smith@example.com", { first_name: "John", last_name: "Smith" })
        // customer.created: the partner exists in Odoo before any order, linked to the customer.
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const [customer] = await customers.listCustomers({ email: "john.smith@example.com" })
        const linked = await waitFor("customer linked to an Odoo partner", async () => {
          const [current] = await customers.listCustomers({ id: customer.id })
          return current.metadata?.odoo_partner_id as number | undefined
        })
        expect(emulator.store.read("res.partner", linked, ["name", "email"])[0]).toMatchObject({ name: "John Smith", email: "john.smith@example.com" })
        // customer.updated: the partner follows.
        await api.post("/store/customers/me", { phone: "+1 555 0199" }, { headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": shop.publishableKey } })
        await waitFor("partner updated", async () => emulator.store.read("res.partner", linked, ["phone"])[0].phone === "+1 555 0199")
        const john = { ...JANE, first_name: "John", last_name: "Smith", address_1: "9 Oak Ave" }
        emulator.calls.reset()
        emulator.faults.inject({ model: "sale.order", method: "create", kind: "drop", afterExecution: true, times: 1 })
        const first = await placeOrder(api, shop, { email: "john.smith@example.com", items: [{ odooProductId: DESK, quantity: 1 }], shippingAddress: john, customerToken: token })
        const firstPush = await waitSettled(first.id)
        expect(firstPush).toMatchObject({ status: "pushed", attempts: 1, last_error: null })
        const [firstSale, ...duplicates] = saleOrdersOf(first.id)
        expect(duplicates).toHaveLength(0)
        expect(firstSale.amount_total).toBe(first.total)
        expect(emulator.calls.count({ model: "sale.order", method: "create" })).toBe(1)

        // The same customer again, same address: found through the stored link, nothing created.
        const partnersBefore = emulator.store.count("res.partner", [], { active_test: false })
        emulator.calls.reset()
        const second = await placeOrder(api, shop, { email: "john.smith@example.com", items: [{ odooProductId: CUSTOM_DESK, quantity: 3 }], shippingAddress: john, customerToken: token })
        await waitPushed(second.id)
        const odooCalls = emulator.calls.count({ service: "object" })
        expect(odooCalls).toBeLessThanOrEqual(6)
        expect(emulator.store.count("res.partner", [], { active_test: false })).toBe(partnersBefore)
        const [secondSale] = saleOrdersOf(second.id)
        expect(secondSale.partner_id[0]).toBe(linked)
        expect(secondSale.partner_id).toEqual(firstSale.partner_id)
        expect(secondSale.partner_shipping_id).toEqual(firstSale.partner_shipping_id)
        expect(secondSale.amount_total).toBe(second.total)
        // The sync never deletes a partner.
        expect(emulator.calls.list().some((call) => call.model === "res.partner" && call.ormMethod === "unlink")).toBe(false)
      })

      it("a partner or address create whose answer is lost is not sent again: the next attempt finds what Odoo wrote", async () => {
        const email = "lost.answers@example.com"
        const partnersOf = () => emulator.store.searchRead("res.partner", [["email", "=", email]], ["parent_id", "type"], { active_test: false })
        // The customer's create reaches Odoo, its answer does not: the attempt fails, unknown.
        emulator.calls.reset()
        emulator.faults.inject({ model: "res.partner", method: "create", kind: "drop", afterExecution: true, times: 1 })
        const order = await placeOrder(api, shop, { email, items: [{ odooProductId: DESK, quantity: 1 }], shippingAddress: { ...JANE, first_name: "Lost" } })
        const failed = await waitSettled(order.id)
        expect(failed.status).toBe("failed")
        expect(saleOrdersOf(order.id)).toHaveLength(0)
        const [customer] = partnersOf().filter((partner) => partner.parent_id === false)
        expect(customer).toBeDefined()
        expect(emulator.calls.list().filter((call) => call.model === "res.partner" && call.ormMethod === "create")).toHaveLength(1)

        // The next attempt: now the delivery address's create loses its answer.
        const odoo = odooModule()
        const retry = async () => {
          const [push] = await odoo.listOdooOrderPushes({ order_id: [order.id] })
          await odoo.updateOdooOrderPushes([{ id: push.id, next_attempt_at: new Date(Date.now() - 1000) }])
          await pushOrdersToOdooJob(getContainer())
        }
        emulator.faults.inject({ model: "res.partner", method: "create", kind: "drop", afterExecution: true, times: 1 })
        await retry()
        expect(await pushOf(order.id)).toMatchObject({ status: "failed" })
        await retry()
        expect(await pushOf(order.id)).toMatchObject({ status: "pushed" })

        // One customer (found by email), one delivery address (found by content), one sale order.
        const partners = partnersOf()
        expect(partners.filter((partner) => partner.parent_id === false)).toEqual([customer])
        const addresses = emulator.store.searchRead("res.partner", [["parent_id", "=", customer.id]], ["type", "street"], { active_test: false })
        expect(addresses.filter((address) => address.type === "delivery")).toHaveLength(1)
        const [sale, ...duplicates] = saleOrdersOf(order.id)
        expect(duplicates).toHaveLength(0)
        expect(sale.partner_id[0]).toBe(customer.id)
      })

      it("a confirmation whose answer is lost is not sent again: the order's state read back says it is confirmed", async () => {
        emulator.calls.reset()
        emulator.faults.inject({ model: "sale.order", method: "action_confirm", kind: "drop", afterExecution: true, times: 1 })
        const order = await placeOrder(api, shop, { email: "lost.confirm@example.com", items: [{ odooProductId: DESK, quantity: 1 }], shippingAddress: JANE })
        expect(await waitSettled(order.id)).toMatchObject({ status: "pushed", attempts: 1, last_error: null })
        const [sale, ...duplicates] = saleOrdersOf(order.id)
        expect(duplicates).toHaveLength(0)
        expect(sale.state).toBe("sale")
        expect(emulator.calls.list().filter((call) => call.model === "sale.order" && call.ormMethod === "action_confirm")).toHaveLength(1)
      })

      it("Odoo down: orders are placed anyway, and the order-push job pushes every one once Odoo is back, none twice", async () => {
        // Odoo unreachable behind its proxy: every call answers 502.
        emulator.faults.inject({ kind: "http502" })
        const orders: { id: string; total: number }[] = []
        for (let index = 0; index < 10; index++) {
          orders.push(
            await placeOrder(api, shop, { email: `buyer${index}@example.com`, items: [{ odooProductId: DESK, quantity: 1 + (index % 3) }], shippingAddress: { ...JANE, first_name: `Buyer${index}` } })
          )
        }
        for (const order of orders) {
          const push = await waitSettled(order.id)
          expect(push.status).toBe("failed")
          expect(push.last_error).toMatchObject({ kind: "transport", message: expect.stringContaining("502") })
          expect(new Date(push.next_attempt_at!).getTime()).toBeGreaterThan(Date.now())
        }

        emulator.faults.clear()
        const odoo = odooModule()
        const pushes = await odoo.listOdooOrderPushes({ order_id: orders.map((order) => order.id) })
        // Not due yet: the job leaves them alone.
        await pushOrdersToOdooJob(getContainer())
        expect(emulator.store.count("sale.order", [["client_order_ref", "in", orders.map((order) => order.id)]])).toBe(0)
        // Due now (the backoff has passed); one create's answer is lost on the way.
        await odoo.updateOdooOrderPushes(pushes.map((push) => ({ id: push.id, next_attempt_at: new Date(Date.now() - 1000) })))
        emulator.faults.inject({ model: "sale.order", method: "create", kind: "drop", afterExecution: true, times: 1 })
        await pushOrdersToOdooJob(getContainer())
        await pushOrdersToOdooJob(getContainer())
        for (const order of orders) {
          const sales = saleOrdersOf(order.id)
          expect(sales).toHaveLength(1)
          expect(sales[0].amount_total).toBe(order.total)
          expect(await pushOf(order.id)).toMatchObject({ status: "pushed", odoo_sale_order_id: sales[0].id })
        }
      })
    })

    describe("back from Odoo", () => {
      async function pushedOrder(email: string, quantity = 1) {
        const order = await placeOrder(api, shop, { email, items: [{ odooProductId: DESK, quantity }], shippingAddress: JANE })
        const push = await waitPushed(order.id)
        const [sale] = saleOrdersOf(order.id)
        return { order, push, sale }
      }

      it("an order cancelled in Medusa is cancelled in Odoo with its delivery; one delivered in Odoo is reported, not cancelled", async () => {
        const open = await pushedOrder("cancel.me@example.com")
        await api.post(`/admin/orders/${open.order.id}/cancel`, {}, shop.admin)
        const cancelled = await waitFor("cancel pushed", async () => {
          const push = await pushOf(open.order.id)
          return push.cancel_status !== "none" ? push : undefined
        })
        expect(cancelled).toMatchObject({ cancel_status: "cancelled", cancel_error: null })
        expect(emulator.store.read("sale.order", open.sale.id, ["state"])[0].state).toBe("cancel")
        expect(emulator.store.read("stock.picking", open.sale.picking_ids, ["state"])[0].state).toBe("cancel")

        const delivered = await pushedOrder("too.late@example.com")
        expect(await odooCall("stock.picking", "button_validate", [delivered.sale.picking_ids])).toBe(true)
        await api.post(`/admin/orders/${delivered.order.id}/cancel`, {}, shop.admin)
        const reported = await waitFor("cancel reported", async () => {
          const push = await pushOf(delivered.order.id)
          return push.cancel_status !== "none" ? push : undefined
        })
        const [pickingName] = emulator.store.read("stock.picking", delivered.sale.picking_ids, ["name"]).map((row) => String(row.name))
        expect(reported.cancel_status).toBe("delivered")
        expect(reported.cancel_error).toMatchObject({ message: expect.stringContaining(pickingName) })
        expect(emulator.store.read("sale.order", delivered.sale.id, ["state"])[0].state).toBe("sale")
      })

      it("a delivery done in Odoo becomes a shipped fulfillment in Medusa with the tracking reference, once", async () => {
        const { order, sale } = await pushedOrder("ship.me@example.com", 2)
        await odooCall("stock.picking", "write", [sale.picking_ids, { carrier_tracking_ref: "1Z999AA10123456784" }])
        expect(await odooCall("stock.picking", "button_validate", [sale.picking_ids])).toBe(true)
        await pullOdooDeliveriesJob(getContainer())
        await pullOdooDeliveriesJob(getContainer())
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: [stored] } = await query.graph({
          entity: "order",
          fields: ["fulfillments.shipped_at", "fulfillments.labels.tracking_number", "fulfillments.items.quantity", "fulfillments.metadata"],
          filters: { id: order.id },
        })
        // Typed nullable once `medusa develop` has generated the query types.
        const fulfillments = stored.fulfillments ?? []
        expect(fulfillments).toHaveLength(1)
        expect(fulfillments[0]).toMatchObject({
          shipped_at: expect.anything(),
          labels: [expect.objectContaining({ tracking_number: "1Z999AA10123456784" })],
          metadata: expect.objectContaining({ odoo_picking_id: sale.picking_ids[0] }),
        })
        expect((fulfillments[0]?.items ?? []).map((item: { quantity: number } | null) => Number(item?.quantity))).toEqual([2])
        const { data: adminOrder } = await api.get(`/admin/orders/${order.id}?fields=fulfillment_status`, shop.admin)
        expect(adminOrder.order.fulfillment_status).toBe("shipped")
      })
    })
  },
})
