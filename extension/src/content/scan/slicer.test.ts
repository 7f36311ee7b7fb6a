import { describe, expect, it, vi } from 'vitest'
import { createSlicer } from './slicer.ts'

/** A clock the test moves, and slices that run only when the test says so. */
function harness(sliceMs = 8) {
  let time = 0
  const slices: ((deadline?: { timeRemaining(): number; didTimeout?: boolean }) => void)[] = []
  const slicer = createSlicer({ now: () => time, requestSlice: (run) => slices.push(run), sliceMs })
  return {
    slicer,
    advance: (ms: number) => (time += ms),
    runSlice: (deadline?: { timeRemaining(): number; didTimeout?: boolean }) => slices.shift()?.(deadline),
    get waiting() {
      return slices.length
    },
  }
}

/** A job of `units` steps, each costing `ms` on the fake clock. */
function* work(h: { advance(ms: number): number }, units: number, ms: number, log: string[], name: string) {
  for (let i = 0; i < units; i++) {
    h.advance(ms)
    log.push(`${name}${i}`)
    yield
  }
}

describe('createSlicer', () => {
  it('should stop a slice once its budget is spent and continue in the next one', () => {
    const h = harness(8)
    const log: string[] = []
    h.slicer.add(work(h, 10, 3, log, 'a'))
    expect(h.waiting).toBe(1)
    h.runSlice()
    // 3 units of 3 ms reach 9 ms ≥ 8 ms: the slice ends there.
    expect(log).toEqual(['a0', 'a1', 'a2'])
    expect(h.waiting).toBe(1)
    while (h.waiting) h.runSlice()
    expect(log).toHaveLength(10)
    expect(h.slicer.stats.longestSliceMs).toBe(9)
    expect(h.slicer.stats.slices).toBe(4)
  })

  it('should respect a shorter idle period, but always make progress', () => {
    const h = harness(8)
    const log: string[] = []
    h.slicer.add(work(h, 5, 1, log, 'a'))
    h.runSlice({ timeRemaining: () => 2 })
    expect(log).toEqual(['a0', 'a1'])
    h.runSlice({ timeRemaining: () => 0 })
    expect(log).toEqual(['a0', 'a1', 'a2'])
    // A timed-out idle callback gets the full slice.
    h.runSlice({ timeRemaining: () => 0, didTimeout: true })
    expect(log).toHaveLength(5)
  })

  it('should run jobs in the order they came', () => {
    const h = harness(100)
    const log: string[] = []
    h.slicer.add(work(h, 2, 1, log, 'a'))
    h.slicer.add(work(h, 2, 1, log, 'b'))
    h.runSlice()
    expect(log).toEqual(['a0', 'a1', 'b0', 'b1'])
  })

  it('should drop a job that throws and carry on with the next', () => {
    const onError = vi.fn()
    const slicer = createSlicer({ now: () => 0, requestSlice: (run) => run(), onError })
    const log: string[] = []
    slicer.add(
      (function* () {
        yield
        throw new Error('page changed')
      })(),
    )
    slicer.add(
      (function* () {
        log.push('b')
      })(),
    )
    expect(onError).toHaveBeenCalledOnce()
    expect(log).toEqual(['b'])
  })

  it('should tell when everything queued is done', async () => {
    const h = harness(1)
    const log: string[] = []
    h.slicer.add(work(h, 3, 1, log, 'a'))
    let idle = false
    void h.slicer.idle().then(() => (idle = true))
    h.runSlice()
    await Promise.resolve()
    expect(idle).toBe(false)
    while (h.waiting) h.runSlice()
    await Promise.resolve()
    expect(idle).toBe(true)
  })

  it('should say each time the queue runs empty', () => {
    const onIdle = vi.fn()
    const slicer = createSlicer({ now: () => 0, requestSlice: (run) => run(), onIdle })
    slicer.add((function* () {})())
    slicer.add((function* () {})())
    expect(onIdle).toHaveBeenCalledTimes(2)
  })

  it('should do nothing more once stopped', () => {
    const h = harness(1)
    const log: string[] = []
    h.slicer.add(work(h, 3, 1, log, 'a'))
    h.slicer.stop()
    h.runSlice()
    expect(log).toEqual([])
  })

  it('should use longer slices for the first pass only, and run the first slice at once when asked', () => {
    let time = 0
    const slices: (() => void)[] = []
    const slicer = createSlicer({ now: () => time, requestSlice: (run) => slices.push(() => run()), sliceMs: 8, firstPassSliceMs: 30 })
    const log: string[] = []
    const h = { advance: (ms: number) => (time += ms) }
    slicer.add(work(h, 12, 5, log, 'a'))
    slicer.runNow()
    // In the caller's task, up to the first-pass budget: 6 units of 5 ms reach 30 ms.
    expect(log).toHaveLength(6)
    expect(slices).toHaveLength(1) // the slice requested by add(), not a second one
    while (slices.length) slices.shift()!()
    expect(log).toHaveLength(12)
    // The queue ran empty: from now on, 8 ms slices.
    slicer.add(work(h, 4, 5, log, 'b'))
    slices.shift()!()
    expect(log.filter((l) => l.startsWith('b'))).toHaveLength(2)
  })
  it("should run a job added to run now in the caller's task, and ask for no slice when it finished there (a page that ticks pays one task, not two)", () => {
    const h = harness(8)
    const log: string[] = []
    const onIdle = vi.fn()
    let requested = 0
    const slicer = createSlicer({ now: () => 0, requestSlice: () => void requested++, onIdle })
    slicer.runNow(6, work(h, 2, 0, log, 'a'))
    expect(log).toEqual(['a0', 'a1'])
    expect(requested).toBe(0)
    expect(onIdle).toHaveBeenCalledTimes(1)
    expect(slicer.pending).toBe(0)
  })

  it('should ask for no slice of its own for a job added while a slice runs (the scan a change starts): the running slice does it, or asks for one if time runs out', () => {
    const h = harness(8)
    const log: string[] = []
    h.slicer.runNow(
      8,
      (function* () {
        h.slicer.add(work(h, 4, 3, log, 'b'))
        log.push('a')
      })(),
    )
    expect(log).toEqual(['a', 'b0', 'b1', 'b2'])
    expect(h.waiting).toBe(1) // the rest: one slice, asked for when the slice ended
    h.runSlice()
    expect(log).toHaveLength(5)
    expect(h.waiting).toBe(0)
  })
})
