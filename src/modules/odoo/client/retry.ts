/**
 * The retry loop: retries retryable OdooErrors with backoff, at most `maxRetries` times, and only
 * those the caller says may be sent again (see retry-safety.ts).
 */
import { backoffDelayMs, BackoffPolicy, DEFAULT_BACKOFF } from "./backoff"
import { isOdooError, OdooError } from "./errors"

export interface RetryPolicy {
  maxRetries: number
  backoff?: BackoffPolicy
  sleep: (ms: number) => Promise<void>
  random: () => number
}

export interface RetryEvent {
  error: OdooError
  /** 1 for the first retry. */
  retryNumber: number
  delayMs: number
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or has been retried
 * `maxRetries` times. The error finally thrown carries the number of attempts made.
 */
export async function runWithRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (event: RetryEvent) => void = () => undefined,
  maySendAgain: (error: OdooError) => boolean = (error) => error.retryable
): Promise<T> {
  for (let retryNumber = 1; ; retryNumber++) {
    try {
      return await attempt()
    } catch (error) {
      // Anything but an OdooError is a bug on our side: let it through untouched.
      if (!isOdooError(error)) throw error
      if (!maySendAgain(error) || retryNumber > policy.maxRetries) {
        error.attempts = retryNumber
        throw error
      }
      const delayMs = backoffDelayMs(retryNumber, policy.random, policy.backoff ?? DEFAULT_BACKOFF, error.retryAfterMs)
      onRetry({ error, retryNumber, delayMs })
      await policy.sleep(delayMs)
    }
  }
}
