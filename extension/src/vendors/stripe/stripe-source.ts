import type { Query } from '../../kit/relay.ts'
import type { Page, VendorList } from '../vendor.ts'
import type { StripeList, StripeVerificationSession } from '@idv-lens/shared/api'

/** Stripe takes `limit` and, for the next page, `starting_after` (docs/vendors/stripe.md §3). */
export function stripePageQuery(size: number, cursor: string | null): Query {
  return cursor ? { limit: String(size), starting_after: cursor } : { limit: String(size) }
}

/** A page of Stripe's list: the next one starts after its last item, while Stripe says `has_more`. */
export function stripePage(list: StripeList<StripeVerificationSession>): Page<StripeVerificationSession> {
  const last = list.data.at(-1)
  return { items: list.data, cursor: list.has_more && last ? last.id : null }
}

/**
 * Stripe Identity's verification sessions, newest first, as the relay mirrors Stripe's list. The
 * side panel only: the popup's one row of tabs at 400 px in German has no room for a sixth.
 */
export const stripeSessions: VendorList<StripeList<StripeVerificationSession>, StripeVerificationSession> = {
  key: 'stripe',
  tab: 'tabStripe',
  panelOnly: true,
  call: (query) => (c, o) => c.v1.stripe.identity.verification_sessions.$get({ query }, o),
  page: stripePage,
  pageQuery: stripePageQuery,
  defaultFilters: {},
}
