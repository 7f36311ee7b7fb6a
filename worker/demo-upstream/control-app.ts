/**
 * The control API under /__demo (no auth: the server only listens on loopback). Tests inject faults and
 * read stats per scope, the scope being the API key their requests carry. Errors are RFC 9457 problems.
 */
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { DemoContext } from './context.ts'
import { DEEPIDV_DEMO_KEY_PREFIX, DEEPIDV_MOUNT } from './deepidv-app.ts'
import { PERSONA_DEMO_KEY_PREFIX, PERSONA_MOUNT } from './persona-app.ts'
import { FAULT_KINDS, PROVIDERS } from './scope-state.ts'
import { FIXTURE_IDS } from './seed.ts'
import { iso } from './timeline.ts'

const FaultSpecSchema = z.strictObject({
  scope: z.string(),
  provider: z.enum(PROVIDERS).optional(),
  fault: z.enum(FAULT_KINDS),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  times: z.number().int().min(1).optional(),
  body: z.json().optional(),
})

export function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  })
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
      counts: { inquiries: d.inquiries.length, inquirySessions: d.inquirySessions.length, events: d.events.length },
    },
    deepidv: {
      base: `${DEEPIDV_MOUNT}/v1`,
      keyPrefix: DEEPIDV_DEMO_KEY_PREFIX,
      organizationId: d.deepidvOrganizationId,
      demoUserId: d.deepidvDemoUserId,
      counts: { sessions: d.deepidvSessions.length },
    },
    fixtures: FIXTURE_IDS,
  }
}

export function createControlApp(ctx: DemoContext): Hono {
  const { scopes } = ctx
  return new Hono()
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
    .all('*', () => problem(404, 'Not Found', 'Control routes: /__demo/info, /__demo/faults, /__demo/stats, /__demo/reset.'))
}
