import { describe, expect, it } from 'vitest'
import { createHighlighter, createHighlightNames, highlightCss, MARK_TONES, type HighlightLike, type HighlightNames } from './highlights.ts'
import type { Mark } from './mark-store.ts'

class FakeHighlight extends Set<unknown> implements HighlightLike {
  priority = 0
  override add(v: unknown) {
    return super.add(v)
  }
}

function setup() {
  const registry = new Map<string, unknown>()
  const names = createHighlightNames()
  const highlighter = createHighlighter({ registry, names, makeHighlight: () => new FakeHighlight() })
  const h = (tone: Parameters<HighlightNames['of']>[0]) => registry.get(names.of(tone)) as FakeHighlight
  return { registry, highlighter, h, names }
}

/** Words that would tell a page what a highlight means. */
const STATUS_WORDS = /idv|lens|pending|good|bad|warn|progress|neutral|unknown|active|approved|declined|failed|status/i

describe('createHighlightNames', () => {
  it('should name each colour without a status word, differently on every load, in no fixed order', () => {
    const loads = Array.from({ length: 30 }, () => createHighlightNames())
    const tones = [...MARK_TONES, 'active'] as const
    for (const names of loads) {
      const all = tones.map((t) => names.of(t))
      expect(new Set(all).size).toBe(tones.length)
      for (const name of all) {
        expect(name).toMatch(/^[a-z][a-z0-9]+$/)
        expect(name).not.toMatch(STATUS_WORDS)
      }
      expect([...names.order].sort()).toEqual([...tones].sort())
      expect(highlightCss(names)).not.toMatch(STATUS_WORDS)
    }
    // Another load, other names: what a page learned about one load says nothing about the next.
    expect(new Set(loads.map((n) => n.of('bad'))).size).toBe(loads.length)
    // The registry lists names in insertion order: the position of "bad" must vary too.
    expect(new Set(loads.map((n) => n.order.indexOf('bad'))).size).toBeGreaterThan(1)
    expect(new Set(loads.map((n) => n.order.join())).size).toBeGreaterThan(1)
  })
})

const mark = (n: number) => ({ key: `k${n}`, range: { n } }) as unknown as Mark

describe('createHighlighter', () => {
  it('should register one highlight per colour, with the active one painted on top', () => {
    const { registry, h, names } = setup()
    expect([...registry.keys()]).toEqual(names.order.map((t) => names.of(t)))
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
    const names = createHighlightNames()
    const highlighter = createHighlighter({ registry, names, makeHighlight: () => new FakeHighlight(), scheduleFlush: (flush) => flushes.push(flush) })
    const h = (tone: Parameters<HighlightNames['of']>[0]) => registry.get(names.of(tone)) as FakeHighlight
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
