import type { MessageKey } from '../../kit/words.ts'

/** Stripe's verification session events in words, by name (docs/vendors/stripe.md §7); any other shows its name. */
export const STRIPE_EVENTS: Readonly<Record<string, MessageKey>> = {
  'identity.verification_session.created': 'event_session_created',
  'identity.verification_session.processing': 'event_session_processing',
  'identity.verification_session.verified': 'event_session_verified',
  'identity.verification_session.requires_input': 'event_session_requires_input',
  'identity.verification_session.canceled': 'event_session_canceled',
  'identity.verification_session.redacted': 'event_session_redacted',
}
