/**
 * How the cache answered one request, as data: the relay's routes produce it, the audit and the
 * metrics read it (c.get('cache')), and only here is it written as the RFC 9211 `Cache-Status`
 * entry the relay adds to every cached route's response (`parseCacheStatus` in @idv-lens/shared/api
 * reads it back in the extension).
 */
const CACHE_NAME = 'idv-lens'

export type CacheOutcome =
  | { kind: 'hit'; ttl: number }
  | { kind: 'stale-while-revalidate'; ttl: number }
  | { kind: 'stale-if-error'; ttl: number; forwardStatus: number }
  | { kind: 'forward'; reason: 'uri-miss' | 'stale' | 'request'; forwardStatus: number; collapsed: boolean; stored: boolean }
  /** A /v1/lookup batch: one cache entry per ID, counted by how each answered. */
  | { kind: 'batch'; ids: number; fresh: number; revalidating: number; staleIfError: number; forwarded: number; refresh: boolean }

export function formatCacheStatus(outcome: CacheOutcome): string {
  switch (outcome.kind) {
    case 'hit':
      return `${CACHE_NAME}; hit; ttl=${outcome.ttl}`
    case 'stale-while-revalidate':
      return `${CACHE_NAME}; hit; ttl=${outcome.ttl}; detail=stale-while-revalidate`
    case 'stale-if-error':
      return `${CACHE_NAME}; fwd=stale; fwd-status=${outcome.forwardStatus}; ttl=${outcome.ttl}; detail=stale-if-error`
    case 'forward': {
      const parts = [CACHE_NAME, `fwd=${outcome.reason}`, `fwd-status=${outcome.forwardStatus}`]
      if (outcome.stored) parts.push('stored')
      if (outcome.collapsed) parts.push('collapsed')
      return parts.join('; ')
    }
    case 'batch': {
      const { fresh, revalidating, staleIfError, forwarded } = outcome
      const detail = `${fresh + revalidating} of ${outcome.ids} from cache${staleIfError ? `, ${staleIfError} stale-if-error` : ''}`
      if (forwarded + staleIfError === 0) return `${CACHE_NAME}; hit${revalidating ? '; detail=stale-while-revalidate' : ''}`
      if (forwarded === 0) return `${CACHE_NAME}; fwd=stale; detail="${detail}; stale-if-error"`
      return `${CACHE_NAME}; fwd=${outcome.refresh ? 'request' : 'uri-miss'}; detail="${detail}"`
    }
  }
}

/** Answers (relayed calls or lookup IDs) the cache gave, and those it had to forward or failed. */
export function tally(outcome: CacheOutcome): { hits: number; misses: number } {
  if (outcome.kind === 'batch') return { hits: outcome.fresh + outcome.revalidating + outcome.staleIfError, misses: outcome.forwarded }
  return outcome.kind === 'forward' ? { hits: 0, misses: 1 } : { hits: 1, misses: 0 }
}

/** An older copy answered (while revalidating, or because the vendor failed), wholly or in part. */
export function servedStale(outcome: CacheOutcome): boolean {
  switch (outcome.kind) {
    case 'stale-while-revalidate':
    case 'stale-if-error':
      return true
    case 'forward':
      return outcome.reason === 'stale'
    case 'batch':
      return outcome.staleIfError > 0 || (outcome.forwarded === 0 && outcome.revalidating > 0)
    default:
      return false
  }
}

/** The vendor was asked for this request's answer (not only in the background). */
export const forwarded = (outcome: CacheOutcome): boolean =>
  outcome.kind === 'forward' || (outcome.kind === 'batch' && outcome.forwarded + outcome.staleIfError > 0)
