import type { MessageKey } from '../../kit/words.ts'

/**
 * Sumsub's applicant events in words, by the name the relay gives them: its webhook `type` in lower
 * case (docs/vendors/sumsub.md §4; worker/src/vendors/sumsub/webhook-summary.ts). Any other shows its name.
 */
export const SUMSUB_EVENTS: Readonly<Record<string, MessageKey>> = {
  applicantcreated: 'sumsub_event_created',
  applicantpending: 'sumsub_event_pending',
  applicantreviewed: 'sumsub_event_reviewed',
  applicantonhold: 'sumsub_event_on_hold',
  applicantreset: 'sumsub_event_reset',
  applicantprechecked: 'sumsub_event_prechecked',
}
