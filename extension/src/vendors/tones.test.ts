import { describe, expect, it } from 'vitest'
import { statusTone } from './tones.ts'

describe('statusTone', () => {
  it.each([
    ['approved', 'good'],
    ['VERIFIED', 'good'],
    ['declined', 'bad'],
    ['REJECTED', 'bad'],
    ['needs_review', 'warn'],
    ['pending', 'progress'],
    ['expired', 'neutral'],
    // Vendors add statuses: unknown ones are neutral, never an error.
    ['some_new_status', 'neutral'],
    [null, 'neutral'],
  ])('should colour %j as %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone)
  })
})
