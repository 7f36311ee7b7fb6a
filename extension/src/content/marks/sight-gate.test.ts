// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import type { Box } from './clip-boxes.ts'
import type { Mark } from './mark-store.ts'
import { createSightGate, RECHECK_AT_MOST, RECHECK_AFTER_MS } from './sight-gate.ts'

/**
 * A gate over marks whose text is in its own element each; `shown` says which the agent can see now
 * (happy-dom lays nothing out: a seen mark has a line, an unseen one none).
 */
function setup(count: number) {
  const shown = new Set<Mark>()
  /** Marks whose line is below the viewport now (near it, where nothing can be hit-tested). */
  const below = new Set<Mark>()
  const marks = Array.from({ length: count }, (_, i) => {
    const el = document.createElement('p')
    document.body.append(el)
    return { key: `k${i}`, id: `k${i}`, kind: 'persona-inquiry', range: null, nodes: [], link: el } as unknown as Mark
  })
  const line: Box = { left: 0, top: 0, right: 200, bottom: 18 }
  const belowLine: Box = { left: 0, top: 5000, right: 200, bottom: 5018 }
  const timers: (() => void)[] = []
  const paint = vi.fn()
  const unpaint = vi.fn()
  const request = vi.fn()
  const setTimer = vi.fn((run: () => void, ms: number) => {
    expect(ms).toBe(RECHECK_AFTER_MS)
    timers.push(run)
  })
  const gate = createSightGate({
    doc: document,
    rectsOf: (m) => (shown.has(m) ? [below.has(m) ? belowLine : line] : []),
    holds: () => false,
    elementOf: (m) => m.link,
    paint,
    unpaint,
    request,
    setTimer,
  })
  const runTimers = () => timers.splice(0).forEach((run) => run())
  return { gate, marks, shown, below, paint, unpaint, request, setTimer, runTimers }
}

const attributeChange = [{ type: 'attributes', addedNodes: [], removedNodes: [] }] as unknown as MutationRecord[]
const textChange = [{ type: 'characterData', addedNodes: [], removedNodes: [] }] as unknown as MutationRecord[]

describe('createSightGate', () => {
  it('should paint and look up the marks the agent sees, and withhold the others (taking away a box painted early)', () => {
    const { gate, marks, shown, paint, unpaint, request } = setup(3)
    shown.add(marks[0]!)
    gate.show(marks)
    expect(paint.mock.calls.map(([m]) => m)).toEqual([marks[0]])
    expect(unpaint.mock.calls.map(([m]) => m)).toEqual([marks[1], marks[2]])
    expect(request).toHaveBeenCalledWith([marks[0]])
    expect(gate.withheld).toBe(2)
    expect(gate.sees(marks[0]!)).toBe(true)
    expect(gate.sees(marks[1]!)).toBe(false)
  })

  it('should look up a withheld mark once the page shows it, after a change of attributes', () => {
    const { gate, marks, shown, request, runTimers } = setup(2)
    gate.show(marks)
    expect(request).not.toHaveBeenCalled()
    shown.add(marks[1]!)
    gate.changed(attributeChange)
    runTimers()
    expect(request).toHaveBeenCalledWith([marks[1]])
    expect(gate.withheld).toBe(1)
  })

  it('should paint but not look up a mark outside the viewport, where nothing can tell whether it is covered, until a scroll brings it in', () => {
    const { gate, marks, shown, below, paint, unpaint, request, runTimers } = setup(1)
    shown.add(marks[0]!)
    below.add(marks[0]!)
    gate.show(marks)
    expect(paint).toHaveBeenCalledWith(marks[0])
    expect(unpaint).not.toHaveBeenCalled()
    expect(request).not.toHaveBeenCalled()
    expect(gate.sees(marks[0]!)).toBe(false)
    // A scroll that leaves it outside: its lines are read, but it is not checked again.
    const checked = gate.stats().marks
    gate.moved()
    runTimers()
    expect(gate.stats().marks).toBe(checked)
    below.delete(marks[0]!)
    gate.moved()
    runTimers()
    expect(request).toHaveBeenCalledWith([marks[0]])
    expect(gate.withheld).toBe(0)
  })

  it('should check a mark that was outside the viewport again when asked whether the agent sees it (focus scrolled it in)', () => {
    const { gate, marks, shown, below, request } = setup(1)
    shown.add(marks[0]!)
    below.add(marks[0]!)
    gate.show(marks)
    expect(gate.sees(marks[0]!)).toBe(false)
    below.delete(marks[0]!)
    expect(gate.sees(marks[0]!)).toBe(true)
    expect(request).toHaveBeenCalledWith([marks[0]])
  })

  it('should check again after a scroll or a transition, but not after a change of text alone', () => {
    const { gate, marks, setTimer, runTimers } = setup(1)
    gate.show(marks)
    gate.changed(textChange)
    expect(setTimer).not.toHaveBeenCalled()
    gate.moved()
    gate.moved()
    expect(setTimer).toHaveBeenCalledTimes(1)
    runTimers()
    gate.moved()
    expect(setTimer).toHaveBeenCalledTimes(2)
  })

  it('should set no timer while it withholds nothing', () => {
    const { gate, marks, shown, setTimer } = setup(1)
    shown.add(marks[0]!)
    gate.show(marks)
    gate.changed(attributeChange)
    gate.moved()
    expect(setTimer).not.toHaveBeenCalled()
  })

  it('should check a bounded number of withheld marks at a time, each in turn', () => {
    const { gate, marks, shown, request, runTimers } = setup(RECHECK_AT_MOST + 10)
    gate.show(marks)
    marks.forEach((m) => shown.add(m))
    gate.moved()
    runTimers()
    expect(request.mock.calls[0]![0]).toHaveLength(RECHECK_AT_MOST)
    gate.moved()
    runTimers()
    expect(request.mock.calls[1]![0]).toEqual(marks.slice(RECHECK_AT_MOST))
    expect(gate.withheld).toBe(0)
  })

  it('should check every withheld mark once after one change, in checks of RECHECK_AT_MOST, and then stop', () => {
    const { gate, marks, shown, request, setTimer, runTimers } = setup(RECHECK_AT_MOST * 2 + 10)
    gate.show(marks)
    shown.add(marks.at(-1)!)
    gate.moved()
    runTimers()
    runTimers()
    expect(request).not.toHaveBeenCalled()
    runTimers()
    expect(request).toHaveBeenCalledWith([marks.at(-1)])
    expect(setTimer).toHaveBeenCalledTimes(3)
    runTimers()
    expect(setTimer).toHaveBeenCalledTimes(3)
  })

  it('should let go of marks that went far or left the page', () => {
    const { gate, marks, shown, request, setTimer } = setup(2)
    gate.show(marks)
    gate.hide(marks)
    expect(gate.withheld).toBe(0)
    marks.forEach((m) => shown.add(m))
    gate.moved()
    expect(setTimer).not.toHaveBeenCalled()
    expect(request).not.toHaveBeenCalled()
  })
})
