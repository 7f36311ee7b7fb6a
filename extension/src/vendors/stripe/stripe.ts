import type { Vendor } from '../vendor.ts'

/** Stripe Identity: verification sessions (`vs_`) and reports (`vr_`), looked up and carded. */
export const stripe: Vendor = {
  name: 'stripe',
  label: 'Stripe',
  lists: [],
  records: {
    'stripe-verification-session': {
      call: (id) => (c, o) => c.v1.stripe.identity.verification_sessions[':id'].$get({ param: { id } }, o),
      facts: (d) => (d.kind === 'stripe-verification-session' ? { reference: { label: 'fieldReference', value: d.clientReferenceId, testId: 'reference' } } : {}),
    },
    'stripe-verification-report': {
      call: (id) => (c, o) => c.v1.stripe.identity.verification_reports[':id'].$get({ param: { id } }, o),
      facts: (d) =>
        d.kind === 'stripe-verification-report'
          ? { reference: { label: 'fieldReference', value: d.clientReferenceId, testId: 'reference' }, about: { label: 'fieldAbout', value: d.sessionId } }
          : {},
    },
  },
  probe: (c, o) => c.v1.stripe.identity.verification_sessions.$get({ query: { limit: '1' } }, o),
}
