import type { Hono } from 'hono'
import type { DemoContext } from './context.ts'
import { createDeepidvApp, DEEPIDV_MOUNT } from './deepidv-app.ts'
import { createOnfidoApp, ONFIDO_MOUNT } from './onfido-app.ts'
import { createPersonaApp, PERSONA_MOUNT } from './persona-app.ts'
import { createStripeApp, STRIPE_MOUNT } from './stripe-app.ts'
import { createSumsubApp, SUMSUB_DEMO_KEYS, SUMSUB_MOUNT } from './sumsub/sumsub-app.ts'
import type { WebhookSender } from './webhooks.ts'

/** A fake vendor: the prefix it answers under, and its app over the demo's shared state. */
type DemoVendor = { mount: string; create: (ctx: DemoContext, webhooks: WebhookSender | null) => Hono<any, any, any> }

/**
 * The fake vendors app.ts mounts, each in its own files (a new vendor's in its folder beside this
 * file); the one place here that lists them (`npm run new:vendor` adds a line).
 */
export const DEMO_VENDORS: readonly DemoVendor[] = [
  { mount: PERSONA_MOUNT, create: createPersonaApp },
  { mount: DEEPIDV_MOUNT, create: createDeepidvApp },
  { mount: STRIPE_MOUNT, create: createStripeApp },
  { mount: ONFIDO_MOUNT, create: createOnfidoApp },
  {
    mount: SUMSUB_MOUNT,
    create: (ctx) => createSumsubApp({ ...SUMSUB_DEMO_KEYS, applicants: ctx.sumsub, clock: ctx.clock, scopes: ctx.scopes }),
  },
]
