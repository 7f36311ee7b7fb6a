import { afterEach, describe, expect, it } from 'vitest'
import en from '../../public/_locales/en/messages.json'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { checkFailure, checkName, outcomeWord, reasonLine, reasonWord, reasonWords } from './check-words.ts'

afterEach(() => useLocale('en'))

describe('check words', () => {
  it.each([
    ['en', 'selfie_id_comparison', 'Selfie matches the ID photo', 'the selfie does not match the ID photo'],
    ['de', 'selfie_id_comparison', 'Selfie passt zum Ausweisfoto', 'das Selfie passt nicht zum Ausweisfoto'],
    ['en', 'id_expired_detection', 'ID is not expired', 'the ID has expired'],
    ['de', 'id_expired_detection', 'Ausweis ist nicht abgelaufen', 'der Ausweis ist abgelaufen'],
    ['en', 'id_matches_selfie', 'Selfie matches the ID photo', 'the selfie does not match the ID photo'],
    [
      'de',
      'pep_sanctions_data',
      'Kein Treffer auf PEP- oder Sanktionslisten',
      'es gibt einen möglichen Treffer auf PEP- oder Sanktionslisten',
    ],
  ])('should put %s %s in plain words', (lang, name, passed, failed) => {
    useLocale(lang)
    expect(checkName(name)).toBe(passed)
    expect(checkFailure(name)).toBe(failed)
  })

  it('should make an unknown check readable rather than hide it, in both languages', () => {
    expect(checkName('selfie_pose_repeat_detection')).toBe('Selfie pose repeat detection')
    expect(checkFailure('selfie_pose_repeat_detection')).toBe('the check "selfie pose repeat detection" failed')
    useLocale('de')
    expect(checkFailure('selfie_pose_repeat_detection')).toBe('die Prüfung „selfie pose repeat detection“ ist fehlgeschlagen')
  })

  it('should word reason codes, known or not, and skip blank ones', () => {
    expect(reasonWord('expired')).toBe('expired')
    expect(reasonWord('unreadable')).toBe('could not be read')
    expect(reasonWord('face_too_small')).toBe('face too small')
    expect(reasonWords(['mismatch', null, '', 'glare'])).toBe('does not match, glare')
    expect(reasonWords([])).toBeNull()
    useLocale('de')
    expect(reasonWords(['unreadable', 'expired'])).toBe('nicht lesbar, abgelaufen')
  })

  it('should say the outcome and its main reason in one line, or nothing when no check failed', () => {
    const reason = { check: 'id_selfie_comparison', reasons: ['mismatch'], verificationId: 'ver_1', failedChecks: 1 }
    expect(reasonLine('declined', reason)).toBe('Declined: the selfie does not match the ID photo')
    expect(reasonLine('needs_review', reason)).toBe('Needs review: the selfie does not match the ID photo')
    expect(reasonLine('declined', null)).toBeNull()
    useLocale('de')
    expect(reasonLine('failed', reason)).toBe('Fehlgeschlagen: das Selfie passt nicht zum Ausweisfoto')
    expect(outcomeWord('approved')).toBe('Genehmigt')
  })

  it('should know both sides of every check it names: what it makes sure of, and what its failure means', () => {
    const keys = Object.keys(en)
    const named = keys.filter((k) => k.startsWith('checkname_')).map((k) => k.slice('checkname_'.length))
    const failing = keys.filter((k) => k.startsWith('checkfail_')).map((k) => k.slice('checkfail_'.length))
    expect(named.length).toBeGreaterThan(30)
    expect(failing.sort()).toEqual(named.sort())
  })
})
