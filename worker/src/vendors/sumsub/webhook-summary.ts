/** Sumsub's webhook event, summarised for the live hub (live/incoming-event.ts says what is kept). */
import { z } from 'zod'
import { isoOf, PayloadError, statusOf, type IncomingEvent } from '../../kit/webhooks.ts'

/** The applicant events the relay shows (docs/vendors/sumsub.md §4); any other is no live event. */
const TYPES = [
  'applicantCreated',
  'applicantPending',
  'applicantReviewed',
  'applicantOnHold',
  'applicantReset',
  'applicantPrechecked',
] as const
const ANSWERS: ReadonlySet<string> = new Set(['GREEN', 'RED'])
const STATUSES: ReadonlySet<string> = new Set(['init', 'pending', 'prechecked', 'queued', 'completed', 'onHold'])

// Only the type, the applicant's ID, its status, answer and time are read; `externalUserId` and the rest never are.
const SumsubEvent = z.object({
  type: z.enum(TYPES),
  applicantId: z.string().regex(/^[0-9a-fA-F]{24}$/),
  reviewStatus: z.unknown().optional(),
  reviewResult: z.object({ reviewAnswer: z.unknown().optional() }).optional(),
  createdAtMs: z.unknown().optional(),
})

/** Sumsub's time `2026-11-29 04:00:00.000` (UTC) as ISO. */
const isoOfSumsub = (v: unknown) => isoOf(typeof v === 'string' ? `${v.replace(' ', 'T')}Z` : v, 'createdAtMs')

/** The event's ID is a hash of its type, applicant and time: a redelivery is the same event. */
export async function sumsubSummary(body: unknown): Promise<IncomingEvent> {
  const parsed = SumsubEvent.safeParse(body)
  if (!parsed.success) throw new PayloadError('Not a Sumsub applicant event: expected type and applicantId.')
  const { type, applicantId, reviewStatus, reviewResult, createdAtMs } = parsed.data
  const objectId = applicantId.toLowerCase()
  const at = isoOfSumsub(createdAtMs)
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${type}\n${objectId}\n${at}`))
  const hash = [...new Uint8Array(digest)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  const answer = statusOf(reviewResult?.reviewAnswer, ANSWERS)
  return {
    vendor: 'sumsub',
    id: `sms_${hash}`,
    name: type.toLowerCase(),
    objectType: 'applicant',
    objectId,
    status: reviewStatus === 'completed' && answer ? answer : statusOf(reviewStatus, STATUSES),
    createdAt: at,
    dedupeKey: `sumsub:${hash}`,
  }
}
