import type { LookupFound } from '@idv-lens/shared/api'
import { dashboardUrl } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../lib/copy-summary.ts'

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
