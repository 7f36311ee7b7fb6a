import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { RELATIVE_UNITS, relativeTime } from './format.ts'
import { phrasedRelativeTime, relativePhrases, type RelativePhrases } from './relative-phrases.ts'

const NOW = Date.parse('2026-11-24T05:00:00Z')
const SECOND = 1000

afterEach(() => useLocale('en'))

/** Every whole count of every unit the kept phrases cover, as seconds before NOW (the unit's own divisor times the count). */
function everyCount(): number[] {
  const seconds: number[] = [0, 59, -59]
  for (const [limit, divisor] of RELATIVE_UNITS) {
    const upTo = Number.isFinite(limit) ? Math.floor((limit - 1) / divisor) : 20
    for (let n = 1; n <= upTo; n++) seconds.push(n * divisor, n * divisor + divisor - 1)
  }
  return seconds
}

describe('relative phrases (the popup first paint relative times without Intl)', () => {
  it.each(['en', 'de'])('should say exactly what Intl says, for every count it covers (%s)', (lang) => {
    useLocale(lang)
    // Through JSON, as they come back from localStorage.
    const phrases = JSON.parse(JSON.stringify(relativePhrases())) as RelativePhrases
    for (const ago of everyCount())
      expect(phrasedRelativeTime(phrases, NOW - ago * SECOND, NOW), `${ago} s ago`).toBe(relativeTime(NOW - ago * SECOND, NOW))
  })

  it('should keep the words Intl has for some counts ("yesterday", "vorgestern") and one phrase for the rest', () => {
    useLocale('de')
    const phrases = relativePhrases()
    expect(phrases.past.day).toMatchObject({ phrase: 'vor {n} Tagen', own: { 1: 'gestern', 2: 'vorgestern' } })
    expect(phrasedRelativeTime(phrases, NOW - 5 * 86_400 * SECOND, NOW)).toBe('vor 5 Tagen')
    // A few kilobytes at most: they sit in localStorage beside the rows and are parsed on every open.
    expect(JSON.stringify(phrases).length).toBeLessThan(1024)
  })

  it('should say nothing for what the phrases do not cover (ahead of now, or older than they count), so the caller asks Intl', () => {
    const phrases = relativePhrases()
    expect(phrasedRelativeTime(phrases, NOW + 2 * 3600 * SECOND, NOW)).toBeNull()
    expect(phrasedRelativeTime(phrases, NOW - 21 * 365 * 86_400 * SECOND, NOW)).toBeNull()
    expect(phrasedRelativeTime({ now: 'now', past: {} }, NOW - 120 * SECOND, NOW)).toBeNull()
  })
})
