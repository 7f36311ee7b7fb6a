/**
 * One Workers Analytics Engine data point per request (binding METRICS; locally wrangler binds a no-op
 * dataset, and a configuration without the binding writes nothing). Only the shape of the request: the route pattern (never the path, which holds IDs), the
 * vendor, the outcome, how the cache answered, the status and the duration. No agent, no parameter,
 * no ID, no body. The layout and the queries over it are in the README ("Metrics").
 *
 *   index1  route pattern, e.g. /v1/persona/inquiries/:id
 *   blob1   route pattern         blob2  vendor (persona, deepidv, or '' when none or both)
 *   blob3   outcome: ok or the problem code (upstream-auth, rate-limited, ...)
 *   blob4   cache: hit, miss, refresh, stale, stale-if-error, collapsed or ''
 *   blob5   method                blob6  the vendor's status when the relay forwarded (200, 401...), or ''
 *   double1 HTTP status           double2 duration in ms     double3 1 when the vendor was called
 */
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { VendorName } from '@idv-lens/shared/api'
import type { AppEnv } from '../env.ts'
import { waitUntilOf } from '../relay.ts'
import { stateFor } from '../state.ts'
import { noteUpstreamAuth } from './upstream-auth.ts'

type Cacheish = { cache: string; forwarded: boolean; forwardStatus: string }

/** Reads our own Cache-Status entry (`idv-lens; hit`, `idv-lens; fwd=stale; fwd-status=401; ...`). */
function cacheOutcome(header: string | undefined): Cacheish {
  if (!header) return { cache: '', forwarded: false, forwardStatus: '' }
  const forwardStatus = /fwd-status=(\d{3})/.exec(header)?.[1] ?? ''
  const fwd = /fwd=([a-z-]+)/.exec(header)?.[1]
  const cache = /detail=stale-if-error/.test(header)
    ? 'stale-if-error'
    : /collapsed/.test(header)
      ? 'collapsed'
      : fwd === 'stale'
        ? 'stale'
        : fwd === 'request'
          ? 'refresh'
          : fwd
            ? 'miss'
            : /;\s*hit/.test(header)
              ? 'hit'
              : ''
  // Served stale while revalidating: the vendor is called in the background.
  return { cache, forwarded: cache !== 'hit' && cache !== 'collapsed' && cache !== '', forwardStatus }
}

const vendorOfPath = (pattern: string): VendorName | '' =>
  pattern.startsWith('/v1/persona') ? 'persona' : pattern.startsWith('/v1/deepidv') ? 'deepidv' : ''

type ProblemLike = { code?: string; provider?: VendorName }
type LookupLike = { data?: { found?: boolean; provider?: VendorName; error?: { code?: string } }[] }

export const requestMetrics: MiddlewareHandler<AppEnv> = async (c, next) => {
  const startedAt = Date.now()
  await next()
  const pattern = routePath(c, -1) || new URL(c.req.url).pathname.replace(/\/v1\/.*/, '/v1/*')
  const status = c.res.status
  const { cache, forwarded, forwardStatus } = cacheOutcome(c.get('cacheStatus'))
  let outcome = status < 400 ? 'ok' : String(status)
  let vendor = vendorOfPath(pattern)
  const refusedKey: VendorName[] = []
  if ((c.res.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
    const problem = (await c.res.clone().json().catch(() => ({}))) as ProblemLike
    outcome = problem.code ?? outcome
    vendor = problem.provider ?? vendor
    if (problem.code === 'upstream-auth' && problem.provider) refusedKey.push(problem.provider)
  } else if (forwardStatus === '401' || forwardStatus === '403') {
    // A stored copy answered because the vendor refused the key: still a revoked key.
    if (vendor) refusedKey.push(vendor)
  } else if (pattern === '/v1/lookup' && status === 200) {
    const body = (await c.res.clone().json().catch(() => ({}))) as LookupLike
    for (const entry of body.data ?? []) if (entry.error?.code === 'upstream-auth' && entry.provider) refusedKey.push(entry.provider)
  }
  if (refusedKey.length > 0) {
    const { namespace } = stateFor(c.get('config'))
    for (const provider of new Set(refusedKey)) noteUpstreamAuth(namespace, provider, Date.now(), waitUntilOf(c))
  }
  c.env.METRICS?.writeDataPoint({
    indexes: [pattern],
    blobs: [pattern, vendor, outcome, cache, c.req.method, forwardStatus],
    doubles: [status, Date.now() - startedAt, forwarded ? 1 : 0],
  })
}
