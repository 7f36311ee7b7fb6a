/** deepidv's webhook body, summarised for the live hub (live/incoming-event.ts says what is kept). */
import { z } from 'zod'
import { EVENT_NAME, isoOf, PayloadError, statusOf, type IncomingEvent } from '../../kit/webhooks.ts'

const DEEPIDV_ID = /^[A-Za-z0-9_-]{1,64}$/

/** A session's statuses as deepidv documents them (docs/vendors/deepidv.md §4); any other is no status. */
export const DEEPIDV_SESSION_STATUSES: ReadonlySet<string> = new Set([
  'PENDING',
  'SUBMITTED',
  'VERIFIED',
  'REJECTED',
  'VOIDED',
  'EXPIRED',
  'FAILED',
])

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
  const hash = [...new Uint8Array(digest)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  return {
    vendor: 'deepidv',
    id: `dpv_${hash}`,
    name: type,
    objectType: 'session',
    objectId: data.id,
    status: statusOf(data.status, DEEPIDV_SESSION_STATUSES),
    createdAt: updatedAt,
    dedupeKey: `deepidv:${hash}`,
  }
}
