import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

/** An order's push to Odoo, as GET /admin/odoo/orders/:id returns it. */
export type OdooOrderPush = {
  id: string
  order_id: string
  status: "pending" | "pushing" | "pushed" | "failed" | "abandoned"
  attempts: number
  next_attempt_at: string | null
  last_attempt_at: string | null
  pushed_at: string | null
  last_error: { name: string; message: string } | null
  odoo_sale_order_id: number | null
  odoo_sale_order_name: string | null
  odoo_state: string | null
  cancel_status: "none" | "requested" | "cancelled" | "delivered" | "failed"
  cancel_error: { name: string; message: string } | null
}

type OrderPushResponse = { order_push: OdooOrderPush | null; odoo_url: string | null }

const key = (orderId: string) => ["odoo", "order", orderId] as const

export function useOdooOrderPush(orderId: string) {
  return useQuery({
    queryKey: key(orderId),
    queryFn: () => sdk.client.fetch<OrderPushResponse>(`/admin/odoo/orders/${orderId}`),
    // A push in flight or waiting for its retry is followed.
    refetchInterval: (query) => {
      const status = query.state.data?.order_push?.status
      return status === "pushing" || status === "pending" ? 2000 : false
    },
  })
}

export function usePushOrderAgain(orderId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ outcome: { ok: boolean; error?: { message: string } }; order_push: OdooOrderPush | null }>(
        `/admin/odoo/orders/${orderId}/push`,
        { method: "POST", body: {} }
      ),
    onSettled: () => client.invalidateQueries({ queryKey: key(orderId) }),
  })
}

export function useAbandonOrderPush(orderId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ order_push: OdooOrderPush }>(`/admin/odoo/orders/${orderId}/abandon`, { method: "POST", body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: key(orderId) }),
  })
}
