import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import de from '../../public/_locales/de/messages.json'
import en from '../../public/_locales/en/messages.json'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { codeFailure, reasonLine } from './check-words.ts'
import type { SummaryFacts } from './copy-summary.ts'
import { customerReply } from './customer-reply.ts'
import { REPLY_TABLES } from '@idv-lens/shared/replies'
import { statusTone } from '../vendors/tones.ts'

afterEach(() => useLocale('en'))

const catalog = { en, de } as Record<string, Record<string, { message: string }>>
const types = (name: string) =>
  readFileSync(new URL(`../../../worker/node_modules/stripe/types/Identity/${name}.d.ts`, import.meta.url), 'utf8')

/** Every `type Code = | 'a' | 'b';` union in one of the `stripe` package's Identity type files. */
function codeUnions(text: string): string[][] {
  return [...text.matchAll(/type Code =([^;]+);/g)].map((m) => [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((c) => c[1]!))
}

const sessionCodes = codeUnions(types('VerificationSessions')).flat()
const reportCodes = codeUnions(types('VerificationReports')).flat()

const facts = (status: string, code: string | null, kind: SummaryFacts['kind'] = 'stripe-verification-session'): SummaryFacts => ({
  kind,
  id: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
  status,
  reason: code ? { check: 'session', reasons: [code], failedChecks: 1 } : null,
  case: null,
  createdAt: null,
  updatedAt: null,
  dashboardUrl: 'https://dashboard.stripe.com/identity/verification-sessions/vs_1Pgc76B7WZ01zgkWBdQi8PTU',
})

describe('Stripe Identity in words', () => {
  it('should read all 19 last_error codes from the stripe package, and the report checks use only those', () => {
    expect(sessionCodes).toHaveLength(19)
    expect(reportCodes.length).toBeGreaterThan(10)
    expect(reportCodes.filter((c) => !sessionCodes.includes(c))).toEqual([])
  })

  it.each(['en', 'de'])('should say what every code means in %s, not the code made readable', (lang) => {
    useLocale(lang)
    for (const code of sessionCodes) {
      const words = catalog[lang]![`codefail_${code}_text`]?.message
      expect(words, code).toBeTruthy()
      expect(codeFailure(code)).toBe(words)
      expect(words).not.toContain(code.replace(/_/g, ' '))
    }
  })

  it('should give every code different words in en and de', () => {
    for (const code of sessionCodes)
      expect(catalog.de![`codefail_${code}_text`]!.message, code).not.toBe(catalog.en![`codefail_${code}_text`]!.message)
  })

  it('should put the card line as status and reason, en and de', () => {
    const reason = { check: 'document', reasons: ['document_expired'], verificationId: 'vr_QXhW13B2hsHOm43JtUgs0f0w', failedChecks: 1 }
    expect(reasonLine('requires_input', reason)).toBe('Requires input: the ID document has expired')
    expect(reasonLine('canceled', { ...reason, check: 'session', reasons: ['abandoned'] })).toBe(
      'Canceled: the person left the verification before finishing it',
    )
    expect(reasonLine('unverified', { ...reason, reasons: [] })).toBe('Unverified: the ID document could not be verified')
    useLocale('de')
    expect(reasonLine('requires_input', reason)).toBe('Eingabe erforderlich: das Ausweisdokument ist abgelaufen')
    expect(reasonLine('processing', null)).toBeNull()
  })

  it('should keep Persona lines as they were: its reason codes only qualify the check', () => {
    const reason = { check: 'id_expired_detection', reasons: ['expired'], verificationId: 'ver_1', failedChecks: 1 }
    expect(reasonLine('declined', reason)).toBe('Declined: the ID has expired')
  })

  it('should colour every Stripe status', () => {
    expect(['requires_input', 'processing', 'verified', 'canceled', 'unverified'].map((status) => statusTone('stripe', status))).toEqual([
      'warn',
      'progress',
      'good',
      'neutral',
      'bad',
    ])
  })

  it('should map every code to a customer text, and answer with it while the session needs the person', () => {
    for (const code of sessionCodes) expect(REPLY_TABLES.codes[code], code).toBeDefined()
    expect(customerReply(facts('requires_input', 'document_expired'))).toBe(en.reply_id_expired.message)
    expect(customerReply(facts('requires_input', 'selfie_face_mismatch'))).toBe(en.reply_selfie_match.message)
    expect(customerReply(facts('requires_input', 'selfie_manipulated'))).toBe(en.reply_not_verified.message)
    expect(customerReply(facts('requires_input', 'under_supported_age'))).toBe(en.reply_age.message)
    expect(customerReply(facts('unverified', 'id_number_mismatch', 'stripe-verification-report'))).toBe(en.reply_details.message)
    expect(customerReply(facts('canceled', 'abandoned'))).toBe(en.reply_canceled.message)
    expect(customerReply(facts('verified', null))).toBe(en.reply_approved.message)
    expect(customerReply(facts('processing', null))).toBe(en.reply_received.message)
    useLocale('de')
    expect(customerReply(facts('requires_input', 'document_expired'))).toBe(de.reply_id_expired.message)
  })
})
