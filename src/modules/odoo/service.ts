import { MedusaService } from "@medusajs/framework/utils"
import type { OdooClient } from "./client/client"
import { checkOdooConnection, connectionCheckClient, type ConnectionCheck } from "./connection-check"
import { OdooSyncCursor } from "./models/sync-cursor"
import { OdooSyncRun } from "./models/sync-run"
import type { OdooModuleOptions } from "./options"
import { listStockChanges, readLatestStockMark, readQuantities, readUnits, readWarehouses } from "./stock-reads"
import type { WriteMark } from "../../lib/odoo-sync/write-mark"
import { OdooOrderPush } from "./models/order-push"
import { OdooSales } from "./sales"
import type { OrderPushPlan, PartnerAddress, PartnerPlan } from "../../lib/odoo-orders/types"
import { downloadImages, readCategories } from "./media-reader"
import type { OdooCategory, OdooCategoryModel } from "../../lib/odoo-categories/category-plan"

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
    // The client re-sends no create, write or action whose answer was lost (client/retry-safety.ts);
    // the sales gateway looks such a record up instead.
    this.sales_ = new OdooSales(odooClient, odooOptions)
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
   * reason it does not (already redacted by the client). Answers within a few seconds even when
   * Odoo hangs: the check has its own short deadline and no retries, and logs in afresh each
   * time (a key revoked since the sync logged in shows here).
   */
  async checkConnection(): Promise<ConnectionCheck> {
    return checkOdooConnection(connectionCheckClient(this.options_))
  }

  /** The validated module options, without the API key. */
  getSyncOptions(): Omit<OdooModuleOptions, "apiKey"> {
    const { apiKey: _omitted, ...rest } = this.options_
    return rest
  }

  /** Stock: every warehouse (archived included) and the partners holding their addresses. */
  readWarehouses() {
    return readWarehouses(this.client_)
  }

  /** Stock: the products whose quants or moves were written since `since`, and the next mark. */
  listStockChanges(since: WriteMark, notAfter: string, settled: string) {
    return listStockChanges(this.client_, since, notAfter, settled)
  }

  /** Stock: the mark of the latest quant and move writes (before a full comparison). */
  readLatestStockMark(notAfter: string, settled: string) {
    return readLatestStockMark(this.client_, notAfter, settled)
  }

  /** Stock: the configured quantity (ODOO_STOCK_QUANTITY) of products per warehouse, and their units. */
  readStockQuantities(productIds: number[], warehouseIds: number[]) {
    return readQuantities(this.client_, productIds, warehouseIds, this.options_.stockQuantity)
  }

  /** Stock: units of measure with category and type. */
  readUnitsOfMeasure(unitIds: number[]) {
    return readUnits(this.client_, unitIds)
  }

  /** The base64 content of image files, by the id of their field attachment. */
  downloadImages(attachmentIds: number[]): Promise<Record<number, string | false>> {
    return downloadImages(this.client_, attachmentIds)
  }

  /** Every category of Odoo's eCommerce (`product.public.category`) or internal tree. */
  readCategories(model: OdooCategoryModel): Promise<OdooCategory[]> {
    return readCategories(this.client_, model)
  }
}
