import type { SyncCounts } from "../../src/lib/odoo-sync/constants"
import type { OdooConnection } from "./catalog"
import type { OdooDelta } from "./measure"

export const STEPS = ["ceiling", "full", "nochange", "changed", "archived"] as const
export type StepName = (typeof STEPS)[number]

export const STEP_TITLES: Record<StepName, string> = {
  ceiling: "1. ceiling: createProductsWorkflow alone",
  full: "2. full sync",
  nochange: "3. re-sync, nothing changed",
  changed: "4. re-sync, 1% changed",
  archived: "5. re-sync, 1% archived",
}

export type WorkerConfig = {
  run: number
  batchSize: number
  resultFile: string
  /** Where to write one .cpuprofile per step, or null. */
  profileDir: string | null
  emulator: OdooConnection
  /** The emulator's process id, to read the CPU time Odoo's side used (Linux /proc). */
  emulatorPid?: number
  /** The orders bench: orders placed in the burst. */
  orders?: number
}

export type StepResult = {
  step: StepName
  wallMs: number
  productsWritten: number
  variantsWritten: number
  peakRssBytes: number
  /** V8 heap in use after the step, after a full collection (what the step left behind). */
  heapAfterBytes: number
  /** The sync's own Odoo client during the step (the bench's setup calls are not in it). */
  odoo: OdooDelta
  /** SQL statements Medusa sent to PostgreSQL during the step. */
  sqlQueries: number
  /** CPU time of the Medusa process during the step (user + system). */
  medusaCpuMs: number
  /** CPU time of the emulator's process during the step, when it could be read (Linux). */
  odooCpuMs: number | null
  counts?: SyncCounts
  /**
   * Step 4: Medusa's workflows making the same writes for another 1% changed the same way (no Odoo,
   * no diff). Step 5: the same drafting updates again.
   */
  referenceMs?: number
  profile: string | null
}

export type RunResult = {
  run: number
  templates: number
  products: number
  variants: number
  pages: number
  batchSize: number
  bootMs: number
  migrateMs?: number
  rssAfterBootBytes: number
  checks: Record<string, unknown>
  steps: StepResult[]
}
