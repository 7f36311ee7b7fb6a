import type { Context, TypedResponse } from 'hono'
import { routePath } from 'hono/route'
import { requestKey } from './cache/cache-key.ts'
import { namespaceOf } from './cache/relay-caches.ts'
import { cachedCall } from './cache/request-cache.ts'
import type { VendorName } from '@idv-lens/shared/api'
import type { AppEnv } from './env.ts'
import { ApiError } from './errors.ts'
import type { CacheOutcome } from './cache-status.ts'
import type { Loaded } from './cache/relay-cache.ts'
import type { RelayConfig } from './config/relay-config.ts'
import type { CallOptions } from './upstream/gate-client.ts'
import { callOptions } from './upstream/call-options.ts'
import { callUpstream, configuredKey, type UpstreamCall } from './upstream/call-upstream.ts'

export type RelaySpec<TBody> = UpstreamCall & {
  /** Lists go stale sooner than single objects. */
  shape: 'list' | 'object'
  /**
   * Runs once on the upstream JSON before it is cached (link rewriting, stripping); `routePath` is
   * the relay's own route for this call, as Hono matched it (`/v1/persona/inquiries`); `headers` are
   * the answer's headers the vendor keeps (`Vendor.answerHeaders`).
   */
  transform?: (body: TBody, routePath: string, headers: Readonly<Record<string, string>>) => unknown
  /** The route's answer from the kept body, when the transform kept more than the body (Onfido's paging headers). */
  answer?: (kept: string) => { body: string; headers: Record<string, string> }
}

/** Refuses a vendor without a key or with an unsafe base before anything else (the check itself is configuredKey). */
export function assertConfigured(c: Context<AppEnv>, provider: VendorName): void {
  configuredKey(c.get('config'), provider)
}

type RelayedLoad<TBody> = { config: RelayConfig; spec: RelaySpec<TBody>; key: string; apiKey: string; options: CallOptions; route: string }

/**
 * One relayed read's miss: the vendor's answer shaped by the spec's transform, as the cache keeps it.
 * Routes and summaries that read the same record (lookup/resolve.ts) both load with this, so the one
 * cache entry of a canonical request holds the same body whoever filled it.
 */
export async function loadRelayed<TBody>({ config, spec, key, apiKey, options, route }: RelayedLoad<TBody>): Promise<Loaded> {
  try {
    const call = { provider: spec.provider, path: spec.path, query: spec.query, headers: spec.headers, key, list: spec.shape === 'list' }
    // The gate's kept copy comes with its age: stored as made then, so a change since outdates it.
    let ageMs = 0
    // Shaped and serialised while the body's room is held (call-upstream.ts).
    const body = await callUpstream(config, { call, apiKey }, { ...options, onAnswerAge: (ms) => (ageMs = ms) }, (json, headers) =>
      JSON.stringify(spec.transform ? spec.transform(json as TBody, route, headers) : json),
    )
    return { body, ...(spec.shape === 'list' ? { list: true } : {}), ...(ageMs ? { ageMs } : {}) }
  } catch (err) {
    // A retrieve of something that does not exist is an answer too: remembered for 30 s.
    if (spec.shape === 'object' && err instanceof ApiError && err.code === 'not-found') {
      return { body: JSON.stringify({ detail: err.message }), notFound: true }
    }
    throw err
  }
}

/** The refusal a remembered 404 is answered with. */
export function notFoundOf(provider: VendorName, body: string, cache?: CacheOutcome): ApiError {
  const { detail } = JSON.parse(body) as { detail: string }
  return new ApiError('not-found', detail, { provider }, { upstreamStatus: 404, ...(cache ? { cache } : {}) })
}

/**
 * Relays one read call through the cache. The body is the vendor's JSON (after `transform`), sent
 * as is; headers say how fresh it is. Typed for the RPC client as the vendor's shape.
 */
export async function relay<TBody>(c: Context<AppEnv>, spec: RelaySpec<TBody>) {
  const config = c.get('config')
  // Checked once, before the cache: a vendor the relay may not call answers no stored copy either.
  const apiKey = configuredKey(config, spec.provider)
  const key = await requestKey(await namespaceOf(config), spec)
  const route = routePath(c)
  const result = await cachedCall(c, key, spec.shape, (background) =>
    loadRelayed({ config, spec, key, apiKey, options: callOptions(c, background), route }),
  )
  if (result.notFound) throw notFoundOf(spec.provider, result.body, result.outcome)
  const answer = spec.answer ? spec.answer(result.body) : { body: result.body, headers: {} }
  return new Response(answer.body, {
    status: 200,
    headers: {
      ...answer.headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-status': result.cacheStatus,
      age: String(Math.floor(result.ageSeconds)),
    },
  }) as Response & TypedResponse<TBody, 200, 'json'>
}
