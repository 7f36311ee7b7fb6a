import type { DeepidvSession, DeepidvSessionList } from '@idv-lens/shared/api'
import { choose, flag, keepAllowed, list, object, value, values } from '../allowlist-walk.ts'

/*
 * What of a deepidv session may leave the relay (docs/vendors/deepidv.md §3, §4; docs/vendors/allowlist.md).
 * Kept: IDs, status, progress, type, country, workflow, times, the customer's own reference
 * (`external_id`), which files were uploaded, and the analysis results that are verdicts, scores or
 * counts. Never copied: `user` and `sender_user` (emails, names, phones), `resource_links` (presigned
 * links to the documents), the submission IP, the text read off the ID document, face geometry,
 * screening hits' names and custom form answers.
 */

/** Booleans by deepidv's docs (docs/vendors/deepidv.md §4): flags, never text (a link, a name). */
const flags = (...names: string[]) => object(Object.fromEntries(names.map((name) => [name, flag])))

/** One ID document's checks (primary, secondary, tertiary): verdicts only. */
const idChecks = flags('expiry_date_pass', 'valid_state_pass', 'age_restriction_pass')

const analysis = object({
  id_matches_selfie: flag,
  faceliveness_score: value,
  created_at: value,
  compare_faces_data: values('face_match_confidence'),
  id_analysis_data: idChecks,
  secondary_id_analysis_data: idChecks,
  tertiary_id_analysis_data: idChecks,
  // Screening hits name people: each hit is kept as an empty object, so only their count leaves.
  pep_sanctions_data: object({ peps: list(object({})), sanctions: list(object({})), both: list(object({})) }),
  adverse_media_data: values('total_hits', 'timestamp'),
  document_risk_data: values('overall_risk_score', 'documents_analyzed', 'documents_with_signals'),
})

const record = object({
  ...Object.fromEntries(
    [
      'id',
      'organization_id',
      'user_id',
      'sender_user_id',
      'external_id',
      'status',
      'type',
      'session_progress',
      'workflow_id',
      'workflow_steps',
      'bank_statement_request_id',
      'created_at',
      'updated_at',
      'submitted_at',
    ].map((name) => [name, value]),
  ),
  // A plain country name in the sandbox model, `{country}` in the retrieve docs.
  location: choose((v) => (typeof v === 'string' || v === null ? value : values('country'))),
  // Device and browser of the submission; never its IP address.
  meta_data: values('applicant-submission-device', 'applicant-submission-browser', 'applicant-view-time'),
  uploads: flags('id_front', 'id_back', 'selfie_front', 'selfie_right', 'selfie_left', 'hold_up_3_fingers', 'pdf_summary'),
  analysis_data: analysis,
})

const SESSION = object({ session_record: record })
const SESSION_LIST = object({ sessions: list(record), next_token: value })

/** The allowed copy of a retrieved session: its record alone. */
export function deepidvSessionAllowed(body: DeepidvSession): DeepidvSession {
  return (keepAllowed(body, SESSION) ?? {}) as DeepidvSession
}

/** The allowed copy of a page of sessions. */
export function deepidvListAllowed(body: DeepidvSessionList): DeepidvSessionList {
  const kept = (keepAllowed(body, SESSION_LIST) ?? {}) as Partial<DeepidvSessionList>
  // The last page may leave the cursor out; the relay always says there is none.
  return { sessions: kept.sessions ?? [], next_token: kept.next_token ?? null }
}
