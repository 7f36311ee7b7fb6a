import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { budgetText } from './VendorChart.tsx'

/** The budgets the vendors state (vendors/<name>/vendor.ts in the Worker): a window of seconds, or a day. */
const WINDOWS = [
  { perWindow: 270, windowSeconds: 60, perDay: null },
  { perWindow: 90, windowSeconds: 1, perDay: null },
  { perWindow: 100, windowSeconds: 5, perDay: null },
  { perWindow: 500, windowSeconds: 120, perDay: null },
  { perWindow: 22, windowSeconds: 1, perDay: 9500 },
]

describe("a vendor's budget on the admin page", () => {
  afterEach(() => useLocale('en'))

  it('should say it per the vendor’s own window, in words, never in bare seconds', () => {
    expect(WINDOWS.map(budgetText)).toEqual([
      'Budget: 270 calls per minute',
      'Budget: 90 calls per second',
      'Budget: 100 calls per 5 seconds',
      'Budget: 500 calls per 2 minutes',
      'Budget: 9,500 calls per day',
    ])
    useLocale('de')
    expect(WINDOWS.map(budgetText)).toEqual([
      'Budget: 270 Abrufe pro Minute',
      'Budget: 90 Abrufe pro Sekunde',
      'Budget: 100 Abrufe pro 5 Sekunden',
      'Budget: 500 Abrufe pro 2 Minuten',
      'Budget: 9.500 Abrufe pro Tag',
    ])
  })
})
