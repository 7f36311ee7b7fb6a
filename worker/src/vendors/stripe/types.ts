import type { StripeVerificationReport as ReportOut, StripeVerificationSession as SessionOut } from '@idv-lens/shared/api'

/**
 * Stripe Identity's bodies as the relay reads them (docs/vendors/stripe.md §3, §4): the fields the
 * relay lets out are typed (shared/src/vendors/stripe/api.ts); the `stripe` package's types describe the rest
 * (test/stripe-*.test.ts), which the allowlist drops.
 */
export type StripeVerificationSession = SessionOut & Record<string, unknown>
export type StripeVerificationReport = ReportOut & Record<string, unknown>
export { STRIPE_CHECKS, type StripeList } from '@idv-lens/shared/api'
