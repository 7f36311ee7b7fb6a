import type { LookupEntry } from '@idv-lens/shared/api'
import { RelayCache } from './cache/relay-cache.ts'
import { sealerForSecret } from './cache/sealed.ts'
import type { RelayConfig } from './config.ts'

/**
 * Per-isolate state of one relay configuration: its cache and its counters. Budgets and back-offs
 * live in the vendor gate (a Durable Object), shared by every isolate.
 * Keyed by configuration so tests that run several configurations in one isolate stay apart.
 */
export class RelayState {
  readonly cache: RelayCache
  /** /v1/lookup IDs being resolved in this isolate: a concurrent batch joins them. */
  readonly lookupsInFlight = new Map<string, Promise<LookupEntry>>()
  /**
   * Prefix for every cache key of this configuration. The Cache API is shared by the whole zone, so
   * entries fetched with another key (a sandbox key, a rotated key) or from another base must never
   * answer for this one. A one-way fingerprint: the key itself never becomes part of a cache key.
   */
  readonly namespace: string
  /** Requests (relayed calls and lookup IDs) answered from the cache, and those that were not. */
  cacheHits = 0
  cacheMisses = 0
  upstreamCalls = 0
  upstreamMs = 0

  constructor(fingerprint: string, cacheSecret: string | null) {
    this.namespace = fingerprint
    this.cache = new RelayCache(undefined, sealerForSecret(cacheSecret))
  }

  recordUpstreamTime(ms: number): void {
    this.upstreamCalls++
    this.upstreamMs += ms
  }
}

const states = new Map<string, RelayState>()

export function stateFor(config: RelayConfig): RelayState {
  const key = JSON.stringify([config.upstream, config.ttl, config.cacheSecret])
  let state = states.get(key)
  if (!state) {
    state = new RelayState(fingerprint(JSON.stringify(config.upstream)), config.cacheSecret)
    states.set(key, state)
  }
  return state
}

/** Test hook: forget caches and back-offs. */
export function resetRelayState(): void {
  states.clear()
}

/** FNV-1a, 64 bit, as hex: stable and cheap; only ever used as an opaque cache namespace. */
function fingerprint(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i))
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}
