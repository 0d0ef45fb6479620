import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { type SyncRun, useOdooStatus, useStartSync, useSyncRuns } from "../../lib/odoo-hooks"

const PAGE_SIZE = 20

const STATUS_COLOR: Record<SyncRun["status"], "green" | "red" | "blue" | "orange"> = {
  succeeded: "green",
  failed: "red",
  running: "blue",
  interrupted: "orange",
}

function describeCounts(run: SyncRun): string {
  const counts = run.counts
  if (!counts) return "–"
  if (run.kind === "stock") {
    return `levels created ${counts.levels_created ?? 0}, updated ${counts.levels_updated ?? 0}, unchanged ${
      counts.levels_unchanged ?? 0
    }, skipped ${counts.skipped ?? 0}`
  }
  return `created ${counts.created ?? 0}, updated ${counts.updated ?? 0}, unchanged ${counts.unchanged ?? 0}, drafted ${
    (counts.drafted ?? 0) + (counts.deleted ?? 0)
  }, skipped ${counts.skipped ?? 0}, clashes ${counts.clashes ?? 0}`
}

function duration(run: SyncRun): string {
  if (!run.finished_at) return run.progress ? `${run.progress.pages_done}/${run.progress.pages_total} pages` : "…"
  return `${Math.round((Date.parse(run.finished_at) - Date.parse(run.started_at)) / 100) / 10} s`
}

function StatusSection() {
  const { data: status, isLoading } = useOdooStatus()
  const startSync = useStartSync()
  const start = (full: boolean) =>
    startSync.mutate(
      { full },
      {
        onSuccess: ({ run_id }) => toast.success(`Sync started (${run_id})`),
        onError: (error) => toast.error(error.message),
      }
    )
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h1">Odoo sync</Heading>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" disabled={!status?.configured} onClick={() => start(true)}>
            Full sync
          </Button>
          <Button size="small" disabled={!status?.configured} isLoading={startSync.isPending} onClick={() => start(false)}>
            Sync now
          </Button>
        </div>
      </div>
      <div className="px-6 py-4">
        {isLoading || !status ? (
          <Text>Checking Odoo…</Text>
        ) : !status.configured ? (
          <Text>The integration is off: set ODOO_URL, ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY.</Text>
        ) : (
          <Text>
            {status.reachable ? `Odoo ${status.odoo_version} at ${status.url}` : `Odoo at ${status.url} is unreachable`}
            {` · database ${status.database} · user ${status.username}`}
            {status.error ? ` · ${status.error.message}` : ""}
          </Text>
        )}
      </div>
    </Container>
  )
}

function RunsSection() {
  const [offset, setOffset] = useState(0)
  const { data } = useSyncRuns(offset, PAGE_SIZE)
  const runs = data?.sync_runs ?? []
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Runs</Heading>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Started</Table.HeaderCell>
            <Table.HeaderCell>Trigger</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Products</Table.HeaderCell>
            <Table.HeaderCell>Duration</Table.HeaderCell>
            <Table.HeaderCell>Problem</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => (
            <Table.Row key={run.id}>
              <Table.Cell>{new Date(run.started_at).toLocaleString()}</Table.Cell>
              <Table.Cell>
                {run.kind === "stock" ? "stock, " : ""}
                {run.trigger}
                {run.full ? " (full)" : ""}
                {run.dry_run ? " (dry run)" : ""}
              </Table.Cell>
              <Table.Cell>
                <Badge color={STATUS_COLOR[run.status]}>{run.status}</Badge>
              </Table.Cell>
              <Table.Cell>{describeCounts(run)}</Table.Cell>
              <Table.Cell>{duration(run)}</Table.Cell>
              <Table.Cell>
                {run.error
                  ? `${run.error.message}${run.error.hint ? ` (${run.error.hint})` : ""}`
                  : run.skipped?.length
                    ? run.skipped
                        .slice(0, 3)
                        .map((skip) => `${skip.model} ${skip.odoo_id}: ${skip.reason}`)
                        .join("; ")
                    : "–"}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Table.Pagination
        count={data?.count ?? 0}
        pageSize={PAGE_SIZE}
        pageIndex={offset / PAGE_SIZE}
        pageCount={Math.max(1, Math.ceil((data?.count ?? 0) / PAGE_SIZE))}
        canPreviousPage={offset > 0}
        canNextPage={offset + PAGE_SIZE < (data?.count ?? 0)}
        previousPage={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        nextPage={() => setOffset(offset + PAGE_SIZE)}
      />
    </Container>
  )
}

const OdooSyncPage = () => (
  <div className="flex flex-col gap-y-3">
    <StatusSection />
    <RunsSection />
  </div>
)

export const config = defineRouteConfig({
  label: "Odoo sync",
  icon: ArrowPath,
})

export default OdooSyncPage
