import type { LookupCase, LookupReason, PersonaCase, PersonaInquiry, PersonaVerification } from '@idv-lens/shared/api'
import { dashboardUrl, personaCaseDashboardUrl } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import { parseTime } from '../../lib/format.ts'

/** One check of one verification, as the "Why" section lists it. */
export type CheckRow = { name: string; status: string; reasons: string[]; verificationId: string; verificationType: string }

/** The checks that failed, then the rest (passed, not applicable), each in Persona's order within its verification. */
export function checkRows(verifications: PersonaVerification[]): { failed: CheckRow[]; other: CheckRow[] } {
  const rows = verifications.flatMap((v) =>
    (Array.isArray(v.attributes.checks) ? v.attributes.checks : []).map((c) => ({
      name: String(c.name),
      status: String(c.status),
      reasons: Array.isArray(c.reasons) ? c.reasons.filter((r): r is string => typeof r === 'string' && r !== '') : [],
      verificationId: v.id,
      verificationType: v.type,
    })),
  )
  const failed = rows.filter((r) => r.status.toLowerCase() === 'failed')
  return { failed, other: rows.filter((r) => !failed.includes(r)) }
}

/** What the summary says of the checks: the first failed one, its reasons, and how many failed. */
export function reasonOf(verifications: PersonaVerification[]): LookupReason | null {
  const { failed } = checkRows(verifications)
  const first = failed[0]
  return first ? { check: first.name, reasons: first.reasons, verificationId: first.verificationId, failedChecks: failed.length } : null
}

/** The newest case first (Persona lists them by creation, but says nothing of the order). */
export function newestCase(cases: PersonaCase[]): PersonaCase | null {
  return [...cases].sort((a, b) => (parseTime(b.attributes['created-at']) ?? 0) - (parseTime(a.attributes['created-at']) ?? 0))[0] ?? null
}

export function lookupCaseOf(c: PersonaCase): LookupCase {
  return { id: c.id, status: c.attributes.status, resolution: c.attributes.resolution ?? null, dashboardUrl: personaCaseDashboardUrl(c.id) }
}

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
