/**
 * The control API under /__demo (no auth: the server only listens on loopback). Tests inject faults and
 * read stats per scope, the scope being the API key their requests carry. Errors are RFC 9457 problems.
 */
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { DemoContext } from './context.ts'
import { DEEPIDV_DEMO_KEY_PREFIX, DEEPIDV_MOUNT } from './deepidv-app.ts'
import { PERSONA_DEMO_KEY_PREFIX, PERSONA_MOUNT } from './persona-app.ts'
import { STRIPE_DEMO_KEY_PREFIXES, STRIPE_MOUNT } from './stripe-app.ts'
import { changeStripeSession, STRIPE_LAST_ERROR_CODES, STRIPE_STATUSES } from './stripe-changes.ts'
import { STRIPE_FIXTURE_IDS, STRIPE_STORY_REFERENCE } from './stripe-seed.ts'
import { INQUIRY_STATUS_EVENTS } from './persona-changes.ts'
import type { InquiryStatus, PersonaEventName } from './persona-types.ts'
import { FAULT_KINDS, PROVIDERS } from './scope-state.ts'
import { FIXTURE_IDS, STORY_IDS } from './seed.ts'
import { iso } from './timeline.ts'
import type { Delivery, WebhookSender } from './webhooks.ts'

const FaultSpecSchema = z.strictObject({
  scope: z.string(),
  provider: z.enum(PROVIDERS).optional(),
  method: z.enum(['GET', 'POST']).optional(),
  contains: z.string().min(1).optional(),
  fault: z.enum(FAULT_KINDS),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  times: z.number().int().min(1).optional(),
  // Already JSON (the request body parsed); z.json() would recurse, and a test serves bodies nested thousands deep.
  body: z.unknown().optional(),
  status: z.number().int().min(200).max(599).optional(),
  chunkBytes: z
    .number()
    .int()
    .min(1)
    .max(16 * 1024 * 1024)
    .optional(),
  chunkDelayMs: z.number().int().min(0).max(60_000).optional(),
})

export function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  })
}

const InquiryChangeSchema = z.strictObject({
  status: z.enum(Object.keys(INQUIRY_STATUS_EVENTS) as [InquiryStatus, ...InquiryStatus[]]),
})
const StripeChangeSchema = z.strictObject({
  status: z.enum(STRIPE_STATUSES),
  /** `last_error.code` of a failed attempt (back to requires_input); Stripe's documented codes. */
  code: z.enum(STRIPE_LAST_ERROR_CODES).optional(),
})
const CaseChangeSchema = z.strictObject({
  /** Free text, as case templates name their statuses (Open, Pending, Approved, Declined…). */
  status: z.string().trim().min(1).max(64),
  resolution: z.string().trim().min(1).max(64).optional(),
})

async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    return problem(400, 'Bad Request', 'The body must be JSON.')
  }
  const parsed = schema.safeParse(body)
  return parsed.success ? parsed.data : problem(400, 'Bad Request', z.prettifyError(parsed.error))
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** `?scope=` is required (it may be empty: the scope of requests that carried no key). */
function scopeParam(c: Context): string | Response {
  const scope = c.req.query('scope')
  return scope === undefined ? problem(400, 'Bad Request', 'The scope query parameter is required (the API key your requests use).') : scope
}

export function describeDemo(ctx: DemoContext): Record<string, unknown> {
  const d = ctx.dataset
  return {
    anchor: iso(d.now),
    seed: d.seed,
    rateLimits: ctx.rateLimits,
    persona: {
      base: `${PERSONA_MOUNT}/api/v1`,
      keyPrefix: PERSONA_DEMO_KEY_PREFIX,
      environmentId: d.personaEnvironmentId,
      organizationId: d.personaOrganizationId,
      counts: {
        inquiries: d.inquiries.length,
        inquirySessions: d.inquirySessions.length,
        events: d.events.length,
        verifications: d.verifications.length,
        cases: d.cases.length,
      },
    },
    deepidv: {
      base: `${DEEPIDV_MOUNT}/v1`,
      keyPrefix: DEEPIDV_DEMO_KEY_PREFIX,
      organizationId: d.deepidvOrganizationId,
      demoUserId: d.deepidvDemoUserId,
      counts: { sessions: d.deepidvSessions.length },
    },
    stripe: {
      base: `${STRIPE_MOUNT}/v1/identity`,
      keyPrefixes: STRIPE_DEMO_KEY_PREFIXES,
      counts: { verificationSessions: ctx.stripe.sessions.length, verificationReports: ctx.stripe.reports.size },
      fixtures: STRIPE_FIXTURE_IDS,
      storyReferenceId: STRIPE_STORY_REFERENCE,
    },
    fixtures: FIXTURE_IDS,
    // The demo ticket's story exists when the anchor is after 2024-02-28 (persona-story.ts).
    story: d.index.inquiryPosition.has(STORY_IDS.failedInquiry) ? STORY_IDS : null,
  }
}

export function createControlApp(ctx: DemoContext, webhooks: WebhookSender | null = null): Hono {
  const { scopes, dataset } = ctx
  /** Delivers the change's event when Persona webhooks are on; null when they are off. */
  const deliver = async (name: PersonaEventName, object: { type: string; id: string }): Promise<Delivery | null> =>
    webhooks?.providers.includes('persona') ? await webhooks.sendPersona(name, object) : null
  return (
    new Hono()
      .get('/info', () => json(describeDemo(ctx)))
      .post('/faults', async (c) => {
        let body: unknown
        try {
          body = await c.req.json()
        } catch {
          return problem(400, 'Bad Request', 'The body must be JSON.')
        }
        const parsed = FaultSpecSchema.safeParse(body)
        if (!parsed.success) return problem(400, 'Bad Request', z.prettifyError(parsed.error))
        return json({ fault: scopes.addFault(parsed.data) }, 201)
      })
      .get('/faults', (c) => {
        const scope = scopeParam(c)
        return typeof scope === 'string' ? json({ faults: scopes.listFaults(scope) }) : scope
      })
      .delete('/faults', (c) => {
        const scope = scopeParam(c)
        return typeof scope === 'string' ? json({ cleared: scopes.clearFaults(scope) }) : scope
      })
      .get('/stats', (c) => {
        const scope = scopeParam(c)
        return typeof scope === 'string' ? json(scopes.stats(scope)) : scope
      })
      .post('/reset', (c) => {
        const scope = scopeParam(c)
        if (typeof scope !== 'string') return scope
        scopes.reset(scope)
        return json({ reset: scope })
      })
      // Status changes, so a test can make a watched ID change: every read shows the new status from now on,
      // and the matching Persona event is delivered when webhooks are on (persona-changes.ts).
      .post('/persona/inquiries/:id/status', async (c) => {
        const inquiry = dataset.inquiries[dataset.index.inquiryPosition.get(c.req.param('id')) ?? -1]
        if (!inquiry) return problem(404, 'Not Found', `No inquiry ${c.req.param('id')} in the demo data.`)
        const body = await parseBody(c, InquiryChangeSchema)
        if (body instanceof Response) return body
        const changed = ctx.changes.changeInquiry(inquiry, body.status, ctx.clock())
        const event = INQUIRY_STATUS_EVENTS[body.status]!
        return json({
          inquiry: { id: changed.id, status: changed.status },
          event,
          delivery: await deliver(event, { type: 'inquiry', id: changed.id }),
        })
      })
      .post('/persona/cases/:id/status', async (c) => {
        const found = dataset.cases[dataset.index.casePosition.get(c.req.param('id')) ?? -1]
        if (!found) return problem(404, 'Not Found', `No case ${c.req.param('id')} in the demo data.`)
        const body = await parseBody(c, CaseChangeSchema)
        if (body instanceof Response) return body
        const { changed, event } = ctx.changes.changeCase(found, body.status, ctx.clock(), body.resolution)
        return json({
          case: { id: changed.id, status: changed.status, resolution: changed.resolution },
          event,
          delivery: await deliver(event, { type: 'case', id: changed.id }),
        })
      })
      // The customer finished the flow a one-time link opened: the inquiry completes and is approved, and
      // inquiry.approved is delivered (the case the relay's agent sent the link for is solved).
      .post('/persona/inquiries/:id/finish-link', async (c) => {
        const inquiry = dataset.inquiries[dataset.index.inquiryPosition.get(c.req.param('id')) ?? -1]
        if (!inquiry) return problem(404, 'Not Found', `No inquiry ${c.req.param('id')} in the demo data.`)
        const session = ctx.changes.linkSessions(inquiry.id).at(-1)
        if (!session) return problem(409, 'Conflict', `No one-time link was made for ${inquiry.id}: generate one first.`)
        const now = ctx.clock()
        ctx.changes.changeInquiry(inquiry, 'completed', now)
        const changed = ctx.changes.changeInquiry(inquiry, 'approved', now)
        return json({
          inquiry: { id: changed.id, status: changed.status },
          session: session.id,
          event: 'inquiry.approved',
          delivery: await deliver('inquiry.approved', { type: 'inquiry', id: changed.id }),
        })
      })
      .delete('/persona/changes', () => json({ cleared: ctx.changes.clear() }))
      // A Stripe session moves as Stripe's flow moves it (stripe-changes.ts); the matching signed
      // identity.verification_session.* event is delivered when Stripe webhooks are on.
      .post('/stripe/verification_sessions/:id/status', async (c) => {
        const body = await parseBody(c, StripeChangeSchema)
        if (body instanceof Response) return body
        const change = changeStripeSession(ctx.stripe, c.req.param('id'), body.status, body.code)
        if ('missing' in change) return problem(404, 'Not Found', `No verification session ${c.req.param('id')} in the demo data.`)
        if ('conflict' in change) return problem(409, 'Conflict', change.conflict)
        const { session } = change
        const delivery = webhooks?.providers.includes('stripe') ? await webhooks.sendStripe(session) : null
        return json({
          session: { id: session.id, status: session.status, last_error: session.last_error },
          event: `identity.verification_session.${session.status}`,
          delivery,
        })
      })
      .all('*', () =>
        problem(
          404,
          'Not Found',
          'Control routes: /__demo/info, /__demo/faults, /__demo/stats, /__demo/reset, /__demo/persona/inquiries/:id/status, /__demo/persona/cases/:id/status, /__demo/persona/inquiries/:id/finish-link, /__demo/persona/changes, /__demo/stripe/verification_sessions/:id/status.',
        ),
      )
  )
}
