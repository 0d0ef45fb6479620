/** Types of embedded-database.mjs, for the TypeScript callers (the e2e tier). */
export function startEmbeddedDatabase(options: {
  projectDir: string
  database: string
  dataDirName?: string
  log?: (line: string) => void
}): Promise<{
  url: string
  host: string
  port: number
  user: string
  password: string
  databaseDir: string
  databaseCreated: boolean
  sharedWith: number | null
  stop: () => Promise<void>
}>
