import { z } from 'zod'

/** Stripe Identity's 2xx objects (docs/vendors/stripe.md §3): strict about the fields the relay reads. */
const StripeObject = z.looseObject({
  id: z.string(),
  object: z.enum(['identity.verification_session', 'identity.verification_report']),
  created: z.number(),
})

export const bodies = {
  list: z.looseObject({ object: z.literal('list'), has_more: z.boolean(), data: z.array(StripeObject) }),
  single: StripeObject,
}
