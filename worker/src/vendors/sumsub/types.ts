/**
 * Sumsub's applicant as the relay reads it (docs/vendors/sumsub.md §2): the fields it lets out are
 * typed; the rest (the person's `info`, `fixedInfo`, `email`, `phone`, documents), which the allowlist
 * drops, is `unknown`.
 */
export type SumsubReviewResult = {
  reviewAnswer?: 'GREEN' | 'RED' | string
  reviewRejectType?: 'RETRY' | 'FINAL' | string
  rejectLabels?: string[]
  /** Written for the person: the only vendor text an agent may pass on. */
  moderationComment?: string
  /** Written for the integrator, may hold private information: never leaves the relay. */
  clientComment?: unknown
  [field: string]: unknown
}

export type SumsubApplicant = {
  id: string
  createdAt?: string
  /** The team's own user ID: the applicant's reference. */
  externalUserId?: string
  levelName?: string
  review?: { reviewStatus?: string; reviewResult?: SumsubReviewResult; [field: string]: unknown }
  [field: string]: unknown
}
