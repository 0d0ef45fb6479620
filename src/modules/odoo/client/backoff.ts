/** Retry timing: exponential backoff with full jitter, and HTTP Retry-After parsing. */

export interface BackoffPolicy {
  /** Upper bound of the first retry's delay. */
  baseMs: number
  /** No delay is ever longer than this, Retry-After included. */
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 200, capMs: 5_000 }

/**
 * Delay before retry number `retryNumber` (1 for the first retry): a uniformly random delay in
 * [0, min(cap, base * 2^(n-1))) ("full jitter", so that many clients do not retry in step). A
 * server's Retry-After is honoured as a lower bound, within the cap.
 */
export function backoffDelayMs(
  retryNumber: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  retryAfterMs?: number
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retryNumber - 1))
  const jittered = Math.floor(random() * ceiling)
  if (retryAfterMs === undefined) return jittered
  return Math.min(policy.capMs, Math.max(jittered, retryAfterMs))
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined
  const trimmed = header.trim()
  if (trimmed === "") return undefined
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const dateMs = Date.parse(trimmed)
  if (Number.isNaN(dateMs)) return undefined
  return Math.max(0, dateMs - nowMs)
}
