import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useLocale } from '../../test-support/i18n-fake.ts'
import {
  andList,
  countdown,
  countryLabel,
  duration,
  exactTime,
  humanize,
  localTime,
  parseTime,
  recentHint,
  relativeTime,
} from './format.ts'

const NOW = Date.parse('2026-01-01T12:00:00Z')

afterEach(() => useLocale('en'))

describe('relativeTime', () => {
  it.each([
    [0, 'now', 'jetzt'],
    [12, '12 sec. ago', 'vor 12 Sek.'],
    [59, '59 sec. ago', 'vor 59 Sek.'],
    [60, '1 min. ago', 'vor 1 Min.'],
    [3599, '59 min. ago', 'vor 59 Min.'],
    [7200, '2 hr. ago', 'vor 2 Std.'],
    [86_400, 'yesterday', 'gestern'],
    [86_400 * 3, '3 days ago', 'vor 3 Tagen'],
    [86_400 * 400, 'last yr.', 'letztes Jahr'],
    // Clock skew: a few seconds "in the future" is still now.
    [-20, 'now', 'jetzt'],
    [-7200, 'in 2 hr.', 'in 2 Std.'],
  ])('should say %i s earlier is %j in English and %j in German', (secondsAgo, english, german) => {
    expect(relativeTime(NOW - secondsAgo * 1000, NOW)).toBe(english)
    useLocale('de')
    expect(relativeTime(NOW - secondsAgo * 1000, NOW)).toBe(german)
  })
})

describe('format helpers', () => {
  it('should parse vendor timestamps and refuse junk', () => {
    expect(parseTime('2023-03-29T19:06:45.000Z')).toBe(Date.parse('2023-03-29T19:06:45.000Z'))
    expect(parseTime('not a date')).toBeNull()
    expect(parseTime(null)).toBeNull()
  })

  it('should humanize vendor enums', () => {
    expect(humanize('needs_review')).toBe('needs review')
    expect(humanize('FACE_LIVENESS')).toBe('face liveness')
  })

  it('should label countries with what is known', () => {
    expect(countryLabel('United States', 'US')).toBe('United States (US)')
    expect(countryLabel(null, 'US')).toBe('United States (US)')
    expect(countryLabel(null, null)).toBeNull()
    expect(countryLabel('Kosovo', 'XK')).toBe('Kosovo (XK)')
    expect(countryLabel('Somewhere', 'not a code')).toBe('Somewhere (not a code)')
    useLocale('de')
    expect(countryLabel('United States', 'US')).toBe('Vereinigte Staaten (US)')
    expect(countryLabel(null, 'nl')).toBe('Niederlande (nl)')
  })

  it('should count down in seconds, then minutes, in the UI language', () => {
    expect(countdown(29.2)).toBe('30 sec')
    expect(countdown(125)).toBe('2 min 5 sec')
    expect(countdown(-3)).toBe('0 sec')
    useLocale('de')
    expect(countdown(125)).toBe('2 Min. 5 Sek.')
  })

  it('should write exact times and lists the way the UI language does', () => {
    const at = Date.parse('2026-03-05T14:07:00Z')
    expect(exactTime(at)).toMatch(/^Mar 5, 2026/)
    expect(andList(['Persona', 'deepidv'])).toBe('Persona and deepidv')
    useLocale('de')
    expect(exactTime(at)).toMatch(/^05\.03\.2026/)
    expect(andList(['Persona', 'deepidv'])).toBe('Persona und deepidv')
  })
})

describe('local times and durations', () => {
  // The machine's zone, fixed for these tests (Node applies a TZ set at run time; test files run in forks).
  const zone = process.env.TZ
  beforeAll(() => void (process.env.TZ = 'America/New_York'))
  afterAll(() => (zone === undefined ? delete process.env.TZ : void (process.env.TZ = zone)))

  it("should write a record's local date and time in the UI language and zone, not how long ago it was", () => {
    // 19:06 UTC is 15:06 in New York (daylight saving time since March 12, 2023).
    const at = Date.parse('2023-03-29T19:06:45Z')
    expect(localTime(at)).toMatch(/^Mar 29, 2023, 3:06\sPM$/)
    useLocale('de')
    expect(localTime(at)).toBe('29.03.2023, 15:06')
  })

  it('should add the relative time as a hint only within a day', () => {
    expect(recentHint(NOW - 5 * 60_000, NOW)).toBe('5 min. ago')
    expect(recentHint(NOW - 23 * 3600_000, NOW)).toBe('23 hr. ago')
    expect(recentHint(NOW - 25 * 3600_000, NOW)).toBeNull()
    expect(recentHint(NOW - 3 * 365 * 86_400_000, NOW)).toBeNull()
    useLocale('de')
    expect(recentHint(NOW - 5 * 60_000, NOW)).toBe('vor 5 Min.')
  })

  it.each([
    [0, '0 sec', '0 Sek.'],
    [999, '0 sec', '0 Sek.'],
    [45_000, '45 sec', '45 Sek.'],
    [250_000, '4 min 10 sec', '4 Min. 10 Sek.'],
    [240_000, '4 min', '4 Min.'],
    [2 * 3600_000 + 5 * 60_000 + 7_000, '2 hr 5 min', '2 Std. 5 Min.'],
    [3 * 86_400_000 + 2 * 3600_000, '3 days 2 hr', '3 Tg. 2 Std.'],
    [-5_000, '0 sec', '0 Sek.'],
  ])('should say %i ms took %j in English and %j in German', (ms, english, german) => {
    expect(duration(ms)).toBe(english)
    useLocale('de')
    expect(duration(ms)).toBe(german)
  })
})
