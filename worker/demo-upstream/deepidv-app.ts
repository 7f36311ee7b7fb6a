/**
 * deepidv's read API (docs/vendors/deepidv.md §1–§7), mounted at /deepidv so it answers under /deepidv/v1/….
 * Order: record → response headers → faults → auth → rate limit → sandbox write guard → routes.
 */
import { Hono } from 'hono'
import type { DemoContext } from './context.ts'
import { deepidvErrors } from './deepidv-errors.ts'
import { listSessions, retrieveSession } from './deepidv-resources.ts'
import { jsonResponse } from './errors.ts'
import { setIfMissing } from './http-util.ts'
import { injectFaults, recordRequests, type DemoEnv, type VendorFaults } from './vendor-gate.ts'

export const DEEPIDV_MOUNT = '/deepidv'
/** A key is valid iff it has this prefix; anything after it names the test's scope. */
export const DEEPIDV_DEMO_KEY_PREFIX = 'deepidv_demo_'

export function createDeepidvApp(ctx: DemoContext): Hono<DemoEnv> {
  const faults: VendorFaults = {
    provider: 'deepidv',
    mountPath: DEEPIDV_MOUNT,
    scopeOf: (request) => request.headers.get('x-api-key') ?? '',
    respond: (fault, active) => {
      const retryAfter: Record<string, string> =
        active.retryAfterSeconds === null ? {} : { 'retry-after': String(active.retryAfterSeconds) }
      if (fault === '401') return deepidvErrors.unauthorized().toResponse()
      if (fault === '500') return deepidvErrors.internal().toResponse()
      if (fault === '503') return deepidvErrors.unavailable(retryAfter).toResponse()
      return deepidvErrors.tooManyRequests({ 'retry-after': String(active.retryAfterSeconds ?? 30) }).toResponse()
    },
  }

  const app = new Hono<DemoEnv>()
  app.use('*', recordRequests(ctx.scopes, faults))
  app.use('*', async (c, next) => {
    await next()
    // API Gateway's request id: deepidv documents no response headers, but its AWS front door sends this one.
    setIfMissing(c.res.headers, 'x-amzn-requestid', crypto.randomUUID())
  })
  app.use('*', injectFaults(ctx.scopes, faults))
  app.use('*', async (c, next) => {
    if (!c.get('scope').startsWith(DEEPIDV_DEMO_KEY_PREFIX)) throw deepidvErrors.unauthorized()
    await next()
  })
  app.use('*', async (c, next) => {
    // No rate-limit headers: none are documented (docs/vendors/deepidv.md §6); the daily quota isn't modelled.
    if (!ctx.scopes.deepidvLimiter.take(c.get('scope'), ctx.clock()) && ctx.rateLimits) throw deepidvErrors.tooManyRequests()
    await next()
  })
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    throw deepidvErrors.sandboxWrite()
  })

  return app
    .get('/v1/sessions', (c) =>
      jsonResponse(listSessions(ctx.dataset, new URL(c.req.url).searchParams, ctx.dataset.deepidvDemoUserId), 200, 'application/json'),
    )
    .get('/v1/sessions/:id', (c) => jsonResponse(retrieveSession(ctx.dataset, c.req.param('id'), ctx.clock()), 200, 'application/json'))
    .all('*', () => {
      throw deepidvErrors.notFound()
    })
}
