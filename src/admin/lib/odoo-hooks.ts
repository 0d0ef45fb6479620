import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type SyncRun = {
  id: string
  /** "product" or "stock". */
  kind?: string
  trigger: string
  status: "running" | "succeeded" | "failed" | "interrupted"
  full: boolean
  dry_run: boolean
  started_at: string
  finished_at: string | null
  counts: Record<string, number> | null
  progress: { pages_done: number; pages_total: number; products: number } | null
  skipped: { odoo_id: number | string; model: string; reason: string }[] | null
  error: { message: string; hint?: string } | null
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
  error?: { message: string } | null
  last_run: SyncRun | null
}

const keys = { status: ["odoo", "status"], runs: (offset: number) => ["odoo", "sync-runs", offset] }

export function useOdooStatus() {
  return useQuery({
    queryKey: keys.status,
    queryFn: () => sdk.client.fetch<OdooStatus>("/admin/odoo/status"),
  })
}

export function useSyncRuns(offset: number, limit: number) {
  return useQuery({
    queryKey: keys.runs(offset),
    queryFn: () =>
      sdk.client.fetch<{ sync_runs: SyncRun[]; count: number }>("/admin/odoo/sync-runs", {
        query: { offset, limit },
      }),
    // Follow a running sync without a manual refresh.
    refetchInterval: (query) =>
      query.state.data?.sync_runs.some((run) => run.status === "running") ? 2000 : false,
  })
}

export function useStartSync() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { full?: boolean; dry_run?: boolean }) =>
      sdk.client.fetch<{ run_id: string }>("/admin/odoo/sync", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["odoo"] }),
  })
}
