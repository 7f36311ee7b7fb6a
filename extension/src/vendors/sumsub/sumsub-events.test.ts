import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { eventWords } from '../index.ts'

/** Sumsub's applicant webhook types (docs/vendors/sumsub.md §4), named as the relay's live events name them: lower case. */
const TYPES = ['applicantCreated', 'applicantPending', 'applicantReviewed', 'applicantOnHold', 'applicantReset', 'applicantPrechecked']

afterEach(() => useLocale('en'))

describe("Sumsub's live events in words", () => {
  it('gives each applicant event words of its own, in English and German', () => {
    const names = TYPES.map((type) => type.toLowerCase())
    for (const lang of ['en', 'de']) {
      useLocale(lang)
      const words = names.map((name) => eventWords('sumsub', name))
      expect(words.filter((w) => !w)).toEqual([])
      expect(new Set(words).size).toBe(names.length)
    }
    useLocale('en')
    expect(eventWords('sumsub', 'applicantreviewed')).toBe('Review finished')
    useLocale('de')
    expect(eventWords('sumsub', 'applicantreviewed')).toBe('Prüfung abgeschlossen')
  })

  it('shows a type it does not list by its name, and never another vendor’s words', () => {
    expect(eventWords('sumsub', 'applicantdeleted')).toBeNull()
    expect(eventWords('sumsub', 'workflow_run.completed')).toBeNull()
  })
})
