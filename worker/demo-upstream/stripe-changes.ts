/**
 * Status changes of the demo's Stripe sessions, made through the control API (control-app.ts), as
 * Stripe's flow makes them (docs/vendors/stripe.md §3, §5): a session waiting for input is submitted
 * (`processing`) or canceled; one processing ends verified or back in `requires_input` with a
 * `last_error`; `verified` and `canceled` are final. The change is made in place: every read from now
 * on shows it (the dataset is this app's own).
 */
import { REASONS, type StripeDataset } from './stripe-seed.ts'
import type { StripeLastErrorCode, StripeSession, StripeSessionStatus } from './stripe-types.ts'

export const STRIPE_STATUSES = ['requires_input', 'processing', 'verified', 'canceled'] as const satisfies readonly StripeSessionStatus[]

/** The statuses a session in each status can move to. */
export const STRIPE_TRANSITIONS: Record<StripeSessionStatus, readonly StripeSessionStatus[]> = {
  requires_input: ['processing', 'canceled'],
  processing: ['verified', 'requires_input'],
  verified: [],
  canceled: [],
}

/** `last_error.code`s Stripe documents (docs/vendors/stripe.md §5). */
export const STRIPE_LAST_ERROR_CODES = [
  'abandoned',
  'consent_declined',
  'country_not_supported',
  'device_not_supported',
  'document_expired',
  'document_type_not_supported',
  'document_unverified_other',
  'email_unverified_other',
  'email_verification_declined',
  'id_number_insufficient_document_data',
  'id_number_mismatch',
  'id_number_unverified_other',
  'phone_unverified_other',
  'phone_verification_declined',
  'selfie_document_missing_photo',
  'selfie_face_mismatch',
  'selfie_manipulated',
  'selfie_unverified_other',
  'under_supported_age',
] as const satisfies readonly StripeLastErrorCode[]

/** The code a failed attempt gets when the caller names none. */
export const DEFAULT_FAILURE: StripeLastErrorCode = 'document_unverified_other'

export type StripeChange = { session: StripeSession } | { conflict: string } | { missing: true }

/** The fields Stripe's flow sets with each status: only a session waiting for input has a hosted flow and a secret. */
function fieldsFor(session: StripeSession, to: StripeSessionStatus, code: StripeLastErrorCode): Partial<StripeSession> {
  const open = to === 'requires_input'
  const lastError = open
    ? { code, reason: REASONS[code] ?? 'The user could not be verified.' }
    : to === 'canceled'
      ? session.last_error
      : null
  return {
    status: to,
    last_error: lastError,
    url: open ? (session.url ?? `https://verify.stripe.com/start/test_${session.id.slice(3)}`) : null,
    client_secret: open ? (session.client_secret ?? `${session.id}_secret_test_${session.id.slice(3)}`) : null,
  }
}

/** Moves session `id` to `to` when Stripe's flow allows it; `code` is the `last_error` of a return to `requires_input`. */
export function changeStripeSession(
  data: StripeDataset,
  id: string,
  to: StripeSessionStatus,
  code: StripeLastErrorCode = DEFAULT_FAILURE,
): StripeChange {
  const session = data.byId.get(id)
  if (!session) return { missing: true }
  if (!STRIPE_TRANSITIONS[session.status].includes(to)) {
    const next = STRIPE_TRANSITIONS[session.status]
    return {
      conflict: `A ${session.status} session cannot become ${to}${next.length ? `: it can become ${next.join(' or ')}` : ': it is final'}.`,
    }
  }
  Object.assign(session, fieldsFor(session, to, code))
  return { session }
}
