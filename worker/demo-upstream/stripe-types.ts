/**
 * Stripe Identity's objects as the demo serves them: exactly the `stripe` package's types (generated
 * from Stripe's OpenAPI document), so the type check keeps the demo from drifting from Stripe.
 */
import type Stripe from 'stripe'

export type StripeSession = Stripe.Identity.VerificationSession
export type StripeReport = Stripe.Identity.VerificationReport
export type StripeLastErrorCode = Stripe.Identity.VerificationSession.LastError.Code
export type StripeSessionStatus = Stripe.Identity.VerificationSession.Status
export type StripeEvent = Pick<Stripe.Event, 'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks' | 'request'> & {
  type: `identity.verification_session.${'created' | 'processing' | 'requires_input' | 'verified' | 'canceled' | 'redacted'}`
  data: { object: StripeSession }
}
