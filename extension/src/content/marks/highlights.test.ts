import { describe, expect, it } from 'vitest'
import { createHighlighter, createHighlightName, highlightCss, MARK_STYLE, type HighlightLike } from './highlights.ts'
import type { Mark } from './mark-store.ts'

class FakeHighlight extends Set<unknown> implements HighlightLike {
  priority = 0
  override add(v: unknown) {
    return super.add(v)
  }
}

function setup(scheduleFlush?: (flush: () => void) => void) {
  const registry = new Map<string, unknown>()
  const name = createHighlightName()
  const highlighter = createHighlighter({ registry, name, makeHighlight: () => new FakeHighlight(), scheduleFlush })
  return { registry, highlighter, name, h: () => registry.get(name) as FakeHighlight }
}

/** Words that would tell a page what a highlight means. */
const STATUS_WORDS = /idv|lens|pending|good|bad|warn|progress|neutral|unknown|active|approved|declined|failed|status/i

describe('createHighlightName', () => {
  it('should name the highlight without a word, differently on every load', () => {
    const names = Array.from({ length: 30 }, () => createHighlightName())
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9]+$/)
      expect(name).not.toMatch(STATUS_WORDS)
      expect(highlightCss(name)).not.toMatch(STATUS_WORDS)
    }
    expect(new Set(names).size).toBe(names.length)
  })

  it('should give the page one rule, the same whatever the marks are', () => {
    expect(highlightCss('xabc')).toBe(`::highlight(xabc) { ${MARK_STYLE} }`)
  })
})

const mark = (n: number) => ({ key: `k${n}`, range: { n } }) as unknown as Mark

describe('createHighlighter', () => {
  it('should register one highlight, at the default priority', () => {
    const { registry, h, name } = setup()
    expect([...registry.keys()]).toEqual([name])
    expect(h().priority).toBe(0)
  })

  it('should paint a mark when shown and take it out when hidden', () => {
    const { highlighter, h } = setup()
    const m = mark(1)
    highlighter.show(m)
    expect(h().has(m.range)).toBe(true)
    expect(highlighter.painted).toBe(1)
    highlighter.show(m)
    expect(h().size).toBe(1)
    highlighter.hide(m)
    expect(h().size).toBe(0)
    expect(highlighter.shows(m)).toBe(false)
  })

  it('should put its highlight back when the page cleared the registry, and remove it on dispose', () => {
    const { registry, highlighter, h } = setup()
    highlighter.show(mark(1))
    registry.clear()
    highlighter.register()
    expect(registry.size).toBe(1)
    expect(h().size).toBe(1)
    highlighter.dispose()
    expect(registry.size).toBe(0)
  })
})

describe('createHighlighter batching', () => {
  it('should hold changes until the scheduled flush (one per batch), and apply only the last one per mark', () => {
    const flushes: (() => void)[] = []
    const { highlighter, h } = setup((flush) => flushes.push(flush))
    const [a, b] = [mark(1), mark(2)]
    highlighter.show(a)
    highlighter.show(b)
    highlighter.hide(b)
    expect(flushes).toHaveLength(1)
    expect(h().size).toBe(0)
    expect(highlighter.shows(a)).toBe(true)
    flushes[0]!()
    expect([...h()]).toEqual([a.range])
    // Shown and hidden again before the flush: the highlight is never touched (the page's paint markers stay).
    const deleted: unknown[] = []
    const del = h().delete.bind(h())
    h().delete = (v) => (deleted.push(v), del(v))
    highlighter.hide(a)
    highlighter.show(a)
    flushes[1]?.()
    expect(deleted).toEqual([])
    expect(h().size).toBe(1)
  })
})
