import { ApiError } from '../errors.ts'
import type { CacheOutcome } from '../cache-status.ts'
import { aboutTheCaller, Coalescer, isAboutTheCaller } from './coalescer.ts'
import { freshnessOf, keepFor, servesStaleIfError, type CachePolicy, type Freshness } from './freshness.ts'
import { ChangedByActions } from './changed-by-actions.ts'
import { MemoryCache, type StoredBody } from './memory-cache.ts'
import type { Sealer } from './sealed.ts'
import { SealedStore, type CacheStore } from './sealed-store.ts'

export type CachedResult = { body: string; outcome: CacheOutcome; ageSeconds: number; notFound: boolean }
/**
 * What a load produced: a body to cache, or a vendor 404 remembered briefly, or (`shapedBy`) an answer
 * that left out what a failure or a refusal kept from it: the failure's code. That one is answered
 * to the caller who met it, never stored, and never handed to a request that joined the load.
 */
export type Loaded = {
  body: string
  notFound?: boolean
  brief?: boolean
  /** A summary in an end state: kept up to 10 minutes while no change is announced (freshness.ts). */
  settled?: boolean
  /** A found summary not in an end state: held up to a minute while no change is announced (freshness.ts). */
  undecided?: boolean
  shapedBy?: string
  /** A list page (changed-by-actions.ts: any action outdates it). */
  list?: boolean
  /** How old the vendor's answer already is (the gate's kept copy): stored as made then, not now. */
  ageMs?: number
}

type WaitUntil = (promise: Promise<unknown>) => void

/**
 * One batch's values through the cache (a /v1/lookup's IDs): each item's key, how a stored body reads
 * back, and the loader of the items no stored copy answered.
 */
export type BatchSource<I, T> = {
  keys: Map<I, string>
  /** A stored body as a value, or undefined when it is not one. */
  parse(body: string): T | undefined
  /** Loads `items` in one go (`background` for stale-while-revalidate); `keep` is what to store of each. */
  load(items: I[], background: boolean): Promise<Map<I, { value: T; keep?: Loaded }>>
  /** The value of an item whose load threw or left it out. */
  lost(item: I): T
  /** The failure a value stands for (stale-if-error decides on it), or null for an answer. */
  failure(value: T): string | null
  /** Of held copies (summaries past their freshness), those nothing announced a change to since they were stored. */
  unchanged?(held: { item: I; entry: StoredBody }[]): Promise<Set<I>>
}

export type BatchOutcome = Extract<CacheOutcome, { kind: 'batch' }>
type StoredCopy<T> = { value: T; entry: StoredBody; freshness: Freshness }
/** How a batch's misses load: in the background (stale-while-revalidate) or not, joining loads in flight or not (a forced refresh). */
type BatchLoad = { policy: CachePolicy; background: boolean; join: boolean; waitUntil: WaitUntil }

type Forwarding = { promise: Promise<StoredBody & { shapedBy?: string }>; collapsed: boolean }
type ForwardReason = Extract<CacheOutcome, { kind: 'forward' }>['reason']

/** A whole older copy answering in place of a failure (stale-if-error). */
function staleCopy(entry: StoredBody, freshness: Freshness, forwardStatus: number): CachedResult {
  const ttl = Math.round(freshness.ttl - freshness.ageSeconds)
  return { body: entry.body, outcome: { kind: 'stale-if-error', ttl, forwardStatus }, ageSeconds: freshness.ageSeconds, notFound: false }
}

/**
 * The failure with how the cache took part, for the answer's Cache-Status and the audit. Every
 * request that joined the load holds the same error: each gets a copy, so none sees another's outcome.
 */
function withCacheOutcome(err: ApiError, cache: Extract<CacheOutcome, { kind: 'forward' }>): ApiError {
  const copy = new ApiError(err.code, err.message, err.extras, {
    cause: err.cause,
    upstreamStatus: err.upstreamStatus,
    headers: { ...err.headers },
    cache,
  })
  return isAboutTheCaller(err) ? aboutTheCaller(copy) : copy
}

const freshnessFor = (policy: CachePolicy, refresh: boolean) => (entry: StoredBody) => freshnessOf(entry, policy, refresh)

/**
 * The items a stored copy answers (fresh, held and confirmed unchanged, or to revalidate in the
 * background), counted in `outcome`; the rest are missing and load now.
 */
function answerFromCopies<I, T>(batch: { items: I[]; copies: Map<I, StoredCopy<T>>; confirmed: Set<I>; outcome: BatchOutcome }) {
  const { items, copies, confirmed, outcome } = batch
  const values = new Map<I, T>()
  const missing: I[] = []
  const revalidate: I[] = []
  for (const item of items) {
    const copy = copies.get(item)
    const usable = copy && (copy.freshness.use === 'held' ? confirmed.has(item) : copy.freshness.use !== 'forward')
    if (copy && usable) {
      values.set(item, copy.value)
      if (copy.freshness.use === 'fresh' || copy.freshness.use === 'held') outcome.fresh++
      else {
        outcome.revalidating++
        revalidate.push(item)
      }
    } else missing.push(item)
  }
  return { values, missing, revalidate }
}

/** The loaded items' values, or a whole older copy where the value is a failure that allows one (stale-if-error). */
function answerMissing<I, T>(
  batch: { missing: I[]; loaded: Map<I, T>; copies: Map<I, StoredCopy<T>>; source: BatchSource<I, T> },
  into: { values: Map<I, T>; outcome: BatchOutcome },
): void {
  for (const item of batch.missing) {
    const value = batch.loaded.get(item) as T
    const copy = batch.copies.get(item)
    const failure = batch.source.failure(value)
    if (failure !== null && copy && servesStaleIfError(copy.entry, copy.freshness, failure)) {
      into.values.set(item, copy.value)
      into.outcome.staleIfError++
    } else {
      into.values.set(item, value)
      into.outcome.forwarded++
    }
  }
}

/**
 * The relay's cache: an in-isolate LRU in front of the Cache API, with request coalescing,
 * stale-while-revalidate, forced refresh and stale-if-error, for single calls (`get`) and batches (`getBatch`).
 *
 * Coalescing is per isolate: identical concurrent misses that land in the same isolate make one
 * upstream call. Cloudflare may spread a burst over several isolates; each then makes at most one.
 */
export class RelayCache {
  readonly memory = new MemoryCache()
  private readonly changes = new ChangedByActions()
  private readonly coalescer = new Coalescer()
  private readonly sealed: SealedStore

  /** `store` is the Cache API (tests pass one whose answers they time); `sealer` encrypts what goes into it. */
  constructor(store?: () => CacheStore | null | Promise<CacheStore | null>, sealer?: Sealer) {
    this.sealed = new SealedStore(store, sealer)
  }

  /** Callers that joined a load in flight, and those of them that ran their own (a refusal about the leader). */
  get joins(): number {
    return this.coalescer.joins
  }

  get reruns(): number {
    return this.coalescer.reruns
  }

  async read(key: string): Promise<StoredBody | undefined> {
    const inMemory = this.memory.get(key)
    if (inMemory) return this.unlessOutdated(key, inMemory)
    const stored = await this.sealed.read(key).catch(() => undefined)
    // While the Cache API answered, a load in this isolate may have finished (and left the
    // coalescing map): its copy is the newest there is, and forwarding again would be a second call.
    const landed = this.memory.get(key)
    if (landed) return this.unlessOutdated(key, landed)
    if (stored && this.changes.outdates(stored)) return undefined
    if (stored) this.memory.set(key, stored)
    return stored
  }

  /**
   * An action changed these records (vendors/persona/actions.ts): every copy that names one of them and
   * was stored before now (the object, the lists it is on, its lookup summary) is a miss from now on,
   * here and in this isolate's reads of the Cache API, so the next read shows the change.
   */
  forgetMentioning(ids: readonly string[]): void {
    this.changes.mark(ids, Date.now())
    this.memory.deleteWhere((entry) => this.changes.outdates(entry))
  }

  private unlessOutdated(key: string, entry: StoredBody): StoredBody | undefined {
    if (!this.changes.outdates(entry)) return entry
    this.memory.delete(key)
    return undefined
  }

  /**
   * Stores what a load begun at `askedAt` brought; the Cache API keeps it for `keepSeconds` (freshness +
   * revalidation) + stale-if-error. A copy is as old as the moment it was asked for (less the gate's
   * kept copy's age): one from before an action this isolate saw, or older than the copy held, is not kept.
   */
  private write(key: string, loaded: Loaded, store: { askedAt: number; keepSeconds: number; waitUntil: WaitUntil }): StoredBody {
    const entry: StoredBody = {
      body: loaded.body,
      storedAt: store.askedAt - (loaded.ageMs ?? 0),
      ...(loaded.notFound ? { notFound: true } : {}),
      ...(loaded.brief ? { brief: true } : {}),
      ...(loaded.settled ? { settled: true } : {}),
      ...(loaded.undecided ? { undecided: true } : {}),
      ...(loaded.list ? { list: true } : {}),
    }
    const held = this.memory.get(key)
    if (this.changes.outdates(entry) || (held && held.storedAt > entry.storedAt)) return entry
    this.memory.set(key, entry)
    store.waitUntil(this.sealed.write(key, entry, store.keepSeconds).catch(() => undefined))
    return entry
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
    const forward = (background: boolean) => this.forward(key, () => load(background), { policy, ...options })

    if (entry && freshness.use === 'fresh')
      return { body: entry.body, outcome: { kind: 'hit', ttl: ttlLeft }, ageSeconds, notFound: entry.notFound === true }
    if (entry && freshness.use === 'revalidate') {
      options.waitUntil(forward(true).promise.catch(() => undefined))
      return { body: entry.body, outcome: { kind: 'stale-while-revalidate', ttl: ttlLeft }, ageSeconds, notFound: false }
    }

    const reason = options.refresh ? 'request' : entry ? 'stale' : 'uri-miss'
    return this.answerForwarded(forward(false), { entry, freshness, reason, uncached, waitUntil: options.waitUntil })
  }

  /**
   * A miss (or a forced refresh) forwarded: its answer; a whole older copy where the failure (or an
   * answer a failure cut short) allows one; else the failure, with how the cache took part.
   */
  private async answerForwarded(
    { promise, collapsed }: Forwarding,
    at: { entry: StoredBody | undefined; freshness: Freshness; reason: ForwardReason; uncached: boolean; waitUntil: WaitUntil },
  ): Promise<CachedResult> {
    const { entry, freshness, reason } = at
    // The load others join must not die with the request that started it (a client that hangs up).
    if (!collapsed) at.waitUntil(promise.catch(() => undefined))
    try {
      const fresh = await promise
      if (fresh.shapedBy !== undefined && entry && servesStaleIfError(entry, freshness, fresh.shapedBy))
        return staleCopy(entry, freshness, 200)
      return {
        body: fresh.body,
        outcome: {
          kind: 'forward',
          reason,
          forwardStatus: fresh.notFound ? 404 : 200,
          collapsed,
          stored: !at.uncached && fresh.shapedBy === undefined,
        },
        ageSeconds: Math.max(0, (Date.now() - fresh.storedAt) / 1000),
        notFound: fresh.notFound === true,
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const forwardStatus = err.upstreamStatus ?? err.status
      if (entry && servesStaleIfError(entry, freshness, err.code)) return staleCopy(entry, freshness, forwardStatus)
      throw withCacheOutcome(err, { kind: 'forward', reason, forwardStatus, collapsed, stored: false })
    }
  }

  /** One load of `key`, joined by identical ones, stored as its answer says. */
  private forward(key: string, load: () => Promise<Loaded>, how: { policy: CachePolicy; refresh: boolean; waitUntil: WaitUntil }) {
    return this.coalescer.run(
      key,
      async (): Promise<StoredBody & { shapedBy?: string }> => {
        const askedAt = Date.now()
        const loaded = await load()
        // About this caller's failure: a joiner loads for itself (coalescer.ts).
        if (loaded.shapedBy !== undefined) return aboutTheCaller({ body: loaded.body, storedAt: askedAt, shapedBy: loaded.shapedBy })
        if (how.policy.ttl === 0) return { body: loaded.body, storedAt: askedAt - (loaded.ageMs ?? 0) }
        const kept = { body: loaded.body, notFound: loaded.notFound, list: loaded.list, ageMs: loaded.ageMs }
        return this.write(key, kept, { askedAt, keepSeconds: keepFor(how.policy, loaded), waitUntil: how.waitUntil })
      },
      // A forced refresh never joins a load that may have left before a change.
      { join: !how.refresh },
    )
  }

  /**
   * A batch through the cache in one walk: each item's stored copy answers by the same rules as `get`;
   * the items in flight for another batch are joined, and the rest go to `source.load` together.
   */
  async getBatch<I, T>(
    items: I[],
    source: BatchSource<I, T>,
    policy: CachePolicy,
    options: { refresh: boolean; waitUntil: WaitUntil },
  ): Promise<{ values: Map<I, T>; outcome: BatchOutcome }> {
    // TTL 0 means no cache at all: nothing read, nothing stored.
    const copies =
      policy.ttl > 0 ? await this.readCopies(items, source, freshnessFor(policy, options.refresh)) : new Map<I, StoredCopy<T>>()
    const outcome: BatchOutcome = {
      kind: 'batch',
      ids: items.length,
      fresh: 0,
      revalidating: 0,
      staleIfError: 0,
      forwarded: 0,
      refresh: options.refresh,
    }
    const { values, missing, revalidate } = answerFromCopies({ items, copies, confirmed: await this.confirmHeld(copies, source), outcome })
    const load = { policy, join: !options.refresh, waitUntil: options.waitUntil }
    if (revalidate.length) options.waitUntil(this.loadShared(revalidate, source, { ...load, background: true }).catch(() => undefined))
    if (missing.length) {
      const pending = this.loadShared(missing, source, { ...load, background: false })
      // Other batches may join these items: the load outlives this request if its client hangs up.
      options.waitUntil(pending.catch(() => undefined))
      answerMissing({ missing, loaded: await pending, copies, source }, { values, outcome })
    }
    return { values, outcome }
  }

  /** Each item's stored copy that reads back as a value, with its freshness. */
  private async readCopies<I, T>(items: I[], source: BatchSource<I, T>, freshness: (entry: StoredBody) => Freshness) {
    const copies = new Map<I, StoredCopy<T>>()
    await Promise.all(
      items.map(async (item) => {
        const entry = await this.read(source.keys.get(item) as string)
        const value = entry && source.parse(entry.body)
        if (entry && value !== undefined) copies.set(item, { value, entry, freshness: freshness(entry) })
      }),
    )
    return copies
  }

  /** The held copies (summaries past their freshness) the source confirms unchanged; none when it cannot say. */
  private async confirmHeld<I, T>(copies: Map<I, StoredCopy<T>>, source: BatchSource<I, T>): Promise<Set<I>> {
    const held = [...copies].flatMap(([item, copy]) => (copy.freshness.use === 'held' ? [{ item, entry: copy.entry }] : []))
    if (!held.length || !source.unchanged) return new Set()
    return source.unchanged(held).catch(() => new Set<I>())
  }

  /** Loads `items`, joining those another batch in this isolate is loading (unless `join` is false), and stores what each value says to keep. */
  private async loadShared<I, T>(items: I[], source: BatchSource<I, T>, load: BatchLoad): Promise<Map<I, T>> {
    const joined = new Map<I, Promise<T>>()
    const owned: I[] = []
    const settle = new Map<I, (value: T) => void>()
    for (const item of items) {
      let resolve!: (value: T) => void
      // A joiner handed a refusal about the batch that led (its agent's share, its priority) loads this item itself.
      const { promise, collapsed } = this.coalescer.run(source.keys.get(item) as string, () => new Promise<T>((r) => (resolve = r)), {
        rerun: () => this.loadAlone(item, source, load),
        join: load.join,
      })
      if (collapsed) joined.set(item, promise)
      else {
        owned.push(item)
        settle.set(item, resolve)
      }
    }
    const values = new Map<I, T>()
    if (owned.length) {
      try {
        const askedAt = Date.now()
        const loaded = await source.load(owned, load.background)
        for (const item of owned) {
          const value = this.keepLoaded(item, loaded.get(item), source, { ...load, askedAt })
          values.set(item, value)
          settle.get(item)?.(value)
        }
      } finally {
        // Never leave a joiner waiting: whatever was not settled above settles as lost.
        for (const item of owned) settle.get(item)?.(values.get(item) ?? source.lost(item))
      }
    }
    for (const [item, promise] of joined) values.set(item, await promise)
    return values
  }

  /** One item loaded under this batch's own agent and priority (a joiner's second try, see loadShared). */
  private async loadAlone<I, T>(item: I, source: BatchSource<I, T>, load: BatchLoad): Promise<T> {
    try {
      const askedAt = Date.now()
      return this.keepLoaded(item, (await source.load([item], load.background)).get(item), source, { ...load, askedAt })
    } catch {
      return source.lost(item)
    }
  }

  private keepLoaded<I, T>(
    item: I,
    loaded: { value: T; keep?: Loaded } | undefined,
    source: BatchSource<I, T>,
    load: BatchLoad & { askedAt: number },
  ): T {
    if (!loaded) return source.lost(item)
    const { keep } = loaded
    if (keep && load.policy.ttl > 0)
      this.write(source.keys.get(item) as string, keep, {
        askedAt: load.askedAt,
        keepSeconds: keepFor(load.policy, keep),
        waitUntil: load.waitUntil,
      })
    return loaded.value
  }
}
