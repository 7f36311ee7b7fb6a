import type { Context } from 'hono'
import type { RelayConfig } from '../config/relay-config.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { waitUntilOf } from '../wait-until.ts'
import { formatCacheStatus, tally, type CacheOutcome } from '../cache-status.ts'
import { cacheFor } from './relay-caches.ts'
import type { CachePolicy } from './freshness.ts'
import type { CachedResult, Loaded, RelayCache } from './relay-cache.ts'

/*
 * The cache as the routes use it: a relayed call (`cachedCall`) and a lookup batch (lookup-batch.ts)
 * both take their rules from here and leave how the cache answered on the context (`c.get('cache')`),
 * where the audit and the metrics read it as data.
 */

/** True when the client asked for a fresh copy (`Cache-Control: no-cache` or `Pragma: no-cache`). */
export function wantsRefresh(c: Context<AppEnv>): boolean {
  return /\bno-cache\b/i.test(c.req.header('cache-control') ?? '') || /\bno-cache\b/i.test(c.req.header('pragma') ?? '')
}

/** Lists go stale sooner than single objects (LIST_TTL_SECONDS, OBJECT_TTL_SECONDS). */
export function cachePolicy(config: RelayConfig, shape: 'list' | 'object'): CachePolicy {
  const ttl = config.ttl[shape]
  // Serve a slightly old copy instantly and refresh behind it, for up to the same span again.
  // TTL 0 switches caching off: no stale copy either.
  return { ttl, staleWhileRevalidate: ttl === 0 ? 0 : Math.max(ttl, 10) }
}

/** One request's use of its configuration's cache. */
export type CacheRequest = { store: RelayCache; policy: CachePolicy; refresh: boolean; waitUntil: (p: Promise<unknown>) => void }

export function cacheRequest(c: Context<AppEnv>, shape: 'list' | 'object'): CacheRequest {
  const config = c.get('config')
  return { store: cacheFor(config).store, policy: cachePolicy(config, shape), refresh: wantsRefresh(c), waitUntil: waitUntilOf(c) }
}

/** Records how the cache answered (for the audit, the metrics and /v1/status) and returns its `Cache-Status`. */
export function recordCacheOutcome(c: Context<AppEnv>, outcome: CacheOutcome): string {
  const counts = cacheFor(c.get('config'))
  const { hits, misses } = tally(outcome)
  counts.hits += hits
  counts.misses += misses
  c.set('cache', outcome)
  return formatCacheStatus(outcome)
}

/**
 * One relayed call through the cache: fresh, stale-while-revalidate, coalesced forward or
 * stale-if-error. `load` gets `background` true for revalidations (the vendor gate sheds those first).
 */
export async function cachedCall(
  c: Context<AppEnv>,
  key: string,
  shape: 'list' | 'object',
  load: (background: boolean) => Promise<Loaded>,
): Promise<CachedResult & { cacheStatus: string }> {
  const { store, policy, refresh, waitUntil } = cacheRequest(c, shape)
  try {
    const result = await store.get(key, policy, load, { refresh, waitUntil })
    return { ...result, cacheStatus: recordCacheOutcome(c, result.outcome) }
  } catch (err) {
    if (err instanceof ApiError && err.cache) recordCacheOutcome(c, err.cache)
    else cacheFor(c.get('config')).misses++
    throw err
  }
}
