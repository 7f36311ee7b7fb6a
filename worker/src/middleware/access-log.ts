import type { MiddlewareHandler } from 'hono'
import { formatCacheStatus } from '../cache-status.ts'
import type { AppEnv } from '../env.ts'

/**
 * One JSON line per request. It names the agent, never the token, and lists query parameter
 * names without their values (filters can carry reference IDs or emails).
 */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const startedAt = Date.now()
  await next()
  const url = new URL(c.req.url)
  const cacheStatus = c.get('cache')
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? 'error' : 'info',
      requestId: c.get('requestId'),
      clientRequestId: c.get('clientRequestId') ?? null,
      agent: c.get('agent') ?? null,
      method: c.req.method,
      path: url.pathname,
      params: [...new Set(url.searchParams.keys())],
      status: c.res.status,
      cache: cacheStatus ? formatCacheStatus(cacheStatus) : null,
      ms: Date.now() - startedAt,
    }),
  )
}
