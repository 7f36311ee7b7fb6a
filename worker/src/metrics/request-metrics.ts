/**
 * One Workers Analytics Engine data point per request (binding METRICS; locally a no-op dataset, and
 * nothing without the binding). Only the request's shape: the route pattern (never the path, which holds
 * IDs), the vendor, the outcome, how the cache answered, the status, the duration and whether the vendor
 * was called; no agent, parameter, ID or body. The field layout and queries are in docs/deploy.md ("Metrics").
 */
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { VendorName } from '@idv-lens/shared/api'
import type { AppEnv } from '../env.ts'
import type { CacheOutcome } from '../cache-status.ts'
import { namespaceOf } from '../cache/relay-caches.ts'
import { waitUntilOf } from '../wait-until.ts'
import { vendorOfRoute } from '../route-table.ts'
import { noteUpstreamAuth } from './upstream-auth.ts'
import { isPreflight } from '../audit/entry.ts'

type Cacheish = { cache: string; forwarded: boolean; forwardStatus: string }

/** blob4 and the vendor-call columns, read from how the cache answered (cache-status.ts). */
function cacheOutcome(outcome: CacheOutcome | undefined): Cacheish {
  if (!outcome) return { cache: '', forwarded: false, forwardStatus: '' }
  switch (outcome.kind) {
    case 'hit':
    // Served stale while revalidating: the vendor is called in the background.
    case 'stale-while-revalidate':
      return { cache: 'hit', forwarded: false, forwardStatus: '' }
    case 'stale-if-error':
      return { cache: 'stale-if-error', forwarded: true, forwardStatus: String(outcome.forwardStatus) }
    case 'forward': {
      const forwardStatus = String(outcome.forwardStatus)
      if (outcome.collapsed) return { cache: 'collapsed', forwarded: false, forwardStatus }
      return {
        cache: outcome.reason === 'uri-miss' ? 'miss' : outcome.reason === 'request' ? 'refresh' : 'stale',
        forwarded: true,
        forwardStatus,
      }
    }
    case 'batch':
      if (outcome.forwarded + outcome.staleIfError === 0) return { cache: 'hit', forwarded: false, forwardStatus: '' }
      return { cache: outcome.forwarded === 0 ? 'stale' : outcome.refresh ? 'refresh' : 'miss', forwarded: true, forwardStatus: '' }
  }
}

type ProblemLike = { code?: string; provider?: VendorName }
type LookupLike = { data?: { found?: boolean; provider?: VendorName; error?: { code?: string } }[] }

export const requestMetrics: MiddlewareHandler<AppEnv> = async (c, next) => {
  const startedAt = Date.now()
  await next()
  // The browser's permission check, not a request of an agent's: no data point.
  if (isPreflight(c.req.method)) return
  const pattern = routePath(c, -1) || new URL(c.req.url).pathname.replace(/\/v1\/.*/, '/v1/*')
  const status = c.res.status
  const answered = c.get('cache')
  const fromCache = cacheOutcome(answered)
  // An agent action calls the vendor without the cache: it says so itself.
  const acted = c.get('vendorStatus')
  const { cache, forwarded, forwardStatus } =
    acted === undefined ? fromCache : { ...fromCache, forwarded: true, forwardStatus: String(acted) }
  let outcome = status < 400 ? 'ok' : String(status)
  let vendor = (vendorOfRoute(pattern, Object.keys(c.get('config').upstream)) ?? '') as VendorName | ''
  const refusedKey: VendorName[] = []
  // The problem answered, as middleware/problem-response.ts left it on the context when it wrote the response.
  const isProblem = (c.res.headers.get('content-type') ?? '').startsWith('application/problem+json')
  const problem = isProblem ? (c.get('problem') as ProblemLike | undefined) : undefined
  if (problem) {
    outcome = problem.code ?? outcome
    vendor = problem.provider ?? vendor
    if (problem.code === 'upstream-auth' && problem.provider) refusedKey.push(problem.provider)
  } else if (forwardStatus === '401' || forwardStatus === '403') {
    // A stored copy answered because the vendor refused the key: still a revoked key.
    if (vendor) refusedKey.push(vendor)
  } else if (answered?.kind === 'batch' && answered.forwarded > 0 && status === 200) {
    // A lookup batch: each ID the vendor was asked for may have met a refused key (failures are never cached).
    const body = (await c.res
      .clone()
      .json()
      .catch(() => ({}))) as LookupLike
    for (const entry of body.data ?? []) if (entry.error?.code === 'upstream-auth' && entry.provider) refusedKey.push(entry.provider)
  }
  if (refusedKey.length > 0) {
    const namespace = await namespaceOf(c.get('config'))
    for (const provider of new Set(refusedKey)) noteUpstreamAuth(namespace, provider, Date.now(), waitUntilOf(c))
  }
  c.env.METRICS?.writeDataPoint({
    indexes: [pattern],
    blobs: [pattern, vendor, outcome, cache, c.req.method, forwardStatus],
    doubles: [status, Date.now() - startedAt, forwarded ? 1 : 0],
  })
}
