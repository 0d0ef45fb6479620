import { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type SkippedRecord = {
  odoo_id: number | string
  model: string
  reason: string
  template_id?: number
  /** Absent on runs recorded before kinds existed (skipped records only). */
  kind?: "skipped" | "clash" | "unpriced"
}

export type RunProgress = {
  pages_done: number
  pages_total: number
  products: number
  page_timings?: { templates: number; ms: number }[]
}

export type OdooStats = {
  requests: number
  failures: number
  retries: number
  bytesSent?: number
  bytesReceived: number
  byCall?: Record<string, { calls: number; failures: number; bytesReceived: number; totalMs: number }>
}

export type SyncRun = {
  id: string
  /** "product" or "stock". */
  kind?: string
  trigger: "scheduled" | "admin" | "cli" | "demo"
  status: "running" | "succeeded" | "failed" | "interrupted"
  full: boolean
  dry_run: boolean
  started_at: string
  finished_at: string | null
  counts: Record<string, number> | null
  progress: RunProgress | null
  skipped: SkippedRecord[] | null
  plan: Record<string, string[]> | null
  odoo_stats: OdooStats | null
  error: { message: string; hint?: string; name?: string; kind?: string } | null
}

export type OdooStatus = {
  configured: boolean
  reachable: boolean
  authenticated?: boolean
  odoo_version?: string | null
  url?: string
  database?: string
  username?: string
  api_key_set: boolean
  error?: { kind?: string; message: string } | null
  last_run: SyncRun | null
}

export type OdooProduct = {
  product_id: string
  synced: boolean
  template_id: number | null
  synced_at: string | null
  run: Pick<SyncRun, "id" | "trigger" | "status" | "started_at" | "finished_at"> | null
  edited_in_medusa: boolean
  removed_from_odoo: boolean
  status: string
  variants: { id: string; title: string; sku: string | null; odoo_id: number | null }[]
}

export type SyncedProduct = {
  id: string
  title: string
  status: string
  template_id: number
  synced_at: string | null
  removed_from_odoo: boolean
}

export type RunFilters = { status?: SyncRun["status"]; trigger?: SyncRun["trigger"] }

export type StartSyncBody = { full?: boolean; template_ids?: number[]; allow_mass_removal?: boolean }

const keys = {
  all: ["odoo"] as const,
  status: ["odoo", "status"] as const,
  runs: (offset: number, filters: RunFilters) => ["odoo", "sync-runs", offset, filters] as const,
  run: (id: string) => ["odoo", "sync-run", id] as const,
  product: (id: string) => ["odoo", "product", id] as const,
  products: (query: Record<string, string | number>) => ["odoo", "products", query] as const,
}

const isRunning = (run?: SyncRun | null) => run?.status === "running"

export function useOdooStatus() {
  return useQuery({
    queryKey: keys.status,
    queryFn: () => sdk.client.fetch<OdooStatus>("/admin/odoo/status"),
    refetchInterval: (query) => (isRunning(query.state.data?.last_run) ? 2000 : false),
  })
}

export function useSyncRuns(offset: number, limit: number, filters: RunFilters) {
  return useQuery({
    queryKey: keys.runs(offset, filters),
    queryFn: () =>
      sdk.client.fetch<{ sync_runs: SyncRun[]; count: number }>("/admin/odoo/sync-runs", {
        query: { offset, limit, ...filters },
      }),
    // Follow a running sync without a manual refresh.
    refetchInterval: (query) => (query.state.data?.sync_runs.some(isRunning) ? 1500 : false),
  })
}

export function useSyncRun(id: string, enabled = true) {
  return useQuery({
    enabled: enabled && id !== "",
    queryKey: keys.run(id),
    queryFn: () => sdk.client.fetch<{ sync_run: SyncRun }>(`/admin/odoo/sync-runs/${id}`),
    refetchInterval: (query) => (isRunning(query.state.data?.sync_run) ? 1500 : false),
  })
}

export function useOdooProduct(productId: string) {
  return useQuery({
    queryKey: keys.product(productId),
    queryFn: () => sdk.client.fetch<{ odoo_product: OdooProduct }>(`/admin/odoo/products/${productId}`),
  })
}

export function useSyncedProducts(query: { template_ids?: string; status?: string; limit?: number }, enabled = true) {
  const clean = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== "")) as Record<
    string,
    string | number
  >
  return useQuery({
    queryKey: keys.products(clean),
    queryFn: () => sdk.client.fetch<{ products: SyncedProduct[]; count: number }>("/admin/odoo/products", { query: clean }),
    enabled,
  })
}

export function useStartSync() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: StartSyncBody) => sdk.client.fetch<{ run_id: string }>("/admin/odoo/sync", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  })
}

/** A run (or the start of one) refused because it would take many products out of the store. */
export function isMassRemovalRefusal(message: string | undefined | null): boolean {
  return !!message && /allow_mass_removal|mass[ -]removal/i.test(message)
}

export function errorMessage(error: unknown): string {
  if (error instanceof FetchError) return error.message
  return error instanceof Error ? error.message : String(error)
}
