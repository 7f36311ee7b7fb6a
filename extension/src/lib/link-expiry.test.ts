import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import { linkExpiry } from './link-expiry.ts'

// 06:14:59 UTC: the seconds are cut, never rounded up to a minute the link may not see.
const AT = Date.parse('2026-11-28T06:14:59Z')
/** Node's ICU writes a narrow no-break space before "AM": compare words. */
const words = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ')

afterEach(() => useLocale('en'))

describe('linkExpiry', () => {
  it('should say how long the link works in whole hours up to two days, then days, else minutes', () => {
    expect(linkExpiry(AT, 86_400).lasts).toBe('24 hours')
    expect(linkExpiry(AT, 3600).lasts).toBe('1 hour')
    expect(linkExpiry(AT, 48 * 3600).lasts).toBe('48 hours')
    expect(linkExpiry(AT, 7 * 86_400).lasts).toBe('7 days')
    expect(linkExpiry(AT, 5400).lasts).toBe('90 minutes')
    useLocale('de')
    expect(linkExpiry(AT, 86_400).lasts).toBe('24 Stunden')
    expect(linkExpiry(AT, 7 * 86_400).lasts).toBe('7 Tage')
  })

  it("should date the expiry in the agent's time zone, named, without seconds", () => {
    expect(words(linkExpiry(AT, 86_400, 'Europe/Berlin').until)).toBe('Saturday, November 28, 2026 at 7:14 AM Central European Standard Time')
    expect(words(linkExpiry(AT, 86_400, 'America/New_York').until)).toBe('Saturday, November 28, 2026 at 1:14 AM Eastern Standard Time')
    useLocale('de')
    expect(words(linkExpiry(AT, 86_400, 'Europe/Berlin').until)).toBe('Samstag, 28. November 2026 um 07:14 Mitteleuropäische Normalzeit')
  })
})
