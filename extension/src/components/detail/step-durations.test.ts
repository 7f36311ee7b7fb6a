import { describe, expect, it } from 'vitest'
import { stepDurations } from './step-durations.ts'

const at = (iso: string) => Date.parse(iso)

describe('stepDurations', () => {
  it('should give each event the time since the one before it in time, whatever the list order', () => {
    // Newest first, as Persona lists events.
    const took = stepDurations([
      { id: 'evt_approved', at: at('2023-03-29T19:20:00Z') },
      { id: 'evt_completed', at: at('2023-03-29T19:10:10Z') },
      { id: 'evt_created', at: at('2023-03-29T19:06:00Z') },
      { id: 'evt_started', at: at('2023-03-29T19:06:00Z') },
    ])
    expect(Object.fromEntries(took)).toEqual({
      evt_started: 0,
      evt_completed: 250_000,
      evt_approved: 590_000,
    })
  })

  it('should give no duration to the first event or to one without a time', () => {
    const took = stepDurations([
      { id: 'evt_b', at: null },
      { id: 'evt_a', at: at('2023-03-29T19:06:00Z') },
    ])
    expect(took.size).toBe(0)
  })
})
