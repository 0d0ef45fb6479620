export const SYNC_RUN_FIELDS = [
  "id",
  "trigger",
  "status",
  "full",
  "dry_run",
  "started_at",
  "finished_at",
  "counts",
  "skipped",
  "plan",
  "odoo_stats",
  "error",
]

export const listSyncRunsQueryConfig = {
  defaults: SYNC_RUN_FIELDS,
  isList: true,
}

export const retrieveSyncRunQueryConfig = {
  defaults: SYNC_RUN_FIELDS,
  isList: false,
}
