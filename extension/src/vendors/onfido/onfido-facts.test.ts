import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { reasonFailure } from '../../kit/words.ts'
import { checksOfRun } from './onfido-detail.ts'
import { breakdownLines, factsOfOnfidoRun, failedInReports, RUN_CHECK, runReason } from './onfido-facts.ts'
import { onfidoPage, onfidoPageQuery } from './onfido-lists.ts'
import { CHECK, DOCUMENT, EARLIER_CHECK, FACE, RUN } from './onfido-test-records.ts'

afterEach(() => useLocale('en'))

describe("an Onfido run's reason", () => {
  it("is its workflow's reasons, under the run, as the relay's lookup gives it, in words", () => {
    const reason = runReason(RUN, [DOCUMENT, FACE])
    expect(reason).toEqual({
      check: RUN_CHECK,
      reasons: ['document_image_quality'],
      failedChecks: 1,
      failed: [{ check: RUN_CHECK, reasons: ['document_image_quality'] }],
    })
    expect(reasonFailure(reason!)).toBe('the photo of the ID document is not clear enough')
    useLocale('de')
    expect(reasonFailure(reason!)).toBe('das Foto des Ausweisdokuments ist nicht scharf genug')
  })

  it("is an error run's error type, never its message", () => {
    const reason = runReason({ ...RUN, status: 'error', reasons: [], error: { type: 'task_error' } })
    expect(reason?.reasons).toEqual(['task_error'])
    expect(reasonFailure(reason!)).toBe('a step of the workflow failed')
  })

  it('is the flagged report and its flagged breakdown items when the workflow gives no reasons', () => {
    const reason = runReason({ ...RUN, reasons: [] }, [FACE, DOCUMENT])
    expect(reason).toMatchObject({ check: 'document', reasons: ['image_integrity', 'caution'], failedChecks: 1 })
    expect(reasonFailure(reason!)).toBe('the photo of the ID document is not clear enough')
  })

  it('is none for an approved run with clear reports', () => {
    expect(runReason({ ...RUN, status: 'approved', reasons: [] }, [FACE])).toBeNull()
    expect(factsOfOnfidoRun({ ...RUN, status: 'approved', reasons: [] }).reason).toBeNull()
  })

  it('says a reason name the team made up is a rule of its workflow', () => {
    expect(reasonFailure(runReason({ ...RUN, reasons: ['acme_custom_rule'] })!)).toBe("a rule of your team's Onfido workflow decided it")
  })
})

describe("a report's breakdown", () => {
  it('lists flagged items first, each with its sub-items, results only', () => {
    expect(breakdownLines(DOCUMENT)).toEqual([
      {
        name: 'image_integrity',
        result: 'consider',
        items: [
          { name: 'image_quality', result: 'consider' },
          { name: 'supported_document', result: 'clear' },
        ],
      },
      { name: 'data_comparison', result: 'clear', items: [] },
      { name: 'visual_authenticity', result: 'clear', items: [{ name: 'security_features', result: 'clear' }] },
    ])
    expect(failedInReports([DOCUMENT, FACE])).toEqual([{ check: 'document', reasons: ['image_integrity', 'caution'] }])
  })
})

describe("a run's checks", () => {
  it("are the applicant's made while it ran", () => {
    expect(checksOfRun(RUN, [EARLIER_CHECK, CHECK])).toEqual([CHECK])
    // A run still going counts every check from its start.
    expect(checksOfRun({ ...RUN, updated_at: null }, [EARLIER_CHECK, CHECK])).toEqual([CHECK])
    expect(checksOfRun({ ...RUN, created_at: null }, [CHECK])).toEqual([])
  })
})

describe("Onfido's paging", () => {
  it('asks page after page by number until one comes back empty', () => {
    expect(onfidoPageQuery(25, null)).toEqual({})
    expect(onfidoPage([RUN], {})).toEqual({ items: [RUN], cursor: '2' })
    expect(onfidoPageQuery(25, '2')).toEqual({ page: '2' })
    expect(onfidoPage([RUN], { page: '2', status: 'declined' }).cursor).toBe('3')
    expect(onfidoPage([], { page: '3' })).toEqual({ items: [], cursor: null })
  })
})
