import type { SumsubApplicant } from '@idv-lens/shared/api'
import { dashboardUrl } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../kit/relay.ts'

/** The card's status, as the relay's lookup gives it (worker/src/vendors/sumsub/summary.ts): the answer once completed, else the review's status. */
export function applicantStatus(applicant: SumsubApplicant): string {
  const status = applicant.review?.reviewStatus ?? 'init'
  const answer = applicant.review?.reviewResult?.reviewAnswer
  return status === 'completed' && answer ? answer : status
}

/** The reject type of a RED answer (`RETRY`, `FINAL`), else null. */
export const rejectTypeOf = (applicant: SumsubApplicant): string | null =>
  applicantStatus(applicant) === 'RED' ? (applicant.review?.reviewResult?.reviewRejectType ?? null) : null

/** As the relay's lookup (worker/src/vendors/sumsub/review-reason.ts): a FINAL's labels are never replied to, a RETRY's fail one by one. */
function reasonOf(check: string, reasons: string[]): NonNullable<SummaryFacts['reason']> {
  const failed =
    check === 'review:FINAL' || reasons.length === 0 ? [{ check, reasons: [] }] : reasons.map((label) => ({ check, reasons: [label] }))
  return { check, reasons, failedChecks: failed.length, failed }
}

/** What the relay's lookup says of an applicant, from the detail's own copy: a RED review is one failed check, its labels the reasons. */
export function factsOfApplicant(applicant: SumsubApplicant): SummaryFacts {
  const type = rejectTypeOf(applicant)
  const check = type === 'RETRY' || type === 'FINAL' ? `review:${type}` : 'review'
  const reasons = applicant.review?.reviewResult?.rejectLabels ?? []
  const red = applicantStatus(applicant) === 'RED'
  const createdAt = applicant.createdAt ? new Date(`${applicant.createdAt.replace(' ', 'T')}Z`).toISOString() : null
  return {
    kind: 'sumsub-applicant',
    id: applicant.id,
    status: applicantStatus(applicant),
    reason: red ? reasonOf(check, reasons) : null,
    case: null,
    createdAt,
    updatedAt: null,
    dashboardUrl: dashboardUrl('sumsub-applicant', applicant.id),
  }
}

/** Only an unfinished applicant or a RETRY takes a new link (the relay refuses the rest, and anything flagged). */
export const takesNewLink = (applicant: SumsubApplicant): boolean => {
  const status = applicantStatus(applicant)
  return status === 'init' || (status === 'RED' && rejectTypeOf(applicant) === 'RETRY')
}
