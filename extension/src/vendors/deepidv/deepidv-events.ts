import type { MessageKey } from '../../kit/words.ts'

/** deepidv's webhook events in words, by type (docs/vendors/deepidv.md §8); any other shows its name. */
export const DEEPIDV_EVENTS: Readonly<Record<string, MessageKey>> = {
  'session.created': 'event_session_created',
  'session.status.submitted': 'event_session_submitted',
  'session.status.verified': 'event_session_verified',
  'session.status.rejected': 'event_session_rejected',
  'session.status.failed': 'event_session_failed',
}
