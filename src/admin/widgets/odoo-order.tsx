import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Alert, Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { errorMessage } from "../lib/odoo-hooks"
import { useAbandonOrderPush, useOdooOrderPush, usePushOrderAgain, type OdooOrderPush } from "../lib/odoo-order-hooks"

const STATUS: Record<OdooOrderPush["status"], { label: string; color: "green" | "orange" | "red" | "grey" | "blue" }> = {
  pending: { label: "Waiting", color: "blue" },
  pushing: { label: "Pushing…", color: "blue" },
  pushed: { label: "In Odoo", color: "green" },
  failed: { label: "Failed, retried", color: "red" },
  abandoned: { label: "Given up", color: "grey" },
}

const CANCEL: Record<OdooOrderPush["cancel_status"], string | null> = {
  none: null,
  requested: "Cancellation requested",
  cancelled: "Cancelled in Odoo",
  delivered: "Not cancelled in Odoo: already delivered",
  failed: "Cancellation failed, retried",
}

/** The order's Odoo side: its sale order (with a link), the push status, the last error, "Push again" until it is in Odoo. */
const OdooOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, error, isLoading } = useOdooOrderPush(order.id)
  const pushAgain = usePushOrderAgain(order.id)
  const abandon = useAbandonOrderPush(order.id)
  if (isLoading) return null
  if (error) {
    return (
      <Container>
        <Alert variant="error">Odoo: {errorMessage(error)}</Alert>
      </Container>
    )
  }
  const push = data?.order_push ?? null
  const status = push ? STATUS[push.status] : { label: "Not pushed", color: "grey" as const }
  const cancel = push ? CANCEL[push.cancel_status] : null
  const onPush = () =>
    pushAgain.mutate(undefined, {
      onSuccess: ({ outcome }) =>
        outcome.ok ? toast.success("The order is in Odoo") : toast.error("Odoo did not take the order", { description: outcome.error?.message }),
      onError: (e) => toast.error("Odoo did not take the order", { description: errorMessage(e) }),
    })
  const onAbandon = () =>
    abandon.mutate(undefined, {
      onSuccess: () => toast.success("Retries stopped"),
      onError: (e) => toast.error("Could not stop the retries", { description: errorMessage(e) }),
    })
  return (
    <Container className="divide-y p-0" data-testid="odoo-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Odoo</Heading>
        <StatusBadge color={status.color}>{status.label}</StatusBadge>
      </div>
      <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3">
        <Text size="small" weight="plus">
          Sale order
        </Text>
        <Text size="small">
          {push?.odoo_sale_order_name && data?.odoo_url ? (
            <a href={data.odoo_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive" data-testid="odoo-sale-order-link">
              {push.odoo_sale_order_name}
            </a>
          ) : (
            "–"
          )}
        </Text>
      </div>
      {push && (
        <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3">
          <Text size="small" weight="plus">
            Attempts
          </Text>
          <Text size="small">
            {push.attempts}
            {push.status === "failed" && push.next_attempt_at ? `, next ${new Date(push.next_attempt_at).toLocaleString()}` : ""}
          </Text>
        </div>
      )}
      {push?.last_error && (
        <div className="px-6 py-3">
          <Text size="small" className="text-ui-fg-error" data-testid="odoo-order-error">
            {push.last_error.message}
          </Text>
        </div>
      )}
      {cancel && (
        <div className="px-6 py-3">
          <Text size="small" className={push?.cancel_status === "cancelled" ? "text-ui-fg-subtle" : "text-ui-fg-error"}>
            {cancel}
            {push?.cancel_error ? `: ${push.cancel_error.message}` : ""}
          </Text>
        </div>
      )}
      {push?.status !== "pushed" && (
        // A pushed order is in Odoo once and for all: nothing to offer. One being pushed is left to its push.
        <div className="flex justify-end gap-x-2 px-6 py-3">
          {push && push.status !== "abandoned" && (
            <Button size="small" variant="secondary" onClick={onAbandon} isLoading={abandon.isPending}>
              Give up
            </Button>
          )}
          <Button
            size="small"
            variant="secondary"
            onClick={onPush}
            isLoading={pushAgain.isPending}
            disabled={push?.status === "pushing"}
            data-testid="odoo-push-again"
          >
            {push ? "Push again" : "Push to Odoo"}
          </Button>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OdooOrderWidget
