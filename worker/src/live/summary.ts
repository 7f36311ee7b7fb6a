/**
 * What the hub keeps of a webhook: a summary without personal data. Only these fields are ever read
 * out of a payload; everything else in it (names, addresses, birthdates, reference IDs, IPs,
 * documents) is dropped here, before anything is stored or pushed.
 */
import type { LiveEvent } from '@idv-lens/shared/api'
import { z } from 'zod'

export type { LiveEvent, LiveVendor } from '@idv-lens/shared/api'

/** A summary before the hub numbers it; `dedupeKey` never leaves the hub. */
export type IncomingEvent = Omit<LiveEvent, 'seq'> & { dedupeKey: string }

export class PayloadError extends Error {}

// Persona bodies follow the webhook's key inflection (kebab by default, camel or snake if configured).
const pick = (o: Record<string, unknown> | undefined, kebab: string): unknown => {
  if (!o) return undefined
  const camel = kebab.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase())
  const snake = kebab.replace(/-/g, '_')
  return o[kebab] ?? o[camel] ?? o[snake]
}

const PERSONA_ID = /^[a-z]+_[A-Za-z0-9]{8,40}$/
const DEEPIDV_ID = /^[A-Za-z0-9_-]{1,64}$/
const EVENT_NAME = /^[a-z][a-z0-9._/-]{0,99}$/
const STATUS = /^[A-Za-z0-9_ -]{1,40}$/

const Record_ = z.record(z.string(), z.unknown())
const PersonaBody = z.object({
  data: z.object({ type: z.literal('event'), id: z.string().regex(PERSONA_ID), attributes: Record_ }),
})

function isoOf(value: unknown, what: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  if (Number.isNaN(ms)) throw new PayloadError(`${what} is not a date`)
  return new Date(ms).toISOString()
}

function statusOf(value: unknown): string | null {
  return typeof value === 'string' && STATUS.test(value) ? value : null
}

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
    status: statusOf(pick(objectAttributes, 'status')),
    createdAt: isoOf(pick(attributes, 'created-at'), 'created-at'),
    dedupeKey: `persona:${id}`,
  }
}

// Either date may be absent (zod requires a declared key even when its schema is `unknown`); the
// summary is dated by updated_at, else created_at, and refused only when neither is a date.
const DeepidvRecord = z.object({
  id: z.string().regex(DEEPIDV_ID),
  status: z.unknown().optional(),
  updated_at: z.unknown().optional(),
  created_at: z.unknown().optional(),
})
// `data` is "the same session object as Retrieve Session": the retrieve body (`session_record`, `user`,
// …) or, as some integrations forward it, the record itself. Only the record's own fields are read.
const DeepidvBody = z.object({
  type: z.string().regex(EVENT_NAME),
  data: z.union([z.object({ session_record: DeepidvRecord }).transform((d) => d.session_record), DeepidvRecord]),
})

/** deepidv events carry no id: a retry is the same type for the same session at the same `updated_at`. */
export async function deepidvSummary(body: unknown): Promise<IncomingEvent> {
  const parsed = DeepidvBody.safeParse(body)
  if (!parsed.success) throw new PayloadError('Not a deepidv event: expected type and data.id.')
  const { type, data } = parsed.data
  const updatedAt = isoOf(data.updated_at ?? data.created_at, 'data.updated_at')
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${type}\n${data.id}\n${updatedAt}`))
  const hash = [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('')
  return {
    vendor: 'deepidv',
    id: `dpv_${hash}`,
    name: type,
    objectType: 'session',
    objectId: data.id,
    status: statusOf(data.status),
    createdAt: updatedAt,
    dedupeKey: `deepidv:${hash}`,
  }
}
