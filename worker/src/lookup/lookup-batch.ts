import { vendorOfKind } from '@idv-lens/shared/ids'
import { VENDOR_NAMES, type LookupEntry } from '@idv-lens/shared/api'
import { lookupKey } from '../cache/cache-key.ts'
import { aboutTheCaller } from '../cache/coalescer.ts'
import type { BatchOutcome, BatchSource } from '../cache/relay-cache.ts'
import type { CacheRequest } from '../cache/request-cache.ts'
import type { RelayConfig } from '../config/relay-config.ts'
import { gateStub, type CallOptions } from '../upstream/gate-client.ts'
import type { StoredBody } from '../cache/memory-cache.ts'
import { resolveIds, type LookupId } from './resolve.ts'

export type LookupBatch = {
  config: RelayConfig
  /** The configuration's cache key namespace (cache/relay-caches.ts). */
  namespace: string
  cache: CacheRequest
  /** Call options for this request's misses (the route makes them interactive, with the batch's signal). */
  options: CallOptions
}

/**
 * `/v1/lookup` through the relay's one cache, in one walk (RelayCache.getBatch): one entry per ID, fresh /
 * stale-while-revalidate / stale-if-error by the cache's own rules, identical IDs in flight shared
 * between concurrent batches, and the rest resolved here in as few vendor calls as possible.
 */
export async function lookupBatch(
  batch: LookupBatch,
  items: LookupId[],
): Promise<{ entries: Map<string, LookupEntry>; outcome: BatchOutcome }> {
  const { store, policy, refresh, waitUntil } = batch.cache
  const keys = new Map(await Promise.all(items.map(async (item) => [item, await lookupKey(batch.namespace, item.id)] as const)))
  const { values, outcome } = await store.getBatch(items, lookupSource(batch, keys), policy, { refresh, waitUntil })
  return { entries: new Map(items.map((item) => [item.id, values.get(item) as LookupEntry])), outcome }
}

function lookupSource(batch: LookupBatch, keys: Map<LookupId, string>): BatchSource<LookupId, LookupEntry> {
  return {
    keys,
    parse: parseEntry,
    async load(items, background) {
      const options: CallOptions = background ? { ...batch.options, priority: 'background', signal: undefined } : batch.options
      const resolved = await resolveIds(
        { config: batch.config, options, relayed: { refresh: batch.cache.refresh, waitUntil: batch.cache.waitUntil } },
        items,
      )
      return new Map(
        items.flatMap((item) => {
          const entry = resolved.get(item.id)
          if (!entry) return []
          // Kept: found summaries (briefly when the batch's bound deferred their reason or case) and
          // not-found answers; failures and summaries a failure or a refusal cut short are not, and a
          // batch that joined this one's load reads such an ID itself.
          const partial = resolved.partial?.has(item.id) === true
          const keep = !partial && (entry.found || entry.error.code === 'not-found')
          const brief = resolved.deferred?.has(item.id) === true
          const settled = entry.found && batch.config.vendors[entry.provider].settled(entry)
          const undecided = entry.found && !settled
          const value = partial ? aboutTheCaller(entry) : entry
          return [
            [
              item,
              { value, ...(keep ? { keep: { body: JSON.stringify(entry), notFound: !entry.found, brief, settled, undecided } } : {}) },
            ] as const,
          ]
        }),
      )
    },
    lost: internalFailure,
    failure: (entry) => (entry.found ? null : entry.error.code),
    unchanged: (held) => unchangedSince(batch.config, held),
  }
}

/**
 * The held summaries (settled or undecided) no change was announced for since they were stored: each vendor's gate holds
 * the changes webhooks and agent actions marked (one round trip per vendor, no vendor call). A copy
 * that names a changed record (the inquiry, its case, its verification) is read again.
 */
async function unchangedSince(config: RelayConfig, held: { item: LookupId; entry: StoredBody }[]): Promise<Set<LookupId>> {
  const confirmed = new Set<LookupId>()
  await Promise.all(
    VENDOR_NAMES.map(async (vendor) => {
      // A UUID's entry may be another UUID vendor's than its kind says (lookup/uuid-kinds.ts).
      const own = held.filter(({ item, entry }) => (parseEntry(entry.body)?.provider ?? vendorOfKind(item.kind)) === vendor)
      if (!own.length) return
      const since = Math.min(...own.map(({ entry }) => entry.storedAt))
      const changes = await (await gateStub(config, vendor)).changesSince(since)
      if (!changes.complete) return
      for (const { item, entry } of own) if (!changes.ids.some((id) => entry.body.includes(id))) confirmed.add(item)
    }),
  )
  return confirmed
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

function parseEntry(body: string): LookupEntry | undefined {
  try {
    const entry = JSON.parse(body) as LookupEntry
    return typeof entry === 'object' && entry && typeof entry.id === 'string' ? entry : undefined
  } catch {
    return undefined
  }
}
