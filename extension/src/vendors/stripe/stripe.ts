import type { Vendor } from '../vendor.ts'
import { stripeSessions } from './stripe-source.ts'
import { STRIPE_EVENTS } from './stripe-events.ts'

/** Stripe Identity: verification sessions (`vs_`) and reports (`vr_`): looked up, carded, listed and shown. */
export const stripe: Vendor = {
  name: 'stripe',
  label: 'Stripe',
  lists: [stripeSessions],
  records: {
    'stripe-verification-session': {
      call: (id) => (c, o) => c.v1.stripe.identity.verification_sessions[':id'].$get({ param: { id }, query: {} }, o),
      // `about`: Stripe's own sentence for the last error (the card's line says the code in words).
      facts: (d) =>
        d.kind === 'stripe-verification-session'
          ? {
              reference: { label: 'fieldReference', value: d.clientReferenceId, testId: 'reference' },
              about: { label: 'fieldStripeSays', value: d.lastErrorReason, testId: 'stripe-says' },
            }
          : {},
      // No requester check (`verified_outputs` never leaves the relay): the detail says so in its place.
      reference: (d) => (d.kind === 'stripe-verification-session' ? d.clientReferenceId : null),
    },
    'stripe-verification-report': {
      call: (id) => (c, o) => c.v1.stripe.identity.verification_reports[':id'].$get({ param: { id }, query: {} }, o),
      facts: (d) =>
        d.kind === 'stripe-verification-report'
          ? {
              reference: { label: 'fieldReference', value: d.clientReferenceId, testId: 'reference' },
              about: { label: 'fieldAbout', value: d.sessionId },
            }
          : {},
    },
  },
  probe: (c, o) => c.v1.stripe.identity.verification_sessions.$get({ query: { limit: '1' } }, o),
  events: STRIPE_EVENTS,
}
