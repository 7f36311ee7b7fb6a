/**
 * Stripe Identity's objects as the relay lets them out (worker/src/vendors/stripe/allowlist.ts,
 * docs/vendors/stripe.md §4): IDs, statuses, times, `last_error`, the last report's ID, each report
 * check's status and error, `redaction.status`. Never a person's value.
 */

export type StripeLastError = { code: string | null; reason: string | null }

export type StripeVerificationSession = {
  id: string
  object: 'identity.verification_session'
  /** Unix seconds. */
  created: number
  status: string
  type?: string | null
  livemode?: boolean
  client_reference_id?: string | null
  last_error?: StripeLastError | null
  last_verification_report?: string | null
  redaction?: { status: string } | null
}

export type StripeCheck = { status: string; error?: StripeLastError | null }

export type StripeVerificationReport = {
  id: string
  object: 'identity.verification_report'
  /** Unix seconds. */
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
}

/** Stripe's list envelope; the relay's `url` is its own route; `has_more`: a next page follows (after the last item's ID). */
export type StripeList<T> = { object: 'list'; url: string; has_more: boolean; data: T[] }

/** The checks a report holds, in the order an agent reads them (docs/vendors/stripe.md §4). */
export const STRIPE_CHECKS = ['document', 'selfie', 'id_number', 'email', 'phone'] as const

/** What a lookup shows of stripe's records (`LookupFound.details`), one member per kind. */
export type StripeLookupDetails =
  | {
      kind: 'stripe-verification-session'
      clientReferenceId: string | null
      verificationType: string | null
      lastReportId: string | null
      livemode: boolean | null
      redactionStatus: string | null
      /** `last_error.reason`: Stripe's sentence, which "can be shown to your users" (null without an error). */
      lastErrorReason: string | null
    }
  | {
      kind: 'stripe-verification-report'
      clientReferenceId: string | null
      verificationType: string | null
      sessionId: string | null
      livemode: boolean | null
    }
