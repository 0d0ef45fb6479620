import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Select, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { RunProgressBar } from "../../components/odoo/run-progress"
import { describeCounts, STATUS_COLOR, TRIGGER_LABEL } from "../../components/odoo/run-format"
import { formatDuration, runDuration } from "../../lib/odoo-links"
import {
  errorMessage,
  isMassRemovalRefusal,
  type OdooStatus,
  type RunFilters,
  type StartSyncBody,
  type SyncRun,
  useOdooStatus,
  useStartSync,
  useSyncedProducts,
  useSyncRuns,
} from "../../lib/odoo-hooks"

const PAGE_SIZE = 20
const PROBLEMS_SHOWN = 3

/** What to check for each kind of connection failure the status reports. */
const CHECKS: Record<string, string> = {
  authentication: "Check ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY in .env, and that the API key was not revoked in Odoo.",
  access: "The Odoo user needs read access to products (Sales or Inventory).",
  transport: "Check ODOO_URL (the server's base URL, e.g. https://mycompany.odoo.com) and that Odoo is running and reachable from this server.",
}

/** Starts a sync; a run refused for taking many products out asks before sending it again. */
function useSyncStarter() {
  const startSync = useStartSync()
  const prompt = usePrompt()
  const start = async (body: StartSyncBody): Promise<void> => {
    try {
      const { run_id } = await startSync.mutateAsync(body)
      toast.success("Sync started", { description: `Run ${run_id}` })
    } catch (error) {
      const message = errorMessage(error)
      if (!body.allow_mass_removal && isMassRemovalRefusal(message)) {
        await confirmMassRemoval(message, body)
        return
      }
      toast.error("The sync did not start", { description: message })
    }
  }
  const confirmMassRemoval = async (message: string, body: StartSyncBody) => {
    const confirmed = await prompt({
      title: "Take these products out of the store?",
      description: `${message} Run the sync anyway and remove them?`,
      confirmText: "Sync and remove",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (confirmed) await start({ ...body, allow_mass_removal: true })
  }
  return { start, confirmMassRemoval, isPending: startSync.isPending }
}

function ConnectionState({ status }: { status: OdooStatus }) {
  if (!status.configured) {
    return (
      <Alert variant="warning">
        The Odoo integration is off: set ODOO_URL, ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY in .env and restart
        Medusa (or run <code>npm run demo</code>, then <code>npm run dev</code>, to use the bundled Odoo emulator). The
        history below stays readable.
      </Alert>
    )
  }
  if (!status.reachable || !status.authenticated) {
    const kind = status.error?.kind ?? (status.reachable ? "authentication" : "transport")
    return (
      <Alert variant="error" data-testid="odoo-connection-error">
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            {status.reachable ? `Odoo at ${status.url} refused the connection` : `Odoo at ${status.url} cannot be reached`}
          </Text>
          {status.error?.message && <Text size="small">{status.error.message}</Text>}
          <Text size="small">{CHECKS[kind] ?? CHECKS.transport}</Text>
        </div>
      </Alert>
    )
  }
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <StatusBadge color="green">Connected</StatusBadge>
      <Text size="small" className="text-ui-fg-subtle" data-testid="odoo-connection">
        Odoo {status.odoo_version} at {status.url} · database {status.database} · user {status.username}
      </Text>
    </div>
  )
}

function StatusSection({ starter }: { starter: ReturnType<typeof useSyncStarter> }) {
  const { data: status, isLoading, error } = useOdooStatus()
  const running = status?.last_run?.status === "running"
  const usable = !!status?.configured && !running
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Odoo sync</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Odoo is the master of the catalog: products, variants and prices come from it.
          </Text>
        </div>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" disabled={!usable} onClick={() => starter.start({ full: true })}>
            Full sync
          </Button>
          <Button size="small" disabled={!usable} isLoading={starter.isPending} onClick={() => starter.start({})}>
            Sync now
          </Button>
        </div>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        {error ? (
          <Alert variant="error">The status could not be read: {errorMessage(error)}</Alert>
        ) : isLoading || !status ? (
          <Text size="small">Checking Odoo…</Text>
        ) : (
          <ConnectionState status={status} />
        )}
        {running && status?.last_run && (
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">
              A {status.last_run.full ? "full " : ""}sync is running
            </Text>
            <RunProgressBar run={status.last_run} />
          </div>
        )}
      </div>
    </Container>
  )
}

/** The latest run was refused for taking many products out: say so, and offer to run it anyway. */
function MassRemovalNotice({ run, starter }: { run: SyncRun; starter: ReturnType<typeof useSyncStarter> }) {
  return (
    <Alert variant="warning" dismissible={false}>
      <div className="flex items-center justify-between gap-x-4">
        <Text size="small">{run.error?.message}</Text>
        <Button
          size="small"
          variant="secondary"
          onClick={() => starter.confirmMassRemoval(run.error?.message ?? "", { full: run.full })}
        >
          Review and sync anyway
        </Button>
      </div>
    </Alert>
  )
}

function ProblemsCell({ run }: { run: SyncRun }) {
  if (run.error) {
    return (
      <Text size="small" className="text-ui-fg-error">
        {run.error.message}
      </Text>
    )
  }
  const problems = run.skipped ?? []
  if (!problems.length) return <Text size="small">–</Text>
  const more = problems.length - PROBLEMS_SHOWN
  return (
    <div className="flex flex-col">
      {problems.slice(0, PROBLEMS_SHOWN).map((skip, index) => (
        <Text size="small" key={index} className="truncate max-w-[28rem]" title={skip.reason}>
          {skip.model} {skip.odoo_id}: {skip.reason}
        </Text>
      ))}
      {more > 0 && (
        <Link to={`/odoo/${run.id}`} className="text-ui-fg-interactive txt-compact-small">
          +{more} more
        </Link>
      )}
    </div>
  )
}

function RunsSection({ starter }: { starter: ReturnType<typeof useSyncStarter> }) {
  const [offset, setOffset] = useState(0)
  const [filters, setFilters] = useState<RunFilters>({})
  const { data, isLoading } = useSyncRuns(offset, PAGE_SIZE, filters)
  const runs = data?.sync_runs ?? []
  const count = data?.count ?? 0
  const latest = !filters.status && !filters.trigger && offset === 0 ? runs[0] : undefined
  const setFilter = (name: keyof RunFilters, value: string) => {
    setOffset(0)
    setFilters((current) => ({ ...current, [name]: value === "all" ? undefined : value }))
  }
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Runs</Heading>
        <div className="flex gap-2">
          <Select size="small" value={filters.status ?? "all"} onValueChange={(value) => setFilter("status", value)}>
            <Select.Trigger data-testid="filter-status" className="min-w-[150px]">
              <Select.Value placeholder="Status" />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All statuses</Select.Item>
              {Object.keys(STATUS_COLOR).map((status) => (
                <Select.Item key={status} value={status}>
                  {status}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Select size="small" value={filters.trigger ?? "all"} onValueChange={(value) => setFilter("trigger", value)}>
            <Select.Trigger data-testid="filter-trigger" className="min-w-[150px]">
              <Select.Value placeholder="Trigger" />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All triggers</Select.Item>
              {Object.entries(TRIGGER_LABEL).map(([trigger, label]) => (
                <Select.Item key={trigger} value={trigger}>
                  {label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      {latest && latest.status === "failed" && isMassRemovalRefusal(latest.error?.message) && (
        <div className="px-6 py-4">
          <MassRemovalNotice run={latest} starter={starter} />
        </div>
      )}
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Started</Table.HeaderCell>
            <Table.HeaderCell>Trigger</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Products</Table.HeaderCell>
            <Table.HeaderCell>Duration</Table.HeaderCell>
            <Table.HeaderCell>Problems</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => {
            const ms = runDuration(run)
            return (
              <Table.Row key={run.id} data-testid="sync-run-row">
                <Table.Cell>
                  <Link to={`/odoo/${run.id}`} className="text-ui-fg-interactive">
                    {new Date(run.started_at).toLocaleString()}
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  {run.kind === "stock" ? "Stock · " : ""}
                  {TRIGGER_LABEL[run.trigger] ?? run.trigger}
                  {run.full ? " · full" : ""}
                  {run.dry_run ? " · dry run" : ""}
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge color={STATUS_COLOR[run.status]}>{run.status}</StatusBadge>
                </Table.Cell>
                <Table.Cell>{describeCounts(run)}</Table.Cell>
                <Table.Cell>{ms !== null ? formatDuration(ms) : <RunProgressBar run={run} compact />}</Table.Cell>
                <Table.Cell className="py-2">
                  <ProblemsCell run={run} />
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
      {!isLoading && runs.length === 0 && (
        <div className="px-6 py-6">
          <Text size="small" className="text-ui-fg-subtle">
            {filters.status || filters.trigger ? "No run matches these filters." : "No sync has run yet."}
          </Text>
        </div>
      )}
      <Table.Pagination
        count={count}
        pageSize={PAGE_SIZE}
        pageIndex={offset / PAGE_SIZE}
        pageCount={Math.max(1, Math.ceil(count / PAGE_SIZE))}
        canPreviousPage={offset > 0}
        canNextPage={offset + PAGE_SIZE < count}
        previousPage={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        nextPage={() => setOffset(offset + PAGE_SIZE)}
      />
    </Container>
  )
}

/** The products the sync keeps as drafts, with a way to list them. */
function DraftsSection() {
  const { data } = useSyncedProducts({ status: "draft", limit: 1 })
  if (!data?.count) return null
  return (
    <Container className="flex items-center justify-between px-6 py-4">
      <div>
        <Heading level="h2">Drafts from Odoo</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {data.count} synced products are drafts: Odoo archived them, took them off sale, has no sellable variant
          for them, or (with the Website app) they are not published on the website (is_published). Publish them in
          Odoo; the next sync follows.
        </Text>
      </div>
      <Link to="/odoo/products?status=draft">
        <Button size="small" variant="secondary">
          Show {data.count} drafts
        </Button>
      </Link>
    </Container>
  )
}

const OdooSyncPage = () => {
  const starter = useSyncStarter()
  return (
    <div className="flex flex-col gap-y-3">
      <StatusSection starter={starter} />
      <RunsSection starter={starter} />
      <DraftsSection />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Odoo sync",
  icon: ArrowPath,
})

export default OdooSyncPage
