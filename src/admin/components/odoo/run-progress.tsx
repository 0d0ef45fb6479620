import { Text } from "@medusajs/ui"
import type { SyncRun } from "../../lib/odoo-hooks"

/** A running run's pages done, as a bar and in words. */
export function RunProgressBar({ run, compact = false }: { run: Pick<SyncRun, "progress" | "status">; compact?: boolean }) {
  const progress = run.progress
  if (run.status !== "running") return <Text size="small">–</Text>
  const done = progress?.pages_done ?? 0
  const total = progress?.pages_total ?? 0
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0
  return (
    <div className={compact ? "flex w-40 flex-col gap-y-1" : "flex flex-col gap-y-1"} data-testid="run-progress">
      <div className="bg-ui-bg-switch-off h-2 w-full overflow-hidden rounded-full">
        <div className="bg-ui-fg-interactive h-full rounded-full transition-all" style={{ width: `${percent}%` }} />
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {total > 0 ? `${done} of ${total} pages, ${progress?.products ?? 0} products` : "Reading Odoo…"}
      </Text>
    </div>
  )
}
