import { VENDOR_NAMES, type LookupEntry } from '@idv-lens/shared/api'
import { vendorOfKind } from '@idv-lens/shared/ids'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { aboutTheCaller, isAboutTheCaller } from '../cache/coalescer.ts'
import { requestKey } from '../cache/cache-key.ts'
import { cacheFor, namespaceOf } from '../cache/relay-caches.ts'
import { cachePolicy } from '../cache/request-cache.ts'
import { loadRelayed, notFoundOf } from '../relay.ts'
import type { CallOptions } from '../upstream/gate-client.ts'
import { callUpstream, configuredKey, type UpstreamCall } from '../upstream/call-upstream.ts'
import type { LookupCall, LookupId, LookupTools, RelayedAs, Resolved } from '../vendor-shape/lookup-types.ts'
import { mapLimit } from './map-limit.ts'
import { askedUuidKinds, settleUuid, uuidCandidates } from './uuid-kinds.ts'

export type { LookupId, Resolved } from '../vendor-shape/lookup-types.ts'

/** IDs without a batch endpoint are retrieved one by one, this many at a time (per vendor). */
const RETRIEVE_CONCURRENCY = 4

function failed(item: LookupId, error: ApiError): LookupEntry {
  const entry: LookupEntry = {
    found: false,
    id: item.id,
    kind: item.kind,
    provider: vendorOfKind(item.kind),
    error: {
      code: error.code,
      status: error.status,
      detail: error.message,
      ...(error.extras.retryAfter !== undefined ? { retryAfter: error.extras.retryAfter } : {}),
    },
  }
  // A refusal about this batch's agent or priority: a batch that joined this ID asks again itself.
  return isAboutTheCaller(error) ? aboutTheCaller(entry) : entry
}

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('internal', 'Unexpected error while looking up')
}

/** The request's use of the relay cache, for the reads a detail makes too (`LookupCall.relayed`). */
export type RelayedReads = { refresh: boolean; waitUntil: (promise: Promise<unknown>) => void }

type Resolver = {
  config: RelayConfig
  options: CallOptions
  /** Without it (a requester check), every call goes to the gate as it is. */
  relayed?: RelayedReads
}

/** The tools a vendor reads with (its lookup, a requester check, a history): routes outside a lookup batch use them too. */
export function toolsFor({ config, options, relayed }: Resolver): LookupTools {
  const namespace = namespaceOf(config)
  return {
    async get<T>(call: LookupCall): Promise<T> {
      const apiKey = configuredKey(config, call.provider)
      // The gate key doubles as the share key: identical concurrent calls make one round trip (gate-client.ts).
      const { relayed: as, ...upstream } = call
      const key = await requestKey(await namespace, upstream)
      if (as && relayed) return (await readRelayed({ config, call: upstream, as, key, apiKey, options, reads: relayed })) as T
      return (await callUpstream(config, { call: { ...upstream, key }, apiKey }, options)) as T
    },
    fail: (item, err) => failed(item, asApiError(err)),
    notFound: (item, label) =>
      failed(item, new ApiError('not-found', `${label} ${item.id} does not exist (or belongs to another environment).`)),
    async oneByOne(items, out, fetchOne) {
      await mapLimit(items, RETRIEVE_CONCURRENCY, async (item) => {
        // A batch out of time starts no further vendor calls.
        if (options.signal?.aborted) {
          out.set(item.id, failed(item, new ApiError('upstream-timeout', 'The lookup ran out of time before this ID.')))
          return
        }
        try {
          out.set(item.id, await fetchOne(item))
        } catch (err) {
          out.set(item.id, failed(item, asApiError(err)))
        }
      })
    },
    signal: options.signal,
  }
}

type RelayedRead = {
  config: RelayConfig
  call: UpstreamCall
  as: RelayedAs
  key: string
  apiKey: string
  options: CallOptions
  reads: RelayedReads
}

/**
 * A record read through the relay's cache entry of its canonical request, as its route reads it
 * (relay.ts): fresh, stale-while-revalidate, joined while in flight, a 404 remembered. The body is
 * the route's (the allowlist's) whoever loaded it; a refusal or failure is stored nowhere.
 */
async function readRelayed({ config, call, as, key, apiKey, options, reads }: RelayedRead): Promise<unknown> {
  const spec = {
    ...call,
    shape: as.shape,
    ...(as.transform
      ? { transform: as.transform as (body: unknown, route: string, headers: Readonly<Record<string, string>>) => unknown }
      : {}),
  }
  const result = await cacheFor(config).store.get(
    key,
    cachePolicy(config, as.shape),
    (background) =>
      loadRelayed({
        config,
        spec,
        key,
        apiKey,
        route: as.route,
        options: background ? { ...options, priority: 'background', signal: undefined } : options,
      }),
    reads,
  )
  if (result.notFound) throw notFoundOf(call.provider, result.body)
  return JSON.parse(result.body)
}

/**
 * Resolves IDs that the per-ID cache did not answer, each vendor's with as few calls as its API allows.
 * A UUID is asked of every UUID vendor this relay may call (uuid-kinds.ts), each into its own entries.
 */
export async function resolveIds(r: Resolver, items: LookupId[]): Promise<Resolved> {
  const out: Resolved = new Map()
  const tools = toolsFor(r)
  const asked = askedUuidKinds(r.config)
  const { plain, shared } = uuidCandidates(items, asked)
  const byKind = new Map(asked.map((kind) => [kind, new Map() as Resolved]))
  await Promise.all([
    ...VENDOR_NAMES.map((vendor) => {
      const own = plain.filter((i) => vendorOfKind(i.kind) === vendor)
      return own.length ? r.config.vendors[vendor].lookup(tools, own, out) : undefined
    }),
    ...(shared.length
      ? [...byKind].map(([kind, part]) =>
          r.config.vendors[vendorOfKind(kind)].lookup(
            tools,
            shared.map((i) => ({ ...i, kind })),
            part,
          ),
        )
      : []),
  ])
  for (const item of shared) {
    const parts = [...byKind.values()]
    const entry = settleUuid(parts.flatMap((part) => part.get(item.id) ?? []))
    if (!entry) continue
    out.set(item.id, entry)
    const from = parts.find((part) => part.get(item.id) === entry)
    if (from?.partial?.has(item.id)) (out.partial ??= new Set()).add(item.id)
    if (from?.deferred?.has(item.id)) (out.deferred ??= new Set()).add(item.id)
  }
  return out
}
