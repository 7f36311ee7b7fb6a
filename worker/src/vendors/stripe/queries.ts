import { isIdOfKind } from '@idv-lens/shared/ids'
import { intInRange, oneOf, querySchema, refineQuery, satisfying } from '../../kit/query.ts'

/**
 * Exactly the list parameters Stripe documents for `GET /v1/identity/verification_sessions`
 * (docs/vendors/stripe.md §3). Anything else is refused here, so a typo costs no upstream call.
 */

export const STRIPE_SESSION_STATUSES = ['requires_input', 'processing', 'verified', 'canceled'] as const

const isSessionId = (v: string) => isIdOfKind(v, 'stripe-verification-session')
const sessionCursor = satisfying(isSessionId, 'a Stripe verification session ID (vs_...)')
// `created` is a Unix time in seconds (docs/vendors/stripe.md §3).
const unixSeconds = satisfying((v) => /^\d{1,11}$/.test(v), 'a Unix time in seconds')

export const sessionListQuery = refineQuery(
  querySchema({
    limit: intInRange(1, 100),
    starting_after: sessionCursor,
    ending_before: sessionCursor,
    'created[gt]': unixSeconds,
    'created[gte]': unixSeconds,
    'created[lt]': unixSeconds,
    'created[lte]': unixSeconds,
    status: oneOf(STRIPE_SESSION_STATUSES),
    client_reference_id: satisfying(
      (v) => v.length >= 1 && v.length <= 500 && !/[\u0000-\u001f]/.test(v),
      'at most 500 printable characters',
    ),
  }),
  (query, ctx) => {
    // Stripe pages one way at a time: both cursors at once is its own 400.
    if ('starting_after' in query && 'ending_before' in query) {
      ctx.addIssue({ code: 'custom', path: ['ending_before'], message: 'cannot be given with starting_after' })
    }
  },
)
