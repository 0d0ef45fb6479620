import { MedusaService } from "@medusajs/framework/utils"
import { OdooClient } from "./client/client"
import { OdooError } from "./client/errors"
import { OdooSyncCursor } from "./models/sync-cursor"
import { OdooSyncRun } from "./models/sync-run"
import type { OdooModuleOptions } from "./options"
import { OdooOrderPush } from "./models/order-push"
import { OdooSales } from "./sales"
import type { OrderPushPlan, PartnerAddress, PartnerPlan } from "../../lib/odoo-orders/types"

type InjectedDependencies = {
  odooClient: OdooClient
  odooOptions: OdooModuleOptions
}

/**
 * The Odoo module's service: the Odoo client for workflows, the sync options, and the
 * sync's own records (run history and incremental cursors).
 */
export default class OdooModuleService extends MedusaService({ OdooSyncRun, OdooSyncCursor, OdooOrderPush }) {
  protected readonly client_: OdooClient
  protected readonly options_: OdooModuleOptions

  constructor({ odooClient, odooOptions }: InjectedDependencies) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.client_ = odooClient
    this.options_ = odooOptions
    // Writes go through a client that never re-sends a call whose answer was lost.
    this.sales_ = new OdooSales(odooClient, odooOptions, new OdooClient({ ...odooOptions, maxRetries: 0 }))
  }

  // Orders and customers (see ./sales.ts): Odoo's side of the order push.
  protected readonly sales_: OdooSales

  /** Whether pushed orders are confirmed in Odoo (ODOO_CONFIRM_ORDERS). */
  get confirmOrders(): boolean {
    return this.sales_.confirmOrders
  }

  saleOrderUrl(id: number): string {
    return this.sales_.saleOrderUrl(id)
  }

  findOrCreatePartner(plan: PartnerPlan, invoiceAddress: PartnerAddress | null, shippingAddress: PartnerAddress | null) {
    return this.sales_.findOrCreatePartner(plan, invoiceAddress, shippingAddress)
  }

  upsertCustomerPartner(plan: PartnerPlan) {
    return this.sales_.upsertCustomerPartner(plan)
  }

  createSaleOrder(plan: OrderPushPlan, partner: Awaited<ReturnType<OdooSales["findOrCreatePartner"]>>) {
    return this.sales_.createSaleOrder(plan, partner)
  }

  confirmSaleOrder(order: Awaited<ReturnType<OdooSales["readSaleOrder"]>> & object) {
    return this.sales_.confirmSaleOrder(order)
  }

  findSaleOrderByRef(clientOrderRef: string) {
    return this.sales_.findSaleOrderByRef(clientOrderRef)
  }

  cancelSaleOrder(reference: { id?: number | null; clientOrderRef: string }) {
    return this.sales_.cancelSaleOrder(reference)
  }

  readDoneDeliveries(since: string | null, limit?: number) {
    return this.sales_.readDoneDeliveries(since, limit)
  }

  /** The client for Odoo's external API (errors typed, key redacted, retries built in). */
  get client(): OdooClient {
    return this.client_
  }

  /**
   * Whether Odoo answers and accepts the credentials: its version and the user id, or the
   * reason it does not (already redacted by the client).
   */
  async checkConnection(): Promise<
    | { reachable: true; authenticated: boolean; odoo_version: string; uid: number | null; error: null }
    | { reachable: boolean; authenticated: false; odoo_version: string | null; uid: null; error: { kind?: string; message: string } }
  > {
    let odooVersion: string | null = null
    try {
      const version = await this.client_.version()
      odooVersion = version.server_version
      const uid = await this.client_.authenticate()
      return { reachable: true, authenticated: true, odoo_version: odooVersion, uid, error: null }
    } catch (error) {
      const kind = error instanceof OdooError ? error.kind : undefined
      return {
        reachable: odooVersion !== null,
        authenticated: false,
        odoo_version: odooVersion,
        uid: null,
        error: { kind, message: error instanceof Error ? error.message : String(error) },
      }
    }
  }

  /** The validated module options, without the API key. */
  getSyncOptions(): Omit<OdooModuleOptions, "apiKey"> {
    const { apiKey: _omitted, ...rest } = this.options_
    return rest
  }
}
