/**
 * Fault injection and call counters. A rule matches JSON-RPC calls by service, model and method
 * (the RPC method such as "execute_kw" or the ORM method such as "search_read"), fires `times`
 * times or with probability `rate` (seeded, so runs repeat), and replaces or delays the answer.
 */
import { seededRandom } from "./pyfmt"

export type FaultKind =
  | "latency"
  | "http500"
  | "http502"
  | "http503"
  | "http429"
  | "drop"
  | "hang"
  | "html"
  | "jsonrpc-error"
  | "malformed-envelope"

export interface FaultRule {
  service?: string
  model?: string
  /** Matches the RPC method ("execute_kw", "authenticate") or the ORM method ("search_read"). */
  method?: string
  kind: FaultKind
  /** Fire this many times, then stop matching (default: every matching call). */
  times?: number
  /** Probability (0..1) that a matching call is affected; drawn from a PRNG seeded by `seed`. */
  rate?: number
  seed?: number
  /** latency: delay before answering normally. */
  latencyMs?: number
  /** html: 200 (default) or 500. */
  status?: 200 | 500
  /** jsonrpc-error: data.name (default psycopg2.errors.SerializationFailure) and message. */
  name?: string
  message?: string
  /** http429/http503: Retry-After header in seconds. */
  retryAfter?: number
  /** malformed-envelope: what is wrong with it (default "truncated"). */
  variant?: "truncated" | "not-json" | "no-result" | "wrong-id" | "wrong-version"
  /** Run the call before failing (the write happened, the client sees an error). */
  afterExecution?: boolean
}

export interface CallInfo {
  service: string
  method: string
  model?: string
  ormMethod?: string
}

export interface CallFilter {
  service?: string
  model?: string
  method?: string
}

export interface FaultHandle {
  readonly id: number
  /** How often this rule has fired so far. */
  readonly fired: number
  remove(): void
}

interface ActiveRule {
  id: number
  rule: FaultRule
  fired: number
  random: () => number
}

function matchesFilter(call: CallInfo, filter: CallFilter): boolean {
  if (filter.service !== undefined && filter.service !== call.service) return false
  if (filter.model !== undefined && filter.model !== call.model) return false
  if (filter.method !== undefined && filter.method !== call.method && filter.method !== call.ormMethod) return false
  return true
}

export class FaultInjector {
  private rules: ActiveRule[] = []
  private nextId = 1

  inject(rule: FaultRule): FaultHandle {
    if (rule.rate !== undefined && (rule.rate < 0 || rule.rate > 1)) throw new RangeError("rate must be within 0..1")
    const active: ActiveRule = { id: this.nextId++, rule, fired: 0, random: seededRandom(rule.seed ?? 1) }
    this.rules.push(active)
    return {
      id: active.id,
      get fired() {
        return active.fired
      },
      remove: () => {
        this.rules = this.rules.filter((candidate) => candidate !== active)
      },
    }
  }

  clear(): void {
    this.rules = []
  }

  /** The rules that fire for this call: every matching latency rule, then at most one failure. */
  select(call: CallInfo): { latencyMs: number; failure?: FaultRule } {
    let latencyMs = 0
    let failure: FaultRule | undefined
    for (const active of this.rules) {
      const { rule } = active
      if (!matchesFilter(call, rule)) continue
      if (rule.kind !== "latency" && failure) continue
      if (rule.times !== undefined && active.fired >= rule.times) continue
      if (rule.rate !== undefined && active.random() >= rule.rate) continue
      active.fired++
      if (rule.kind === "latency") latencyMs += rule.latencyMs ?? 100
      else failure = rule
    }
    return { latencyMs, failure }
  }
}

export class CallLog {
  private calls: CallInfo[] = []

  record(call: CallInfo): void {
    this.calls.push(call)
  }

  count(filter: CallFilter = {}): number {
    return this.calls.filter((call) => matchesFilter(call, filter)).length
  }

  list(): CallInfo[] {
    return this.calls.map((call) => ({ ...call }))
  }

  reset(): void {
    this.calls = []
  }
}
