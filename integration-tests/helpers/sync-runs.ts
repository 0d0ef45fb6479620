/** Starting sync runs through the admin API and waiting for them, as the HTTP and reliability specs do. */
import type { RunOdooStats } from "../../src/lib/odoo-sync/odoo-stats"

export type Headers = { headers: Record<string, string> }
export type ApiResponse = { status: number; data: any }
export type Api = {
  get: (url: string, config?: unknown) => Promise<ApiResponse>
  post: (url: string, body?: unknown, config?: unknown) => Promise<ApiResponse>
}

export type SkippedRecord = { odoo_id: number | string; model: string; reason: string; template_id?: number; kind?: string }

export type SyncRun = {
  id: string
  status: "running" | "succeeded" | "failed" | "interrupted"
  trigger: string
  counts: Record<string, number> | null
  skipped: SkippedRecord[] | null
  odoo_stats: RunOdooStats | null
  error: { message: string; hint?: string; kind?: string; name?: string; odoo_name?: string } | null
}

/** The response whatever its status (axios rejects on 4xx/5xx). */
export async function request(call: Promise<ApiResponse>): Promise<ApiResponse> {
  return call.catch((error: { response?: ApiResponse }) => {
    if (!error.response) {
      throw error
    }
    return error.response
  })
}

export async function waitForRun(api: Api, headers: Headers, runId: string): Promise<SyncRun> {
  for (let attempt = 0; attempt < 3000; attempt++) {
    const { data } = await api.get(`/admin/odoo/sync-runs/${runId}`, headers)
    if (data.sync_run.status !== "running") {
      return data.sync_run as SyncRun
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`run ${runId} did not finish`)
}

/** POST /admin/odoo/sync, expecting 202, then waits for the run to settle. */
export async function sync(api: Api, headers: Headers, body: Record<string, unknown> = {}): Promise<SyncRun> {
  const response = await request(api.post("/admin/odoo/sync", body, headers))
  expect(response.status).toBe(202)
  return waitForRun(api, headers, response.data.run_id)
}
