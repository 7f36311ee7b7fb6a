/**
 * Least data for Sumsub applicants, in workerd: a body as Sumsub documents it, every personal field
 * and `clientComment` holding a sentinel; only the allowlist's fields come out. Plus the reasons, the
 * applicant paths (bad input: no path, so no call) and the new link's request.
 */
import { describe, expect, it } from 'vitest'
import { sumsubApplicantAllowed } from '../src/vendors/sumsub/allowlist.ts'
import { sumsubApplicantPath } from '../src/vendors/sumsub/ids.ts'
import { sumsubLinkOf, sumsubLinkRequest } from '../src/vendors/sumsub/link.ts'
import { sumsubReviewReason } from '../src/vendors/sumsub/review-reason.ts'
import type { SumsubApplicant } from '../src/vendors/sumsub/types.ts'

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
      failedChecks: 1,
      failed: [{ check: 'review:RETRY', reasons: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'] }],
    })
    const final = applicant()
    final.review!.reviewResult = { reviewAnswer: 'RED', reviewRejectType: 'FINAL', rejectLabels: ['FORGERY', 'not a label'] }
    expect(sumsubReviewReason(final)).toMatchObject({ check: 'review:FINAL', reasons: ['FORGERY'] })
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
  it('asks for the same level and user, with the admin TTL, in the body that is signed', () => {
    expect(sumsubLinkRequest({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 1800 })).toEqual({
      method: 'POST',
      pathWithQuery: '/resources/sdkIntegrations/levels/-/websdkLink',
      body: '{"levelName":"basic-kyc-level","userId":"cust-1042","ttlInSecs":1800}',
    })
  })

  it('refuses a TTL out of bounds, a bad level or user', () => {
    expect(sumsubLinkRequest({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 59 })).toBeNull()
    expect(sumsubLinkRequest({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 604_801 })).toBeNull()
    expect(sumsubLinkRequest({ levelName: 'basic-kyc-level', externalUserId: 'cust-1042', ttlInSecs: 1.5 })).toBeNull()
    expect(sumsubLinkRequest({ levelName: 'a/b', externalUserId: 'cust-1042', ttlInSecs: 1800 })).toBeNull()
    expect(sumsubLinkRequest({ levelName: 'basic-kyc-level', externalUserId: 'a;b', ttlInSecs: 1800 })).toBeNull()
  })

  it('takes only an https url from the answer', () => {
    expect(sumsubLinkOf({ url: 'https://in.sumsub.com/websdk/p/sbx_abc', extra: S })).toBe('https://in.sumsub.com/websdk/p/sbx_abc')
    expect(sumsubLinkOf({ url: 'javascript:alert(1)' })).toBeNull()
    expect(sumsubLinkOf(null)).toBeNull()
  })
})
