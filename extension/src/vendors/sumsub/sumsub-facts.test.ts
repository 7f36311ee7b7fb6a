import { describe, expect, it } from 'vitest'
import { chooseReply } from '@idv-lens/shared/replies'
import { applicantStatus, factsOfApplicant, takesNewLink } from './sumsub-facts.ts'

const applicant = (reviewStatus: string, reviewResult?: Record<string, unknown>) => ({
  id: '65a1f0c2e4b0a1b2c3d4e504',
  createdAt: '2026-11-20 10:15:01',
  review: { reviewStatus, ...(reviewResult ? { reviewResult } : {}) },
})

describe('a Sumsub applicant in the detail', () => {
  it('reads its status and reason as the relay’s lookup does', () => {
    expect(['init', 'pending', 'onHold'].map((s) => applicantStatus(applicant(s)))).toEqual(['init', 'pending', 'onHold'])
    const retry = factsOfApplicant(
      applicant('completed', { reviewAnswer: 'RED', reviewRejectType: 'RETRY', rejectLabels: ['SCREENSHOTS', 'FORGERY'] }),
    )
    expect(retry).toMatchObject({
      status: 'RED',
      createdAt: '2026-11-20T10:15:01.000Z',
      reason: { check: 'review:RETRY', failedChecks: 2 },
    })
    expect(chooseReply({ kind: 'sumsub-applicant', status: retry.status, failed: retry.reason!.failed! }).parts.map((p) => p.text)).toEqual(
      ['not_verified'],
    )
    const final = factsOfApplicant(
      applicant('completed', { reviewAnswer: 'RED', reviewRejectType: 'FINAL', rejectLabels: ['SCREENSHOTS'] }),
    )
    expect(final.reason).toMatchObject({ reasons: ['SCREENSHOTS'], failed: [{ check: 'review:FINAL', reasons: [] }] })
    expect(factsOfApplicant(applicant('completed', { reviewAnswer: 'GREEN' }))).toMatchObject({ status: 'GREEN', reason: null })
  })

  it('offers a new link to an unfinished applicant or a RETRY only', () => {
    const offered = [
      applicant('init'),
      applicant('pending'),
      applicant('completed', { reviewAnswer: 'GREEN' }),
      applicant('completed', { reviewAnswer: 'RED', reviewRejectType: 'RETRY' }),
      applicant('completed', { reviewAnswer: 'RED', reviewRejectType: 'FINAL' }),
    ].map(takesNewLink)
    expect(offered).toEqual([true, false, false, true, false])
  })
})
