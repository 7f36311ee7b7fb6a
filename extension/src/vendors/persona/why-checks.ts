import {
  MAX_FAILED_LISTED,
  type LookupCase,
  type LookupReason,
  type PersonaCase,
  type PersonaInquiry,
  type PersonaVerification,
} from '@idv-lens/shared/api'
import { dashboardUrl, personaCaseDashboardUrl } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../kit/relay.ts'
import { parseTime } from '../../kit/words.ts'

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

/**
 * What the summary says of the checks, as the relay's lookup says it: the newest failing
 * verification's first failed check, its reasons, how many failed, and each, the newest first.
 */
export function reasonOf(verifications: PersonaVerification[]): LookupReason | null {
  const at = (v: PersonaVerification) => parseTime(v.attributes['created-at']) ?? -Infinity
  const { failed } = checkRows([...verifications].sort((a, b) => (at(b) > at(a) ? 1 : at(b) < at(a) ? -1 : 0)))
  const first = failed[0]
  if (!first) return null
  const all = failed.slice(0, MAX_FAILED_LISTED).map((r) => ({ check: r.name, reasons: r.reasons }))
  return { check: first.name, reasons: first.reasons, verificationId: first.verificationId, failedChecks: failed.length, failed: all }
}

/** The newest case first (Persona lists them by creation, but says nothing of the order). */
export function newestCase(cases: PersonaCase[]): PersonaCase | null {
  return [...cases].sort((a, b) => (parseTime(b.attributes['created-at']) ?? 0) - (parseTime(a.attributes['created-at']) ?? 0))[0] ?? null
}

export function lookupCaseOf(c: PersonaCase): LookupCase {
  return { id: c.id, status: c.attributes.status, resolution: c.attributes.resolution ?? null, dashboardUrl: personaCaseDashboardUrl(c.id) }
}

/** An inquiry's detail as summary facts: its checks and newest case as far as they are loaded. */
export function factsOfInquiry(
  inquiry: PersonaInquiry,
  verifications: PersonaVerification[] | null,
  cases: PersonaCase[] | null,
): SummaryFacts {
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
