import { afterEach, describe, expect, it } from 'vitest'
import de from '../../../public/_locales/de/messages.json'
import en from '../../../public/_locales/en/messages.json'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { customerReply } from '../../lib/customer-reply.ts'
import { summaryText } from '../../lib/copy-summary.ts'
import {
  checkOfCode,
  factsOfStripeReport,
  factsOfStripeSession,
  isoOfSeconds,
  modeWord,
  reportChecks,
  reportStatus,
  verificationTypeWord,
} from './stripe-facts.ts'
import type { LookupDetails, StripeVerificationReport, StripeVerificationSession } from '@idv-lens/shared/api'
import { exactTime } from '../../lib/format.ts'
import { stripe } from './stripe.ts'

afterEach(() => useLocale('en'))

const SESSION: StripeVerificationSession = {
  id: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
  object: 'identity.verification_session',
  created: 1_722_000_000,
  status: 'requires_input',
  type: 'document',
  livemode: false,
  client_reference_id: 'demo-customer-4711',
  last_error: { code: 'document_expired', reason: 'The provided identity document has expired.' },
  last_verification_report: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
}

const REPORT: StripeVerificationReport = {
  id: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
  object: 'identity.verification_report',
  created: 1_722_000_100,
  // Stripe's order is its own; the detail reads document, selfie, ID number, email, phone.
  selfie: { status: 'unverified', error: { code: 'selfie_face_mismatch', reason: null } },
  document: { status: 'verified', error: null },
  id_number: { status: 'unverified' },
}

describe('Stripe facts', () => {
  it('should put a code under the check its prefix names, and the rest under the session', () => {
    expect(
      ['document_expired', 'selfie_manipulated', 'id_number_mismatch', 'email_unverified_other', 'abandoned', 'under_supported_age'].map(
        checkOfCode,
      ),
    ).toEqual(['document', 'selfie', 'id_number', 'email', 'session', 'session'])
  })

  it("should read a report's checks in reading order, each with its error code", () => {
    expect(reportChecks(REPORT)).toEqual([
      { name: 'document', status: 'verified', code: null },
      { name: 'selfie', status: 'unverified', code: 'selfie_face_mismatch' },
      { name: 'id_number', status: 'unverified', code: null },
    ])
    expect(reportStatus(REPORT)).toBe('unverified')
    expect(reportStatus({ ...REPORT, selfie: undefined, id_number: undefined })).toBe('verified')
  })

  it("should give a session's facts its last_error as the reason, so the reply answers by the code", () => {
    const facts = factsOfStripeSession(SESSION)
    expect(facts).toMatchObject({
      status: 'requires_input',
      reason: { check: 'document', reasons: ['document_expired'], failedChecks: 1 },
      createdAt: '2024-07-26T13:20:00.000Z',
    })
    expect(facts.dashboardUrl).toBe('https://dashboard.stripe.com/test/identity/verification-sessions/vs_1Pgc76B7WZ01zgkWBdQi8PTU')
    expect(factsOfStripeSession({ ...SESSION, livemode: true }).dashboardUrl).toBe(
      'https://dashboard.stripe.com/identity/verification-sessions/vs_1Pgc76B7WZ01zgkWBdQi8PTU',
    )
    expect(customerReply(facts)).toBe(en.reply_id_expired.message)
    expect(summaryText(facts, 'text').split('\n').slice(0, 3)).toEqual([
      'Stripe verification session vs_1Pgc76B7WZ01zgkWBdQi8PTU',
      'Outcome: requires input',
      'Reason: the ID document has expired',
    ])
    useLocale('de')
    expect(customerReply(facts)).toBe(de.reply_id_expired.message)
    expect(customerReply(factsOfStripeSession({ ...SESSION, status: 'verified', last_error: null }))).toBe(de.reply_approved.message)
  })

  it("should date the internal note's last change by the session's last report, where that report made the change", () => {
    const report = { ...REPORT, id: SESSION.last_verification_report! }
    const note = summaryText(factsOfStripeSession(SESSION, report), 'text')
    expect(note).toContain(`Last changed: ${exactTime(report.created * 1000)}`)
    expect(factsOfStripeSession({ ...SESSION, status: 'verified', last_error: null }, report).updatedAt).toBe(isoOfSeconds(report.created))
    // No report read, another session's report, or a status a report does not date: no time is made up.
    expect(summaryText(factsOfStripeSession(SESSION), 'text')).not.toContain('Last changed')
    expect(factsOfStripeSession(SESSION, { ...report, id: 'vr_other0000000000000000000' }).updatedAt).toBeNull()
    expect(factsOfStripeSession({ ...SESSION, status: 'canceled' }, report).updatedAt).toBeNull()
  })

  it("should give the card Stripe's own sentence for the last error, and nothing without one", () => {
    const details = (lastErrorReason: string | null): LookupDetails => ({
      kind: 'stripe-verification-session',
      clientReferenceId: 'demo-customer-4711',
      verificationType: 'document',
      lastReportId: null,
      livemode: false,
      redactionStatus: null,
      lastErrorReason,
    })
    const facts = stripe.records['stripe-verification-session']!.facts!
    expect(facts(details(SESSION.last_error!.reason!)).about).toEqual({
      label: 'fieldStripeSays',
      value: 'The provided identity document has expired.',
      testId: 'stripe-says',
    })
    expect(facts(details(null)).about?.value).toBeNull()
    expect(en.fieldStripeSays.message).toBe('Stripe says')
    expect(de.fieldStripeSays.message).toBe('Stripe meldet')
  })

  it("should give a report's facts its first failed check, counting the others", () => {
    expect(factsOfStripeReport(REPORT)).toMatchObject({
      status: 'unverified',
      reason: { check: 'selfie', reasons: ['selfie_face_mismatch'], failedChecks: 2 },
    })
    expect(customerReply(factsOfStripeReport(REPORT))).toBe(en.reply_selfie_match.message)
  })

  it('should say the type and the mode in words, en and de, and read Unix seconds', () => {
    expect([
      verificationTypeWord('document'),
      verificationTypeWord('id_number'),
      verificationTypeWord('some_new_type'),
      modeWord(false),
      modeWord(true),
      modeWord(undefined),
    ]).toEqual(['ID document', 'ID number', 'some new type', 'Test mode', 'Live mode', null])
    useLocale('de')
    expect([verificationTypeWord('document'), modeWord(false)]).toEqual(['Ausweisdokument', 'Testmodus'])
    expect([isoOfSeconds(0), isoOfSeconds(null), isoOfSeconds(Number.NaN)]).toEqual(['1970-01-01T00:00:00.000Z', null, null])
  })
})
