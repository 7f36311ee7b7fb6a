import { describe, expect, it } from 'vitest'
import { createHighlighter, highlightName, MARK_TONES, type HighlightLike } from './highlights.ts'
import type { Mark } from './mark-store.ts'

class FakeHighlight extends Set<unknown> implements HighlightLike {
  priority = 0
  override add(v: unknown) {
    return super.add(v)
  }
}

function setup() {
  const registry = new Map<string, unknown>()
  const highlighter = createHighlighter({ registry, makeHighlight: () => new FakeHighlight() })
  const h = (name: Parameters<typeof highlightName>[0]) => registry.get(highlightName(name)) as FakeHighlight
  return { registry, highlighter, h }
}

const mark = (n: number) => ({ key: `k${n}`, range: { n } }) as unknown as Mark

describe('createHighlighter', () => {
  it('should register one highlight per colour, with the active one painted on top', () => {
    const { registry, h } = setup()
    expect([...registry.keys()]).toEqual([...MARK_TONES, 'active'].map((t) => `idv-lens-${t}`))
    expect(h('active').priority).toBeGreaterThan(h('good').priority)
  })

  it('should move a mark between colours when its status becomes known', () => {
    const { highlighter, h } = setup()
    const m = mark(1)
    highlighter.paint(m, 'pending')
    highlighter.paint(m, 'good')
    expect(h('pending').size).toBe(0)
    expect(h('good').has(m.range)).toBe(true)
    highlighter.erase(m)
    expect(h('good').size).toBe(0)
  })

  it('should paint the active ID over its colour and clear it again', () => {
    const { highlighter, h } = setup()
    const [a, b] = [mark(1), mark(2)]
    highlighter.setActive([a, b])
    expect(h('active').size).toBe(2)
    highlighter.setActive([])
    expect(h('active').size).toBe(0)
  })

  it('should put its highlights back when the page cleared the registry, and remove them on dispose', () => {
    const { registry, highlighter } = setup()
    registry.clear()
    highlighter.register()
    expect(registry.size).toBe(MARK_TONES.length + 1)
    highlighter.dispose()
    expect(registry.size).toBe(0)
  })
})

describe('createHighlighter batching', () => {
  it('should hold colour changes until the scheduled flush, and apply only the last one', () => {
    const registry = new Map<string, unknown>()
    const flushes: (() => void)[] = []
    const highlighter = createHighlighter({ registry, makeHighlight: () => new FakeHighlight(), scheduleFlush: (flush) => flushes.push(flush) })
    const h = (name: string) => registry.get(`idv-lens-${name}`) as FakeHighlight
    const m = mark(1)
    highlighter.paint(m, 'pending')
    highlighter.paint(m, 'good')
    highlighter.paint(mark(2), 'bad')
    expect(flushes).toHaveLength(1)
    expect(h('pending').size + h('good').size).toBe(0)
    expect(highlighter.toneOf(m)).toBe('good')
    flushes[0]!()
    expect(h('pending').size).toBe(0)
    expect(h('good').size).toBe(1)
    expect(h('bad').size).toBe(1)
    // A mark added and removed before the flush never reaches the page.
    const brief = mark(3)
    highlighter.paint(brief, 'good')
    highlighter.erase(brief)
    flushes[1]!()
    expect(h('good').size).toBe(1)
  })
})
