import type { DeepidvSession, LookupFound, PersonaCase, PersonaInquiry, PersonaVerification } from '@idv-lens/shared/api'
import { dashboardUrl } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import { deepidvReasonOf } from './deepidv-analysis.ts'
import { lookupCaseOf, newestCase, reasonOf } from './why-checks.ts'

/** A lookup summary (the card's answer, a history row) as summary facts. */
export const factsOfLookup = (entry: LookupFound): SummaryFacts => ({
  kind: entry.kind,
  id: entry.id,
  status: entry.status,
  reason: entry.reason,
  case: entry.case,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  dashboardUrl: entry.dashboardUrl || dashboardUrl(entry.kind, entry.id),
})

/** An inquiry's detail as summary facts: its checks and newest case as far as they are loaded. */
export function factsOfInquiry(inquiry: PersonaInquiry, verifications: PersonaVerification[] | null, cases: PersonaCase[] | null): SummaryFacts {
  const a = inquiry.attributes
  const item = cases ? newestCase(cases) : null
  return {
    kind: 'persona-inquiry',
    id: inquiry.id,
    status: a.status,
    reason: verifications ? reasonOf(verifications) : null,
    case: item ? lookupCaseOf(item) : null,
    createdAt: a['created-at'] ?? null,
    updatedAt: a['completed-at'] ?? a['failed-at'] ?? a['decisioned-at'] ?? a['updated-at'] ?? null,
    dashboardUrl: dashboardUrl('persona-inquiry', inquiry.id),
  }
}

export function factsOfDeepidv(session: DeepidvSession): SummaryFacts {
  const r = session.session_record
  return {
    kind: 'deepidv-session',
    id: r.id,
    status: r.status,
    reason: deepidvReasonOf(r.analysis_data),
    case: null,
    createdAt: r.created_at ?? null,
    updatedAt: r.updated_at ?? null,
    dashboardUrl: dashboardUrl('deepidv-session', r.id),
  }
}
