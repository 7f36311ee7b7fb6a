import { deepidvAccess } from './deepidv-access.ts'
import { onfidoAccess } from './onfido-access.ts'
import { personaAccess } from './persona-access.ts'
import { stripeAccess } from './stripe-access.ts'
import { sumsubAccess } from './sumsub/sumsub-access.ts'

/**
 * How a relay reaches one fake vendor, as its own files say: the harness (test/harness/stack.ts) and
 * the workerd tests' relay (worker/test/helpers.ts) read the variables' names from the relay's vendor
 * registry and their demo values from here. Lean (no app, no Node module), so workerd can load it.
 */
export type DemoAccess = {
  /** Where its API answers below the demo upstream's URL: the relay's `<NAME>_API_BASE`. */
  path: string
  /** The demo's key: the relay's key secret (`keySecret`). */
  key: string
  /** A key of a test's own, which the demo counts and faults apart (its scope). */
  scopedKey(scope: string): string
  /** The second secret that signs each request, where the vendor wants one (the relay's `signingSecret`). */
  signingKey?: string
  /** What its webhooks are signed with: the relay's first webhook secret; null where the demo sends none. */
  webhookSecret: string | null
}

/** Every fake vendor's access, by vendor name (one line each; `npm run new:vendor` adds one). */
export const DEMO_ACCESS = {
  persona: personaAccess,
  deepidv: deepidvAccess,
  stripe: stripeAccess,
  onfido: onfidoAccess,
  sumsub: sumsubAccess,
} satisfies Record<string, DemoAccess>
