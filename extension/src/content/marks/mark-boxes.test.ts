// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Box } from '../card/card-position.ts'
import { createMarkBoxes, followLayout, type MarkBoxesDeps } from './mark-boxes.ts'
import { createMarkLayer, MARKS_TAG, type MarkLayer } from './mark-layer.ts'
import type { Mark } from './mark-store.ts'

const VIEW: Box = { left: 0, top: 0, right: 800, bottom: 600 }
const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height })

/** A mark in `el` whose line boxes are `rects` (happy-dom lays nothing out: the test says where text is). */
function markIn(el: Element): Mark {
  const text = el.appendChild(document.createTextNode('inq_x'))
  return { key: `k${Math.random()}`, id: 'inq_x', kind: 'persona-inquiry', range: { startContainer: text, startOffset: 0, endContainer: text, endOffset: 5 }, nodes: [text], link: null }
}

/** An open stand-in for our layer (the real one is closed: see the layer's own test below). */
function openLayer(): MarkLayer & { attached: () => boolean } {
  const container = document.createElement('div')
  return { container, attach: () => void (container.isConnected || document.documentElement.append(container)), remove: () => container.remove(), attached: () => container.isConnected }
}

function setup(overrides: Partial<MarkBoxesDeps> = {}) {
  const rects = new Map<Mark, Box[]>()
  const layer = openLayer()
  const flushes: (() => void)[] = []
  let moved: () => void = () => {}
  let changed: () => void = () => {}
  const changes: (() => void)[] = []
  const stop = vi.fn()
  const boxes = createMarkBoxes({
    doc: document,
    rectsOf: (mark) => rects.get(mark) ?? [],
    elementOf: (mark) => (mark.range.startContainer as Text).parentElement,
    scheduleFlush: (flush) => void flushes.push(flush),
    makeLayer: () => layer,
    scheduleChange: (flush) => void changes.push(flush),
    followLayout: (_doc, onMove, onChange) => {
      moved = onMove
      changed = onChange
      return stop
    },
    viewport: () => VIEW,
    ...overrides,
  })
  const runFrame = () => flushes.splice(0).forEach((flush) => flush())
  const drawn = () => Array.from(layer.container.children, (el) => (el as HTMLElement).style.cssText)
  /** Shows one mark in `parent` per entry of `lines`, whose text lies in those line boxes. */
  const show = (parent: Element, ...lines: Box[][]) =>
    lines.map((at) => {
      const mark = markIn(parent)
      rects.set(mark, at)
      boxes.show(mark)
      return mark
    })
  const runChanges = () => changes.splice(0).forEach((flush) => flush())
  return { boxes, rects, layer, flushes, changes, runFrame, runChanges, drawn, show, stop, pageMoved: () => moved(), pageChanged: () => changed() }
}

afterEach(() => {
  document.body.replaceChildren()
  for (const el of document.documentElement.querySelectorAll(`${MARKS_TAG}, html > div`)) el.remove()
})

describe('createMarkBoxes', () => {
  it('should draw one box per line of each shown mark, in the next frame, and take a hidden mark\'s boxes out', () => {
    const { boxes, rects, runFrame, drawn, flushes } = setup()
    const p = document.body.appendChild(document.createElement('p'))
    const a = markIn(p)
    const b = markIn(p)
    rects.set(a, [box(10, 20, 100, 18)])
    rects.set(b, [box(700, 40, 100, 18), box(0, 58, 40, 18)]) // wraps over two lines
    boxes.show(a)
    boxes.show(b)
    expect(flushes).toHaveLength(1) // one frame for both
    expect(drawn()).toEqual([])
    runFrame()
    expect(drawn()).toEqual([
      'left: 10px; top: 20px; width: 100px; height: 18px;',
      'left: 700px; top: 40px; width: 100px; height: 18px;',
      'left: 0px; top: 58px; width: 40px; height: 18px;',
    ])
    expect(boxes.painted).toBe(2)
    boxes.hide(a)
    runFrame()
    expect(drawn()).toHaveLength(2)
    expect(boxes.painted).toBe(1)
  })

  it('should draw nothing outside the viewport, and cut a box at its edge', () => {
    const { runFrame, drawn, show } = setup()
    show(document.body.appendChild(document.createElement('p')), [box(10, 700, 100, 18)], [box(10, 590, 100, 18)])
    runFrame()
    expect(drawn()).toEqual(['left: 10px; top: 590px; width: 100px; height: 10px;'])
  })

  it('should clip a mark to the visible part of the pane it scrolls in (a mark scrolled out of a pane draws nothing)', () => {
    const { runFrame, drawn, show } = setup()
    const pane = document.body.appendChild(document.createElement('div'))
    pane.style.overflowY = 'auto'
    // The pane shows 100..300 vertically (a 1-px border, 198 px of content above a scroll bar).
    pane.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 99, width: 400, height: 202 })
    Object.defineProperties(pane, { clientLeft: { value: 1 }, clientTop: { value: 1 }, clientWidth: { value: 380 }, clientHeight: { value: 200 } })
    // Inside it, above it (scrolled away: over the page's header) and half out at its bottom.
    show(pane.appendChild(document.createElement('span')), [box(10, 150, 100, 18)], [box(10, 20, 100, 18)], [box(10, 290, 100, 18)])
    runFrame()
    expect(drawn()).toEqual(['left: 10px; top: 150px; width: 100px; height: 18px;', 'left: 10px; top: 290px; width: 100px; height: 10px;'])
  })

  it('should measure again once per frame when the page moves, and rewrite only the boxes that moved', () => {
    const { rects, runFrame, drawn, layer, flushes, pageMoved, show } = setup()
    const [, b] = show(document.body.appendChild(document.createElement('p')), [box(10, 20, 100, 18)], [box(10, 60, 100, 18)])
    runFrame()
    const [first, second] = Array.from(layer.container.children) as HTMLElement[]
    const writes = vi.spyOn(first!.style, 'cssText', 'set')
    rects.set(b!, [box(10, 80, 100, 18)])
    pageMoved()
    pageMoved()
    pageMoved()
    expect(flushes).toHaveLength(1)
    runFrame()
    expect(drawn()).toEqual(['left: 10px; top: 20px; width: 100px; height: 18px;', 'left: 10px; top: 80px; width: 100px; height: 18px;'])
    expect(writes).not.toHaveBeenCalled()
    expect(layer.container.children[1]).toBe(second)
  })

  it('should measure again after changes of the page on their own schedule, not the next frame\'s, once for many', () => {
    const { rects, runFrame, runChanges, drawn, flushes, changes, pageChanged, show } = setup()
    const [a] = show(document.body.appendChild(document.createElement('p')), [box(10, 20, 100, 18)])
    runFrame()
    rects.set(a!, [box(10, 40, 100, 18)]) // text inserted above it
    for (let tick = 0; tick < 5; tick++) pageChanged()
    expect(flushes).toHaveLength(0) // no frame asked for: a page ticking every few ms keeps its pace
    expect(changes).toHaveLength(1)
    runChanges()
    expect(drawn()).toEqual(['left: 10px; top: 40px; width: 100px; height: 18px;'])
  })

  it('should follow the page only from the first mark on, and stop and leave nothing when disposed', () => {
    const follow = vi.fn(() => stop)
    const stop = vi.fn()
    const { boxes, rects, runFrame, runChanges, layer } = setup({ followLayout: follow })
    boxes.changed()
    runFrame()
    runChanges()
    expect(follow).not.toHaveBeenCalled()
    expect(layer.attached()).toBe(false) // no box: nothing of ours in the page
    const m = markIn(document.body.appendChild(document.createElement('p')))
    rects.set(m, [box(1, 1, 10, 10)])
    boxes.show(m)
    runFrame()
    expect(follow).toHaveBeenCalledTimes(1)
    expect(layer.attached()).toBe(true)
    layer.remove() // the page rewrote <html>
    boxes.register()
    expect(layer.attached()).toBe(true)
    boxes.dispose()
    expect(stop).toHaveBeenCalledTimes(1)
    expect(layer.attached()).toBe(false)
  })
})

describe('followLayout', () => {
  it('should report scrolls of inner panes (captured on the document) and resizes as moves, changes of the page as changes, and nothing after its stop', async () => {
    const moved = vi.fn()
    const changed = vi.fn()
    const pane = document.body.appendChild(document.createElement('div'))
    const stop = followLayout(document, moved, changed)
    pane.dispatchEvent(new Event('scroll')) // scroll events on elements do not bubble
    window.dispatchEvent(new Event('resize'))
    expect(moved).toHaveBeenCalledTimes(2)
    pane.setAttribute('class', 'open')
    await new Promise((resolve) => setTimeout(resolve, 0)) // the observer's records arrive in a microtask
    expect(changed).toHaveBeenCalledTimes(1)
    stop()
    pane.dispatchEvent(new Event('scroll'))
    pane.setAttribute('class', 'closed')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect([moved.mock.calls.length, changed.mock.calls.length]).toEqual([2, 1])
  })
})

describe('createMarkLayer', () => {
  it('should show the page one empty host with a closed shadow root, the same however many boxes it holds', () => {
    const layer = createMarkLayer(document)
    layer.attach()
    const host = document.querySelector(MARKS_TAG)!
    const seen = () => ({ html: host.outerHTML, shadow: host.shadowRoot, attrs: host.attributes.length, children: host.childNodes.length })
    const empty = seen()
    expect(empty).toEqual({ html: `<${MARKS_TAG}></${MARKS_TAG}>`, shadow: null, attrs: 0, children: 0 })
    for (let i = 0; i < 5; i++) layer.container.append(document.createElement('b'))
    expect(seen()).toEqual(empty)
    layer.remove()
    expect(document.querySelector(MARKS_TAG)).toBeNull()
  })
})
