// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { Box } from './clip-boxes.ts'
import { markAtPoint, markContains, shadowRootsAt } from './hit-test.ts'
import { createMarkStore, type Mark } from './mark-store.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

function page() {
  document.body.innerHTML = `<p>See ${INQ} now</p><a href="https://app.withpersona.com/dashboard/events/evt_o9byQRbjygu76Jbtea9wuJ1boP7a"><span>the event</span></a>`
  const text = document.body.firstChild!.firstChild as Text
  const link = document.body.querySelector('a')!
  const store = createMarkStore()
  const textMark = store.add({
    id: INQ,
    kind: 'persona-inquiry',
    range: { startContainer: text, startOffset: 4, endContainer: text, endOffset: 32 },
    nodes: [text],
    link: null,
  })!
  const linkMark = store.add({
    id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
    kind: 'persona-event',
    range: { startContainer: link, startOffset: 0, endContainer: link, endOffset: 1 },
    nodes: [link],
    link,
  })!
  return { text, link, store, textMark, linkMark }
}

describe('markContains', () => {
  it('should include both ends of the ID and nothing outside', () => {
    const { text, textMark } = page()
    expect(markContains(textMark, { node: text, offset: 4 })).toBe(true)
    expect(markContains(textMark, { node: text, offset: 32 })).toBe(true)
    expect(markContains(textMark, { node: text, offset: 3 })).toBe(false)
    expect(markContains(textMark, { node: text, offset: 33 })).toBe(false)
  })
})

describe('markAtPoint', () => {
  const boxes = new Map<Mark, Box[]>()
  it('should find the mark whose text is under the pointer', () => {
    const { text, store, textMark } = page()
    boxes.set(textMark, [{ left: 40, top: 10, right: 240, bottom: 28 }])
    const deps = { store, caretAt: () => ({ node: text, offset: 10 }), rectsOf: (m: Mark) => boxes.get(m) ?? [] }
    expect(markAtPoint(deps, 100, 20)).toBe(textMark)
  })

  it('should refuse a caret that snapped to the ID from empty space beside it', () => {
    const { text, store, textMark } = page()
    boxes.set(textMark, [{ left: 40, top: 10, right: 240, bottom: 28 }])
    // Past the end of the line the browser still reports the last caret position of the line.
    const deps = { store, caretAt: () => ({ node: text, offset: 32 }), rectsOf: (m: Mark) => boxes.get(m) ?? [] }
    expect(markAtPoint(deps, 600, 20)).toBeNull()
  })

  it("should find a dashboard link's mark from a caret inside the link", () => {
    const { link, store, linkMark } = page()
    boxes.set(linkMark, [{ left: 0, top: 40, right: 80, bottom: 58 }])
    const inner = link.querySelector('span')!.firstChild!
    const deps = { store, caretAt: () => ({ node: inner, offset: 2 }), rectsOf: (m: Mark) => boxes.get(m) ?? [] }
    expect(markAtPoint(deps, 20, 50)).toBe(linkMark)
  })

  it('should find nothing where there is no caret', () => {
    const { store } = page()
    expect(markAtPoint({ store, caretAt: () => null, rectsOf: () => [] }, 1, 1)).toBeNull()
  })
})

describe('shadowRootsAt', () => {
  /** An element whose open shadow root hit-tests to `inner`. */
  const hostOf = (inner: Element | null) => {
    const root = { elementFromPoint: () => inner } as unknown as ShadowRoot
    return { shadowRoot: root } as unknown as Element
  }

  it('should follow nested open shadow roots under the point, outermost first', () => {
    const text = { shadowRoot: null } as unknown as Element
    const inner = hostOf(text)
    const outer = hostOf(inner)
    const doc = { elementFromPoint: () => outer } as unknown as Document
    expect(shadowRootsAt(doc, 5, 5)).toEqual([outer.shadowRoot, inner.shadowRoot])
  })

  it('should give none over light DOM, and stop where a root hit-tests to its own host', () => {
    expect(shadowRootsAt({ elementFromPoint: () => ({ shadowRoot: null }) } as unknown as Document, 1, 1)).toEqual([])
    const self = { shadowRoot: null as ShadowRoot | null } as unknown as Element & { shadowRoot: ShadowRoot }
    ;(self as { shadowRoot: unknown }).shadowRoot = { elementFromPoint: () => self }
    expect(shadowRootsAt({ elementFromPoint: () => self } as unknown as Document, 1, 1)).toHaveLength(1)
  })
})
