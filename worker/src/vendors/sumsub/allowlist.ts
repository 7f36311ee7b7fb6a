import { keepAllowed, object, value, values } from '../allowlist-walk.ts'
import type { SumsubApplicant } from './types.ts'

/**
 * What of a Sumsub applicant may leave the relay (docs/vendors/sumsub.md §2): its ID, creation time,
 * the team's `externalUserId`, the level, the review's status, answer, reject type, labels and the
 * `moderationComment` written for the person. Never copied: `info`, `fixedInfo`, `email`, `phone`,
 * documents, and `clientComment`, which Sumsub says may hold private information.
 */
const APPLICANT = object({
  ...Object.fromEntries(['id', 'createdAt', 'externalUserId', 'levelName'].map((name) => [name, value])),
  review: object({
    reviewStatus: value,
    reviewResult: values('reviewAnswer', 'reviewRejectType', 'rejectLabels', 'moderationComment'),
  }),
})

export const sumsubApplicantAllowed = (body: SumsubApplicant): SumsubApplicant => (keepAllowed(body, APPLICANT) ?? {}) as SumsubApplicant
