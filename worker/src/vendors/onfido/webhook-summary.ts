/** Onfido's webhook event, summarised for the live hub (live/incoming-event.ts says what is kept). */
import { z } from 'zod'
import { isoOf, PayloadError, statusOf, type IncomingEvent } from '../../kit/webhooks.ts'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** The events whose object is a run, check or report (docs/vendors/onfido.md §6); any other is no live event. */
const ACTION =
  /^(workflow_run\.completed|check\.(started|reopened|withdrawn|completed|form_completed)|report\.(withdrawn|resumed|cancelled|awaiting_approval|completed))$/

/** `webhook_event_object_status` in Onfido's spec. */
const STATUSES: ReadonlySet<string> = new Set([
  'processing',
  'awaiting_input',
  'awaiting_client_input',
  'approved',
  'declined',
  'review',
  'abandoned',
  'error',
  'started',
  'cancelled',
  'completed',
  'awaiting_data',
  'awaiting_approval',
  'complete',
  'withdrawn',
  'in_progress',
  'awaiting_applicant',
  'paused',
  'reopened',
])

// Only the object's ID, status and time are read; `resource` (the run with its output) never is.
const OnfidoEvent = z.object({
  payload: z.object({
    resource_type: z.enum(['workflow_run', 'check', 'report']),
    action: z.string().regex(ACTION),
    object: z.object({ id: z.string().regex(UUID), status: z.unknown().optional(), completed_at_iso8601: z.unknown().optional() }),
  }),
})

/**
 * Onfido's events carry no ID of their own: a retry is the same action on the same object at the
 * same time, so those three make the event's ID (hashed).
 */
export async function onfidoSummary(body: unknown): Promise<IncomingEvent> {
  const parsed = OnfidoEvent.safeParse(body)
  if (!parsed.success)
    throw new PayloadError('Not an Onfido workflow run, check or report event: expected payload.resource_type, action and object.id.')
  const { resource_type, action, object } = parsed.data.payload
  const objectId = object.id.toLowerCase()
  const at = isoOf(object.completed_at_iso8601, 'payload.object.completed_at_iso8601')
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${action}\n${objectId}\n${at}`))
  const hash = [...new Uint8Array(digest)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  return {
    vendor: 'onfido',
    id: `onf_${hash}`,
    name: action,
    objectType: resource_type,
    objectId,
    status: statusOf(object.status, STATUSES),
    createdAt: at,
    dedupeKey: `onfido:${hash}`,
  }
}
