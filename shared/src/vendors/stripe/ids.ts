import type { VendorIds } from '../vendor-ids.ts'

/**
 * Stripe: the prefix and 24 letters and digits in every example; Stripe documents no length, so 14
 * or more are accepted (docs/vendors/stripe.md §6). The prefix is case-sensitive. Stripe documents
 * neither dashboard path, nor test mode's `/test/…` [INF]: check them against a live dashboard.
 */
export const stripeIds = {
  name: 'stripe',
  kinds: [
    {
      kind: 'stripe-verification-session',
      prefix: 'vs_',
      exact: /^vs_[A-Za-z0-9]{14,64}$/,
      caseless: false,
      dashboard: 'dashboard.stripe.com/identity/verification-sessions/',
      testPath: '/test',
    },
    {
      kind: 'stripe-verification-report',
      prefix: 'vr_',
      exact: /^vr_[A-Za-z0-9]{14,64}$/,
      caseless: false,
      dashboard: 'dashboard.stripe.com/identity/verification-reports/',
      testPath: '/test',
    },
  ],
} as const satisfies VendorIds
