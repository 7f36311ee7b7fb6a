import type { MiddlewareHandler } from 'hono'
import { describeRequest } from '../audit/entry.ts'
import { formatCacheStatus } from '../cache-status.ts'
import type { AppEnv } from '../env.ts'
import type { RouteOf } from '../route-table.ts'

/**
 * One JSON line per request. It names the agent, never the token, and lists query parameter
 * names without their values (filters can carry reference IDs or emails). The path is logged as the
 * audit records it: its route and the verification IDs in it, never its own text, which a refused
 * request may have filled with anything (an email typed where an ID goes).
 */
export function accessLog(routeOf: RouteOf): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const startedAt = Date.now()
    await next()
    const url = new URL(c.req.url)
    // The path's IDs only: a lookup's query IDs are the audit's to keep, not every log line's.
    const path = new URL(url)
    path.search = ''
    const { route, ids } = describeRequest(path, { route: routeOf(c.req.path), vendor: null }, true)
    const cacheStatus = c.get('cache')
    console.log(
      JSON.stringify({
        level: c.res.status >= 500 ? 'error' : 'info',
        requestId: c.get('requestId'),
        clientRequestId: c.get('clientRequestId') ?? null,
        agent: c.get('agent') ?? null,
        method: c.req.method,
        route,
        ids,
        params: [...new Set(url.searchParams.keys())],
        status: c.res.status,
        cache: cacheStatus ? formatCacheStatus(cacheStatus) : null,
        ms: Date.now() - startedAt,
      }),
    )
  }
}
