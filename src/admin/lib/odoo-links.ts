/**
 * Where a product.template opens in Odoo's web client: `/odoo/action-...` from Odoo 17 on, the
 * `/web#id=...&model=...` form URL before (16). Unknown version: the newer form.
 */
export function odooTemplateUrl(baseUrl: string, templateId: number, odooVersion?: string | null): string {
  const major = Number(/(\d+)/.exec(odooVersion ?? "")?.[1] ?? 17)
  return major >= 17
    ? `${baseUrl}/odoo/action-product.product_template_action/${templateId}`
    : `${baseUrl}/web#id=${templateId}&model=product.template&view_type=form`
}

/** A variant (product.product) in Odoo's web client. */
export function odooVariantUrl(baseUrl: string, variantId: number, odooVersion?: string | null): string {
  const major = Number(/(\d+)/.exec(odooVersion ?? "")?.[1] ?? 17)
  return major >= 17
    ? `${baseUrl}/odoo/action-product.product_normal_action_sell/${variantId}`
    : `${baseUrl}/web#id=${variantId}&model=product.product&view_type=form`
}

/** The Odoo record behind a skipped record or clash. */
export function odooRecordUrl(baseUrl: string, model: string, id: number, odooVersion?: string | null): string | null {
  if (model === "product.template") return odooTemplateUrl(baseUrl, id, odooVersion)
  if (model === "product.product") return odooVariantUrl(baseUrl, id, odooVersion)
  return null
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}

export function runDuration(run: { started_at: string; finished_at: string | null }): number | null {
  return run.finished_at ? Date.parse(run.finished_at) - Date.parse(run.started_at) : null
}
