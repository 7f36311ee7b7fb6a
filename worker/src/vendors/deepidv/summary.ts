import { dashboardUrl } from '@idv-lens/shared/ids'
import type { DeepidvSession } from '@idv-lens/shared/api'
import { str, type Found } from '../../lookup/found.ts'

/** A deepidv session as a one-line lookup summary (lookup/found.ts says what a summary keeps). */
export function summarizeDeepidv(session: DeepidvSession): Found<'deepidv-session'> {
  const r = session.session_record
  const location = typeof r.location === 'string' ? r.location : (r.location?.country ?? null)
  return {
    found: true,
    id: r.id,
    kind: 'deepidv-session',
    provider: 'deepidv',
    type: str(r.type) ?? 'session',
    status: r.status,
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
    dashboardUrl: dashboardUrl('deepidv-session', r.id),
    reason: null,
    case: null,
    details: {
      kind: 'deepidv-session',
      externalId: str(r.external_id),
      sessionProgress: str(r.session_progress),
      sessionType: str(r.type),
      workflowSteps: Array.isArray(r.workflow_steps) ? r.workflow_steps : [],
      country: str(location),
    },
  }
}
