import { Alert, Badge, Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { RunProgressBar } from "../../../components/odoo/run-progress"
import { describeCounts, STATUS_COLOR, TRIGGER_LABEL } from "../../../components/odoo/run-format"
import { errorMessage, type SkippedRecord, type SyncRun, useOdooStatus, useSyncedProducts, useSyncRun } from "../../../lib/odoo-hooks"
import { formatDuration, odooRecordUrl, odooTemplateUrl, runDuration } from "../../../lib/odoo-links"

/** What the run did not write as Odoo has it; runs recorded before kinds existed hold skipped records only. */
const kindOf = (record: SkippedRecord) => record.kind ?? (/already held by/.test(record.reason) ? "clash" : "skipped")
const KIND_COLOR = { skipped: "red", clash: "orange", unpriced: "purple" } as const

function Summary({ run }: { run: SyncRun }) {
  const ms = runDuration(run)
  const rows: [string, string][] = [
    ["Trigger", `${TRIGGER_LABEL[run.trigger] ?? run.trigger}${run.full ? " · full" : " · incremental"}${run.dry_run ? " · dry run" : ""}`],
    ["Started", new Date(run.started_at).toLocaleString()],
    ["Finished", run.finished_at ? new Date(run.finished_at).toLocaleString() : "–"],
    ["Duration", ms !== null ? formatDuration(ms) : "running"],
    ["Products", describeCounts(run)],
  ]
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Link to="/odoo" className="text-ui-fg-subtle txt-compact-small">
            ← Odoo sync
          </Link>
          <Heading level="h1">Sync run</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {run.id}
          </Text>
        </div>
        <StatusBadge color={STATUS_COLOR[run.status]}>{run.status}</StatusBadge>
      </div>
      {rows.map(([label, value]) => (
        <div key={label} className="text-ui-fg-subtle grid grid-cols-3 px-6 py-3">
          <Text size="small" weight="plus">
            {label}
          </Text>
          <Text size="small" className="col-span-2">
            {value}
          </Text>
        </div>
      ))}
      {run.status === "running" && (
        <div className="px-6 py-4">
          <RunProgressBar run={run} />
        </div>
      )}
      {run.error && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="run-error">
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus">
                {run.error.message}
              </Text>
              {run.error.hint && <Text size="small">What to check: {run.error.hint}</Text>}
            </div>
          </Alert>
        </div>
      )}
    </Container>
  )
}

function ProblemsSection({ run }: { run: SyncRun }) {
  const { data: status } = useOdooStatus()
  const problems = run.skipped ?? []
  const templateIds = [...new Set(problems.map((p) => p.template_id ?? (p.model === "product.template" ? Number(p.odoo_id) : null)))]
    .filter((id): id is number => Number.isInteger(id))
  const { data } = useSyncedProducts({ template_ids: templateIds.join(","), limit: 200 }, templateIds.length > 0)
  const productByTemplate = new Map((data?.products ?? []).map((product) => [product.template_id, product]))
  const odooUrl = status?.url
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Not written as Odoo has it ({problems.length})</Heading>
        {templateIds.length > 0 && (
          <Link to={`/odoo/products?template_ids=${templateIds.join(",")}`} className="text-ui-fg-interactive txt-compact-small">
            Show these products
          </Link>
        )}
      </div>
      {problems.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Every record was synced as asked.
          </Text>
        </div>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Kind</Table.HeaderCell>
              <Table.HeaderCell>Odoo record</Table.HeaderCell>
              <Table.HeaderCell>Reason</Table.HeaderCell>
              <Table.HeaderCell>Medusa product</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {problems.map((problem, index) => {
              const templateId = problem.template_id ?? (problem.model === "product.template" ? Number(problem.odoo_id) : undefined)
              const product = templateId !== undefined ? productByTemplate.get(templateId) : undefined
              // Ids are numbers, or numeric strings in clashes.
              const odooId = Number(problem.odoo_id)
              const recordUrl = odooUrl && Number.isInteger(odooId) ? odooRecordUrl(odooUrl, problem.model, odooId, status?.odoo_version) : null
              return (
                <Table.Row key={index} data-testid="run-problem">
                  <Table.Cell>
                    <Badge size="2xsmall" color={KIND_COLOR[kindOf(problem)]}>
                      {kindOf(problem)}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>
                    {recordUrl ? (
                      <a href={recordUrl} target="_blank" rel="noreferrer" className="text-ui-fg-interactive">
                        {problem.model} {problem.odoo_id}
                      </a>
                    ) : (
                      `${problem.model} ${problem.odoo_id}`
                    )}
                  </Table.Cell>
                  <Table.Cell className="whitespace-normal py-2">{problem.reason}</Table.Cell>
                  <Table.Cell>
                    {product ? (
                      <Link to={`/products/${product.id}`} className="text-ui-fg-interactive">
                        {product.title}
                      </Link>
                    ) : templateId !== undefined ? (
                      <span className="text-ui-fg-subtle">not in Medusa</span>
                    ) : (
                      "–"
                    )}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

function OdooCallsSection({ run }: { run: SyncRun }) {
  const stats = run.odoo_stats
  const timings = run.progress?.page_timings ?? []
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Odoo calls and timings</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {stats
            ? `${stats.requests} requests, ${stats.retries} retries, ${stats.failures} failures, ${Math.round(stats.bytesReceived / 1024)} KB received`
            : "Not recorded for this run."}
        </Text>
      </div>
      {stats?.byCall && Object.keys(stats.byCall).length > 0 && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Call</Table.HeaderCell>
              <Table.HeaderCell>Calls</Table.HeaderCell>
              <Table.HeaderCell>Failures</Table.HeaderCell>
              <Table.HeaderCell>KB received</Table.HeaderCell>
              <Table.HeaderCell>Time</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {Object.entries(stats.byCall).map(([call, entry]) => (
              <Table.Row key={call}>
                <Table.Cell>{call}</Table.Cell>
                <Table.Cell>{entry.calls}</Table.Cell>
                <Table.Cell>{entry.failures}</Table.Cell>
                <Table.Cell>{Math.round(entry.bytesReceived / 1024)}</Table.Cell>
                <Table.Cell>{formatDuration(Math.round(entry.totalMs))}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {timings.length > 0 && (
        <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="page-timings">
          <Text size="small" weight="plus">
            Pages (Odoo read and Medusa write)
          </Text>
          <div className="flex flex-wrap gap-2">
            {timings.map((page, index) => (
              <Badge key={index} size="2xsmall" color="grey">
                page {index + 1}: {page.templates} templates, {formatDuration(page.ms)}
              </Badge>
            ))}
          </div>
        </div>
      )}
    </Container>
  )
}

function PlanSection({ run }: { run: SyncRun }) {
  const { data: status } = useOdooStatus()
  if (!run.plan) return null
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Dry run: what a real run would do</Heading>
      </div>
      {Object.entries(run.plan).map(([action, ids]) => (
        <div key={action} className="grid grid-cols-3 px-6 py-3">
          <Text size="small" weight="plus">
            {action} ({ids.length})
          </Text>
          <Text size="small" className="col-span-2 break-words">
            {ids.slice(0, 50).map((id, index) => (
              <span key={id}>
                {index > 0 && ", "}
                {status?.url && action !== "draft" && action !== "delete" ? (
                  <a className="text-ui-fg-interactive" href={odooTemplateUrl(status.url, Number(id), status.odoo_version)} target="_blank" rel="noreferrer">
                    {id}
                  </a>
                ) : (
                  id
                )}
              </span>
            ))}
            {ids.length > 50 ? ` … +${ids.length - 50} more` : ""}
          </Text>
        </div>
      ))}
    </Container>
  )
}

const SyncRunPage = () => {
  const { id = "" } = useParams()
  const { data, error, isLoading } = useSyncRun(id)
  if (error) {
    return (
      <Container>
        <Alert variant="error">{errorMessage(error)}</Alert>
      </Container>
    )
  }
  if (isLoading || !data) {
    return (
      <Container>
        <Text size="small">Loading the run…</Text>
      </Container>
    )
  }
  const run = data.sync_run
  return (
    <div className="flex flex-col gap-y-3">
      <Summary run={run} />
      <ProblemsSection run={run} />
      <PlanSection run={run} />
      <OdooCallsSection run={run} />
    </div>
  )
}

export default SyncRunPage
