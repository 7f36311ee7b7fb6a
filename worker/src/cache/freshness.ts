/**
 * When a stored copy may answer: the cache's freshness rules, shared by single calls and batches
 * (relay-cache.ts) so both age their copies alike.
 */
import type { StoredBody } from './memory-cache.ts'

/** Freshness of one kind of response, in seconds. */
export type CachePolicy = { ttl: number; staleWhileRevalidate: number }

// Failures for which an older copy is better than nothing. A vendor 400/404 is an answer, not a failure.
export const STALE_SERVABLE: ReadonlySet<string> = new Set([
  'upstream-unavailable',
  'upstream-timeout',
  'rate-limited',
  'upstream-auth',
  'budget-exhausted',
  'governor-unavailable',
])

/** How long past its freshness a stored copy may still answer when the vendor fails. */
export const STALE_IF_ERROR_SECONDS = 600
/** A vendor 404 (a retrieve or a lookup of an ID that does not exist) stays fresh this long at most. */
export const NOT_FOUND_TTL_SECONDS = 30
/** A summary a batch's bound left without its reason or case stays fresh this long at most (then it is read again). */
export const BRIEF_TTL_SECONDS = 30
/** A settled summary (an end state) is kept this long, unless a change to what it names is announced. */
export const SETTLED_SECONDS = 600
/** An undecided summary is kept this long, unless a change is announced: without webhooks, the longest a change goes unseen. */
export const UNDECIDED_SECONDS = 60

/**
 * What a stored copy may do for a request: answer (`fresh`), answer once the vendor's gate says
 * nothing it names changed since (`held`: a settled or undecided summary past its freshness), answer while a
 * background load replaces it (`revalidate`: never a remembered 404), or nothing (`forward`: missing,
 * too old, or the client asked for a fresh copy; it may still answer if the vendor fails, see `servesStaleIfError`).
 */
export type Freshness = { use: 'fresh' | 'held' | 'revalidate' | 'forward'; ageSeconds: number; ttl: number }

export function freshnessOf(entry: StoredBody | undefined, policy: CachePolicy, refresh: boolean): Freshness {
  const ageSeconds = entry ? Math.max(0, (Date.now() - entry.storedAt) / 1000) : Infinity
  const ttl = entry?.notFound
    ? Math.min(policy.ttl, NOT_FOUND_TTL_SECONDS)
    : entry?.brief
      ? Math.min(policy.ttl, BRIEF_TTL_SECONDS)
      : policy.ttl
  const use =
    !entry || refresh
      ? 'forward'
      : ageSeconds <= ttl
        ? 'fresh'
        : entry.settled && ageSeconds <= SETTLED_SECONDS
          ? 'held'
          : entry.undecided && ageSeconds <= UNDECIDED_SECONDS
            ? 'held'
            : !entry.notFound && !entry.brief && ageSeconds <= policy.ttl + policy.staleWhileRevalidate
              ? 'revalidate'
              : 'forward'
  return { use, ageSeconds, ttl }
}

/**
 * Stale-if-error: a found copy answers a failure an older copy beats (STALE_SERVABLE) for up to 10
 * minutes, counted from the end of its freshness, not from when it was stored.
 */
export function servesStaleIfError(entry: StoredBody | undefined, freshness: Freshness, failureCode: string): boolean {
  return !!entry && !entry.notFound && STALE_SERVABLE.has(failureCode) && freshness.ageSeconds - freshness.ttl <= STALE_IF_ERROR_SECONDS
}

/** How long a new copy stays usable: freshness and revalidation, a summary's hold, or the short life of a remembered 404 or a brief summary. */
export const keepFor = (
  policy: CachePolicy,
  kept: { notFound?: boolean; brief?: boolean; settled?: boolean; undecided?: boolean },
): number =>
  kept.notFound
    ? Math.min(policy.ttl, NOT_FOUND_TTL_SECONDS)
    : kept.settled
      ? Math.max(SETTLED_SECONDS, policy.ttl + policy.staleWhileRevalidate)
      : kept.undecided
        ? Math.max(UNDECIDED_SECONDS, kept.brief ? 0 : policy.ttl + policy.staleWhileRevalidate)
        : kept.brief
          ? Math.min(policy.ttl, BRIEF_TTL_SECONDS)
          : policy.ttl + policy.staleWhileRevalidate
