import type { Mark } from './mark-store.ts'

type ObserverLike = { observe(el: Element): void; unobserve(el: Element): void; disconnect(): void }
type Entry = { target: Element; isIntersecting: boolean }

export type NearViewportDeps = {
  /** Marks whose text came within a screen of the viewport: worth a lookup now. */
  onNear: (marks: Mark[]) => void
  makeObserver?: (callback: (entries: Entry[]) => void) => ObserverLike
}

/** A screen above and below: by the time the agent scrolls there, the colours are in. */
const ROOT_MARGIN = '100% 0px 100% 0px'

const elementOf = (mark: Mark): Element | null =>
  mark.link ?? (mark.range.startContainer.nodeType === 1 ? (mark.range.startContainer as Element) : mark.range.startContainer.parentElement)

/**
 * Tells when marks come near the viewport, so only IDs the agent can see are looked up (a page
 * listing hundreds of IDs must not spend everyone's vendor quota). Uses IntersectionObserver on
 * the elements around the marks: no layout reads of ours, and nothing runs while nothing scrolls.
 * Each element is reported once; marks added to it later are observed again.
 * A mark keeps the element it was added under: by the time it is removed its text node may be
 * detached (no parent left to find), and the element and the mark must still be let go.
 */
export function createNearViewport(deps: NearViewportDeps) {
  const waiting = new Map<Element, Set<Mark>>()
  /** The element each waiting mark was observed under, from when it was added. */
  const elementOfWaiting = new Map<Mark, Element>()
  const callback = (entries: Entry[]) => {
    const near: Mark[] = []
    for (const entry of entries) {
      if (!entry.isIntersecting) continue
      const marks = waiting.get(entry.target)
      waiting.delete(entry.target)
      observer?.unobserve(entry.target)
      if (marks) {
        for (const mark of marks) elementOfWaiting.delete(mark)
        near.push(...marks)
      }
    }
    if (near.length > 0) deps.onNear(near)
  }
  const makeObserver =
    deps.makeObserver ??
    (typeof IntersectionObserver === 'function'
      ? (cb: (entries: Entry[]) => void) => new IntersectionObserver(cb, { rootMargin: ROOT_MARGIN })
      : null)
  const observer = makeObserver ? makeObserver(callback) : null

  return {
    add(mark: Mark): void {
      const el = elementOf(mark)
      // Without IntersectionObserver every mark counts as near.
      if (!el || !observer) return deps.onNear([mark])
      let marks = waiting.get(el)
      if (!marks) {
        waiting.set(el, (marks = new Set()))
        observer.observe(el)
      }
      marks.add(mark)
      elementOfWaiting.set(mark, el)
    },
    remove(mark: Mark): void {
      const el = elementOfWaiting.get(mark)
      if (!el) return
      elementOfWaiting.delete(mark)
      const marks = waiting.get(el)
      if (!marks) return
      marks.delete(mark)
      if (marks.size === 0) {
        waiting.delete(el)
        observer?.unobserve(el)
      }
    },
    /** Marks still waiting to come near (tests, leak checks). */
    get waiting(): number {
      return elementOfWaiting.size
    },
    disconnect(): void {
      observer?.disconnect()
      waiting.clear()
      elementOfWaiting.clear()
    },
  }
}
