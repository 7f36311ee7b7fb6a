import type { LookupReason } from '@idv-lens/shared/api'
import type { SumsubApplicant } from './types.ts'

/** The check name a review's reason goes by: `review:RETRY` or `review:FINAL`, so a reply can tell a resubmission from an end. */
const checkOf = (rejectType: unknown): string => (rejectType === 'RETRY' || rejectType === 'FINAL' ? `review:${rejectType}` : 'review')

/**
 * Why an applicant's review ended RED: its `rejectLabels` as the reason codes (docs/vendors/sumsub.md §3),
 * read from the allowed copy only. Null for anything not completed RED.
 */
export function sumsubReviewReason(applicant: SumsubApplicant): LookupReason | null {
  const review = applicant.review
  const result = review?.reviewResult
  if (review?.reviewStatus !== 'completed' || result?.reviewAnswer !== 'RED') return null
  const labels = Array.isArray(result.rejectLabels)
    ? result.rejectLabels.filter((l): l is string => typeof l === 'string' && /^[A-Z0-9_]{1,64}$/.test(l))
    : []
  const check = checkOf(result.reviewRejectType)
  // A FINAL's labels are shown, never replied to: its check alone answers "not verified" (shared/src/vendors/sumsub/replies.ts).
  // A RETRY's labels fail one by one, so one pointing at fraud makes the whole reply "not verified".
  const failed =
    check === 'review:FINAL' || labels.length === 0 ? [{ check, reasons: [] }] : labels.map((label) => ({ check, reasons: [label] }))
  return { check, reasons: labels, verificationId: null, failedChecks: failed.length, failed }
}
