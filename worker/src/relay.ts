import type { Context, TypedResponse } from 'hono'
import { formatCacheStatus } from './cache/cache-status.ts'
import type { CachePolicy } from './cache/relay-cache.ts'
import type { VendorName } from '@idv-lens/shared/api'
import type { AppEnv } from './env.ts'
import { callUpstream, notConfigured, type CallOptions, type UpstreamCall } from './upstream/call-upstream.ts'
import { requestKey } from './cache/cache-key.ts'
import { ApiError } from './errors.ts'
import { setMetric } from 'hono/timing'
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
  // TTL 0 switches caching off: no stale copy either.
  return { ttl, staleWhileRevalidate: ttl === 0 ? 0 : Math.max(ttl, 10) }
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

/**
 * RFC 9218 `Priority`: urgency 5 or lower (u=5..7) is background work, shed first by the vendor gate.
 * The extension sends `u=5` on its automatic refreshes; anything an agent opened has none (u=3).
 */
export function isBackground(c: Context<AppEnv>): boolean {
  const urgency = /(?:^|[,\s])u=([0-7])\b/.exec(c.req.header('priority') ?? '')?.[1]
  return urgency !== undefined && Number(urgency) >= 5
}

/** How this request's misses go to the gate; stale-while-revalidate refreshes are always background. */
export function callOptions(c: Context<AppEnv>, background: boolean, signal?: AbortSignal): CallOptions {
  return {
    agent: c.get('agent') ?? 'anonymous',
    priority: background || isBackground(c) ? 'background' : 'interactive',
    refresh: wantsRefresh(c),
    onGateOverhead: (ms) => setMetric(c, 'gate', ms, 'vendor gate overhead'),
    ...(signal ? { signal } : {}),
  }
}

export function assertConfigured(c: Context<AppEnv>, provider: VendorName): void {
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
    await requestKey(state.namespace, spec),
    cachePolicy(c, spec.shape),
    async (background) => {
      try {
        const json = (await callUpstream(config, state, spec, callOptions(c, background))) as TBody
        return { body: JSON.stringify(spec.transform ? spec.transform(json) : json) }
      } catch (err) {
        // A retrieve of something that does not exist is an answer too: remembered for 30 s.
        if (spec.shape === 'object' && err instanceof ApiError && err.code === 'not-found') {
          return { body: JSON.stringify({ detail: err.message }), notFound: true }
        }
        throw err
      }
    },
    { refresh: wantsRefresh(c), waitUntil: waitUntilOf(c) },
  ).catch((err: unknown) => {
    state.cacheMisses++
    if (err instanceof ApiError) c.set('cacheStatus', err.headers['cache-status'])
    throw err
  })
  const cacheStatus = formatCacheStatus(result.outcome)
  c.set('cacheStatus', cacheStatus)
  if (result.outcome.kind === 'forward') state.cacheMisses++
  else state.cacheHits++
  if (result.notFound) {
    const { detail } = JSON.parse(result.body) as { detail: string }
    throw new ApiError('not-found', detail, { provider: spec.provider }, { upstreamStatus: 404, headers: { 'cache-status': cacheStatus } })
  }
  return new Response(result.body, {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-status': cacheStatus,
      age: String(Math.floor(result.ageSeconds)),
    },
  }) as Response & TypedResponse<TBody, 200, 'json'>
}
