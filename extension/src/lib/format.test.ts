import { describe, expect, it } from 'vitest'
import { countdown, countryLabel, humanize, parseTime, relativeTime } from './format.ts'

const NOW = Date.parse('2026-01-01T12:00:00Z')

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [12, '12 s ago'],
    [59, '59 s ago'],
    [60, '1 min ago'],
    [3599, '59 min ago'],
    [7200, '2 h ago'],
    [86_400 * 3, '3 d ago'],
    [86_400 * 400, '1 y ago'],
    // Clock skew: a few seconds "in the future" is still now.
    [-20, 'just now'],
    [-7200, 'in 2 h'],
  ])('should say %i s earlier is %j', (secondsAgo, text) => {
    expect(relativeTime(NOW - secondsAgo * 1000, NOW)).toBe(text)
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
    expect(countryLabel(null, 'US')).toBe('US')
    expect(countryLabel(null, null)).toBeNull()
  })

  it('should count down in seconds, then minutes', () => {
    expect(countdown(29.2)).toBe('30 s')
    expect(countdown(125)).toBe('2 min 5 s')
    expect(countdown(-3)).toBe('0 s')
  })
})
