import type { RelayConfig } from '../config/relay-config.ts'
import { sha256Hex } from '../sha256.ts'
import { RelayCache } from './relay-cache.ts'
import { sealerForSecret } from './sealed.ts'

/**
 * This isolate's cache of one relay configuration, and how often it answered (for /v1/status).
 * Budgets and back-offs live in the vendor gate (a Durable Object), shared by every isolate.
 */
export type ConfigCache = { store: RelayCache; hits: number; misses: number }

// Keyed by configuration, so tests that run several configurations in one isolate stay apart.
const caches = new Map<string, ConfigCache>()
const namespaces = new Map<string, Promise<string>>()

export function cacheFor(config: RelayConfig): ConfigCache {
  const key = JSON.stringify([config.upstream, config.ttl, config.cacheSecret])
  let cache = caches.get(key)
  if (!cache) caches.set(key, (cache = { store: new RelayCache(undefined, sealerForSecret(config.cacheSecret)), hits: 0, misses: 0 }))
  return cache
}

/**
 * Prefix for every cache key of this configuration. The Cache API is shared by the whole zone, so
 * entries fetched with another key (a sandbox key, a rotated key) or from another base must never
 * answer for this one. A one-way fingerprint: the key itself never becomes part of a cache key.
 */
export function namespaceOf(config: RelayConfig): Promise<string> {
  const upstream = JSON.stringify(config.upstream)
  let namespace = namespaces.get(upstream)
  if (!namespace) namespaces.set(upstream, (namespace = sha256Hex(JSON.stringify(['cache-namespace', upstream]))))
  return namespace
}
