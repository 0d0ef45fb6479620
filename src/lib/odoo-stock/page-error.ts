/** A stock page that failed: nothing of it was written (or it was rolled back). */
export class StockPageError extends Error {
  readonly cause: unknown
  /** The Odoo error kind when Odoo failed, so the run's hint says what to check. */
  readonly kind?: string
  readonly odooName?: string

  constructor(pageIndex: number, pageCount: number, productIds: number[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String((cause as { message?: unknown })?.message ?? cause)
    super(
      `stock page ${pageIndex + 1} of ${pageCount} (Odoo products ${productIds[0]}–${productIds[productIds.length - 1]}) ` +
        `was rolled back: ${reason.slice(0, 500)}`
    )
    this.name = "StockPageError"
    this.cause = cause
    const odooFields = (typeof cause === "object" && cause !== null ? cause : {}) as { kind?: unknown; odooName?: unknown }
    if (typeof odooFields.kind === "string") this.kind = odooFields.kind
    if (typeof odooFields.odooName === "string") this.odooName = odooFields.odooName
  }
}
