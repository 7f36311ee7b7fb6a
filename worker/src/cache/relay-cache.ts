import { ApiError } from '../errors.ts'
import type { CacheOutcome } from './cache-status.ts'
import { MemoryCache, type StoredBody } from './memory-cache.ts'
import { sealerForSecret, type Sealer } from './sealed.ts'

/** Freshness of one kind of response, in seconds. */
export type CachePolicy = { ttl: number; staleWhileRevalidate: number }

export type CachedResult = { body: string; outcome: CacheOutcome; ageSeconds: number; notFound: boolean }
/** What a load produced: a body to cache, or a vendor 404 remembered briefly. */
export type Loaded = { body: string; notFound?: boolean }

type WaitUntil = (promise: Promise<unknown>) => void

// Failures for which an older copy is better than nothing. A vendor 400/404 is an answer, not a failure.
export const STALE_SERVABLE: ReadonlySet<string> = new Set([
  'upstream-unavailable',
  'upstream-timeout',
  'rate-limited',
  'upstream-auth',
  'budget-exhausted',
  'governor-unavailable',
])

/**
 * Failures about the caller that met them (its share of the budget, background work's reserve), marked
 * where they are made (call-upstream.ts, lookup/resolve.ts). A load is shared with whoever joins it, but
 * such a refusal never is: it says nothing about the joiner, who runs its own load instead.
 */
const callerFailures = new WeakSet<object>()

/** Marks `failure` (an ApiError, or a lookup entry that holds one) as about its caller alone. */
export function aboutTheCaller<T extends object>(failure: T): T {
  callerFailures.add(failure)
  return failure
}

export const isAboutTheCaller = (failure: unknown): boolean =>
  typeof failure === 'object' && failure !== null && callerFailures.has(failure)

/** An entry this large is sealed for the Cache API after the previous large one (see writeStore). */
const LARGE_ENTRY_BYTES = 256 * 1024

/** Cache API keys must be URLs; this host never resolves, it only namespaces our entries. */
const CACHE_KEY_ORIGIN = 'https://relay-cache.idv-lens.invalid'
/** How long past its freshness a stored copy may still answer when the vendor fails. */
export const STALE_IF_ERROR_SECONDS = 600
/** A vendor 404 (a retrieve or a lookup of an ID that does not exist) stays fresh this long at most. */
export const NOT_FOUND_TTL_SECONDS = 30

/**
 * What a stored copy may do for a request: answer (`fresh`), answer while a background load
 * replaces it (`revalidate`: never a remembered 404), or nothing (`forward`: missing, too old, or the
 * client asked for a fresh copy; it may still answer if the vendor fails, see `servesStaleIfError`).
 */
export type Freshness = { use: 'fresh' | 'revalidate' | 'forward'; ageSeconds: number; ttl: number }

export function freshnessOf(entry: StoredBody | undefined, policy: CachePolicy, refresh: boolean): Freshness {
  const ageSeconds = entry ? Math.max(0, (Date.now() - entry.storedAt) / 1000) : Infinity
  const ttl = entry?.notFound ? Math.min(policy.ttl, NOT_FOUND_TTL_SECONDS) : policy.ttl
  const use =
    !entry || refresh ? 'forward'
    : ageSeconds <= ttl ? 'fresh'
    : !entry.notFound && ageSeconds <= policy.ttl + policy.staleWhileRevalidate ? 'revalidate'
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

/** How long a new copy stays usable: freshness and revalidation, or the short life of a remembered 404. */
export const keepFor = (policy: CachePolicy, notFound: boolean | undefined): number =>
  notFound ? Math.min(policy.ttl, NOT_FOUND_TTL_SECONDS) : policy.ttl + policy.staleWhileRevalidate

type CacheStore = Pick<Cache, 'match' | 'put'>

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
  private largeWrites: Promise<void> = Promise.resolve()
  /** Callers that joined a load in flight, and those of them that ran their own (a refusal about the leader). */
  joins = 0
  reruns = 0

  /**
   * `store` is the Cache API (tests pass one whose answers they time); `sealer` encrypts what goes
   * into it. Keys are already SHA-256 hashes of the canonical request (cache-key.ts).
   */
  constructor(
    private readonly store: () => CacheStore | null | Promise<CacheStore | null> = cacheApi,
    private readonly sealer: Sealer = sealerForSecret(null),
  ) {}

  /**
   * Runs `load` once for concurrent callers with the same key: the one rule every coalescing in the
   * relay follows (relayed calls here, lookup IDs in lookup-batch.ts, lookup calls in resolve.ts). A
   * joiner whose shared outcome is a refusal about the leader (`aboutTheCaller`) runs `rerun` (by
   * default `load`, which holds the joiner's own agent and priority) instead of inheriting it.
   */
  coalesce<T>(key: string, load: () => Promise<T>, rerun: () => Promise<T> = load): { promise: Promise<T>; collapsed: boolean } {
    const existing = this.inflight.get(key) as Promise<T> | undefined
    if (existing) {
      this.joins++
      const again = () => {
        this.reruns++
        return rerun()
      }
      const promise = existing.then(
        (value) => (isAboutTheCaller(value) ? again() : value),
        (err: unknown) => {
          if (isAboutTheCaller(err)) return again()
          throw err
        },
      )
      return { promise, collapsed: true }
    }
    const promise = load().finally(() => this.inflight.delete(key))
    this.inflight.set(key, promise as Promise<never>)
    return { promise, collapsed: false }
  }

  async read(key: string): Promise<StoredBody | undefined> {
    const inMemory = this.memory.get(key)
    if (inMemory) return inMemory
    const stored = await this.readStore(key).catch(() => undefined)
    // While the Cache API answered, a load in this isolate may have finished (and left the
    // coalescing map): its copy is the newest there is, and forwarding again would be a second call.
    const landed = this.memory.get(key)
    if (landed) return landed
    if (stored) this.memory.set(key, stored)
    return stored
  }

  private async readStore(key: string): Promise<StoredBody | undefined> {
    const store = await this.store()
    if (!store) return undefined
    const res = await store.match(toRequest(key))
    if (!res) return undefined
    // Tampered, swapped between keys, or sealed by another key version: a miss, never an error.
    const opened = await this.sealer.open(key, new Uint8Array(await res.arrayBuffer()))
    if (opened === null) return undefined
    try {
      const entry = JSON.parse(opened) as StoredBody
      return typeof entry.body === 'string' && typeof entry.storedAt === 'number' ? entry : undefined
    } catch {
      return undefined
    }
  }

  /** Stores `body`; the Cache API keeps it for `keepSeconds` (freshness + revalidation) + stale-if-error. */
  write(key: string, body: string, keepSeconds: number, waitUntil: WaitUntil, options: { notFound?: boolean } = {}): StoredBody {
    const entry: StoredBody = { body, storedAt: Date.now(), ...(options.notFound ? { notFound: true } : {}) }
    this.memory.set(key, entry)
    waitUntil(this.writeStore(key, entry, keepSeconds).catch(() => undefined))
    return entry
  }

  private writeStore(key: string, entry: StoredBody, keepSeconds: number): Promise<void> {
    if (entry.body.length < LARGE_ENTRY_BYTES) return this.sealAndPut(key, entry, keepSeconds)
    // Sealing copies an entry twice: large ones are sealed one at a time, so a burst of large misses
    // does not hold every copy at once.
    const turn = this.largeWrites.then(() => this.sealAndPut(key, entry, keepSeconds))
    this.largeWrites = turn.catch(() => undefined)
    return turn
  }

  private async sealAndPut(key: string, entry: StoredBody, keepSeconds: number): Promise<void> {
    const store = await this.store()
    if (!store) return
    // The stored time is inside the sealed entry: nothing readable sits next to the ciphertext.
    const sealed = await this.sealer.seal(key, JSON.stringify(entry))
    const res = new Response(sealed, {
      headers: {
        'content-type': 'application/octet-stream',
        'cache-control': `max-age=${keepSeconds + (entry.notFound ? 0 : STALE_IF_ERROR_SECONDS)}`,
      },
    })
    await store.put(toRequest(key), res)
  }

  async get(
    key: string,
    policy: CachePolicy,
    /** Fetches a new body; `background` is true for stale-while-revalidate refreshes (shed first). */
    load: (background: boolean) => Promise<Loaded>,
    options: { refresh: boolean; waitUntil: WaitUntil },
  ): Promise<CachedResult> {
    // TTL 0 means no cache at all: nothing stored, nothing stale ever served.
    const uncached = policy.ttl === 0
    const entry = uncached ? undefined : await this.read(key)
    const freshness = freshnessOf(entry, policy, options.refresh)
    const { ageSeconds } = freshness
    const ttlLeft = Math.round(freshness.ttl - ageSeconds)
    const forward = (background: boolean) =>
      this.coalesce(key, async () => {
        const loaded = await load(background)
        if (uncached) return { body: loaded.body, storedAt: Date.now() }
        return this.write(key, loaded.body, keepFor(policy, loaded.notFound), options.waitUntil, { notFound: loaded.notFound })
      })

    if (entry && freshness.use === 'fresh') return { body: entry.body, outcome: { kind: 'hit', ttl: ttlLeft }, ageSeconds, notFound: entry.notFound === true }
    if (entry && freshness.use === 'revalidate') {
      options.waitUntil(forward(true).promise.catch(() => undefined))
      return { body: entry.body, outcome: { kind: 'stale-while-revalidate', ttl: ttlLeft }, ageSeconds, notFound: false }
    }

    const reason = options.refresh ? 'request' : entry ? 'stale' : 'uri-miss'
    const { promise, collapsed } = forward(false)
    // The load others join must not die with the request that started it (a client that hangs up).
    if (!collapsed) options.waitUntil(promise.catch(() => undefined))
    try {
      const fresh = await promise
      return {
        body: fresh.body,
        outcome: { kind: 'forward', reason, forwardStatus: fresh.notFound ? 404 : 200, collapsed, stored: !uncached },
        ageSeconds: 0,
        notFound: fresh.notFound === true,
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const forwardStatus = err.upstreamStatus ?? err.status
      if (entry && servesStaleIfError(entry, freshness, err.code)) {
        return { body: entry.body, outcome: { kind: 'stale-if-error', ttl: ttlLeft, forwardStatus }, ageSeconds, notFound: false }
      }
      // The failure carries how the cache took part, for the answer's Cache-Status and the audit. Every
      // request that joined the load holds the same error: each gets a copy, so none sees another's outcome.
      const copy = new ApiError(err.code, err.message, err.extras, {
        cause: err.cause,
        upstreamStatus: err.upstreamStatus,
        headers: { ...err.headers },
        cache: { kind: 'forward', reason, forwardStatus, collapsed, stored: false },
      })
      throw isAboutTheCaller(err) ? aboutTheCaller(copy) : copy
    }
  }
}

// Opened once per isolate: an open per request would double the Cache API round trips of a miss.
let namedCache: Promise<CacheStore | null> | null = null

/** Test hook: open the named cache again on next use (tests swap `caches.open`). */
export function forgetNamedCache(): void {
  namedCache = null
}

/** The relay's own named cache, not the zone-wide `caches.default` (entries never mix with the zone's). */
function cacheApi(): Promise<CacheStore | null> {
  // Absent outside workerd; present but write-only on *.workers.dev (harmless: reads miss).
  if (typeof caches === 'undefined' || !('open' in caches)) return Promise.resolve(null)
  return (namedCache ??= (caches as unknown as { open(name: string): Promise<Cache> }).open('idv-lens').catch(() => {
    namedCache = null
    return null
  }))
}

function toRequest(key: string): Request {
  return new Request(`${CACHE_KEY_ORIGIN}/${key}`)
}
