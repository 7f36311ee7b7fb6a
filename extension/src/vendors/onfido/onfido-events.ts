import type { MessageKey } from '../../kit/words.ts'

/** Onfido's webhook actions in words, by name (docs/vendors/onfido.md §6); any other shows its name. */
export const ONFIDO_EVENTS: Readonly<Record<string, MessageKey>> = {
  'workflow_run.completed': 'event_run_completed',
  'check.started': 'event_check_started',
  'check.reopened': 'event_check_reopened',
  'check.withdrawn': 'event_check_withdrawn',
  'check.completed': 'event_check_completed',
  'check.form_completed': 'event_check_form_completed',
  'report.withdrawn': 'event_report_withdrawn',
  'report.resumed': 'event_report_resumed',
  'report.cancelled': 'event_report_cancelled',
  'report.awaiting_approval': 'event_report_awaiting_approval',
  'report.completed': 'event_report_completed',
}
