import { describe, expect, it } from 'vitest'
import { statusTone, vendorTones } from './tones.ts'

const TONES = vendorTones()

describe('statusTone', () => {
  it.each([
    ['persona', 'approved', 'good'],
    ['deepidv', 'VERIFIED', 'good'],
    ['persona', 'declined', 'bad'],
    ['deepidv', 'REJECTED', 'bad'],
    ['persona', 'needs_review', 'warn'],
    ['persona', 'pending', 'progress'],
    ['persona', 'expired', 'neutral'],
    // Vendors add statuses: unknown ones are neutral, never an error.
    ['persona', 'some_new_status', 'neutral'],
    ['persona', null, 'neutral'],
    ['no-such-vendor', 'approved', 'neutral'],
  ])("should colour %s's %j as %s", (vendor, status, tone) => {
    expect(statusTone(vendor, status)).toBe(tone)
  })

  it("should colour each vendor's statuses by its own tones", () => {
    for (const [vendor, tones] of Object.entries(TONES))
      for (const [status, tone] of Object.entries(tones)) expect(statusTone(vendor, status), `${vendor} ${status}`).toBe(tone)
  })

  it("should never colour a vendor's status by another's tones", () => {
    const borrowed = Object.entries(TONES).flatMap(([a, own]) =>
      Object.keys(TONES)
        .filter((b) => b !== a)
        .flatMap((b) =>
          Object.keys(own)
            .filter((s) => own[s] !== 'neutral' && !Object.hasOwn(TONES[b]!, s))
            .map((s) => [b, s] as const),
        ),
    )
    expect(borrowed.length).toBeGreaterThan(0)
    for (const [vendor, status] of borrowed) expect(statusTone(vendor, status), `${vendor} ${status}`).toBe('neutral')
  })
})
