/**
 * Persona's read API (docs/vendors/persona.md §1–§14), mounted at /persona so it answers under /persona/api/v1/….
 * Middleware order matters: record → response headers → faults → auth → rate limit → request headers
 * → read-only guard → routes; so every response, even a fault's, carries Persona's headers.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { DemoContext } from './context.ts'
import { jsonResponse } from './errors.ts'
import { randomBase58, setIfMissing } from './http-util.ts'
import { KEY_INFLECTIONS, type KeyInflection } from './inflection.ts'
import { PERSONA_CONTENT_TYPE, PERSONA_RATE_LIMIT, personaErrors } from './persona-errors.ts'
import { personaResources, type PersonaRequestOptions } from './persona-resources.ts'
import { personaActions } from './persona-actions.ts'
import type { WebhookSender } from './webhooks.ts'
import { DEFAULT_PERSONA_VERSION, PERSONA_VERSIONS, type PersonaVersion } from './persona-types.ts'
import { injectFaults, recordRequests, type DemoVariables, type VendorFaults } from './vendor-gate.ts'

export const PERSONA_MOUNT = '/persona'
/** A key is valid iff it has this prefix; anything after it names the test's scope. */
export const PERSONA_DEMO_KEY_PREFIX = 'persona_demo_'

/** The writes a demo key may make: the agent actions (persona-actions.ts). */
const ACTION_PATHS =
  /^\/api\/v1\/(inquiries\/[^/]+\/(add-tag|remove-tag|generate-one-time-link|approve|decline|mark-for-review)|cases\/[^/]+\/(assign|set-status))$/

type PersonaEnv = { Variables: DemoVariables & { inflection: KeyInflection; version: PersonaVersion } }

/** The key from `Authorization: Bearer <key>`, or null. */
export function personaKey(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  return match?.[1] ?? null
}

export function createPersonaApp(ctx: DemoContext, webhooks: WebhookSender | null = null): Hono<PersonaEnv> {
  const faults: VendorFaults = {
    provider: 'persona',
    mountPath: PERSONA_MOUNT,
    scopeOf: (request) => personaKey(request) ?? '',
    respond: (fault, active) => {
      if (fault === '401') return personaErrors.invalidToken().toResponse()
      if (fault === '500') return personaErrors.internal().toResponse()
      if (fault === '503') {
        return personaErrors
          .unavailable(active.retryAfterSeconds === null ? {} : { 'retry-after': String(active.retryAfterSeconds) })
          .toResponse()
      }
      return personaErrors
        .rateLimited({
          'ratelimit-limit': String(PERSONA_RATE_LIMIT),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(active.retryAfterSeconds ?? 30),
        })
        .toResponse()
    },
  }

  const app = new Hono<PersonaEnv>()
  app.use('*', recordRequests(ctx.scopes, faults))
  app.use('*', personaResponseHeaders(ctx))
  app.use('*', injectFaults(ctx.scopes, faults))
  app.use('*', async (c, next) => {
    const key = personaKey(c.req.raw)
    if (key === null) throw personaErrors.unauthenticated()
    if (!key.startsWith(PERSONA_DEMO_KEY_PREFIX)) throw personaErrors.invalidToken()
    await next()
  })
  app.use('*', async (c, next) => {
    const window = ctx.scopes.personaLimiter.hit(c.get('scope'), ctx.clock())
    const headers = {
      'ratelimit-limit': String(window.limit),
      'ratelimit-remaining': String(window.remaining),
      'ratelimit-reset': String(window.resetSeconds),
    }
    if (!window.allowed && ctx.rateLimits) throw personaErrors.rateLimited(headers)
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  })
  app.use('*', async (c, next) => {
    const inflection = (c.req.header('key-inflection') ?? '').trim().toLowerCase() || 'kebab'
    if (!isOneOf(inflection, KEY_INFLECTIONS)) throw personaErrors.badRequest('Key-Inflection must be one of: camel, kebab, snake')
    const version = (c.req.header('persona-version') ?? '').trim() || DEFAULT_PERSONA_VERSION
    if (!isOneOf(version, PERSONA_VERSIONS)) throw personaErrors.badRequest(`Persona-Version ${version} is not a valid API version`)
    c.set('inflection', inflection)
    c.set('version', version)
    await next()
  })
  // Only the five agent actions write, and not with a key named read-only: any other write fails the way
  // a key without `*.write` permissions does.
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const path = new URL(c.req.url).pathname
    const action = c.req.method === 'POST' && ACTION_PATHS.test(path.slice(PERSONA_MOUNT.length))
    if (action && !(personaKey(c.req.raw) ?? '').includes('readonly')) return next()
    throw path.startsWith(`${PERSONA_MOUNT}/api/v1/`) ? personaErrors.forbidden() : personaErrors.notFound()
  })

  const options = (c: Context<PersonaEnv>): PersonaRequestOptions => ({
    dataset: ctx.dataset,
    version: c.get('version'),
    inflection: c.get('inflection'),
    requestTime: ctx.clock(),
    deliveredEvents: ctx.deliveredEvents,
    changes: ctx.changes,
  })
  const params = (c: Context<PersonaEnv>): URLSearchParams => new URL(c.req.url).searchParams
  const ok = (body: unknown): Response => jsonResponse(body, 200, PERSONA_CONTENT_TYPE)
  const actions = personaActions(ctx, options, async (name, object) =>
    webhooks?.providers.includes('persona') ? webhooks.sendPersona(name, object) : null,
  )

  return app
    .get('/api/v1/inquiries', (c) => ok(personaResources.listInquiries(params(c), options(c))))
    .get('/api/v1/inquiries/:id', (c) => ok(personaResources.retrieveInquiry(c.req.param('id'), params(c), options(c))))
    .get('/api/v1/inquiry-sessions', (c) => ok(personaResources.listInquirySessions(params(c), options(c))))
    .get('/api/v1/inquiry-sessions/:id', (c) => ok(personaResources.retrieveInquirySession(c.req.param('id'), params(c), options(c))))
    .get('/api/v1/events', (c) => ok(personaResources.listEvents(params(c), options(c))))
    .get('/api/v1/events/:id', (c) => ok(personaResources.retrieveEvent(c.req.param('id'), params(c), options(c))))
    .get('/api/v1/verifications/:id', (c) => ok(personaResources.retrieveVerification(c.req.param('id'), params(c), options(c))))
    .get('/api/v1/verification/:kind/:id', (c) =>
      ok(personaResources.retrieveTypedVerification(c.req.param('kind'), c.req.param('id'), params(c), options(c))),
    )
    .get('/api/v1/cases', (c) => ok(personaResources.listCases(params(c), options(c))))
    .get('/api/v1/cases/:id', (c) => ok(personaResources.retrieveCase(c.req.param('id'), params(c), options(c))))
    .post('/api/v1/inquiries/:id/add-tag', async (c) => ok(await actions.addTag(c)))
    .post('/api/v1/inquiries/:id/remove-tag', async (c) => ok(await actions.removeTag(c)))
    .post('/api/v1/inquiries/:id/generate-one-time-link', async (c) => ok(await actions.oneTimeLink(c)))
    .post('/api/v1/inquiries/:id/approve', async (c) => ok(await actions.approve(c)))
    .post('/api/v1/inquiries/:id/decline', async (c) => ok(await actions.decline(c)))
    .post('/api/v1/inquiries/:id/mark-for-review', async (c) => ok(await actions.markForReview(c)))
    .post('/api/v1/cases/:id/assign', async (c) => ok(await actions.assign(c)))
    .post('/api/v1/cases/:id/set-status', async (c) => ok(await actions.setStatus(c)))
    .all('*', () => {
      throw personaErrors.notFound()
    })
}

/** Headers Persona sends on every response (docs/vendors/persona.md §1); ones a handler already set win. */
function personaResponseHeaders(ctx: DemoContext): MiddlewareHandler<PersonaEnv> {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    setIfMissing(headers, 'request-id', `req_${randomBase58(24)}`)
    const window = ctx.scopes.personaLimiter.peek(c.get('scope'), ctx.clock())
    setIfMissing(headers, 'ratelimit-limit', String(window.limit))
    setIfMissing(headers, 'ratelimit-remaining', String(window.remaining))
    setIfMissing(headers, 'ratelimit-reset', String(window.resetSeconds))
    setIfMissing(headers, 'persona-environment-id', ctx.dataset.personaEnvironmentId)
    setIfMissing(headers, 'persona-organization-id', ctx.dataset.personaOrganizationId)
  }
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value)
}
