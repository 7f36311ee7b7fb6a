/** Persona's webhook body, summarised for the live hub (live/incoming-event.ts says what is kept). */
import { z } from 'zod'
import { EVENT_NAME, isoOf, PayloadError, statusOf, type IncomingEvent } from '../../kit/webhooks.ts'

// Persona bodies follow the webhook's key inflection (kebab by default, camel or snake if configured).
const pick = (o: Record<string, unknown> | undefined, kebab: string): unknown => {
  if (!o) return undefined
  const camel = kebab.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase())
  const snake = kebab.replace(/-/g, '_')
  return o[kebab] ?? o[camel] ?? o[snake]
}

const PERSONA_ID = /^[a-z]+_[A-Za-z0-9]{8,40}$/

/**
 * The statuses Persona documents for the objects its events are about (docs/vendors/persona.md §9 and
 * §15): inquiries, inquiry sessions, verifications, cases. An undocumented one is shown as no status.
 */
export const PERSONA_EVENT_STATUSES: ReadonlySet<string> = new Set([
  'created',
  'pending',
  'completed',
  'expired',
  'failed',
  'needs_review',
  'approved',
  'declined',
  'new',
  'active',
  'canceled',
  'initiated',
  'submitted',
  'passed',
  'requires_retry',
  'confirmed',
  'Open',
  'Pending',
  'Approved',
  'Declined',
])

const PersonaBody = z.object({
  data: z.object({ type: z.literal('event'), id: z.string().regex(PERSONA_ID), attributes: z.record(z.string(), z.unknown()) }),
})

export function personaSummary(body: unknown): IncomingEvent {
  const parsed = PersonaBody.safeParse(body)
  if (!parsed.success) throw new PayloadError('Not a Persona event: expected data.type "event" with an evt_ id.')
  const { id, attributes } = parsed.data.data
  const name = pick(attributes, 'name')
  if (typeof name !== 'string' || !EVENT_NAME.test(name)) throw new PayloadError('The event has no valid name.')
  const payload = pick(attributes, 'payload') as Record<string, unknown> | undefined
  const object = (payload?.data ?? {}) as Record<string, unknown>
  const objectType = typeof object.type === 'string' && EVENT_NAME.test(object.type) ? object.type : 'unknown'
  const objectId = typeof object.id === 'string' && PERSONA_ID.test(object.id) ? object.id : ''
  const objectAttributes = object.attributes as Record<string, unknown> | undefined
  return {
    vendor: 'persona',
    id,
    name,
    objectType,
    objectId,
    status: statusOf(pick(objectAttributes, 'status'), PERSONA_EVENT_STATUSES),
    createdAt: isoOf(pick(attributes, 'created-at'), 'created-at'),
    dedupeKey: `persona:${id}`,
  }
}
