/**
 * Orders and customers in Odoo: the only place that knows the shape of res.partner, sale.order,
 * stock.picking and account.tax. The module service delegates to it; workflows never see the client.
 *
 * Exactly once: a sale order is looked up by `client_order_ref` (the Medusa order id) before every
 * create, and a create whose answer was lost is looked up again instead of being sent twice.
 */
import { isSameAddress, type OdooContactRecord } from "../../lib/odoo-orders/addresses"
import { toSaleOrderValues } from "../../lib/odoo-orders/sale-order-values"
import type { OrderPushPlan, PartnerAddress, PartnerPlan, ResolvedOrderRefs, TaxPlan } from "../../lib/odoo-orders/types"
import type { OdooClient } from "./client/client"
import { isOdooError } from "./client/errors"
import type { OdooModuleOptions } from "./options"

/** Odoo data the push needs is missing or wrong: retrying does not help until someone fixes it. */
export class OdooOrderDataError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "OdooOrderDataError"
  }

  toJSON(): { name: string; message: string } {
    return { name: this.name, message: this.message }
  }
}

export interface OdooSaleOrderSummary {
  id: number
  name: string
  state: string
  amount_total: number
  currency: string | null
  client_order_ref: string | false
}

export interface OdooPartnerResult {
  partnerId: number
  /** The partner was created by this call (not found by link or email). */
  created: boolean
  invoiceAddressId: number
  shippingAddressId: number
  /** Odoo calls made (for the calls-per-order figure). */
  calls: number
}

export interface OdooCancelResult {
  outcome: "cancelled" | "already_cancelled" | "delivered" | "not_found"
  saleOrderId: number | null
  /** Names of the done deliveries when the order could not be cancelled. */
  deliveredPickings: string[]
}

export interface OdooDoneDelivery {
  pickingId: number
  pickingName: string
  saleOrderId: number
  clientOrderRef: string
  trackingRef: string | null
  dateDone: string
  writeDate: string
  /** Delivered quantity per Odoo product id. */
  quantities: { productId: number; quantity: number }[]
}

const PARTNER_FIELDS = ["name", "email", "parent_id", "type", "street", "street2", "city", "zip", "country_id", "state_id", "active"]
const ORDER_FIELDS = ["name", "state", "amount_total", "currency_id", "client_order_ref"]
/** Lost answers: Odoo may have applied the call. */
const UNKNOWN_OUTCOME = new Set(["timeout", "connection_reset", "network", "http_status", "non_json_body", "malformed_envelope"])

const idOf = (value: unknown): number | false =>
  typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] : false
const nameOf = (value: unknown): string | null => (Array.isArray(value) && typeof value[1] === "string" ? value[1] : null)

/** An `=ilike` pattern matching exactly this text (Odoo's wildcards escaped). */
export function exactIlike(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/%/g, "\\%").replace(/_/g, "\\_")
}

export class OdooSales {
  private readonly countries = new Map<string, number>()
  private readonly states = new Map<string, number>()
  private readonly pricelists = new Map<string, number>()
  private shippingProductId: number | undefined
  private saleTaxes: { id: number; amount: number; price_include: boolean }[] | undefined

  /**
   * @param client the module's client: it retries reads, and re-sends a create, write or action
   *   only when Odoo provably did not apply it (client/retry-safety.ts).
   * @param writer the client for creates, writes and actions (the same one unless a test says otherwise).
   */
  constructor(
    private readonly client: OdooClient,
    private readonly options: Pick<OdooModuleOptions, "shippingProduct" | "confirmOrders" | "url">,
    private readonly writer: OdooClient = client
  ) {}

  get confirmOrders(): boolean {
    return this.options.confirmOrders
  }

  /** The Odoo web client's page of a sale order. */
  saleOrderUrl(id: number): string {
    return `${this.options.url}/odoo/sales/${id}`
  }

  /** Forgets the cached Odoo ids; true when there were any. */
  clearCaches(): boolean {
    const had = this.countries.size + this.states.size + this.pricelists.size > 0 || this.shippingProductId !== undefined || this.saleTaxes !== undefined
    this.countries.clear()
    this.states.clear()
    this.pricelists.clear()
    this.shippingProductId = undefined
    this.saleTaxes = undefined
    return had
  }

  // ------------------------------------------------------------- partners

  /** Country and state ids for an address's codes (cached); reported when Odoo does not know them. */
  async resolveCountryState(address: PartnerAddress): Promise<{ countryId: number | false; stateId: number | false }> {
    if (!address.countryCode) return { countryId: false, stateId: false }
    let countryId = this.countries.get(address.countryCode)
    if (countryId === undefined) {
      const [country] = await this.client.searchRead<{ id: number }>("res.country", {
        domain: [["code", "=", address.countryCode]],
        fields: ["code"],
        limit: 1,
      })
      if (!country) throw new OdooOrderDataError(`Odoo has no country with code ${address.countryCode} (res.country)`)
      countryId = country.id
      this.countries.set(address.countryCode, countryId)
    }
    if (!address.stateCode) return { countryId, stateId: false }
    const stateKey = `${address.countryCode}/${address.stateCode}`
    let stateId = this.states.get(stateKey)
    if (stateId === undefined) {
      const [state] = await this.client.searchRead<{ id: number }>("res.country.state", {
        domain: [["country_id", "=", countryId], "|", ["code", "=ilike", exactIlike(address.stateCode)], ["name", "=ilike", exactIlike(address.stateCode)]],
        fields: ["code"],
        limit: 1,
      })
      if (!state) {
        throw new OdooOrderDataError(`Odoo has no state "${address.stateCode}" in country ${address.countryCode} (res.country.state)`)
      }
      stateId = state.id
      this.states.set(stateKey, stateId)
    }
    return { countryId, stateId }
  }

  private async addressValues(address: PartnerAddress): Promise<Record<string, unknown>> {
    const { countryId, stateId } = await this.resolveCountryState(address)
    return {
      name: address.name,
      street: address.street,
      street2: address.street2,
      city: address.city,
      zip: address.zip,
      country_id: countryId,
      state_id: stateId,
      ...(address.phone ? { phone: address.phone } : {}),
    }
  }

  /**
   * The customer's partner: the stored link first, then a top-level contact with the same email
   * (case-insensitive), else a new one. Its children (addresses) come back for matching.
   */
  private async findPartner(plan: PartnerPlan): Promise<{ partner: OdooContactRecord | null; children: OdooContactRecord[]; calls: number }> {
    if (plan.linkedPartnerId !== null) {
      const records = await this.client.searchRead<OdooContactRecord & { active?: boolean }>("res.partner", {
        domain: ["|", ["id", "=", plan.linkedPartnerId], ["parent_id", "=", plan.linkedPartnerId]],
        fields: PARTNER_FIELDS,
        context: { active_test: false },
      })
      const partner = records.find((record) => record.id === plan.linkedPartnerId)
      if (partner) return { partner, children: records.filter((record) => record.id !== partner.id && record.active !== false), calls: 1 }
    }
    const [byEmail] = await this.client.searchRead<OdooContactRecord>("res.partner", {
      domain: [["email", "=ilike", exactIlike(plan.email)], ["parent_id", "=", false]],
      fields: PARTNER_FIELDS,
      order: "id",
      limit: 1,
    })
    if (!byEmail) return { partner: null, children: [], calls: plan.linkedPartnerId !== null ? 2 : 1 }
    const children = await this.client.searchRead<OdooContactRecord>("res.partner", {
      domain: [["parent_id", "=", byEmail.id]],
      fields: PARTNER_FIELDS,
      order: "id",
    })
    return { partner: byEmail, children, calls: plan.linkedPartnerId !== null ? 3 : 2 }
  }

  /** Creates a contact; a create whose answer was lost is not sent again (the next push finds it by email). */
  private async createPartner(values: Record<string, unknown>): Promise<number> {
    try {
      return await this.writer.create("res.partner", values)
    } catch (error) {
      // A refused create wrote nothing; cached country/state ids may be stale: the next attempt reads them again.
      if (isOdooError(error) && (error.kind === "invalid_request" || error.kind === "not_found")) this.clearCaches()
      throw error
    }
  }

  /** An address of the partner of that type with the same content, or a new child contact. */
  private async findOrCreateAddress(
    parentId: number,
    type: "invoice" | "delivery",
    address: PartnerAddress | null,
    children: OdooContactRecord[]
  ): Promise<{ id: number; calls: number }> {
    if (!address) return { id: parentId, calls: 0 }
    const { countryId, stateId } = await this.resolveCountryState(address)
    const existing = children.find((child) => child.type === type && isSameAddress(child, address, countryId, stateId))
    if (existing) return { id: existing.id, calls: 0 }
    const values = { ...(await this.addressValues(address)), parent_id: parentId, type }
    const id = await this.createPartner(values)
    children.push({ id, type, name: address.name, street: address.street, street2: address.street2, city: address.city, zip: address.zip, country_id: countryId, state_id: stateId })
    return { id, calls: 1 }
  }

  /** The order's customer and its invoice and delivery addresses in Odoo. */
  async findOrCreatePartner(
    plan: PartnerPlan,
    invoiceAddress: PartnerAddress | null,
    shippingAddress: PartnerAddress | null
  ): Promise<OdooPartnerResult> {
    const found = await this.findPartner(plan)
    let calls = found.calls
    let partnerId: number
    let created = false
    if (found.partner) {
      partnerId = found.partner.id
    } else {
      const addressPart = plan.address ? await this.addressValues(plan.address) : {}
      partnerId = await this.createPartner({
        ...addressPart,
        name: plan.name,
        email: plan.email,
        ...(plan.phone ? { phone: plan.phone } : {}),
      })
      created = true
      calls += 1
    }
    const invoice = await this.findOrCreateAddress(partnerId, "invoice", invoiceAddress, found.children)
    const shipping = await this.findOrCreateAddress(partnerId, "delivery", shippingAddress, found.children)
    return { partnerId, created, invoiceAddressId: invoice.id, shippingAddressId: shipping.id, calls: calls + invoice.calls + shipping.calls }
  }

  /**
   * A Medusa customer created or updated: its partner (by link, then email) gets the name, email,
   * phone and address; created when there is none. Partners are never deleted.
   */
  async upsertCustomerPartner(plan: PartnerPlan): Promise<{ partnerId: number; created: boolean }> {
    const found = await this.findPartner(plan)
    const addressPart = plan.address ? await this.addressValues(plan.address) : {}
    const values: Record<string, unknown> = { ...addressPart, name: plan.name, email: plan.email, ...(plan.phone ? { phone: plan.phone } : {}) }
    if (found.partner) {
      await this.writer.write("res.partner", [found.partner.id], values)
      return { partnerId: found.partner.id, created: false }
    }
    return { partnerId: await this.createPartner(values), created: true }
  }

  // ------------------------------------------------------------ sale orders

  /** The pricelist in the order's currency (the partner's default may be in another one). */
  async pricelistFor(currencyCode: string): Promise<number> {
    const cached = this.pricelists.get(currencyCode)
    if (cached !== undefined) return cached
    const [pricelist] = await this.client.searchRead<{ id: number }>("product.pricelist", {
      domain: [["currency_id.name", "=", currencyCode]],
      fields: ["name"],
      order: "sequence, id",
      limit: 1,
    })
    if (!pricelist) throw new OdooOrderDataError(`Odoo has no pricelist in ${currencyCode} (product.pricelist): create one, orders in ${currencyCode} need it`)
    this.pricelists.set(currencyCode, pricelist.id)
    return pricelist.id
  }

  /** The service product shipping lines use (ODOO_SHIPPING_PRODUCT), created when absent. */
  async shippingProduct(): Promise<number> {
    if (this.shippingProductId !== undefined) return this.shippingProductId
    const code = this.options.shippingProduct
    const [existing] = await this.client.searchRead<{ id: number }>("product.product", {
      domain: [["default_code", "=", code]],
      fields: ["default_code"],
      context: { active_test: false },
      limit: 1,
    })
    if (existing) {
      this.shippingProductId = existing.id
      return existing.id
    }
    const templateId = await this.writer.create("product.template", {
      name: "Shipping",
      default_code: code,
      type: "service",
      sale_ok: true,
      purchase_ok: false,
      list_price: 0,
      taxes_id: [[6, 0, []]],
    })
    const [template] = await this.client.read<{ id: number; product_variant_ids: number[] }>("product.template", [templateId], {
      fields: ["product_variant_ids"],
    })
    const variantId = template?.product_variant_ids?.[0]
    if (!variantId) throw new OdooOrderDataError(`Odoo made no product variant for the shipping product ${code} (product.template ${templateId})`)
    this.shippingProductId = variantId
    return variantId
  }

  /** Odoo sale taxes of the rates Medusa charged (percent, price included or not). */
  async taxIdsFor(plan: TaxPlan): Promise<number[]> {
    if (plan.rates.length === 0) return []
    this.saleTaxes ??= await this.client.searchRead<{ id: number; amount: number; price_include: boolean }>("account.tax", {
      domain: [["type_tax_use", "=", "sale"], ["amount_type", "=", "percent"]],
      fields: ["amount", "price_include"],
      order: "sequence, id",
    })
    return plan.rates.map((rate) => {
      const tax = this.saleTaxes?.find((candidate) => Math.abs(candidate.amount - rate) < 1e-6 && candidate.price_include === plan.priceIncluded)
      if (!tax) {
        this.saleTaxes = undefined // read again next time: someone may add it
        throw new OdooOrderDataError(
          `Odoo has no sale tax of ${rate}% ${plan.priceIncluded ? "included in" : "excluded from"} the price (account.tax, type sale, percent)`
        )
      }
      return tax.id
    })
  }

  async findSaleOrderByRef(clientOrderRef: string): Promise<OdooSaleOrderSummary | null> {
    const [order] = await this.client.searchRead<Record<string, unknown> & { id: number }>("sale.order", {
      domain: [["client_order_ref", "=", clientOrderRef]],
      fields: ORDER_FIELDS,
      order: "id",
      limit: 1,
      context: { active_test: false },
    })
    return order ? this.summary(order) : null
  }

  async readSaleOrder(id: number): Promise<OdooSaleOrderSummary | null> {
    const [order] = await this.client.read<Record<string, unknown> & { id: number }>("sale.order", [id], { fields: ORDER_FIELDS })
    return order ? this.summary(order) : null
  }

  private summary(order: Record<string, unknown> & { id: number }): OdooSaleOrderSummary {
    return {
      id: order.id,
      name: String(order.name ?? ""),
      state: String(order.state ?? ""),
      amount_total: typeof order.amount_total === "number" ? order.amount_total : 0,
      currency: nameOf(order.currency_id),
      client_order_ref: typeof order.client_order_ref === "string" ? order.client_order_ref : false,
    }
  }

  /** Everything the sale order refers to, resolved in Odoo (cached lookups after the first order). */
  async resolveOrderRefs(plan: OrderPushPlan, partner: OdooPartnerResult): Promise<ResolvedOrderRefs> {
    const pricelistId = await this.pricelistFor(plan.currencyCode)
    const shippingProductId = plan.shipping.length > 0 ? await this.shippingProduct() : null
    const taxIds: number[][] = []
    for (const line of [...plan.lines, ...plan.shipping]) taxIds.push(await this.taxIdsFor(line.taxes))
    return {
      partnerId: partner.partnerId,
      invoiceAddressId: partner.invoiceAddressId,
      shippingAddressId: partner.shippingAddressId,
      pricelistId,
      shippingProductId,
      taxIds,
    }
  }

  /**
   * Creates the sale order unless one with this client_order_ref exists. A create whose answer was
   * lost (timeout, reset, 5xx) is never sent again blindly: the order is looked up by reference.
   */
  async createSaleOrder(plan: OrderPushPlan, partner: OdooPartnerResult): Promise<{ order: OdooSaleOrderSummary; created: boolean }> {
    const existing = await this.findSaleOrderByRef(plan.clientOrderRef)
    if (existing) return { order: existing, created: false }
    let id: number
    try {
      id = await this.writer.create("sale.order", toSaleOrderValues(plan, await this.resolveOrderRefs(plan, partner)))
    } catch (error) {
      if (!isOdooError(error)) throw error
      if (error.kind === "transport" && UNKNOWN_OUTCOME.has(error.reason ?? "")) {
        const applied = await this.findSaleOrderByRef(plan.clientOrderRef)
        if (applied) return { order: applied, created: true }
        throw error
      }
      // Odoo refused the values (nothing was written): a cached pricelist, tax or shipping product
      // may have been deleted since. Resolved afresh, the create is sent once more.
      if ((error.kind !== "not_found" && error.kind !== "invalid_request") || !this.clearCaches()) throw error
      id = await this.writer.create("sale.order", toSaleOrderValues(plan, await this.resolveOrderRefs(plan, partner)))
    }
    const order = await this.readSaleOrder(id)
    if (!order) throw new OdooOrderDataError(`sale.order ${id} was created but cannot be read back`)
    return { order, created: true }
  }

  /** action_confirm on a quotation (reserves stock, creates the delivery); a confirmed order is left alone. */
  async confirmSaleOrder(order: OdooSaleOrderSummary): Promise<OdooSaleOrderSummary> {
    if (order.state !== "draft" && order.state !== "sent") return order
    try {
      await this.writer.call("sale.order", "action_confirm", [[order.id]])
    } catch (error) {
      // A lost answer: confirmed or not, the order's state says (the next attempt confirms it if not).
      if (!isOdooError(error) || error.kind !== "transport" || !UNKNOWN_OUTCOME.has(error.reason ?? "")) throw error
      const current = await this.readSaleOrder(order.id)
      if (!current || current.state === "draft" || current.state === "sent") throw error
      return current
    }
    return { ...order, state: "sale" }
  }

  /**
   * Cancels the Odoo order unless a delivery of it is done. Plain action_cancel on a confirmed order
   * only returns the cancel wizard; the context `disable_cancel_warning` makes it cancel.
   */
  async cancelSaleOrder(reference: { id?: number | null; clientOrderRef: string }): Promise<OdooCancelResult> {
    const order = reference.id ? await this.readSaleOrder(reference.id) : await this.findSaleOrderByRef(reference.clientOrderRef)
    if (!order) return { outcome: "not_found", saleOrderId: null, deliveredPickings: [] }
    if (order.state === "cancel") return { outcome: "already_cancelled", saleOrderId: order.id, deliveredPickings: [] }
    const done = await this.client.searchRead<{ id: number; name: string }>("stock.picking", {
      domain: [["sale_id", "=", order.id], ["state", "=", "done"]],
      fields: ["name"],
    })
    if (done.length > 0) return { outcome: "delivered", saleOrderId: order.id, deliveredPickings: done.map((picking) => picking.name) }
    const result = await this.writer.call("sale.order", "action_cancel", [[order.id]], { context: { disable_cancel_warning: true } })
    if (result !== true) {
      throw new OdooOrderDataError(`sale.order ${order.name}: action_cancel did not cancel (it answered ${JSON.stringify(result).slice(0, 200)})`)
    }
    return { outcome: "cancelled", saleOrderId: order.id, deliveredPickings: [] }
  }

  /** Done deliveries to customers of Medusa orders, written since `since` (Odoo datetime), oldest first. */
  async readDoneDeliveries(since: string | null, limit = 200): Promise<OdooDoneDelivery[]> {
    // Returns also point at the sale order: only transfers to a customer location are deliveries.
    const domain: unknown[] = [["state", "=", "done"], ["sale_id.client_order_ref", "!=", false], ["location_dest_id.usage", "=", "customer"]]
    if (since) domain.push(["write_date", ">=", since])
    const pickings = await this.client.searchRead<Record<string, unknown> & { id: number }>("stock.picking", {
      domain: domain as never,
      fields: ["name", "sale_id", "carrier_tracking_ref", "date_done", "write_date", "move_ids"],
      order: "write_date, id",
      limit,
    })
    if (pickings.length === 0) return []
    const orderIds = [...new Set(pickings.map((picking) => idOf(picking.sale_id)).filter((id): id is number => id !== false))]
    const moveIds = pickings.flatMap((picking) => (Array.isArray(picking.move_ids) ? (picking.move_ids as number[]) : []))
    const [orders, moves] = await Promise.all([
      this.client.read<{ id: number; client_order_ref: string | false }>("sale.order", orderIds, { fields: ["client_order_ref"] }),
      moveIds.length
        ? this.client.read<{ id: number; product_id: unknown; quantity: number; state: string; picking_id: unknown }>("stock.move", moveIds, {
            fields: ["product_id", "quantity", "state", "picking_id"],
          })
        : Promise.resolve([]),
    ])
    const refs = new Map(orders.map((order) => [order.id, order.client_order_ref]))
    return pickings.flatMap((picking) => {
      const saleOrderId = idOf(picking.sale_id)
      const clientOrderRef = saleOrderId ? refs.get(saleOrderId) : false
      if (!saleOrderId || !clientOrderRef) return []
      const quantities = moves
        .filter((move) => idOf(move.picking_id) === picking.id && move.state === "done")
        .map((move) => ({ productId: idOf(move.product_id) as number, quantity: move.quantity }))
        .filter((entry) => entry.productId && entry.quantity > 0)
      return [
        {
          pickingId: picking.id,
          pickingName: String(picking.name),
          saleOrderId,
          clientOrderRef,
          trackingRef: typeof picking.carrier_tracking_ref === "string" && picking.carrier_tracking_ref ? picking.carrier_tracking_ref : null,
          dateDone: String(picking.date_done),
          writeDate: String(picking.write_date),
          quantities,
        },
      ]
    })
  }
}
