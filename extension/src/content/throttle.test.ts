import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createThrottle } from './throttle.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('createThrottle', () => {
  it('should run in the next task after a quiet period, then at most once per interval', () => {
    const run = vi.fn()
    const throttled = createThrottle(run, 100, { now: () => Date.now() })
    throttled()
    vi.advanceTimersByTime(0)
    expect(run).toHaveBeenCalledTimes(1)
    throttled()
    throttled()
    vi.advanceTimersByTime(50)
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(50)
    expect(run).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(500)
    throttled()
    vi.advanceTimersByTime(0)
    expect(run).toHaveBeenCalledTimes(3)
  })
})
