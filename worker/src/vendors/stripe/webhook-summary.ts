/** Stripe's webhook event, summarised for the live hub (live/incoming-event.ts says what is kept). */
import { z } from 'zod'
import { PayloadError, statusOf, type IncomingEvent } from '../../kit/webhooks.ts'
import { STRIPE_SESSION_STATUSES } from './queries.ts'

const STRIPE_ID = /^[a-z]+_[A-Za-z0-9]{8,64}$/
/** The session events Stripe documents (docs/vendors/stripe.md §7); any other type is no live event. */
const SESSION_EVENT = /^identity\.verification_session\.(created|processing|requires_input|verified|canceled|redacted)$/

const StripeEvent = z.object({
  id: z.string().regex(STRIPE_ID),
  object: z.literal('event'),
  type: z.string().regex(SESSION_EVENT),
  created: z.number().int().positive(),
  data: z.object({
    object: z.object({
      id: z.string().regex(/^vs_[A-Za-z0-9]{14,64}$/),
      object: z.literal('identity.verification_session'),
      status: z.unknown().optional(),
    }),
  }),
})

const STATUSES: ReadonlySet<string> = new Set(STRIPE_SESSION_STATUSES)

/** Only the event's ID, type, time, session ID and status: never what the session holds about the person. */
export function stripeSummary(body: unknown): IncomingEvent {
  const parsed = StripeEvent.safeParse(body)
  if (!parsed.success)
    throw new PayloadError('Not a Stripe identity.verification_session event: expected id, type, created and data.object.')
  const { id, type, created, data } = parsed.data
  return {
    vendor: 'stripe',
    id,
    name: type,
    objectType: 'identity.verification_session',
    objectId: data.object.id,
    status: statusOf(data.object.status, STATUSES),
    createdAt: new Date(created * 1000).toISOString(),
    dedupeKey: `stripe:${id}`,
  }
}
