/**
 * The demo upstream: a faithful fake of the vendors' read APIs, for development and tests, each under
 * its own prefix (README.md beside this file: /persona/api/v1, /deepidv/v1, /stripe/v1/identity,
 * /onfido/v3.6) with its own auth, and /__demo, the control API (faults, stats, reset per API key).
 * Pure Web APIs (Node via serve.ts, or any fetch runtime), as docs/vendors/<vendor>.md say; choices left open are marked.
 */
import { Hono } from 'hono'
import type { DemoContext } from './context.ts'
import { createControlApp, describeDemo, problem } from './control-app.ts'
import { ConnectionDropped, VendorError } from './errors.ts'
import { DeliveredEvents } from './delivered-events.ts'
import { PersonaChanges } from './persona-changes.ts'
import { createScopeRegistry, type ScopeRegistry } from './scope-state.ts'
import { generateDataset, type Dataset } from './seed.ts'
import { seedOnfido } from './onfido-seed.ts'
import { seedStripe } from './stripe-seed.ts'
import { seedSumsub } from './sumsub/sumsub-seed.ts'
import { DEMO_VENDORS } from './vendors.ts'
import { createWebhookSender, type WebhookOptions, type WebhookProvider, type WebhookSender } from './webhooks.ts'

export interface DemoUpstreamOptions {
  /** Anchor for the seeded timestamps; default: now, rounded down to the minute. */
  now?: Date
  seed?: number
  /** Enforce Persona's 300/min and deepidv's 25/s (burst 35) per key. Default true. */
  rateLimits?: boolean
  /** Real-time clock for rate-limit windows and signed URLs (tests pin it). Default Date.now. */
  clock?: () => number
  /** Deliver signed webhooks to a relay (webhooks.ts). Off when absent. */
  webhooks?: WebhookOptions
}

export interface DemoUpstream {
  app: Hono
  dataset: Dataset
  scopes: ScopeRegistry
  /** The webhook sender, when `webhooks` was given; `stop()` it when done. */
  webhooks: WebhookSender | null
  /** `app.fetch`, for runtimes that want a bare handler. */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>
}

export function createDemoUpstream(options: DemoUpstreamOptions = {}): DemoUpstream {
  const dataset = generateDataset({ seed: options.seed, now: options.now })
  const ctx: DemoContext = {
    dataset,
    stripe: seedStripe(dataset.now),
    onfido: seedOnfido(dataset.now),
    sumsub: seedSumsub(dataset.now),
    scopes: createScopeRegistry(),
    clock: options.clock ?? Date.now,
    rateLimits: options.rateLimits ?? true,
    deliveredEvents: new DeliveredEvents(),
    changes: new PersonaChanges(),
  }
  const app = new Hono()
  const webhooks = options.webhooks
    ? createWebhookSender(dataset, options.webhooks, ctx.clock, {
        delivered: ctx.deliveredEvents,
        changes: ctx.changes,
        stripe: ctx.stripe,
        onfido: ctx.onfido,
        sumsub: ctx.sumsub,
      })
    : null
  // One delivery on request (tests, benchmarks, trying it out): POST /__demo/webhooks/persona|deepidv|stripe|onfido|sumsub.
  app.post('/__demo/webhooks/:provider{persona|deepidv|stripe|onfido|sumsub}', async (c) => {
    const provider = c.req.param('provider') as WebhookProvider
    if (!webhooks?.providers.includes(provider)) {
      return problem(409, 'Conflict', `Webhooks for ${provider} are off: start the demo upstream with a target and a ${provider} secret.`)
    }
    return c.json(await webhooks.send(provider))
  })
  for (const vendor of DEMO_VENDORS) app.route(vendor.mount, vendor.create(ctx, webhooks))
  app.route('/__demo', createControlApp(ctx, webhooks))
  app.get('/', (c) => c.json(describeDemo(ctx)))
  app.notFound(() =>
    problem(
      404,
      'Not Found',
      'The demo upstream serves /persona/api/v1, /deepidv/v1, /stripe/v1/identity, /onfido/v3.6, /sumsub/resources and /__demo.',
    ),
  )
  app.onError((error) => {
    // No response at all: let the runtime see the failure (Node: socket already destroyed or closed).
    if (error instanceof ConnectionDropped) throw error
    if (error instanceof VendorError) return error.toResponse()
    console.error('demo upstream: unexpected error', error)
    return problem(500, 'Internal Server Error', 'The demo upstream failed; see its log.')
  })
  return { app, dataset, scopes: ctx.scopes, webhooks, fetch: (request, env) => app.fetch(request, env) }
}

export { DEEPIDV_DEMO_KEY_PREFIX, DEEPIDV_MOUNT } from './deepidv-app.ts'
export { PERSONA_DEMO_KEY_PREFIX, PERSONA_MOUNT } from './persona-app.ts'
export { STRIPE_DEMO_KEY_PREFIXES, STRIPE_MOUNT } from './stripe-app.ts'
export { STRIPE_FIXTURE_IDS, STRIPE_STORY_REFERENCE } from './stripe-seed.ts'
export { DEFAULT_SEED, FIXTURE_IDS, STORY_IDS, generateDataset, type Dataset, type DatasetOptions } from './seed.ts'
export type { ActiveFault, FaultKind, FaultSpec, Provider, RecordedRequest, ScopeRegistry, ScopeStats } from './scope-state.ts'
export type * from './persona-types.ts'
export type * from './deepidv-types.ts'
export type { Delivery, WebhookOptions, WebhookProvider, WebhookSender } from './webhooks.ts'
export { PERSONA_VERSIONS, DEFAULT_PERSONA_VERSION } from './persona-types.ts'
