import type { MessageKey } from '../../kit/words.ts'

/** Persona's webhook events in words, by name (docs/vendors/persona.md §10); any other shows its name. */
export const PERSONA_EVENTS: Readonly<Record<string, MessageKey>> = {
  'inquiry.created': 'event_inquiry_created',
  'inquiry.started': 'event_inquiry_started',
  'inquiry.completed': 'event_inquiry_completed',
  'inquiry.failed': 'event_inquiry_failed',
  'inquiry.expired': 'event_inquiry_expired',
  'inquiry.marked-for-review': 'event_inquiry_marked_for_review',
  'inquiry.approved': 'event_inquiry_approved',
  'inquiry.declined': 'event_inquiry_declined',
  'inquiry.transitioned': 'event_inquiry_transitioned',
  'inquiry-session.started': 'event_session_started',
  'inquiry-session.expired': 'event_session_expired',
  'inquiry-session.canceled': 'event_session_canceled',
  'verification.created': 'event_verification_created',
  'verification.submitted': 'event_verification_submitted',
  'verification.passed': 'event_verification_passed',
  'verification.failed': 'event_verification_failed',
  'verification.requires-retry': 'event_verification_requires_retry',
  'verification.canceled': 'event_verification_canceled',
  'case.created': 'event_case_created',
  'case.assigned': 'event_case_assigned',
  'case.resolved': 'event_case_resolved',
  'case.reopened': 'event_case_reopened',
  'case.updated': 'event_case_updated',
}
