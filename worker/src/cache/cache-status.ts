/**
 * Builds the RFC 9211 `Cache-Status` entry the relay adds to every relayed response.
 * `parseCacheStatus` in @idv-lens/shared/api reads it back.
 */
const CACHE_NAME = 'idv-lens'

export type CacheOutcome =
  | { kind: 'hit'; ttl: number }
  | { kind: 'stale-while-revalidate'; ttl: number }
  | { kind: 'stale-if-error'; ttl: number; forwardStatus: number }
  | { kind: 'forward'; reason: 'uri-miss' | 'stale' | 'request'; forwardStatus: number; collapsed: boolean; stored: boolean }

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
  }
}
