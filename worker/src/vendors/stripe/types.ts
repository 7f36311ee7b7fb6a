/**
 * Stripe Identity's bodies as the relay reads them (docs/vendors/stripe.md §3, §4): only the fields the
 * relay itself reads are typed; the `stripe` package's types describe the rest (test/stripe-*.test.ts).
 */

export type StripeLastError = { code: string | null; reason: string | null }

export type StripeVerificationSession = {
  id: string
  object: 'identity.verification_session'
  created: number
  status: string
  type?: string | null
  livemode?: boolean
  client_reference_id?: string | null
  last_error?: StripeLastError | null
  last_verification_report?: string | null
  redaction?: { status: string } | null
  [key: string]: unknown
}

export type StripeCheck = { status: string; error?: StripeLastError | null }

export type StripeVerificationReport = {
  id: string
  object: 'identity.verification_report'
  created: number
  type?: string | null
  livemode?: boolean
  client_reference_id?: string | null
  verification_session?: string | null
  document?: StripeCheck
  selfie?: StripeCheck
  id_number?: StripeCheck
  email?: StripeCheck
  phone?: StripeCheck
  [key: string]: unknown
}

/** Stripe's list envelope; the relay's `url` is its own route (routes.ts). */
export type StripeList<T> = { object: 'list'; url: string; has_more: boolean; data: T[] }

/** The checks a report holds, in the order an agent reads them (docs/vendors/stripe.md §4). */
export const STRIPE_CHECKS = ['document', 'selfie', 'id_number', 'email', 'phone'] as const
