/** The two vendors' documented rate limits, per API key, with an injectable clock. */

export interface WindowState {
  allowed: boolean
  limit: number
  remaining: number
  /** Seconds until the window resets (Persona's `RateLimit-Reset`). */
  resetSeconds: number
}

/**
 * Persona: 300 requests per minute; "resets at the start of the next minute" (docs/vendors/persona.md §6),
 * so windows are aligned to wall-clock minutes, not to the first request.
 */
export function createMinuteWindowLimiter(limit: number) {
  const windows = new Map<string, { start: number; count: number }>()
  const state = (key: string, now: number, consume: boolean): WindowState => {
    const start = Math.floor(now / 60_000) * 60_000
    let window = windows.get(key)
    if (!window || window.start !== start) {
      window = { start, count: 0 }
      if (consume) windows.set(key, window)
    }
    if (consume) window.count++
    return {
      allowed: window.count <= limit,
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil((start + 60_000 - now) / 1000)),
    }
  }
  return {
    /** Counts a request and says whether it is within the limit. */
    hit: (key: string, now: number): WindowState => state(key, now, true),
    /** The current numbers without counting (for headers on responses that didn't pass the limiter). */
    peek: (key: string, now: number): WindowState => state(key, now, false),
    reset: (key: string): void => {
      windows.delete(key)
    },
  }
}

/** deepidv: 25 requests/second with a burst capacity of 35 (docs/vendors/deepidv.md §6): a token bucket. */
export function createTokenBucketLimiter(ratePerSecond: number, burst: number) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take: (key: string, now: number): boolean => {
      const bucket = buckets.get(key) ?? { tokens: burst, at: now }
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond)
      bucket.at = now
      buckets.set(key, bucket)
      if (bucket.tokens < 1) return false
      bucket.tokens -= 1
      return true
    },
    reset: (key: string): void => {
      buckets.delete(key)
    },
  }
}
