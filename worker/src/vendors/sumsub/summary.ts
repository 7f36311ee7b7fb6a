import type { SumsubApplicant } from '@idv-lens/shared/api'
import { dashboardUrl } from '@idv-lens/shared/ids'
import { summaryFields, type Found } from '../../kit/lookup.ts'
import { sumsubReviewReason } from './review-reason.ts'

const f = summaryFields('sumsub', 'Sumsub')

/** Sumsub's `2026-11-20 10:15:01` (UTC [INF], docs/vendors/sumsub.md §2) as ISO; null for anything else. */
export function isoOfSumsubTime(v: string | null): string | null {
  if (v === null || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v)) return null
  const ms = Date.parse(`${v.replace(' ', 'T')}Z`)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

/** The card's status: the review's answer (`GREEN`, `RED`) once completed, else its status (`pending`, `onHold`). */
export function sumsubStatus(applicant: SumsubApplicant): string {
  const review = applicant.review
  const status = f.optText(review?.reviewStatus, 'review.reviewStatus') ?? 'init'
  const answer = f.optText(review?.reviewResult?.reviewAnswer, 'review.reviewResult.reviewAnswer')
  return status === 'completed' && answer ? answer : status
}

/** An applicant, as its allowlist lets it out, as a one-line lookup summary (lookup/found.ts says what a summary keeps). */
export function summarizeSumsub(applicant: SumsubApplicant): Found<'sumsub-applicant'> {
  const id = f.text(applicant.id, 'id').toLowerCase()
  const result = applicant.review?.reviewResult
  const status = sumsubStatus(applicant)
  return {
    found: true,
    id,
    kind: 'sumsub-applicant',
    provider: 'sumsub',
    type: 'applicant',
    status,
    createdAt: isoOfSumsubTime(f.optText(applicant.createdAt, 'createdAt')),
    updatedAt: null,
    dashboardUrl: dashboardUrl('sumsub-applicant', id),
    reason: sumsubReviewReason(applicant),
    case: null,
    details: {
      kind: 'sumsub-applicant',
      referenceId: f.optText(applicant.externalUserId, 'externalUserId'),
      levelName: f.optText(applicant.levelName, 'levelName'),
      reviewStatus: f.optText(applicant.review?.reviewStatus, 'review.reviewStatus'),
      rejectType: status === 'RED' ? f.optText(result?.reviewRejectType, 'review.reviewResult.reviewRejectType') : null,
      moderationComment: f.optText(result?.moderationComment, 'review.reviewResult.moderationComment'),
    },
  }
}
