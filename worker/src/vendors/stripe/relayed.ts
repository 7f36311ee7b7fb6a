import type { LookupCall } from '../../kit/lookup.ts'
import { stripeReportAllowed, stripeSessionAllowed } from './allowlist.ts'

/**
 * The canonical retrieve of a session or report: what the routes ask Stripe for and cache, and what a
 * lookup summary reads through the very same cache entry, so a card and a detail cost one call.
 */
export const stripeSessionRead = (id: string) => ({
  provider: 'stripe' as const,
  path: `verification_sessions/${id}`,
  query: '',
  shape: 'object' as const,
  transform: stripeSessionAllowed,
})

export const stripeReportRead = (id: string) => ({
  provider: 'stripe' as const,
  path: `verification_reports/${id}`,
  query: '',
  shape: 'object' as const,
  transform: stripeReportAllowed,
})

/** A summary's read of a record a detail reads too, through the cache entry of its route (as Hono matches it). */
export function relayedCall(spec: ReturnType<typeof stripeSessionRead> | ReturnType<typeof stripeReportRead>): LookupCall {
  const { transform, shape, ...call } = spec
  const resource = call.path.split('/')[0]
  return { ...call, relayed: { route: `/v1/stripe/identity/${resource}/:id`, shape, transform } }
}
