import type { LookupReason } from '@idv-lens/shared/api'
import { type LookupCall, type LookupTools } from '../../kit/lookup.ts'
import { canonicalQuery } from '../../kit/query.ts'
import { onfidoChecksAllowed, onfidoReportsAllowed } from './allowlist.ts'
import type { OnfidoCheck, OnfidoCheckList, OnfidoReport, OnfidoReportList, OnfidoWorkflowRun } from './types.ts'

/** A run's statuses whose reason its reports may give: decided against the customer. */
const DECIDED_AGAINST: ReadonlySet<string> = new Set(['declined'])

/** The most of a run's checks whose reports are read (one call each): a run makes one check as a rule. */
const MAX_CHECKS_READ = 2

/** Whether a run's reason is to be read from its reports: declined, and its workflow set no `reasons`. */
export const readsReports = (run: OnfidoWorkflowRun): boolean =>
  DECIDED_AGAINST.has(String(run.status)) &&
  !(run.reasons ?? []).some((r) => typeof r === 'string' && r !== '') &&
  typeof run.applicant_id === 'string'

const at = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) : Number.NaN)

/**
 * The applicant's checks made while the run ran, newest first: a run names no check (docs/vendors/onfido.md
 * §3), so this is an inference, as the extension's detail makes it (onfido-detail.ts).
 */
export function checksOfRun(run: OnfidoWorkflowRun, checks: readonly OnfidoCheck[]): OnfidoCheck[] {
  const start = at(run.created_at)
  const end = at(run.updated_at)
  return checks
    .filter((check) => {
      const made = at(check.created_at)
      return Number.isFinite(made) && Number.isFinite(start) && made >= start && (!Number.isFinite(end) || made <= end)
    })
    .sort((a, b) => at(b.created_at) - at(a.created_at))
}

const flagged = (v: unknown): boolean => !!v && typeof v === 'object' && (v as { result?: unknown }).result === 'consider'

/** A flagged report as a failed check: its flagged breakdown items, then its sub-result (`suspected`), as codes. */
function failedOf(report: OnfidoReport): { check: string; reasons: string[] } {
  const breakdown = report.breakdown && typeof report.breakdown === 'object' ? Object.entries(report.breakdown) : []
  const items = breakdown.filter(([, item]) => flagged(item)).map(([name]) => name)
  const sub = typeof report.sub_result === 'string' && report.sub_result !== 'clear' ? [report.sub_result] : []
  return { check: report.name, reasons: [...items, ...sub] }
}

/** What failed in reports, as a lookup reason (the first flagged report's, with every one in `failed`); null when none did. */
export function reasonOfReports(reports: readonly OnfidoReport[]): LookupReason | null {
  const failed = reports.filter((r) => flagged(r) && typeof r.name === 'string').map(failedOf)
  const first = failed[0]
  return first ? { check: first.check, reasons: first.reasons, verificationId: null, failedChecks: failed.length, failed } : null
}

/** The reads, through the routes' cache entries (`/v1/onfido/checks`, `/v1/onfido/reports`), so the detail reuses them. */
const listCall = (path: 'checks' | 'reports', query: Record<string, string>, transform: (body: never) => unknown): LookupCall => ({
  provider: 'onfido',
  path,
  query: canonicalQuery(query),
  relayed: { route: `/v1/onfido/${path}`, shape: 'list', transform },
})

/**
 * Why a declined run with no `reasons` ended: its failed reports. One call for the applicant's checks,
 * one for each of the run's (at most MAX_CHECKS_READ) reports: 2 calls for a run as a rule.
 */
export async function reportReason(t: LookupTools, run: OnfidoWorkflowRun): Promise<LookupReason | null> {
  const { checks } = await t.get<OnfidoCheckList>(listCall('checks', { applicant_id: run.applicant_id.toLowerCase() }, onfidoChecksAllowed))
  const mine = checksOfRun(run, checks).slice(0, MAX_CHECKS_READ)
  const lists = await Promise.all(
    mine.map((check) => t.get<OnfidoReportList>(listCall('reports', { check_id: check.id.toLowerCase() }, onfidoReportsAllowed))),
  )
  return reasonOfReports(lists.flatMap((l) => l.reports))
}
