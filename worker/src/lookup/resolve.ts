import { VENDOR_NAMES, type LookupEntry } from '@idv-lens/shared/api'
import { vendorOfKind } from '@idv-lens/shared/ids'
import type { RelayConfig } from '../config/relay-config.ts'
import { ApiError } from '../errors.ts'
import { aboutTheCaller, isAboutTheCaller } from '../cache/coalescer.ts'
import { requestKey } from '../cache/cache-key.ts'
import { namespaceOf } from '../cache/relay-caches.ts'
import type { CallOptions } from '../gate/gate-client.ts'
import { callUpstream, configuredKey } from '../upstream/call-upstream.ts'
import { VENDORS } from '../vendors/index.ts'
import type { LookupId, LookupTools, Resolved } from './lookup-types.ts'
import { mapLimit } from './map-limit.ts'

export type { LookupId, Resolved } from './lookup-types.ts'

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

type Resolver = {
  config: RelayConfig
  options: CallOptions
}

/** The tools a vendor reads with (its lookup, a requester check, a history): routes outside a lookup batch use them too. */
export function toolsFor({ config, options }: Resolver): LookupTools {
  const namespace = namespaceOf(config)
  return {
    async get<T>(call: Parameters<LookupTools['get']>[0]): Promise<T> {
      const apiKey = configuredKey(config, call.provider)
      // The gate key doubles as the share key: identical concurrent calls make one round trip (gate-client.ts).
      const key = await requestKey(await namespace, call)
      return (await callUpstream(config, { ...call, key }, apiKey, options)) as T
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

/** Resolves IDs that the per-ID cache did not answer, each vendor's with as few calls as its API allows. */
export async function resolveIds(r: Resolver, items: LookupId[]): Promise<Resolved> {
  const out: Resolved = new Map()
  const tools = toolsFor(r)
  await Promise.all(
    VENDOR_NAMES.map((vendor) => {
      const own = items.filter((i) => vendorOfKind(i.kind) === vendor)
      return own.length ? VENDORS[vendor].lookup(tools, own, out) : undefined
    }),
  )
  return out
}
