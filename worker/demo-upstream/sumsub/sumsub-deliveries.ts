/**
 * The demo's Sumsub webhook deliveries (docs/vendors/sumsub.md §4): each seeded applicant's event for
 * its review state, with its external user ID and level (as Sumsub sends them), signed with
 * `X-Payload-Digest` over the raw body.
 */
import type { SumsubDemoApplicant } from './sumsub-seed.ts'
import { signedSumsubDelivery } from './sumsub-sign.ts'

/** The event an applicant in each review status sends. */
const TYPE_OF: Readonly<Record<string, string>> = {
  init: 'applicantCreated',
  pending: 'applicantPending',
  queued: 'applicantPending',
  onHold: 'applicantOnHold',
  completed: 'applicantReviewed',
}

/** Sumsub's time: `2026-11-29 04:00:00.000`, UTC. */
const sumsubTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

/** The `n`th delivery of the replay: the applicants in turn, each event stamped now. */
export function sumsubDelivery(applicants: readonly SumsubDemoApplicant[], n: number, secret: string, nowMs: number) {
  const applicant = applicants[n % applicants.length]!
  const { reviewStatus, reviewResult } = applicant.review
  const type = TYPE_OF[reviewStatus] ?? 'applicantPending'
  const event = {
    applicantId: applicant.id,
    inspectionId: applicant.inspectionId,
    correlationId: `req-${applicant.id.slice(-8)}-${n}`,
    levelName: applicant.levelName,
    externalUserId: applicant.externalUserId,
    type,
    sandboxMode: true,
    reviewStatus,
    ...(reviewResult ? { reviewResult } : {}),
    createdAtMs: sumsubTime(nowMs),
    clientId: applicant.clientId,
  }
  const { body, headers } = signedSumsubDelivery(secret, event)
  return { body, headers, id: applicant.id, name: type }
}
