export const SYNC_RUN_FIELDS = [
  "id",
  "kind",
  "trigger",
  "status",
  "full",
  "dry_run",
  "started_at",
  "finished_at",
  "counts",
  "progress",
  "skipped",
  "plan",
  "odoo_stats",
  "error",
]

/** Only a run's own fields may be asked for (`?fields=`) or sorted on; anything else is a 400. */
export const listSyncRunsQueryConfig = {
  defaults: SYNC_RUN_FIELDS,
  allowed: SYNC_RUN_FIELDS,
  isList: true,
}

export const retrieveSyncRunQueryConfig = {
  defaults: SYNC_RUN_FIELDS,
  allowed: SYNC_RUN_FIELDS,
  isList: false,
}

/** The status route selects nothing: the config only lets the (empty) query be validated. */
export const statusQueryConfig = {
  defaults: [],
  isList: false,
}
