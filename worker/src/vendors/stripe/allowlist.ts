import { choose, keepAllowed, list, object, value, values, isPlainText, type Rule } from '../allowlist-walk.ts'
import type { StripeList, StripeVerificationReport, StripeVerificationSession } from './types.ts'

/**
 * What of Stripe Identity's bodies may leave the relay (docs/vendors/stripe.md §4; docs/vendors/allowlist.md).
 * Kept: type, ID, status, times, `livemode`, `last_error` (code and reason), `client_reference_id`, the
 * last report's ID, each report check's status and error, `redaction.status`. Never copied:
 * `client_secret`, `url` (the hosted flow), `verified_outputs`, `provided_details`, `metadata`, a
 * report's document fields and files, selfie files, ID number values, emails and phones.
 */

const error = values('code', 'reason')
const check = object({ status: value, error })

const SESSION = object({
  ...Object.fromEntries(['id', 'object', 'type', 'status', 'created', 'livemode', 'client_reference_id'].map((k) => [k, value])),
  last_error: error,
  // The report's ID only: an expanded report (`expand[]`, which the relay never asks for) is dropped.
  last_verification_report: choose((v) => (v === null || isPlainText(v) ? value : null)),
  redaction: values('status'),
})

const REPORT = object({
  ...Object.fromEntries(
    ['id', 'object', 'type', 'created', 'livemode', 'client_reference_id', 'verification_session'].map((k) => [k, value]),
  ),
  document: check,
  selfie: check,
  id_number: check,
  email: check,
  phone: check,
})

const LIST: Rule = object({ object: value, has_more: value, data: list(SESSION) })

/** The allowed copy of a retrieved verification session. */
export function stripeSessionAllowed(body: StripeVerificationSession): StripeVerificationSession {
  return (keepAllowed(body, SESSION) ?? {}) as StripeVerificationSession
}

/** The allowed copy of a retrieved verification report. */
export function stripeReportAllowed(body: StripeVerificationReport): StripeVerificationReport {
  return (keepAllowed(body, REPORT) ?? {}) as StripeVerificationReport
}

/** The allowed copy of a page of sessions, its `url` the relay's own route (Stripe's names Stripe's). */
export function stripeListAllowed(body: StripeList<StripeVerificationSession>, route: string): StripeList<StripeVerificationSession> {
  const kept = (keepAllowed(body, LIST) ?? {}) as Partial<StripeList<StripeVerificationSession>>
  return { object: 'list', url: route, has_more: kept.has_more === true, data: kept.data ?? [] }
}
