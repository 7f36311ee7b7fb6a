import type { PagedList } from '../../kit/vendor.ts'

/** The lists the MCP `recent` tool may page; Stripe's next page starts after the last item while `has_more` (docs/vendors/stripe.md §3). */
export const STRIPE_PAGED_LISTS: Record<string, PagedList> = {
  'stripe-sessions': {
    path: '/v1/stripe/identity/verification_sessions',
    size: 'limit',
    cursor: 'starting_after',
    filter: (name) => name,
    next: (body) => {
      const last = body.data?.at(-1)?.id
      return body.has_more && typeof last === 'string' ? last : null
    },
    filters: ['status', 'client_reference_id'],
  },
}
