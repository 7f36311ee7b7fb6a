import type { LookupFound } from '@idv-lens/shared/api'
import { canonicalQuery } from '../../kit/query.ts'
import type { VendorHistory } from '../../kit/vendor.ts'
import { stripeListAllowed } from './allowlist.ts'
import { summarizeStripeSession } from './summary.ts'
import type { StripeList, StripeVerificationSession } from './types.ts'

/**
 * A reference ID's sessions: ONE list call (`client_reference_id`, newest first as Stripe lists,
 * docs/vendors/stripe.md §3), read through the list route's cache entry. List items are whole
 * sessions, so none is retrieved. More on a next page (`has_more`) makes the history incomplete.
 */
export const stripeHistory: VendorHistory = async (t, referenceId, max) => {
  // A refused or failed list call is the route's to answer (routes/history.ts).
  const list = await t.get<StripeList<StripeVerificationSession>>({
    provider: 'stripe',
    path: 'verification_sessions',
    query: canonicalQuery({ client_reference_id: referenceId, limit: String(Math.min(max, 100)) }),
    relayed: { route: '/v1/stripe/identity/verification_sessions', shape: 'list', transform: stripeListAllowed },
  })
  const found: LookupFound[] = []
  let invalid = false
  for (const session of list.data.slice(0, max)) {
    try {
      found.push(summarizeStripeSession(session))
    } catch {
      invalid = true
    }
  }
  return { found, complete: !list.has_more && list.data.length <= max && !invalid, ...(invalid ? { failure: 'upstream-invalid' } : {}) }
}
