import { STALE_IF_ERROR_SECONDS } from '../config.ts'
import { ApiError } from '../errors.ts'
import type { CacheOutcome } from './cache-status.ts'
import { MemoryCache, type StoredBody } from './memory-cache.ts'

/** Freshness of one kind of response, in seconds. */
export type CachePolicy = { ttl: number; staleWhileRevalidate: number }

export type CachedResult = { body: string; outcome: CacheOutcome; ageSeconds: number }

type WaitUntil = (promise: Promise<unknown>) => void

// Failures for which an older copy is better than nothing. A vendor 400/404 is an answer, not a failure.
const STALE_SERVABLE = new Set([
  'upstream-unavailable',
  'upstream-timeout',
  'rate-limited',
  'upstream-auth',
  'budget-exhausted',
  'governor-unavailable',
])

/** Cache API keys must be URLs; this host never resolves, it only namespaces our entries. */
const CACHE_KEY_ORIGIN = 'https://relay-cache.idv-lens.invalid'

/**
 * The relay's cache: an in-isolate LRU in front of the Cache API, with request coalescing,
 * stale-while-revalidate, forced refresh and stale-if-error.
 *
 * Coalescing is per isolate: identical concurrent misses that land in the same isolate make one
 * upstream call. Cloudflare may spread a burst over several isolates; each then makes at most one.
 */
export class RelayCache {
  readonly memory = new MemoryCache()
  private readonly inflight = new Map<string, Promise<StoredBody>>()

  /** `store` is the Cache API (tests pass one whose answers they time). */
  constructor(private readonly store: () => Cache | null = cacheApi) {}

  /** Runs `load` once for concurrent callers with the same key. */
  coalesce<T>(key: string, load: () => Promise<T>): { promise: Promise<T>; collapsed: boolean } {
    const existing = this.inflight.get(key) as Promise<T> | undefined
    if (existing) return { promise: existing, collapsed: true }
    const promise = load().finally(() => this.inflight.delete(key))
    this.inflight.set(key, promise as Promise<never>)
    return { promise, collapsed: false }
  }

  async read(key: string): Promise<StoredBody | undefined> {
    const inMemory = this.memory.get(key)
    if (inMemory) return inMemory
    const store = this.store()
    if (!store) return undefined
    const res = await store.match(toRequest(key)).catch(() => undefined)
    // While the Cache API answered, a load in this isolate may have finished (and left the
    // coalescing map): its copy is the newest there is, and forwarding again would be a second call.
    const landed = this.memory.get(key)
    if (landed) return landed
    if (!res) return undefined
    const entry = { body: await res.text(), storedAt: Number(res.headers.get('x-stored-at')) || 0 }
    this.memory.set(key, entry)
    return entry
  }

  write(key: string, body: string, keepSeconds: number, waitUntil: WaitUntil): StoredBody {
    const entry = { body, storedAt: Date.now() }
    this.memory.set(key, entry)
    const store = this.store()
    if (store) {
      const res = new Response(body, {
        headers: {
          'content-type': 'application/json',
          // Kept past freshness on purpose, so stale-if-error has something to serve.
          'cache-control': `max-age=${keepSeconds + STALE_IF_ERROR_SECONDS}`,
          'x-stored-at': String(entry.storedAt),
        },
      })
      waitUntil(store.put(toRequest(key), res).catch(() => undefined))
    }
    return entry
  }

  async get(
    key: string,
    policy: CachePolicy,
    /** Fetches a new body; `background` is true for stale-while-revalidate refreshes (shed first). */
    load: (background: boolean) => Promise<string>,
    options: { refresh: boolean; waitUntil: WaitUntil },
  ): Promise<CachedResult> {
    const entry = await this.read(key)
    const ageSeconds = entry ? Math.max(0, (Date.now() - entry.storedAt) / 1000) : Infinity
    const ttlLeft = Math.round(policy.ttl - ageSeconds)
    const forward = (background: boolean) =>
      this.coalesce(key, async () => this.write(key, await load(background), policy.ttl, options.waitUntil))

    if (entry && !options.refresh) {
      if (ageSeconds <= policy.ttl) {
        return { body: entry.body, outcome: { kind: 'hit', ttl: ttlLeft }, ageSeconds }
      }
      if (ageSeconds <= policy.ttl + policy.staleWhileRevalidate) {
        options.waitUntil(forward(true).promise.catch(() => undefined))
        return { body: entry.body, outcome: { kind: 'stale-while-revalidate', ttl: ttlLeft }, ageSeconds }
      }
    }

    const reason = options.refresh ? 'request' : entry ? 'stale' : 'uri-miss'
    const { promise, collapsed } = forward(false)
    try {
      const fresh = await promise
      return {
        body: fresh.body,
        outcome: { kind: 'forward', reason, forwardStatus: 200, collapsed, stored: true },
        ageSeconds: 0,
      }
    } catch (err) {
      if (entry && err instanceof ApiError && STALE_SERVABLE.has(err.code) && ageSeconds <= STALE_IF_ERROR_SECONDS) {
        return {
          body: entry.body,
          outcome: { kind: 'stale-if-error', ttl: ttlLeft, forwardStatus: err.upstreamStatus ?? err.status },
          ageSeconds,
        }
      }
      throw err
    }
  }
}

function cacheApi(): Cache | null {
  // Absent outside workerd; present but write-only on *.workers.dev (harmless: reads miss).
  return typeof caches !== 'undefined' && 'default' in caches ? (caches as unknown as { default: Cache }).default : null
}

function toRequest(key: string): Request {
  return new Request(`${CACHE_KEY_ORIGIN}/${key}`)
}
