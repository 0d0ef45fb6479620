import { backoffDelayMs, DEFAULT_BACKOFF, parseRetryAfterMs } from "./backoff"

describe("backoffDelayMs", () => {
  it("doubles the ceiling from 200 ms up to the 5 s cap (random just below 1)", () => {
    const almostOne = (): number => 0.999999
    const schedule = [1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelayMs(retry, almostOne))
    expect(schedule).toEqual([199, 399, 799, 1599, 3199, 4999, 4999, 4999])
  })

  it("is full jitter: anywhere from 0 up to the ceiling", () => {
    expect(backoffDelayMs(3, () => 0)).toBe(0)
    expect(backoffDelayMs(3, () => 0.5)).toBe(400)
  })

  it("honours Retry-After as a lower bound, within the cap", () => {
    expect(backoffDelayMs(1, () => 0, DEFAULT_BACKOFF, 1000)).toBe(1000)
    expect(backoffDelayMs(1, () => 0, DEFAULT_BACKOFF, 60_000)).toBe(5000)
    expect(backoffDelayMs(5, () => 0.999, DEFAULT_BACKOFF, 10)).toBe(3196)
  })

  it("follows a custom policy", () => {
    expect(backoffDelayMs(4, () => 0.999999, { baseMs: 10, capMs: 50 })).toBe(49)
  })
})

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2025-01-01T00:00:00Z")

  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfterMs("2", now)).toBe(2000)
    expect(parseRetryAfterMs("0.5", now)).toBe(500)
    expect(parseRetryAfterMs("Wed, 01 Jan 2025 00:00:03 GMT", now)).toBe(3000)
    expect(parseRetryAfterMs("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0)
  })

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined()
    expect(parseRetryAfterMs("", now)).toBeUndefined()
    expect(parseRetryAfterMs("soon", now)).toBeUndefined()
  })
})
