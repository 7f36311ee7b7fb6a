import { dashboardUrl } from '@idv-lens/shared/ids'
import type { DeepidvSession, LookupReason } from '@idv-lens/shared/api'
import { summaryFields, type Found } from '../../kit/lookup.ts'

const f = summaryFields('deepidv', 'deepidv')

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const hits = (v: unknown): boolean => Array.isArray(v) && v.length > 0

/**
 * The checks of a session's analysis that can fail, in the order an agent reads them, each by its
 * field name in `analysis_data` (docs/vendors/deepidv.md §4). deepidv documents no pass mark for the
 * liveness score, so it is no check here (the detail shows the score).
 */
function failedChecks(analysis: Record<string, unknown>): { check: string; reasons: string[] }[] {
  const failed: { check: string; reasons: string[] }[] = []
  if (analysis.id_matches_selfie === false) failed.push({ check: 'id_matches_selfie', reasons: [] })
  const id = record(analysis.id_analysis_data)
  for (const key of ['expiry_date_pass', 'valid_state_pass', 'age_restriction_pass']) {
    if (id[key] === false) failed.push({ check: key, reasons: [] })
  }
  const pep = record(analysis.pep_sanctions_data)
  // Which lists matched, never who: the matches themselves name people.
  const lists = ['peps', 'sanctions', 'both'].filter((name) => hits(pep[name]))
  if (lists.length) failed.push({ check: 'pep_sanctions_data', reasons: lists })
  const media = record(analysis.adverse_media_data).total_hits
  if (typeof media === 'number' && media > 0) failed.push({ check: 'adverse_media_data', reasons: [] })
  return failed
}

/** The first failed check of a session's analysis, how many failed, and each; null when none did (or it was not analysed). */
export function deepidvReason(analysis: unknown): LookupReason | null {
  const failed = failedChecks(record(analysis))
  const first = failed[0]
  return first ? { check: first.check, reasons: first.reasons, verificationId: null, failedChecks: failed.length, failed } : null
}

/** A deepidv session as a one-line lookup summary (lookup/found.ts says what a summary keeps). */
export function summarizeDeepidv(session: DeepidvSession): Found<'deepidv-session'> {
  const r = session.session_record
  const location = r.location
  const country =
    typeof location === 'string' || location === null || location === undefined
      ? f.optText(location, 'session_record.location')
      : f.optText(record(location).country, 'session_record.location.country')
  const type = f.optText(r.type, 'session_record.type')
  return {
    found: true,
    id: f.text(r.id, 'session_record.id'),
    kind: 'deepidv-session',
    provider: 'deepidv',
    type: type ?? 'session',
    status: f.text(r.status, 'session_record.status'),
    createdAt: f.optText(r.created_at, 'session_record.created_at'),
    updatedAt: f.optText(r.updated_at, 'session_record.updated_at'),
    dashboardUrl: dashboardUrl('deepidv-session', r.id),
    reason: deepidvReason(r.analysis_data),
    case: null,
    details: {
      kind: 'deepidv-session',
      externalId: f.optText(r.external_id, 'session_record.external_id'),
      sessionProgress: f.optText(r.session_progress, 'session_record.session_progress'),
      sessionType: type,
      workflowSteps: f.texts(r.workflow_steps, 'session_record.workflow_steps'),
      country,
    },
  }
}
