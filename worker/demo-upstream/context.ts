/** What every part of the demo upstream shares: the dataset, per-scope state, the clock and switches. */
import type { DeliveredEvents } from './delivered-events.ts'
import type { PersonaChanges } from './persona-changes.ts'
import type { ScopeRegistry } from './scope-state.ts'
import type { Dataset } from './seed.ts'
import type { OnfidoDataset } from './onfido-seed.ts'
import type { StripeDataset } from './stripe-seed.ts'
import type { SumsubDemoApplicant } from './sumsub/sumsub-seed.ts'

export interface DemoContext {
  dataset: Dataset
  /** The Stripe Identity account (stripe-seed.ts), anchored at the dataset's time. */
  stripe: StripeDataset
  /** The Onfido account (onfido-seed.ts), anchored at the dataset's time. */
  onfido: OnfidoDataset
  /** The Sumsub applicants (sumsub/sumsub-seed.ts), anchored at the dataset's time. */
  sumsub: readonly SumsubDemoApplicant[]
  scopes: ScopeRegistry
  /** Real time, for rate-limit windows and signed URLs (the dataset's anchor is separate). */
  clock: () => number
  rateLimits: boolean
  /** Persona events delivered by webhook, retrievable like seeded ones. */
  deliveredEvents: DeliveredEvents
  /** Statuses changed through the control API (this app only; the dataset itself is shared read-only). */
  changes: PersonaChanges
}
