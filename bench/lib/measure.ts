/** Measuring helpers of the bench worker: RSS sampling, Odoo client stats deltas, CPU profiles. */
import fs from "node:fs"
import { Session } from "node:inspector"
import type { OdooClientStats } from "../../src/modules/odoo/client/client"

/** Samples process.memoryUsage().rss every 50 ms; `peak()` since the last `reset()`. */
export class RssSampler {
  private max = 0
  private readonly timer: NodeJS.Timeout

  constructor(intervalMs = 50) {
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
    this.timer.unref()
  }

  private sample(): void {
    this.max = Math.max(this.max, process.memoryUsage().rss)
  }

  reset(): void {
    this.max = 0
    this.sample()
  }

  peak(): number {
    this.sample()
    return this.max
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

export type OdooDelta = {
  calls: number
  bytesReceived: number
  /** `model.method` (or `common.method`) → calls. */
  byCall: Record<string, number>
}

/** What the sync's own Odoo client did between two snapshots of its stats. */
export function odooDelta(before: OdooClientStats, after: OdooClientStats): OdooDelta {
  const byCall: Record<string, number> = {}
  for (const [key, value] of Object.entries(after.byCall)) {
    const calls = value.calls - (before.byCall[key]?.calls ?? 0)
    if (calls > 0) byCall[key] = calls
  }
  return {
    calls: after.requests - before.requests,
    bytesReceived: after.bytesReceived - before.bytesReceived,
    byCall,
  }
}

/** A CPU profile of one step through the inspector, written as a .cpuprofile (Chrome DevTools). */
export class StepProfiler {
  private session?: Session

  constructor(private readonly directory: string | null) {}

  private post(method: string, params?: object): Promise<any> {
    return new Promise((resolve, reject) =>
      this.session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)))
    )
  }

  async start(): Promise<void> {
    if (!this.directory) return
    this.session ??= new Session()
    this.session.connect()
    await this.post("Profiler.enable")
    await this.post("Profiler.setSamplingInterval", { interval: 1000 })
    await this.post("Profiler.start")
  }

  async stop(name: string): Promise<string | null> {
    if (!this.directory || !this.session) return null
    const { profile } = await this.post("Profiler.stop")
    this.session.disconnect()
    fs.mkdirSync(this.directory, { recursive: true })
    const file = `${this.directory}/${name}.cpuprofile`
    fs.writeFileSync(file, JSON.stringify(profile))
    return file
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint()
  const result = await work()
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 }
}

/** CPU time (user + system, ms) a process has used, from /proc; null where it cannot be read. */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? ticks * 10 : null // USER_HZ is 100 on Linux
  } catch {
    return null
  }
}
