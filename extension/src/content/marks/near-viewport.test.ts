// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import type { Mark } from './mark-store.ts'
import { createNearViewport, windowAround } from './near-viewport.ts'

function setup(showAtOnce: number | (() => number) = 0) {
  let callback: (entries: { target: Element; isIntersecting: boolean }[]) => void = () => {}
  const observed = new Set<Element>()
  const onNear = vi.fn()
  const shown = new Set<Mark>()
  const near = createNearViewport({
    onNear,
    onShow: (marks: Mark[]) => marks.forEach((m) => shown.add(m)),
    onHide: (marks: Mark[]) => marks.forEach((m) => shown.delete(m)),
    showAtOnce: typeof showAtOnce === 'function' ? showAtOnce : () => showAtOnce,
    makeObserver: (cb) => {
      callback = cb
      return { observe: (el) => observed.add(el), unobserve: (el) => observed.delete(el), disconnect: () => observed.clear() }
    },
  })
  return { near, onNear, observed, shown, fire: (el: Element, isIntersecting = true) => callback([{ target: el, isIntersecting }]) }
}

function markIn(el: Element): Mark {
  const text = el.appendChild(document.createTextNode('x'))
  return {
    key: 'k',
    id: 'k',
    kind: 'persona-inquiry',
    range: { startContainer: text, startOffset: 0, endContainer: text, endOffset: 1 },
    nodes: [text],
    link: null,
  }
}

describe('createNearViewport', () => {
  it('should tell marks painted before they are measured apart from marks near, and list the marks near now', () => {
    let callback: (entries: { target: Element; isIntersecting: boolean }[]) => void = () => {}
    const onShow = vi.fn()
    const onShowEarly = vi.fn()
    const near = createNearViewport({
      onNear: () => {},
      onShow,
      onShowEarly,
      onHide: () => {},
      showAtOnce: () => 10,
      makeObserver: (cb) => {
        callback = cb
        return { observe: () => {}, unobserve: () => {}, disconnect: () => {} }
      },
    })
    const [p, q] = [document.createElement('p'), document.createElement('p')]
    const [a, b] = [markIn(p), markIn(q)]
    near.add(a)
    near.add(b)
    expect(onShowEarly.mock.calls).toEqual([[[a]], [[b]]])
    expect(onShow).not.toHaveBeenCalled()
    expect(near.near()).toEqual([])
    callback([
      { target: p, isIntersecting: true },
      { target: q, isIntersecting: false },
    ])
    expect(onShow).toHaveBeenCalledWith([a])
    expect(near.near()).toEqual([a])
  })

  it("should report an element's marks for lookup once, the first time it comes near the viewport", () => {
    const { near, onNear, observed, fire } = setup()
    const p = document.createElement('p')
    const [a, b] = [markIn(p), markIn(p)]
    near.add(a)
    near.add(b)
    expect(observed.size).toBe(1)
    fire(p, false)
    expect(onNear).not.toHaveBeenCalled()
    expect(near.waiting).toBe(2)
    fire(p)
    expect(onNear).toHaveBeenCalledWith([a, b])
    expect(near.waiting).toBe(0)
    fire(p, false)
    fire(p)
    expect(onNear).toHaveBeenCalledTimes(1)
    // A mark added to an element already near is looked up at once, without waiting for the observer.
    const c = markIn(p)
    near.add(c)
    expect(onNear).toHaveBeenLastCalledWith([c])
  })

  it('should paint only the marks near the viewport, following them as the page scrolls', () => {
    const { near, shown, fire } = setup()
    const [p, q] = [document.createElement('p'), document.createElement('p')]
    const [a, b] = [markIn(p), markIn(q)]
    near.add(a)
    near.add(b)
    expect(shown.size).toBe(0)
    fire(p)
    expect([...shown]).toEqual([a])
    fire(p, false)
    fire(q)
    expect([...shown]).toEqual([b])
    // A mark added to an element known near is painted at once; one known far is not.
    const [c, d] = [markIn(q), markIn(p)]
    near.add(c)
    near.add(d)
    expect([...shown]).toEqual([b, c])
  })

  it('should paint a few new marks at once (a reply while the agent reads), and take them out if they are far', () => {
    const { near, shown, fire } = setup(2)
    const [p, q] = [document.createElement('p'), document.createElement('p')]
    const [a, b, c] = [markIn(p), markIn(p), markIn(q)]
    near.add(a)
    near.add(b)
    // Past the bound, marks wait for the observer (a first scan of thousands paints none of them blind).
    near.add(c)
    expect([...shown]).toEqual([a, b])
    fire(p, false)
    expect(shown.size).toBe(0)
    // Measured: room again for a new one.
    const d = markIn(document.createElement('p'))
    near.add(d)
    expect([...shown]).toEqual([d])
  })

  it("should paint none at once while the bound is none (a page's first pass), and new ones once it allows", () => {
    let bound = 0
    const { near, shown, fire } = setup(() => bound)
    const p = document.createElement('p')
    const first = markIn(p)
    near.add(first)
    expect(shown.size).toBe(0)
    // The observer measures it: painted then, as any mark near the viewport.
    fire(p)
    expect([...shown]).toEqual([first])
    bound = 1
    const reply = markIn(document.createElement('p'))
    near.add(reply)
    expect([...shown]).toEqual([first, reply])
  })

  it('should stop watching an element whose marks are all gone', () => {
    const { near, observed } = setup()
    const p = document.createElement('p')
    const a = markIn(p)
    near.add(a)
    near.remove(a)
    expect(observed.size).toBe(0)
  })

  it("should let go of a mark and its element after the mark's text left the page", () => {
    const { near, observed } = setup()
    const p = document.body.appendChild(document.createElement('p'))
    const a = markIn(p)
    near.add(a)
    // The page re-renders: the text node is detached, so it has no parent to find the element by.
    a.nodes[0]!.parentNode!.removeChild(a.nodes[0]!)
    near.remove(a)
    expect(observed.size).toBe(0)
    expect(near.waiting).toBe(0)
  })

  it('should observe only the elements around what the viewport shows on a page with many, following the scroll', () => {
    let callback: (entries: { target: Element; isIntersecting: boolean }[]) => void = () => {}
    const observed = new Set<Element>()
    const shown = new Set<Mark>()
    let underViewport: Element[] = []
    let moved = () => {}
    const near = createNearViewport({
      onNear: () => {},
      onShow: (marks) => marks.forEach((m) => shown.add(m)),
      onHide: (marks) => marks.forEach((m) => shown.delete(m)),
      observeAtMost: 4,
      windowAround: 1,
      probe: () => underViewport,
      followViewport: (run) => ((moved = run), () => {}),
      makeObserver: (cb) => {
        callback = cb
        return { observe: (el) => observed.add(el), unobserve: (el) => observed.delete(el), disconnect: () => observed.clear() }
      },
    })
    const main = document.body.appendChild(document.createElement('main'))
    const ps = Array.from({ length: 10 }, () => main.appendChild(document.createElement('p')))
    const marks = ps.map(markIn)
    // Added in document order, the way the first scan finds them; then one inserted near the top.
    marks.slice(1).forEach((m) => near.add(m))
    near.add(marks[0]!)
    expect(near.watched).toBe(10)
    // Past the bound, only the first few stay observed until the viewport is known (the one inserted
    // at the top, beside them, too).
    expect([...observed]).toEqual(expect.arrayContaining([ps[0], ps[1]]))
    expect(observed.size).toBeLessThanOrEqual(5)
    // The viewport shows the seventh paragraph: it and its neighbours are observed, nothing else.
    underViewport = [ps[6]!, main]
    moved()
    expect([...observed]).toEqual(expect.arrayContaining([ps[5], ps[6], ps[7]]))
    expect(observed.size).toBe(3)
    callback([{ target: ps[6]!, isIntersecting: true }])
    expect([...shown]).toEqual([marks[6]])
    // Scrolled on: the element left behind is no longer observed, and its mark no longer painted.
    underViewport = [ps[9]!]
    moved()
    expect([...observed]).toEqual(expect.arrayContaining([ps[8], ps[9]]))
    expect(observed.has(ps[6]!)).toBe(false)
    expect(shown.size).toBe(0)
    // Marks leaving the page leave the order too; a new one beside the observed ones is observed.
    near.remove(marks[8]!)
    const extra = main.appendChild(document.createElement('p'))
    const extraMark = markIn(extra)
    near.add(extraMark)
    expect(observed.has(extra)).toBe(true)
    // The page empties (a single-page app's next ticket): what is left, and what comes, is observed.
    ;[...marks, extraMark].forEach((m) => near.remove(m))
    expect(observed.size).toBe(0)
    const next = markIn(document.body.appendChild(document.createElement('p')))
    near.add(next)
    expect(observed.has(next.nodes[0]!.parentElement!)).toBe(true)
    next.nodes[0]!.parentElement!.remove()
    main.remove()
  })
})

describe('windowAround', () => {
  it('should merge the ranges around the elements under the viewport, and change nothing while they stay well inside', () => {
    const main = document.body.appendChild(document.createElement('main'))
    const ps = Array.from({ length: 20 }, () => main.appendChild(document.createElement('p')))
    // Two hits close together share one range; a far one has its own.
    expect(windowAround(ps, [ps[15]!, ps[3]!, ps[5]!], [], 2)).toEqual([
      [1, 7],
      [13, 17],
    ])
    // Each hit still at least half of `around` from the ends of its range: nothing to change.
    expect(windowAround(ps, [ps[4]!], [[1, 7]], 2)).toBeNull()
    expect(windowAround(ps, [ps[7]!], [[1, 7]], 2)).toEqual([[5, 9]])
    // A hit that holds too many to say (<main>) tells nothing.
    expect(windowAround(ps, [main], [], 2)).toBeNull()
    main.remove()
  })
})
