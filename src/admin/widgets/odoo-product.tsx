import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminProduct } from "@medusajs/framework/types"
import { Alert, Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { errorMessage, useOdooProduct, useOdooStatus, useStartSync, useSyncRun } from "../lib/odoo-hooks"
import { odooTemplateUrl } from "../lib/odoo-links"
import { describeCounts, TRIGGER_LABEL } from "../components/odoo/run-format"

/** The product's Odoo side: its template, the last sync, whether an edit here will be overwritten. */
const OdooProductWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, error } = useOdooProduct(product.id)
  const { data: status } = useOdooStatus()
  const startSync = useStartSync()
  const queryClient = useQueryClient()
  // The run "Sync this product now" started, followed until it ends; then the product is read again.
  const [runId, setRunId] = useState("")
  const { data: watched } = useSyncRun(runId, runId !== "")
  const watchedRun = watched?.sync_run
  useEffect(() => {
    if (watchedRun && watchedRun.status !== "running") {
      void queryClient.invalidateQueries({ queryKey: ["products"] })
      void queryClient.invalidateQueries({ queryKey: ["odoo", "product", product.id] })
    }
  }, [watchedRun?.status])
  const odoo = data?.odoo_product
  if (error) {
    return (
      <Container>
        <Alert variant="error">Odoo: {errorMessage(error)}</Alert>
      </Container>
    )
  }
  if (!odoo?.synced || odoo.template_id === null) return null
  const templateId = odoo.template_id
  const syncThis = () =>
    startSync.mutate(
      { template_ids: [templateId] },
      {
        onSuccess: ({ run_id }) => {
          setRunId(run_id)
          toast.success("Syncing this product from Odoo", { description: `Run ${run_id}` })
        },
        onError: (e) => toast.error("The sync did not start", { description: errorMessage(e) }),
      }
    )
  const rows: [string, React.ReactNode][] = [
    [
      "Template",
      status?.url ? (
        <a href={odooTemplateUrl(status.url, templateId, status.odoo_version)} target="_blank" rel="noreferrer" className="text-ui-fg-interactive" data-testid="odoo-template-link">
          product.template {templateId}
        </a>
      ) : (
        `product.template ${templateId}`
      ),
    ],
    ["Last synced", odoo.synced_at ? new Date(odoo.synced_at).toLocaleString() : "–"],
    [
      "By run",
      odoo.run ? (
        <Link to={`/odoo/${odoo.run.id}`} className="text-ui-fg-interactive">
          {TRIGGER_LABEL[odoo.run.trigger] ?? odoo.run.trigger}, {new Date(odoo.run.started_at).toLocaleString()}
        </Link>
      ) : (
        "–"
      ),
    ],
  ]
  return (
    <Container className="divide-y p-0" data-testid="odoo-product-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Odoo</Heading>
        <StatusBadge color={odoo.removed_from_odoo ? "orange" : odoo.edited_in_medusa ? "orange" : "green"}>
          {odoo.removed_from_odoo ? "Left the sync" : odoo.edited_in_medusa ? "Edited here" : "In step"}
        </StatusBadge>
      </div>
      {rows.map(([label, value]) => (
        <div key={label} className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3">
          <Text size="small" weight="plus">
            {label}
          </Text>
          <Text size="small">{value}</Text>
        </div>
      ))}
      <div className="px-6 py-3">
        {odoo.edited_in_medusa ? (
          <Text size="small" className="text-ui-fg-error" data-testid="odoo-overwrite-warning">
            The title, description or status was changed here: the next sync writes Odoo's values back. Change them
            in Odoo to keep them.
          </Text>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            Title, description, status, variants, prices, Odoo's images and categories come from Odoo; images and
            categories added here, collections and sales channels are Medusa's and are left alone.
          </Text>
        )}
        {odoo.status === "draft" && !odoo.removed_from_odoo && (
          <Text size="small" className="text-ui-fg-subtle mt-2">
            Draft: in Odoo this product is archived, not for sale, has no sellable variant, or is not published on the
            website (is_published).
          </Text>
        )}
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-3">
        <Text size="small" weight="plus">
          Variants in Odoo
        </Text>
        {odoo.variants.map((variant) => (
          <div key={variant.id} className="flex justify-between" data-testid="odoo-variant">
            <Text size="small" className="text-ui-fg-subtle truncate">
              {variant.title}
              {variant.sku ? ` · ${variant.sku}` : ""}
            </Text>
            <Text size="small">{variant.odoo_id !== null ? `product.product ${variant.odoo_id}` : "not from Odoo"}</Text>
          </div>
        ))}
      </div>
      <div className="flex flex-col items-end gap-y-2 px-6 py-3">
        <Text size="small" className="text-ui-fg-subtle self-start" data-testid="odoo-product-sync-state">
          {watchedRun
            ? watchedRun.status === "running"
              ? "Syncing…"
              : watchedRun.status === "succeeded"
                ? `Synced: ${describeCounts(watchedRun)}`
                : `Sync ${watchedRun.status}: ${watchedRun.error?.message ?? ""}`
            : ""}
        </Text>
        <Button size="small" variant="secondary" isLoading={startSync.isPending} disabled={!status?.configured} onClick={syncThis}>
          Sync this product now
        </Button>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default OdooProductWidget
