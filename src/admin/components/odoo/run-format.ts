import type { SyncRun } from "../../lib/odoo-hooks"

export const STATUS_COLOR: Record<SyncRun["status"], "green" | "red" | "blue" | "orange"> = {
  succeeded: "green",
  failed: "red",
  running: "blue",
  interrupted: "orange",
}

export const TRIGGER_LABEL: Record<SyncRun["trigger"], string> = {
  admin: "Admin",
  scheduled: "Nightly job",
  cli: "Command line",
  demo: "Demo",
}

export function describeCounts(run: SyncRun): string {
  const counts = run.counts
  if (!counts) return "–"
  if (run.kind === "stock") {
    return `levels created ${counts.levels_created ?? 0}, updated ${counts.levels_updated ?? 0}, unchanged ${
      counts.levels_unchanged ?? 0
    }, skipped ${counts.skipped ?? 0}`
  }
  const verb = run.dry_run ? "would create" : "created"
  return `${verb} ${counts.created ?? 0}, updated ${counts.updated ?? 0}, unchanged ${counts.unchanged ?? 0}, drafted ${
    (counts.drafted ?? 0) + (counts.deleted ?? 0)
  }, skipped ${counts.skipped ?? 0}, clashes ${counts.clashes ?? 0}`
}
