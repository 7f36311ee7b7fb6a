import { describe, expect, it } from 'vitest'
import { createBudgetClock } from './budget-clock.ts'

describe('createBudgetClock', () => {
  it('should run on real time and real timers until held, then stand until stepped and run the retries then due', () => {
    const real: number[] = []
    const clock = createBudgetClock((_run, ms) => real.push(ms))
    clock.setTimer(() => {}, 5)
    expect(real).toEqual([5])
    expect(() => clock.step(1)).toThrow('not held')

    const heldAt = clock.hold()
    expect(clock.now()).toBe(heldAt)
    const ran: string[] = []
    clock.setTimer(() => ran.push('soon'), 1_000)
    clock.setTimer(() => ran.push('later'), 10_000)
    expect(real).toEqual([5])
    expect(clock.now()).toBe(heldAt)

    expect(clock.step(9_999)).toBe(heldAt + 9_999)
    expect(ran).toEqual(['soon'])
    clock.step(1)
    expect(ran).toEqual(['soon', 'later'])
    clock.step(10_000)
    expect(ran).toEqual(['soon', 'later'])
    expect(clock.hold()).toBe(heldAt + 20_000)
  })
})
