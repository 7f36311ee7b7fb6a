// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import type { Mark } from './mark-store.ts'
import { createNearViewport } from './near-viewport.ts'

function setup() {
  let callback: (entries: { target: Element; isIntersecting: boolean }[]) => void = () => {}
  const observed = new Set<Element>()
  const onNear = vi.fn()
  const near = createNearViewport({
    onNear,
    makeObserver: (cb) => {
      callback = cb
      return { observe: (el) => observed.add(el), unobserve: (el) => observed.delete(el), disconnect: () => observed.clear() }
    },
  })
  return { near, onNear, observed, fire: (el: Element, isIntersecting = true) => callback([{ target: el, isIntersecting }]) }
}

function markIn(el: Element): Mark {
  const text = el.appendChild(document.createTextNode('x'))
  return { key: 'k', id: 'k', kind: 'persona-inquiry', range: { startContainer: text, startOffset: 0, endContainer: text, endOffset: 1 }, nodes: [text], link: null }
}

describe('createNearViewport', () => {
  it('should report an element\'s marks once it comes near the viewport, then stop watching it', () => {
    const { near, onNear, observed, fire } = setup()
    const p = document.createElement('p')
    const [a, b] = [markIn(p), markIn(p)]
    near.add(a)
    near.add(b)
    expect(observed.size).toBe(1)
    fire(p, false)
    expect(onNear).not.toHaveBeenCalled()
    fire(p)
    expect(onNear).toHaveBeenCalledWith([a, b])
    expect(observed.size).toBe(0)
  })

  it('should stop watching an element whose marks are all gone', () => {
    const { near, observed } = setup()
    const p = document.createElement('p')
    const a = markIn(p)
    near.add(a)
    near.remove(a)
    expect(observed.size).toBe(0)
  })

  it('should let go of a mark and its element after the mark\'s text left the page', () => {
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
})
