/**
 * Stripe Identity's objects as the relay lets them out (worker/src/vendors/stripe/allowlist.ts,
 * docs/vendors/stripe.md §4): IDs, statuses, times, `last_error`, the last report's ID, each report
 * check's status and error, `redaction.status`. Never a person's value: none reaches the extension.
 */

export type StripeLastError = { code: string | null; reason: string | null }

export type StripeSession = {
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

export type StripeCheckResult = { status: string; error?: StripeLastError | null }

export type StripeReport = {
  id: string
  object: 'identity.verification_report'
  created: number
  type?: string | null
  livemode?: boolean
  client_reference_id?: string | null
  verification_session?: string | null
  document?: StripeCheckResult
  selfie?: StripeCheckResult
  id_number?: StripeCheckResult
  email?: StripeCheckResult
  phone?: StripeCheckResult
}

/** Stripe's list envelope; `has_more` says a next page follows (after the last item's ID). */
export type StripeSessionList = { object: 'list'; url: string; has_more: boolean; data: StripeSession[] }
