import { PROBLEM_STATUS, type Problem, type ProblemCode } from '@idv-lens/shared/api'
import { ID_PATTERNS } from '@idv-lens/shared/ids'
import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { connectionText, failureText, kindLabel, problemText, reasonText } from './failure-text.ts'
import { servedLabels } from '../vendors/index.ts'
import type { ConnectionCode, ConnectionOutcome, ConnectionReport, FailureCode, FailureReason, RelayFailure } from './messages.ts'

/**
 * Every code the background reports, with sample values: a table typed over the code unions, so a
 * new code without a sample (and so without a test of its wording) does not compile.
 */
const REASONS: { [C in FailureCode]: Extract<FailureReason, { code: C }> } = {
  'not-configured': { code: 'not-configured' },
  'sign-in-needed': { code: 'sign-in-needed' },
  'bad-relay-url': { code: 'bad-relay-url', url: 'relay.example' },
  'relay-problem': { code: 'relay-problem' },
  'token-refused': { code: 'token-refused', status: 401 },
  'too-many-requests': { code: 'too-many-requests' },
  'not-a-relay': { code: 'not-a-relay', status: 404 },
  'not-json': { code: 'not-json' },
  'foreign-server': { code: 'foreign-server', relay: 'https://relay.example' },
  timeout: { code: 'timeout', relay: 'https://relay.example' },
  'origin-not-allowed': { code: 'origin-not-allowed', relay: 'https://relay.example', origin: 'chrome-extension://abc' },
  'cannot-reach': { code: 'cannot-reach', relay: 'https://relay.example' },
  'host-permission-missing': { code: 'host-permission-missing', relay: 'https://relay.example' },
  'cannot-reach-relay': { code: 'cannot-reach-relay', relay: 'https://relay.example' },
  'extension-failed': { code: 'extension-failed', error: 'TypeError: boom' },
  'background-silent': { code: 'background-silent' },
  'over-budget': { code: 'over-budget', count: 300, minutes: 10 },
  'no-answer-for-id': { code: 'no-answer-for-id' },
}

const FAILURE: RelayFailure = { kind: 'upstream', reason: { code: 'timeout', relay: 'https://relay.example' } }
const OUTCOMES: { [C in ConnectionCode]: Extract<ConnectionOutcome, { code: C }> } = {
  'relay-failed': { code: 'relay-failed', failure: FAILURE },
  'enter-token': { code: 'enter-token' },
  'not-signed-in': { code: 'not-signed-in' },
  'token-rejected': { code: 'token-rejected' },
  'vendor-failed': { code: 'vendor-failed', failure: FAILURE },
  'auth-call-failed': { code: 'auth-call-failed', failure: FAILURE },
  'signed-in': { code: 'signed-in' },
  connected: { code: 'connected' },
}

/** The values a sample carries that the sentence must show (numbers as the language writes them). */
const shown = (sample: object) =>
  Object.entries(sample)
    .filter(([k, v]) => k !== 'code' && (typeof v === 'string' || typeof v === 'number'))
    .map(([, v]) => String(v))

/** Words in both languages: never empty, never a key, never the same text in German as in English. */
function inBothLanguages(say: () => string): { en: string; de: string } {
  useLocale('en')
  const en = say()
  useLocale('de')
  const de = say()
  for (const text of [en, de]) {
    expect(text.trim()).not.toBe('')
    expect(text, 'a message key leaked: it is missing from messages.json').not.toMatch(/\b(fail|problem|conn|kind)_[a-z_]+\b/)
  }
  expect(de, 'the German text is the English one').not.toBe(en)
  return { en, de }
}

afterEach(() => useLocale('en'))

describe('failure reasons', () => {
  it.each(Object.values(REASONS))('should word $code in English and German, with its values', (reason) => {
    const problem: Problem = {
      type: 't',
      title: 'Upstream timeout',
      status: 504,
      detail: 'Persona did not answer',
      code: 'upstream-timeout',
    }
    const { en, de } = inBothLanguages(() => reasonText(reason, problem))
    for (const value of shown(reason)) {
      expect(en).toContain(value)
      expect(de).toContain(value)
    }
  })

  it.each(Object.keys(PROBLEM_STATUS) as ProblemCode[])('should word the relay problem %s in English and German', (code) => {
    inBothLanguages(() => problemText(code))
  })

  it("should word a relay problem by its code and keep the relay's detail apart", () => {
    const problem: Problem = {
      type: 't',
      title: 'x',
      status: 502,
      detail: 'Persona answered HTTP 500',
      code: 'upstream-unavailable',
      provider: 'persona',
    }
    const failure: RelayFailure = { kind: 'upstream', reason: { code: 'relay-problem' }, problem }
    expect(failureText(failure)).toBe('The vendor did not answer properly.')
    useLocale('de')
    expect(failureText(failure)).toBe('Der Anbieter hat nicht ordnungsgemäß geantwortet.')
  })
})

describe('Test connection outcomes', () => {
  it.each(Object.values(OUTCOMES))('should word $code in English and German', (outcome) => {
    const report: ConnectionReport = { relay: 'ok', auth: 'ok', providers: { persona: true, deepidv: true }, outcome }
    const { en, de } = inBothLanguages(() => connectionText(report, servedLabels(report.providers)))
    if (outcome.code === 'connected') {
      expect(en).toContain('Persona and deepidv')
      expect(de).toContain('Persona und deepidv')
    }
    if ('failure' in outcome) expect(de).toContain('Das Relay unter https://relay.example hat nicht rechtzeitig geantwortet.')
  })
})

describe('nothing answered', () => {
  const down: RelayFailure = { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } }

  it('should say in the lists and the card that it will retry, without settings or ALLOWED_ORIGINS advice', () => {
    expect(failureText(down)).toBe('IDV Lens cannot reach your relay at https://relay.example; it will retry.')
  })

  it('should point Test connection at the URL and the network, where nothing retries', () => {
    const report: ConnectionReport = { relay: 'unreachable', auth: 'skipped', outcome: { code: 'relay-failed', failure: down } }
    expect(connectionText(report, [])).toBe('Nothing answered at https://relay.example. Check the relay URL and your network connection.')
  })
})

describe('ID kinds', () => {
  it.each(ID_PATTERNS.map((p) => p.kind))('should name %s in English and German', (kind) => {
    inBothLanguages(() => kindLabel(kind))
  })
})

describe('vendor words', () => {
  it("should translate the statuses and levels it knows, keep English the vendor's word, and show unknown values as sent", async () => {
    const { vendorWord } = await import('./vendor-words.ts')
    expect(['needs_review', 'VERIFIED', 'high', 'smartphone', 'brand_new_status'].map(vendorWord)).toEqual([
      'needs review',
      'verified',
      'high',
      'smartphone',
      'brand new status',
    ])
    useLocale('de')
    expect(['needs_review', 'VERIFIED', 'high', 'smartphone', 'brand_new_status'].map(vendorWord)).toEqual([
      'Prüfung nötig',
      'verifiziert',
      'hoch',
      'Smartphone',
      'brand new status',
    ])
  })
})
