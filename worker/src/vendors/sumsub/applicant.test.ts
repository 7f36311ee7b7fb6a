/**
 * Least data for Sumsub applicants (pure, in Node): a body as Sumsub documents it, every personal field
 * and `clientComment` holding a sentinel; only the allowlist's fields come out. Plus the reasons, the
 * applicant paths (bad input: no path, so no call) and the new link's request.
 */
import { describe, expect, it } from 'vitest'
import { chooseReply } from '@idv-lens/shared/replies'
import { sumsubApplicantAllowed } from './allowlist.ts'
import { sumsubApplicantPath } from './ids.ts'
import { linkTtlOf, sumsubLinkBody, sumsubLinkOf } from './link.ts'
import { sumsubReviewReason } from './review-reason.ts'
import type { SumsubApplicant } from './types.ts'

const S = 'SENTINEL-5531'

/** An applicant as `GET /resources/applicants/{id}/one` answers it, RED RETRY, the person's data all sentinels. */
const applicant = (): SumsubApplicant => ({
  id: '5b76df770a975a1404cbcb60',
  createdAt: '2026-11-20 10:15:01',
  key: S,
  clientId: S,
  inspectionId: S,
  externalUserId: 'cust-1042',
  levelName: 'basic-kyc-level',
  email: `${S}@example.com`,
  phone: `+49${S}`,
  info: {
    firstName: S,
    lastName: S,
    dob: `${S}-dob`,
    country: S,
    idDocs: [{ idDocType: 'PASSPORT', number: `${S}-passport`, firstName: S }],
  },
  fixedInfo: { firstName: S, lastName: S, addresses: [{ street: `${S} street`, town: S, postCode: S }] },
  requiredIdDocs: { docSets: [{ idDocSetType: 'IDENTITY', types: ['PASSPORT'] }] },
  review: {
    reviewId: S,
    attemptId: S,
    reviewStatus: 'completed',
    reviewResult: {
      reviewAnswer: 'RED',
      reviewRejectType: 'RETRY',
      rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
      moderationComment: 'Please upload a photo of the original document, not a screenshot.',
      clientComment: `${S} the person's second passport number is ${S}`,
      buttonIds: [S],
    },
  },
})

describe('Sumsub applicant allowlist', () => {
  it('keeps the ID, time, reference, level and review, and no sentinel from any personal field or clientComment', () => {
    const kept = sumsubApplicantAllowed(applicant())
    expect(JSON.stringify(kept)).not.toContain(S)
    expect(kept).toEqual({
      id: '5b76df770a975a1404cbcb60',
      createdAt: '2026-11-20 10:15:01',
      externalUserId: 'cust-1042',
      levelName: 'basic-kyc-level',
      review: {
        reviewStatus: 'completed',
        reviewResult: {
          reviewAnswer: 'RED',
          reviewRejectType: 'RETRY',
          rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
          moderationComment: 'Please upload a photo of the original document, not a screenshot.',
        },
      },
    })
  })

  it('drops a field Sumsub adds later, and an object where a value was allowed', () => {
    const kept = sumsubApplicantAllowed({ ...applicant(), newField: S, levelName: { name: S } as unknown as string })
    expect(JSON.stringify(kept)).not.toContain(S)
  })
})

describe('Sumsub review reasons', () => {
  it('reads rejectLabels under the reject type of a completed RED review', () => {
    expect(sumsubReviewReason(sumsubApplicantAllowed(applicant()))).toEqual({
      check: 'review:RETRY',
      reasons: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
      verificationId: null,
      failedChecks: 2,
      failed: [
        { check: 'review:RETRY', reasons: ['UNSATISFACTORY_PHOTOS'] },
        { check: 'review:RETRY', reasons: ['SCREENSHOTS'] },
      ],
    })
    const final = applicant()
    final.review!.reviewResult = { reviewAnswer: 'RED', reviewRejectType: 'FINAL', rejectLabels: ['FORGERY', 'not a label'] }
    expect(sumsubReviewReason(final)).toMatchObject({ check: 'review:FINAL', reasons: ['FORGERY'] })
  })

  it('gives a FINAL no labels to reply to, so its reply never coaches, whatever the labels', () => {
    const final = applicant()
    final.review!.reviewResult = { reviewAnswer: 'RED', reviewRejectType: 'FINAL', rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'] }
    const reason = sumsubReviewReason(final)!
    expect(reason.failed).toEqual([{ check: 'review:FINAL', reasons: [] }])
    expect(chooseReply({ kind: 'sumsub-applicant', status: 'RED', failed: reason.failed }).parts.map((p) => p.text)).toEqual([
      'not_verified',
    ])
    const retry = sumsubReviewReason(applicant())!
    expect(chooseReply({ kind: 'sumsub-applicant', status: 'RED', failed: retry.failed }).parts.map((p) => p.text)).toEqual(['id_photo'])
  })

  it('has none for GREEN, pending or init', () => {
    const green = applicant()
    green.review!.reviewResult = { reviewAnswer: 'GREEN' }
    expect(sumsubReviewReason(green)).toBeNull()
    expect(sumsubReviewReason({ id: 'x', review: { reviewStatus: 'pending' } })).toBeNull()
    expect(sumsubReviewReason({ id: 'x', review: { reviewStatus: 'init' } })).toBeNull()
  })
})

describe('Sumsub applicant paths', () => {
  it('by a 24-hex ID (lower-cased) and by an external user ID', () => {
    expect(sumsubApplicantPath({ id: '5B76DF770A975A1404CBCB60' })).toBe('/resources/applicants/5b76df770a975a1404cbcb60/one')
    expect(sumsubApplicantPath({ externalUserId: 'cust-1042' })).toBe('/resources/applicants/-;externalUserId=cust-1042/one')
  })

  it('refuses anything else, so no call is made', () => {
    for (const id of ['5b76df770a975a1404cbcb6', '5b76df770a975a1404cbcb600', 'inq_5b76df770a975a1404cbc', '5b76df770a975a1404cbcbzz'])
      expect(sumsubApplicantPath({ id })).toBeNull()
    for (const externalUserId of ['', 'a/b', 'a;b', 'a?b', 'x'.repeat(129)]) expect(sumsubApplicantPath({ externalUserId })).toBeNull()
  })
})

describe('Sumsub new link', () => {
  it('asks for the same level and user, with the admin TTL', () => {
    expect(sumsubLinkBody({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 1800 })).toEqual({
      levelName: 'basic-kyc-level',
      userId: 'cust-1042',
      ttlInSecs: 1800,
    })
  })

  it('refuses a TTL out of bounds, a bad level or user', () => {
    expect(sumsubLinkBody({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 59 })).toBeNull()
    expect(sumsubLinkBody({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 604_801 })).toBeNull()
    expect(sumsubLinkBody({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 1.5 })).toBeNull()
    expect(sumsubLinkBody({ levelName: 'a/b', externalUserId: 'cust-1042', ttlInSecs: 1800 })).toBeNull()
    expect(sumsubLinkBody({ levelName: 'basic-kyc-level', externalUserId: 'a;b', ttlInSecs: 1800 })).toBeNull()
    expect(sumsubLinkBody({ levelName: undefined, externalUserId: 'cust-1042', ttlInSecs: 1800 })).toBeNull()
  })

  it('reads the admin TTL: unset is half an hour, out of bounds is none', () => {
    expect([undefined, '', '60', '604800', '59', '604801', '1e3', 'x'].map(linkTtlOf)).toEqual([
      1800,
      1800,
      60,
      604_800,
      null,
      null,
      null,
      null,
    ])
  })

  it('takes only an https url from the answer', () => {
    expect(sumsubLinkOf({ url: 'https://in.sumsub.com/websdk/p/sbx_abc', extra: S })).toBe('https://in.sumsub.com/websdk/p/sbx_abc')
    expect(sumsubLinkOf({ url: 'javascript:alert(1)' })).toBeNull()
    expect(sumsubLinkOf({ url: 'http://evil.example/x' })).toBeNull()
    expect(sumsubLinkOf(null)).toBeNull()
  })
})
