/**
 * Stripe Identity's read API (docs/vendors/stripe.md), mounted at /stripe so it answers under
 * /stripe/v1/identity/…. Order: record → response headers → faults → auth → rate limit → routes.
 */
import { Hono } from 'hono'
import type { DemoContext } from './context.ts'
import { jsonResponse } from './errors.ts'
import { setIfMissing } from './http-util.ts'
import { stripeErrors } from './stripe-errors.ts'
import { listSessions, retrieveReport, retrieveSession } from './stripe-resources.ts'
import { injectFaults, recordRequests, type DemoEnv, type VendorFaults } from './vendor-gate.ts'

export const STRIPE_MOUNT = '/stripe'
/** Demo keys are test-mode keys (secret or restricted): anything after the prefix names the test's scope. */
export const STRIPE_DEMO_KEY_PREFIXES = ['sk_test_', 'rk_test_'] as const

const keyOf = (request: Request): string => {
  const auth = request.headers.get('authorization') ?? ''
  return auth.startsWith('Bearer ') ? auth.slice(7).trim() : ''
}

export function createStripeApp(ctx: DemoContext): Hono<DemoEnv> {
  const faults: VendorFaults = {
    provider: 'stripe',
    mountPath: STRIPE_MOUNT,
    scopeOf: keyOf,
    respond: (fault, active) => {
      const retryAfter: Record<string, string> =
        active.retryAfterSeconds === null ? {} : { 'retry-after': String(active.retryAfterSeconds) }
      if (fault === '401') return stripeErrors.unauthorized('sk_test_revoked0000').toResponse()
      if (fault === '500') return stripeErrors.internal().toResponse()
      if (fault === '503') return stripeErrors.unavailable(retryAfter).toResponse()
      return stripeErrors.tooManyRequests(retryAfter).toResponse()
    },
  }
  const app = new Hono<DemoEnv>()
  app.use('*', recordRequests(ctx.scopes, faults))
  app.use('*', async (c, next) => {
    await next()
    setIfMissing(c.res.headers, 'request-id', `req_${crypto.randomUUID().replace(/-/g, '').slice(0, 14)}`)
    setIfMissing(c.res.headers, 'stripe-version', c.req.header('stripe-version') ?? '2025-10-29.clover')
  })
  app.use('*', injectFaults(ctx.scopes, faults))
  app.use('*', async (c, next) => {
    const key = c.get('scope')
    if (!STRIPE_DEMO_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) throw stripeErrors.unauthorized(key)
    await next()
  })
  app.use('*', async (c, next) => {
    // Test mode: 25 operations a second (docs/vendors/stripe.md §2).
    if (!ctx.scopes.stripeLimiter.take(c.get('scope'), ctx.clock()) && ctx.rateLimits) throw stripeErrors.tooManyRequests()
    await next()
  })
  const json = (body: unknown) => jsonResponse(body, 200, 'application/json')
  return app
    .get('/v1/identity/verification_sessions', (c) => json(listSessions(ctx.stripe, new URL(c.req.url).searchParams)))
    .get('/v1/identity/verification_sessions/:id', (c) => json(retrieveSession(ctx.stripe, c.req.param('id'))))
    .get('/v1/identity/verification_reports/:id', (c) => json(retrieveReport(ctx.stripe, c.req.param('id'))))
    .all('*', (c) => {
      throw stripeErrors.unrecognizedUrl(c.req.method, new URL(c.req.url).pathname.slice(STRIPE_MOUNT.length))
    })
}
