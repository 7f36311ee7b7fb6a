/**
 * A Sumsub applicant as the relay passes it on (worker/src/vendors/sumsub/allowlist.ts): its ID, time,
 * the team's user ID and level, and the review's status and result. Nothing of the person, and never
 * `clientComment` (docs/vendors/sumsub.md §2).
 */
export type SumsubApplicant = {
  id: string
  createdAt?: string
  externalUserId?: string
  levelName?: string
  review?: {
    reviewStatus?: string
    reviewResult?: {
      /** `GREEN` or `RED`. */
      reviewAnswer?: string
      /** `RETRY` (the person may resubmit) or `FINAL`. */
      reviewRejectType?: string
      rejectLabels?: string[]
      /** Written by Sumsub for the person: the only vendor text an agent may pass on. */
      moderationComment?: string
    }
  }
}

/** What a lookup shows of a Sumsub applicant (`LookupFound.details`). */
export type SumsubLookupDetails = {
  kind: 'sumsub-applicant'
  /** The team's own user ID: the history and a new link go by it. */
  referenceId: string | null
  levelName: string | null
  reviewStatus: string | null
  /** `RETRY` or `FINAL` for a RED answer, else null. */
  rejectType: string | null
  moderationComment: string | null
}

/** `POST /v1/sumsub/applicants/{id}/new-link`'s answer: the link, in this answer only. */
export type SumsubNewLink = { applicant: SumsubApplicant; link: { url: string; ttlInSecs: number } }
