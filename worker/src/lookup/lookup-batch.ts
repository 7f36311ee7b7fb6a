import { vendorOfKind } from '@idv-lens/shared/ids'
import type { LookupEntry } from '@idv-lens/shared/api'
import { lookupKey } from '../cache/cache-key.ts'
import type { CacheOutcome } from '../cache/cache-status.ts'
import { freshnessOf, keepFor, servesStaleIfError, type Freshness } from '../cache/relay-cache.ts'
import type { StoredBody } from '../cache/memory-cache.ts'
import type { CacheRequest } from '../cache/request-cache.ts'
import type { RelayConfig } from '../config/relay-config.ts'
import type { CallOptions } from '../upstream/call-upstream.ts'
import { resolveIds, type LookupId, type Resolved } from './resolve.ts'

export type LookupBatch = {
  config: RelayConfig
  /** The configuration's cache key namespace (cache/relay-caches.ts). */
  namespace: string
  cache: CacheRequest
  /** Call options for this request's misses (the route makes them interactive, with the batch's signal). */
  options: CallOptions
}

type BatchOutcome = Extract<CacheOutcome, { kind: 'batch' }>
type StoredCopy = { entry: LookupEntry; stored: StoredBody; freshness: Freshness }

/**
 * `/v1/lookup` through the relay's one cache: one entry per ID (sealed in the Cache API like every
 * relayed body), fresh / stale-while-revalidate / stale-if-error by the cache's own rules
 * (relay-cache.ts), identical IDs in flight shared between concurrent batches through its coalescing,
 * and the rest resolved in as few vendor calls as possible.
 */
export async function lookupBatch(batch: LookupBatch, items: LookupId[]): Promise<{ entries: Map<string, LookupEntry>; outcome: BatchOutcome }> {
  const { store, policy, refresh } = batch.cache
  const keys = new Map(await Promise.all(items.map(async (item) => [item.id, await lookupKey(batch.namespace, item.id)] as const)))
  const copies = new Map<string, StoredCopy>()
  // TTL 0 means no cache at all: nothing read, nothing stored.
  if (policy.ttl > 0) {
    await Promise.all(
      items.map(async ({ id }) => {
        const stored = await store.read(keys.get(id) as string)
        const entry = stored && parseEntry(stored)
        if (stored && entry) copies.set(id, { entry, stored, freshness: freshnessOf(stored, policy, refresh) })
      }),
    )
  }

  const outcome: BatchOutcome = { kind: 'batch', ids: items.length, fresh: 0, revalidating: 0, staleIfError: 0, forwarded: 0, refresh }
  const entries = new Map<string, LookupEntry>()
  const missing: LookupId[] = []
  const revalidate: LookupId[] = []
  for (const item of items) {
    const copy = copies.get(item.id)
    if (copy?.freshness.use === 'fresh') {
      entries.set(item.id, copy.entry)
      outcome.fresh++
    } else if (copy?.freshness.use === 'revalidate') {
      entries.set(item.id, copy.entry)
      outcome.revalidating++
      revalidate.push(item)
    } else {
      missing.push(item)
    }
  }

  if (revalidate.length) {
    batch.cache.waitUntil(resolveShared(batch, revalidate, keys, { ...batch.options, priority: 'background', signal: undefined }).catch(() => undefined))
  }
  if (missing.length) {
    const pending = resolveShared(batch, missing, keys, batch.options)
    // Other batches may join these IDs: the work outlives this request if its client hangs up.
    batch.cache.waitUntil(pending.catch(() => undefined))
    const resolved = await pending
    for (const item of missing) {
      const entry = resolved.get(item.id) as LookupEntry
      const copy = copies.get(item.id)
      // The vendor (or the budget) failed: a found copy no older than 10 minutes past its freshness wins.
      if (!entry.found && copy && servesStaleIfError(copy.stored, copy.freshness, entry.error.code)) {
        entries.set(item.id, copy.entry)
        outcome.staleIfError++
      } else {
        entries.set(item.id, entry)
        outcome.forwarded++
      }
    }
  }
  return { entries, outcome }
}

/**
 * Resolves `items`, joining IDs another batch in this isolate is already resolving (the cache's
 * coalescing, by each ID's cache key), and caches what is worth keeping: found (complete) summaries
 * and not-found answers. Failures are not cached.
 */
async function resolveShared(batch: LookupBatch, items: LookupId[], keys: Map<string, string>, options: CallOptions): Promise<Map<string, LookupEntry>> {
  const { store } = batch.cache
  const joined = new Map<string, Promise<LookupEntry>>()
  const owned: LookupId[] = []
  const settle = new Map<string, (entry: LookupEntry) => void>()
  for (const item of items) {
    let resolve!: (entry: LookupEntry) => void
    const key = keys.get(item.id) as string
    // A joiner handed a refusal about the batch that led (its agent's share, its priority) asks for this ID itself.
    const { promise, collapsed } = store.coalesce(key, () => new Promise<LookupEntry>((r) => (resolve = r)), () => resolveAlone(batch, item, key, options))
    if (collapsed) joined.set(item.id, promise)
    else {
      owned.push(item)
      settle.set(item.id, resolve)
    }
  }
  const resolved = new Map<string, LookupEntry>()
  if (owned.length) {
    try {
      const fresh = await resolveIds({ config: batch.config, cache: store, options }, owned)
      for (const item of owned) {
        const entry = fresh.get(item.id) as LookupEntry
        resolved.set(item.id, entry)
        keepResolved(batch, fresh, item, keys.get(item.id) as string)
        settle.get(item.id)?.(entry)
      }
    } finally {
      // Never leave a joiner waiting: whatever was not settled above settles as a failure.
      for (const item of owned) settle.get(item.id)?.(resolved.get(item.id) ?? internalFailure(item))
    }
  }
  for (const [id, promise] of joined) resolved.set(id, await promise)
  return resolved
}

/** Caches what is worth keeping of a resolved ID: a found (complete) summary, or a not-found answer. */
function keepResolved(batch: LookupBatch, fresh: Resolved, item: LookupId, key: string): void {
  const { store, policy, waitUntil } = batch.cache
  const entry = fresh.get(item.id) as LookupEntry
  const keep = !fresh.partial?.has(item.id) && (entry.found || entry.error.code === 'not-found')
  if (keep && policy.ttl > 0) store.write(key, JSON.stringify(entry), keepFor(policy, !entry.found), waitUntil, { notFound: !entry.found })
}

/** One ID resolved under this batch's own agent and priority (a joiner's second try, see resolveShared). */
async function resolveAlone(batch: LookupBatch, item: LookupId, key: string, options: CallOptions): Promise<LookupEntry> {
  try {
    const fresh = await resolveIds({ config: batch.config, cache: batch.cache.store, options }, [item])
    keepResolved(batch, fresh, item, key)
    return fresh.get(item.id) ?? internalFailure(item)
  } catch {
    return internalFailure(item)
  }
}

function internalFailure(item: LookupId): LookupEntry {
  return {
    found: false,
    id: item.id,
    kind: item.kind,
    provider: vendorOfKind(item.kind),
    error: { code: 'internal', status: 500, detail: 'Unexpected error while looking up' },
  }
}

function parseEntry(copy: StoredBody): LookupEntry | undefined {
  try {
    const entry = JSON.parse(copy.body) as LookupEntry
    return typeof entry === 'object' && entry && typeof entry.id === 'string' ? entry : undefined
  } catch {
    return undefined
  }
}
