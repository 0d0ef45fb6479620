/** When a failed push is tried again: 1, 2, 4, 8... minutes after the attempt, at most an hour. */

export const FIRST_RETRY_MS = 60_000
export const MAX_RETRY_MS = 60 * 60_000

export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(30, attempts - 1))
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent)
}

export function nextAttemptAt(attempts: number, failedAt: Date): Date {
  return new Date(failedAt.getTime() + retryDelayMs(attempts))
}
