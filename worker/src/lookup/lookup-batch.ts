import { vendorOfKind } from '@idv-lens/shared/ids'
import type { LookupEntry } from '@idv-lens/shared/api'
import { lookupKey } from '../cache/cache-key.ts'
import { NOT_FOUND_TTL_SECONDS, STALE_SERVABLE, type CachePolicy } from '../cache/relay-cache.ts'
import type { StoredBody } from '../cache/memory-cache.ts'
import { STALE_IF_ERROR_SECONDS, type RelayConfig } from '../config.ts'
import type { RelayState } from '../state.ts'
import type { CallOptions } from '../upstream/call-upstream.ts'
import { resolveIds, type LookupId } from './resolve.ts'

type WaitUntil = (promise: Promise<unknown>) => void

export type BatchCounts = { fresh: number; revalidating: number; staleIfError: number; forwarded: number; collapsed: number }

export type LookupBatch = {
  config: RelayConfig
  state: RelayState
  policy: CachePolicy
  refresh: boolean
  waitUntil: WaitUntil
  /** Call options for this request's misses (the route makes them interactive, with the batch's signal). */
  options: CallOptions
}

const isFound = (entry: LookupEntry) => entry.found
const ttlOf = (entry: LookupEntry, policy: CachePolicy) => (isFound(entry) ? policy.ttl : Math.min(policy.ttl, NOT_FOUND_TTL_SECONDS))

/**
 * `/v1/lookup` through the relay's one cache: one entry per ID (sealed in the Cache API like every
 * relayed body), fresh / stale-while-revalidate / stale-if-error by the same rules, identical IDs in
 * flight shared between concurrent batches, and the rest resolved in as few vendor calls as possible.
 */
export async function lookupBatch(batch: LookupBatch, items: LookupId[]): Promise<{ entries: Map<string, LookupEntry>; counts: BatchCounts }> {
  const { state, policy, refresh } = batch
  const cacheOff = policy.ttl === 0
  const keys = new Map(await Promise.all(items.map(async (item) => [item.id, await lookupKey(state.namespace, item.id)] as const)))
  const stored = new Map<string, { entry: LookupEntry; age: number }>()
  if (!cacheOff) {
    await Promise.all(
      items.map(async ({ id }) => {
        const copy = await state.cache.read(keys.get(id) as string)
        const entry = copy && parseEntry(copy)
        if (entry) stored.set(id, { entry, age: Math.max(0, (Date.now() - (copy as StoredBody).storedAt) / 1000) })
      }),
    )
  }

  const counts: BatchCounts = { fresh: 0, revalidating: 0, staleIfError: 0, forwarded: 0, collapsed: 0 }
  const entries = new Map<string, LookupEntry>()
  const missing: LookupId[] = []
  const revalidate: LookupId[] = []
  for (const item of items) {
    const copy = stored.get(item.id)
    const ttl = copy ? ttlOf(copy.entry, policy) : 0
    if (copy && !refresh && copy.age <= ttl) {
      entries.set(item.id, copy.entry)
      counts.fresh++
    } else if (copy && !refresh && isFound(copy.entry) && copy.age <= ttl + policy.staleWhileRevalidate) {
      entries.set(item.id, copy.entry)
      counts.revalidating++
      revalidate.push(item)
    } else {
      missing.push(item)
    }
  }

  if (revalidate.length) {
    batch.waitUntil(resolveShared(batch, revalidate, keys, { ...batch.options, priority: 'background', signal: undefined }).catch(() => undefined))
  }
  if (missing.length) {
    const pending = resolveShared(batch, missing, keys, batch.options)
    // Other batches may join these IDs: the work outlives this request if its client hangs up.
    batch.waitUntil(pending.catch(() => undefined))
    const { resolved, collapsed } = await pending
    counts.collapsed = collapsed
    for (const item of missing) {
      const entry = resolved.get(item.id) as LookupEntry
      const copy = stored.get(item.id)
      // The vendor (or the budget) failed: a found copy no older than 10 minutes past its freshness wins.
      if (!entry.found && STALE_SERVABLE.has(entry.error.code) && copy && isFound(copy.entry) && copy.age - ttlOf(copy.entry, policy) <= STALE_IF_ERROR_SECONDS) {
        entries.set(item.id, copy.entry)
        counts.staleIfError++
      } else {
        entries.set(item.id, entry)
        counts.forwarded++
      }
    }
  }
  return { entries, counts }
}

/**
 * Resolves `items`, joining IDs another batch in this isolate is already resolving, and caches
 * what is worth keeping: found (complete) summaries and not-found answers. Failures are not cached.
 */
async function resolveShared(
  batch: LookupBatch,
  items: LookupId[],
  keys: Map<string, string>,
  options: CallOptions,
): Promise<{ resolved: Map<string, LookupEntry>; collapsed: number }> {
  const { state, policy, waitUntil } = batch
  const inflight = state.lookupsInFlight
  const joined = new Map<string, Promise<LookupEntry>>()
  const owned: LookupId[] = []
  const settle = new Map<string, (entry: LookupEntry) => void>()
  for (const item of items) {
    const running = inflight.get(item.id)
    if (running) joined.set(item.id, running)
    else {
      owned.push(item)
      inflight.set(item.id, new Promise<LookupEntry>((resolve) => settle.set(item.id, resolve)))
    }
  }
  const resolved = new Map<string, LookupEntry>()
  if (owned.length) {
    try {
      const fresh = await resolveIds({ config: batch.config, state, options }, owned)
      for (const item of owned) {
        const entry = fresh.get(item.id) as LookupEntry
        resolved.set(item.id, entry)
        const keep = !fresh.partial?.has(item.id) && (entry.found || entry.error.code === 'not-found')
        if (keep && policy.ttl > 0) {
          const ttl = ttlOf(entry, policy)
          state.cache.write(keys.get(item.id) as string, JSON.stringify(entry), entry.found ? ttl + policy.staleWhileRevalidate : ttl, waitUntil, {
            notFound: !entry.found,
          })
        }
        settle.get(item.id)?.(entry)
      }
    } finally {
      for (const item of owned) {
        // Never leave a joiner waiting: whatever was not settled above settles as a failure.
        settle.get(item.id)?.(resolved.get(item.id) ?? internalFailure(item))
        inflight.delete(item.id)
      }
    }
  }
  for (const [id, promise] of joined) resolved.set(id, await promise)
  return { resolved, collapsed: joined.size }
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
