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
 */
export function createNearViewport(deps: NearViewportDeps) {
  const waiting = new Map<Element, Set<Mark>>()
  const callback = (entries: Entry[]) => {
    const near: Mark[] = []
    for (const entry of entries) {
      if (!entry.isIntersecting) continue
      const marks = waiting.get(entry.target)
      waiting.delete(entry.target)
      observer?.unobserve(entry.target)
      if (marks) near.push(...marks)
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
    },
    remove(mark: Mark): void {
      const el = elementOf(mark)
      const marks = el && waiting.get(el)
      if (!el || !marks) return
      marks.delete(mark)
      if (marks.size === 0) {
        waiting.delete(el)
        observer?.unobserve(el)
      }
    },
    disconnect(): void {
      observer?.disconnect()
      waiting.clear()
    },
  }
}
