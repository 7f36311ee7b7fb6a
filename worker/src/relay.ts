import type { Context, TypedResponse } from 'hono'
import { formatCacheStatus } from './cache/cache-status.ts'
import type { CachePolicy } from './cache/relay-cache.ts'
import type { ProviderName } from './config.ts'
import type { AppEnv } from './env.ts'
import { callUpstream, notConfigured, type UpstreamCall } from './upstream/call-upstream.ts'
import { stateFor } from './state.ts'
import { providerMisconfigured } from './config/refusals.ts'

export type RelaySpec<TBody> = UpstreamCall & {
  /** Lists go stale sooner than single objects. */
  shape: 'list' | 'object'
  /** Runs once on the upstream JSON before it is cached (link rewriting, stripping). */
  transform?: (body: TBody) => TBody
}

/** True when the client asked for a fresh copy (`Cache-Control: no-cache` or `Pragma: no-cache`). */
export function wantsRefresh(c: Context<AppEnv>): boolean {
  return /\bno-cache\b/i.test(c.req.header('cache-control') ?? '') || /\bno-cache\b/i.test(c.req.header('pragma') ?? '')
}

export function cachePolicy(c: Context<AppEnv>, shape: 'list' | 'object'): CachePolicy {
  const ttl = c.get('config').ttl[shape]
  // Serve a slightly old copy instantly and refresh behind it, for up to the same span again.
  return { ttl, staleWhileRevalidate: Math.max(ttl, 10) }
}

export function waitUntilOf(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p)
    } catch {
      // No execution context (plain app.request in tests): let the promise run on its own.
    }
  }
}

/** The cache key: configuration namespace (bases + keys) + provider + path + canonical query + the headers that change the body. */
export function cacheKey(namespace: string, call: UpstreamCall): string {
  // Headers go in the path: Cache API keys are URLs, and a fragment would be ignored when matching.
  const headers =
    Object.entries(call.headers ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join(';') || '-'
  return `${namespace}/${call.provider}/${headers}/${call.path}?${call.query}`
}

export function assertConfigured(c: Context<AppEnv>, provider: ProviderName): void {
  const unsafe = providerMisconfigured(c.get('config'), provider)
  if (unsafe) throw unsafe
  if (!c.get('config').upstream[provider].apiKey) throw notConfigured(provider)
}

/**
 * Relays one read call through the cache. The body is the vendor's JSON (after `transform`), sent
 * as is; headers say how fresh it is. Typed for the RPC client as the vendor's shape.
 */
export async function relay<TBody>(c: Context<AppEnv>, spec: RelaySpec<TBody>) {
  assertConfigured(c, spec.provider)
  const config = c.get('config')
  const state = stateFor(config)
  const result = await state.cache.get(
    cacheKey(state.namespace, spec),
    cachePolicy(c, spec.shape),
    async () => {
      const json = (await callUpstream(config, state, spec)) as TBody
      return JSON.stringify(spec.transform ? spec.transform(json) : json)
    },
    { refresh: wantsRefresh(c), waitUntil: waitUntilOf(c) },
  )
  const cacheStatus = formatCacheStatus(result.outcome)
  c.set('cacheStatus', cacheStatus)
  return new Response(result.body, {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-status': cacheStatus,
      age: String(Math.floor(result.ageSeconds)),
    },
  }) as Response & TypedResponse<TBody, 200, 'json'>
}
