import type { LookupId, LookupTools, Resolved } from '../../kit/lookup.ts'
import { relayedCall, stripeReportRead, stripeSessionRead } from './relayed.ts'
import { summarizeStripeReport, summarizeStripeSession } from './summary.ts'
import type { StripeVerificationReport, StripeVerificationSession } from './types.ts'

/**
 * Stripe's IDs of a lookup batch: Stripe retrieves one object a call (its list filters by reference,
 * not by ID), each read through its route's cache entry (relayed.ts).
 */
export function lookupStripeIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  return t.oneByOne(items, out, async (item) =>
    item.kind === 'stripe-verification-report'
      ? summarizeStripeReport(await t.get<StripeVerificationReport>(relayedCall(stripeReportRead(item.id))))
      : summarizeStripeSession(await t.get<StripeVerificationSession>(relayedCall(stripeSessionRead(item.id)))),
  )
}
