import type { ListSource, Page } from '../../stores/list-sources.ts'
import type { Query } from '../../lib/messages.ts'
import type { StripeSession, StripeSessionList } from './stripe-types.ts'

/** Stripe takes `limit` and, for the next page, `starting_after` (docs/vendors/stripe.md §3). */
export function stripePageQuery(size: number, cursor: string | null): Query {
  return cursor ? { limit: String(size), starting_after: cursor } : { limit: String(size) }
}

/** A page of Stripe's list: the next one starts after its last item, while Stripe says `has_more`. */
export function stripePage(list: StripeSessionList): Page<StripeSession> {
  const last = list.data.at(-1)
  return { items: list.data, cursor: list.has_more && last ? last.id : null }
}

/** Stripe Identity's verification sessions, newest first, as the relay mirrors Stripe's list. */
export const stripeSource: ListSource<StripeSession> = {
  fetchPage: async (send, query, refresh, background) => {
    const result = await send('listStripeSessions', { query, refresh, ...(background ? { background } : {}) })
    return result.ok ? { ...result, data: stripePage(result.data) } : result
  },
  pageQuery: stripePageQuery,
  defaultFilters: {},
}
