// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Box } from './clip-boxes.ts'
import { createMarkBoxes, followLayout, type MarkBoxesDeps } from './mark-boxes.ts'
import { createMarkLayer, MARKS_TAG, type MarkLayer } from './mark-layer.ts'
import type { Mark } from './mark-store.ts'

const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height })

/** A mark in `el` whose line boxes are `rects` (happy-dom lays nothing out: the test says where text is). */
function markIn(el: Element): Mark {
  const text = el.appendChild(document.createTextNode('inq_x'))
  return {
    key: `k${Math.random()}`,
    id: 'inq_x',
    kind: 'persona-inquiry',
    range: { startContainer: text, startOffset: 0, endContainer: text, endOffset: 5 },
    nodes: [text],
    link: null,
  }
}

/** An open stand-in for our layer (the real one is closed: see the layer's own test below). */
function openLayer(): MarkLayer & { attached: () => boolean; at: { x: number; y: number } } {
  const container = document.createElement('div')
  const at = { x: 0, y: 0 } // where the host is on screen (the document scrolled by -at)
  return {
    container,
    at,
    attach: () => void (container.isConnected || document.documentElement.append(container)),
    origin: () => DOMRect.fromRect(at),
    remove: () => container.remove(),
    attached: () => container.isConnected,
  }
}

function setup(overrides: Partial<MarkBoxesDeps> = {}) {
  const rects = new Map<Mark, Box[]>()
  /** Marks measured, in order. */
  const measured: Mark[] = []
  const layer = openLayer()
  const flushes: (() => void)[] = []
  let moved: (event: Event) => void = () => {}
  const changes: (() => void)[] = []
  const stop = vi.fn()
  const boxes = createMarkBoxes({
    doc: document,
    rectsOf: (mark) => (measured.push(mark), rects.get(mark) ?? []),
    elementOf: (mark) => (mark.range.startContainer as Text).parentElement,
    scheduleFlush: (flush) => void flushes.push(flush),
    makeLayer: () => layer,
    scheduleChange: (flush) => void changes.push(flush),
    followLayout: (_doc, onMove) => {
      moved = onMove
      return stop
    },
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
  return {
    boxes,
    rects,
    measured,
    layer,
    flushes,
    changes,
    runFrame,
    runChanges,
    drawn,
    show,
    stop,
    pageMoved: (scrolled?: EventTarget) => {
      // A scroll's target is what scrolled; a resize's is the window.
      const event = new Event(scrolled ? 'scroll' : 'resize')
      Object.defineProperty(event, 'target', { value: scrolled ?? window })
      moved(event)
    }, // None given: a change that may move anything (an attribute of <body>).
    pageChanged: (...records: MutationRecord[]) => boxes.changed(records.length > 0 ? records : [record('attributes', document.body)]),
  }
}

/** A mutation record as the page's observer gets it (happy-dom's are not made by hand). */
function record(type: MutationRecordType, target: Node, added: Node[] = [], removed: Node[] = []): MutationRecord {
  return { type, target, addedNodes: added as unknown as NodeList, removedNodes: removed as unknown as NodeList } as MutationRecord
}

/** Lays `el` out at `box` (happy-dom lays nothing out). */
const placeAt = (el: Element, at: Box) =>
  (el.getBoundingClientRect = () => DOMRect.fromRect({ x: at.left, y: at.top, width: at.right - at.left, height: at.bottom - at.top }))

afterEach(() => {
  vi.restoreAllMocks()
  Reflect.deleteProperty(document, 'elementFromPoint') // back to happy-dom's own
  document.body.replaceChildren()
  for (const el of document.documentElement.querySelectorAll(`${MARKS_TAG}, html > div`)) el.remove()
})

describe('createMarkBoxes', () => {
  it("should draw one box per line of each shown mark, in the next frame, and take a hidden mark's boxes out", () => {
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

  it('should measure every mark of a frame before it writes a box, so the page is laid out once for all of them', () => {
    // Reading a rect after a write lays the page out again: a frame of N marks would pay N layouts.
    const writesSeen: number[] = []
    const { show, layer, runFrame, drawn, measured } = setup({
      rectsOf: (mark) => (writesSeen.push(layer.container.children.length), measured.push(mark), [box(10 * measured.length, 20, 100, 18)]),
    })
    const p = document.body.appendChild(document.createElement('p'))
    show(p, [], [], [])
    runFrame()
    expect(measured).toHaveLength(3)
    expect(writesSeen).toEqual([0, 0, 0])
    expect(drawn()).toHaveLength(3)
  })

  it("should place each box in the document: its rect on screen less our host's, wherever the page scrolled to", () => {
    const { layer, runFrame, drawn, show } = setup()
    layer.at.x = -30 // the document scrolled 30 px right and 500 down
    layer.at.y = -500
    show(document.body.appendChild(document.createElement('p')), [box(10, 700, 100, 18)], [box(10, -40, 100, 18)])
    runFrame()
    // Beyond the viewport too (near it, about to scroll in): a scroll of the document carries them.
    expect(drawn()).toEqual(['left: 40px; top: 1200px; width: 100px; height: 18px;', 'left: 40px; top: 460px; width: 100px; height: 18px;'])
  })

  it('should clip a mark to the visible part of the pane it scrolls in (a mark scrolled out of a pane draws nothing)', () => {
    const { runFrame, drawn, show } = setup()
    const pane = document.body.appendChild(document.createElement('div'))
    pane.style.overflowY = 'auto'
    // The pane shows 100..300 vertically (a 1-px border, 198 px of content above a scroll bar).
    pane.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 99, width: 400, height: 202 })
    Object.defineProperties(pane, {
      clientLeft: { value: 1 },
      clientTop: { value: 1 },
      clientWidth: { value: 380 },
      clientHeight: { value: 200 },
    })
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

  it('should measure nothing again when the document scrolls (the boxes move with it) but the marks under a fixed or sticky element', () => {
    const { measured, layer, runFrame, drawn, flushes, pageMoved, show } = setup()
    const header = document.body.appendChild(document.createElement('header'))
    header.style.position = 'sticky'
    show(document.body.appendChild(document.createElement('p')), [box(10, 200, 100, 18)])
    const [pinned] = show(header.appendChild(document.createElement('span')), [box(10, 0, 100, 18)])
    const [inner] = show(header.appendChild(document.createElement('div')).appendChild(document.createElement('b')), [box(200, 0, 50, 18)])
    runFrame()
    measured.length = 0
    // Stuck at the top while the page scrolled 100 px under it (our host went up by as much).
    layer.at.y = -100
    pageMoved(document)
    pageMoved(document.documentElement) // the same document, scrolled by <html>
    expect(flushes).toHaveLength(1)
    runFrame()
    expect(measured).toEqual([pinned, inner])
    expect(drawn()).toEqual([
      'left: 10px; top: 200px; width: 100px; height: 18px;',
      'left: 10px; top: 100px; width: 100px; height: 18px;',
      'left: 200px; top: 100px; width: 50px; height: 18px;',
    ])
  })

  it('should hit-test again, after a document scroll, only the marks whose boxes went under a fixed or sticky element of the page, and those it hid', () => {
    const header = document.body.appendChild(document.createElement('header'))
    header.style.position = 'sticky'
    header.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 800, height: 60 })
    const title = header.appendChild(document.createElement('h1'))
    const p = document.body.appendChild(document.createElement('p'))
    // The header, stuck at the top, covers y < 60 (its title answers there); the text's own element below it.
    Object.defineProperty(document, 'elementFromPoint', { configurable: true, value: (_x: number, y: number) => (y < 60 ? title : p) })
    const { measured, rects, layer, runFrame, drawn, pageMoved, show } = setup()
    // happy-dom lays nothing out: each of our boxes is on screen where its style puts it from our host.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const [x, y, width, height] = [this.style.left, this.style.top, this.style.width, this.style.height].map(parseFloat) as [
        number,
        number,
        number,
        number,
      ]
      return DOMRect.fromRect({ x: x + layer.at.x, y: y + layer.at.y, width, height })
    })
    const [near] = show(p, [box(10, 200, 100, 18)])
    show(p, [box(10, 400, 100, 18)])
    runFrame()
    measured.length = 0
    // The page scrolled 160 px: `near`'s text is now under the header; the other's still in the open.
    layer.at.y = -160
    rects.set(near!, [box(10, 40, 100, 18)])
    pageMoved(document)
    runFrame()
    expect(measured).toEqual([near])
    expect(drawn()).toEqual(['left: 10px; top: 400px; width: 100px; height: 18px;'])
    // Back down: the hidden one is drawn again, and nothing else was measured.
    measured.length = 0
    layer.at.y = 0
    rects.set(near!, [box(10, 200, 100, 18)])
    pageMoved(document)
    runFrame()
    expect(measured).toEqual([near])
    expect(drawn()).toHaveLength(2)
  })

  it('should measure again, when a pane scrolls, only the marks inside that pane', () => {
    const { measured, rects, runFrame, drawn, pageMoved, show } = setup()
    const pane = document.body.appendChild(document.createElement('div'))
    pane.style.overflowY = 'auto'
    pane.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 800, height: 600 })
    Object.defineProperties(pane, { clientWidth: { value: 800 }, clientHeight: { value: 600 } })
    const other = document.body.appendChild(document.createElement('div'))
    other.style.overflowY = 'auto'
    const [outside] = show(document.body.appendChild(document.createElement('p')), [box(10, 20, 100, 18)])
    const [inPane] = show(pane.appendChild(document.createElement('p')).appendChild(document.createElement('span')), [
      box(10, 300, 100, 18),
    ])
    runFrame()
    measured.length = 0
    rects.set(inPane!, [box(10, 250, 100, 18)])
    pageMoved(pane)
    runFrame()
    expect(measured).toEqual([inPane])
    pageMoved(other)
    runFrame()
    expect(measured).toEqual([inPane]) // a pane holding no painted mark costs nothing
    expect(drawn()).toEqual(['left: 10px; top: 20px; width: 100px; height: 18px;', 'left: 10px; top: 250px; width: 100px; height: 18px;'])
    expect(outside).toBeDefined()
  })

  it('should measure a mark that joins the painted ones alone, and every mark again when the window resizes', () => {
    const { measured, runFrame, pageMoved, show } = setup()
    const p = document.body.appendChild(document.createElement('p'))
    const [a, b] = show(p, [box(10, 20, 100, 18)], [box(10, 40, 100, 18)])
    runFrame()
    expect(measured).toEqual([a, b])
    const [c] = show(p, [box(10, 60, 100, 18)])
    runFrame()
    expect(measured).toEqual([a, b, c])
    pageMoved() // a resize
    runFrame()
    expect(measured).toEqual([a, b, c, a, b, c])
  })

  it('should not draw a box where the page covers its text (a sticky header, a menu), and draw it again once uncovered when measured again', () => {
    const menu = document.body.appendChild(document.createElement('nav'))
    const p = document.body.appendChild(document.createElement('p'))
    const link = p.appendChild(document.createElement('a'))
    const host = document.body.appendChild(document.createElement('x-ticket'))
    const root = host.attachShadow({ mode: 'open' })
    const inComponent = root.appendChild(document.createElement('span'))
    let menuOpen = true
    const asked: [Document | ShadowRoot, number, number][] = []
    // The menu covers y < 100; below it, the text's own element, its link child or a component's span is on top.
    // (happy-dom lays nothing out, and its shadow roots have no elementFromPoint: the test answers for both.)
    for (const at of [document, root])
      Object.defineProperty(at, 'elementFromPoint', {
        configurable: true,
        value: (x: number, y: number) => {
          asked.push([at, x, y])
          if (menuOpen && y < 100) return menu
          return y < 200 ? link : y < 300 ? p : at === document ? host : inComponent
        },
      })
    const { runFrame, runChanges, drawn, show, pageChanged } = setup()
    show(p, [box(10, 40, 100, 20), box(0, 150, 40, 20)], [box(10, 250, 100, 20)])
    show(link, [box(10, 270, 100, 20)]) // p is on top of the link's text: it contains it
    show(inComponent, [box(10, 400, 100, 20)])
    runFrame()
    expect(asked[0]).toEqual([document, 60, 50]) // the box's centre, in the mark's own root
    expect(asked.at(-1)?.[0]).toBe(root)
    expect(drawn()).toEqual([
      'left: 0px; top: 150px; width: 40px; height: 20px;',
      'left: 10px; top: 250px; width: 100px; height: 20px;',
      'left: 10px; top: 270px; width: 100px; height: 20px;',
      'left: 10px; top: 400px; width: 100px; height: 20px;',
    ])
    menuOpen = false // the menu closed: a change of the page
    pageChanged()
    runChanges()
    expect(drawn()[0]).toBe('left: 10px; top: 40px; width: 100px; height: 20px;')
    expect(drawn()).toHaveLength(5)
  })

  it("should hit-test, in the frame of a mark that joins, only that mark; the marks the page's change moved are drawn at their new place and checked by the change's own flush", () => {
    const p = document.body.appendChild(document.createElement('p'))
    const menu = document.body.appendChild(document.createElement('nav'))
    let menuOpen = false // it covers 100 ≤ y < 140
    const asked: number[] = []
    Object.defineProperty(document, 'elementFromPoint', {
      configurable: true,
      value: (_x: number, y: number) => (asked.push(y), menuOpen && y >= 100 && y < 140 ? menu : p),
    })
    const { rects, runFrame, runChanges, drawn, changes, show, pageChanged } = setup()
    const [a, b] = show(p, [box(10, 20, 100, 18)], [box(10, 60, 100, 18)])
    runFrame()
    asked.length = 0
    // A reply comes in above them with a new ID, and a menu opens over the first one.
    rects.set(a!, [box(10, 120, 100, 18)])
    rects.set(b!, [box(10, 160, 100, 18)])
    menuOpen = true
    pageChanged(record('childList', document.body, [document.body.appendChild(document.createElement('article'))]))
    show(p, [box(10, 20, 100, 18)])
    runFrame()
    expect(asked).toEqual([29]) // the new mark's alone: the frame that shows it pays one hit test
    expect(drawn()).toEqual([
      'left: 10px; top: 120px; width: 100px; height: 18px;',
      'left: 10px; top: 160px; width: 100px; height: 18px;',
      'left: 10px; top: 20px; width: 100px; height: 18px;',
    ])
    expect(changes).toHaveLength(1)
    runChanges()
    expect(asked.slice(1).sort()).toEqual([129, 169])
    expect(drawn()).toEqual(['left: 10px; top: 160px; width: 100px; height: 18px;', 'left: 10px; top: 20px; width: 100px; height: 18px;'])
  })

  it('should stop measuring once the marks whose cover it owed a check are all gone, holding none of them', () => {
    const p = document.body.appendChild(document.createElement('p'))
    Object.defineProperty(document, 'elementFromPoint', { configurable: true, value: () => p })
    const { boxes, rects, runFrame, runChanges, changes, show, pageChanged } = setup()
    const [a, b] = show(p, [box(10, 20, 100, 18)], [box(10, 60, 100, 18)])
    runFrame()
    rects.set(a!, [box(10, 120, 100, 18)])
    rects.set(b!, [box(10, 160, 100, 18)])
    pageChanged(record('childList', document.body, [document.body.appendChild(document.createElement('article'))]))
    const [c] = show(p, [box(10, 20, 100, 18)])
    runFrame()
    // The reply leaves again, with every ID: nothing is painted when the change's flush comes.
    for (const mark of [a!, b!, c!]) boxes.hide(mark)
    runChanges()
    expect(changes).toHaveLength(0)
  })

  it('should hit-test every mark in the frame after a resize, whatever else changed (the page moves its fixed elements then)', () => {
    const p = document.body.appendChild(document.createElement('p'))
    const asked: number[] = []
    Object.defineProperty(document, 'elementFromPoint', { configurable: true, value: (_x: number, y: number) => (asked.push(y), p) })
    const { runFrame, show, pageChanged, pageMoved } = setup()
    show(p, [box(10, 20, 100, 18)], [box(10, 60, 100, 18)])
    runFrame()
    asked.length = 0
    pageChanged(record('childList', document.body, [document.body.appendChild(document.createElement('article'))]))
    pageMoved()
    runFrame()
    expect(asked).toEqual([29, 69])
  })

  it("should measure again after changes of the page on their own schedule, not the next frame's, once for many", () => {
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

  it("should measure nothing again after a change of text that moved no painted mark's element (a ticking clock), and only the marks of an element that moved", () => {
    const { measured, rects, runChanges, runFrame, drawn, pageChanged, show } = setup()
    const clock = document.body.appendChild(document.createElement('header'))
    clock.textContent = 'updated 1 s ago'
    const first = document.body.appendChild(document.createElement('p'))
    const second = document.body.appendChild(document.createElement('p'))
    placeAt(first, box(0, 20, 400, 18))
    placeAt(second, box(0, 60, 400, 18))
    const [a] = show(first, [box(10, 20, 100, 18)])
    const [b] = show(second, [box(10, 60, 100, 18)])
    runFrame()
    measured.length = 0
    const tick = () => {
      const old = clock.firstChild!
      clock.textContent = 'updated 2 s ago' // as a page sets it: its text node replaced
      pageChanged(record('childList', clock, [clock.firstChild!], [old]))
      runChanges()
      runFrame()
    }
    placeAt(clock, box(0, 0, 400, 18))
    tick()
    expect(measured).toEqual([])
    // The clock wrapped to two lines (its box grew): what follows it moved down.
    placeAt(clock, box(0, 0, 400, 36))
    placeAt(first, box(0, 38, 400, 18))
    placeAt(second, box(0, 78, 400, 18))
    rects.set(a!, [box(10, 38, 100, 18)])
    rects.set(b!, [box(10, 78, 100, 18)])
    tick()
    expect(measured).toEqual([a, b])
    expect(drawn()).toEqual(['left: 10px; top: 38px; width: 100px; height: 18px;', 'left: 10px; top: 78px; width: 100px; height: 18px;'])
    measured.length = 0
    tick()
    expect(measured).toEqual([])
  })

  it('should read the place of a painted element once a change of text, however many of its marks are painted', () => {
    const { measured, runChanges, runFrame, pageChanged, show } = setup()
    const clock = document.body.appendChild(document.createElement('header'))
    clock.textContent = '9:59'
    const p = document.body.appendChild(document.createElement('p'))
    let reads = 0
    p.getBoundingClientRect = () => (reads++, DOMRect.fromRect({ x: 0, y: 20, width: 400, height: 18 }))
    show(p, [box(10, 20, 100, 18)], [box(120, 20, 100, 18)], [box(230, 20, 100, 18)])
    runFrame()
    measured.length = 0
    reads = 0
    ;(clock.firstChild as Text).data = '10:00'
    pageChanged(record('characterData', clock.firstChild!))
    runChanges()
    expect(measured).toEqual([])
    expect(reads).toBe(1)
  })

  it("should read no painted element's place after a change of text that kept its element's size (a clock in a header of fixed size), once that size is known", () => {
    const { measured, runChanges, runFrame, pageChanged, show } = setup()
    const clock = document.body.appendChild(document.createElement('header'))
    clock.textContent = 'updated 1 ticks ago'
    placeAt(clock, box(0, 0, 800, 20))
    const p = document.body.appendChild(document.createElement('p'))
    let reads = 0
    p.getBoundingClientRect = () => (reads++, DOMRect.fromRect({ x: 0, y: 20, width: 400, height: 18 }))
    show(p, [box(10, 20, 100, 18)])
    runFrame()
    const tick = (n: number) => {
      ;(clock.firstChild as Text).data = `updated ${n} ticks ago`
      pageChanged(record('characterData', clock.firstChild!))
      runChanges()
    }
    tick(2) // the header's size is not known yet: every painted element is read
    reads = 0
    measured.length = 0
    for (let n = 3; n < 10; n++) tick(n)
    expect(reads).toBe(0)
    expect(measured).toEqual([])
  })

  it('should measure again the marks of an element whose own text changed (the ID moved along its line), and only those', () => {
    const { measured, rects, runFrame, runChanges, drawn, pageChanged, show } = setup()
    const p = document.body.appendChild(document.createElement('p'))
    const other = document.body.appendChild(document.createElement('p'))
    const time = p.appendChild(document.createElement('b'))
    time.textContent = '9:59'
    const [a] = show(p, [box(10, 20, 100, 18)])
    show(other, [box(10, 60, 100, 18)])
    runFrame()
    measured.length = 0
    rects.set(a!, [box(18, 20, 100, 18)])
    ;(time.firstChild as Text).data = '10:00'
    pageChanged(record('characterData', time.firstChild!))
    runChanges()
    expect(measured).toEqual([a])
    expect(drawn()[0]).toBe('left: 18px; top: 20px; width: 100px; height: 18px;')
  })

  it('should measure every mark again after elements come or go or an attribute changes (what covers a mark may have changed)', () => {
    const { measured, runFrame, runChanges, pageChanged, show } = setup()
    const p = document.body.appendChild(document.createElement('p'))
    const [a, b] = show(p, [box(10, 20, 100, 18)], [box(10, 40, 100, 18)])
    runFrame()
    measured.length = 0
    const menu = document.body.appendChild(document.createElement('nav'))
    pageChanged(record('childList', document.body, [menu]))
    runChanges()
    expect(measured).toEqual([a, b])
    pageChanged(record('attributes', menu))
    runChanges()
    expect(measured).toEqual([a, b, a, b])
  })

  it('should follow the page only from the first mark on, and stop and leave nothing when disposed', () => {
    const follow = vi.fn(() => stop)
    const stop = vi.fn()
    const { boxes, rects, runFrame, runChanges, changes, layer } = setup({ followLayout: follow })
    boxes.changed([record('attributes', document.body)])
    expect(changes).toHaveLength(0) // nothing drawn: a page without IDs pays no timer for its changes
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
    boxes.changed([record('childList', document, [document.createElement('html')])])
    expect(layer.attached()).toBe(true)
    boxes.dispose()
    expect(stop).toHaveBeenCalledTimes(1)
    expect(layer.attached()).toBe(false)
  })
})

describe('followLayout', () => {
  it('should report scrolls of inner panes (captured on the document) and resizes as moves, and nothing after its stop', () => {
    const moved = vi.fn()
    const pane = document.body.appendChild(document.createElement('div'))
    const stop = followLayout(document, moved)
    pane.dispatchEvent(new Event('scroll')) // scroll events on elements do not bubble
    window.dispatchEvent(new Event('resize'))
    expect(moved).toHaveBeenCalledTimes(2)
    stop()
    pane.dispatchEvent(new Event('scroll'))
    expect(moved).toHaveBeenCalledTimes(2)
  })
})

describe('createMarkLayer', () => {
  it('should show the page one empty host with a closed shadow root, the same however many boxes it holds', () => {
    const layer = createMarkLayer(document)
    layer.attach()
    const host = document.querySelector(MARKS_TAG)!
    const seen = () => ({ html: host.outerHTML, shadow: host.shadowRoot, attrs: host.attributes.length, children: host.childNodes.length })
    const empty = seen()
    // Its one attribute makes it a popover, for the top layer (ui-host.ts).
    expect(empty).toEqual({ html: `<${MARKS_TAG} popover="manual"></${MARKS_TAG}>`, shadow: null, attrs: 1, children: 0 })
    for (let i = 0; i < 5; i++) layer.container.append(document.createElement('b'))
    expect(seen()).toEqual(empty)
    layer.remove()
    expect(document.querySelector(MARKS_TAG)).toBeNull()
  })
})
