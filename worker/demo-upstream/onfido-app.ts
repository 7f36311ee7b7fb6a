/**
 * Onfido's read API and its Create a Workflow Run (docs/vendors/onfido.md), mounted at /onfido so it answers under /onfido/v3.6/….
 * Order: record → faults → auth → rate limit → routes, as for the other vendors.
 */
import { Hono } from 'hono'
import type { DemoContext } from './context.ts'
import { jsonResponse } from './errors.ts'
import { onfidoErrors } from './onfido-errors.ts'
import { OnfidoMadeRuns } from './onfido-create.ts'
import { listChecks, listReports, listRuns, retrieveApplicant, retrieveCheck, retrieveReport, retrieveRun } from './onfido-resources.ts'
import { injectFaults, recordRequests, type DemoEnv, type VendorFaults } from './vendor-gate.ts'

export const ONFIDO_MOUNT = '/onfido'
/** Demo tokens: anything after the prefix names the test's scope. */
export const ONFIDO_DEMO_TOKEN_PREFIX = 'onfido_demo_'

/** `Authorization: Token token=<api token>` (docs/vendors/onfido.md §1). */
const tokenOf = (request: Request): string => /^Token token=(\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? ''

export function createOnfidoApp(ctx: DemoContext): Hono<DemoEnv> {
  const faults: VendorFaults = {
    provider: 'onfido',
    mountPath: ONFIDO_MOUNT,
    scopeOf: tokenOf,
    respond: (fault, active) => {
      const retryAfter: Record<string, string> =
        active.retryAfterSeconds === null ? {} : { 'retry-after': String(active.retryAfterSeconds) }
      if (fault === '401') return onfidoErrors.unauthorized().toResponse()
      if (fault === '500') return onfidoErrors.internal().toResponse()
      if (fault === '503') return onfidoErrors.unavailable(retryAfter).toResponse()
      return onfidoErrors.tooManyRequests(retryAfter).toResponse()
    },
  }
  const app = new Hono<DemoEnv>()
  app.use('*', recordRequests(ctx.scopes, faults))
  app.use('*', injectFaults(ctx.scopes, faults))
  app.use('*', async (c, next) => {
    if (!c.get('scope').startsWith(ONFIDO_DEMO_TOKEN_PREFIX)) throw onfidoErrors.unauthorized()
    await next()
  })
  app.use('*', async (c, next) => {
    // 400 requests a minute (docs/vendors/onfido.md §5).
    if (!ctx.scopes.onfidoLimiter.hit(c.get('scope'), ctx.clock()).allowed && ctx.rateLimits)
      throw onfidoErrors.tooManyRequests({ 'retry-after': '60' })
    await next()
  })
  const json = (body: unknown, headers: Record<string, string> = {}) => jsonResponse(body, 200, 'application/json; charset=utf-8', headers)
  const made = new OnfidoMadeRuns()
  const seen = (c: { get(key: 'scope'): string }) => made.seenBy(c.get('scope'), ctx.onfido)
  const data = ctx.onfido
  return app
    .get('/v3.6/workflow_runs', (c) => {
      const page = listRuns(seen(c), new URL(c.req.url))
      return json(page.body, page.headers)
    })
    .post('/v3.6/workflow_runs', async (c) => {
      const body = await c.req.json().catch(() => null)
      if (!body || typeof body !== 'object') throw onfidoErrors.invalid('body', 'must be a JSON object')
      return jsonResponse(made.create(c.get('scope'), ctx.onfido, body, ctx.clock()), 201, 'application/json; charset=utf-8')
    })
    .get('/v3.6/workflow_runs/:id', (c) => json(retrieveRun(seen(c), c.req.param('id'))))
    .get('/v3.6/applicants/:id', (c) => json(retrieveApplicant(data, c.req.param('id'))))
    .get('/v3.6/checks', (c) => json(listChecks(data, c.req.query('applicant_id'))))
    .get('/v3.6/checks/:id', (c) => json(retrieveCheck(data, c.req.param('id'))))
    .get('/v3.6/reports', (c) => json(listReports(data, c.req.query('check_id'))))
    .get('/v3.6/reports/:id', (c) => json(retrieveReport(data, c.req.param('id'))))
    .all('*', () => {
      throw onfidoErrors.notFound()
    })
}
