import type { Mark } from './mark-store.ts'

type ObserverLike = { observe(el: Element): void; unobserve(el: Element): void; disconnect(): void }
type Entry = { target: Element; isIntersecting: boolean }

export type NearViewportDeps = {
  /** Marks whose text came near the viewport (within `rootMargin`) for the first time: worth a lookup now. */
  onNear: (marks: Mark[]) => void
  /** Marks that came near the viewport: to be painted. */
  onShow?: (marks: Mark[]) => void
  /** Marks that went further away than `rootMargin`: no longer painted. */
  onHide?: (marks: Mark[]) => void
  /**
   * How many marks on elements not measured yet may be painted at once (hidden again if the observer
   * then finds them far; default none): a reply that arrives while the agent reads is marked before
   * the browser's next frame instead of a task after it. Bounded, so a page's first scan (its marks
   * mostly far) paints only its first few at once.
   */
  showAtOnce?: number
  /** How far around the viewport counts as near (IntersectionObserver's rootMargin). */
  rootMargin?: string
  makeObserver?: (callback: (entries: Entry[]) => void, rootMargin: string) => ObserverLike
}

/** A screen above and below (the default, for lookups alone). */
export const LOOKUP_MARGIN = '100% 0px 100% 0px'
/**
 * A quarter screen above and below: marks are painted (and looked up) just before they scroll in.
 * Each painted mark costs the page a repaint on every DOM change (see above), so the margin is kept small.
 */
export const PAINT_MARGIN = '25% 0px 25% 0px'

const elementOf = (mark: Mark): Element | null =>
  mark.link ?? (mark.range.startContainer.nodeType === 1 ? (mark.range.startContainer as Element) : mark.range.startContainer.parentElement)

/**
 * The marks under one observed element, whether it is near the viewport now (null: not measured
 * yet), and how many of its marks were painted before it was measured.
 */
type Watched = { marks: Set<Mark>; near: boolean | null; early: number }

/**
 * Tells when marks come near the viewport and when they leave it, with an IntersectionObserver on
 * the elements around the marks: no layout reads of ours, and nothing runs while nothing scrolls.
 * - Lookups (`onNear`): only IDs the agent can see are looked up (a page listing hundreds of IDs
 *   must not spend everyone's vendor quota); each mark is reported near once, and an element that
 *   was near is not watched any more.
 * - Painting (`onShow`/`onHide`): only marks near the viewport are in the highlight. Chrome rebuilds
 *   every highlight range's paint markers after any DOM change of the page and repaints their text,
 *   so a busy page with thousands of marks would pay for all of them on every tick; with the
 *   viewport's worth it pays for a few dozen. Elements are watched while they hold marks.
 * The content script makes one for both, with the painting margin: Chrome's work on every frame of
 * a scroll grows with the elements observed, and a mark's status shows only in the card and list
 * (asked for again when the agent hovers), so lookups need no head start of their own. A mark keeps the element it was added under: by
 * the time it is removed its text node may be detached (no parent left to find), and the element
 * and the mark must still be let go.
 */
export function createNearViewport(deps: NearViewportDeps) {
  const watched = new Map<Element, Watched>()
  const elementOfMark = new Map<Mark, Element>()
  /** Marks never near yet (not looked up on their own account). */
  let waiting = 0
  /** Marks painted before their element was measured. */
  let early = 0
  const measured = (w: Watched) => {
    early -= w.early
    w.early = 0
  }
  const callback = (entries: Entry[]) => {
    const near: Mark[] = []
    const shown: Mark[] = []
    const hidden: Mark[] = []
    for (const entry of entries) {
      const w = watched.get(entry.target)
      if (!w || w.near === entry.isIntersecting) continue
      w.near = entry.isIntersecting
      measured(w)
      if (w.near) {
        shown.push(...w.marks)
        for (const mark of w.marks) if (firstTimeNear(mark)) near.push(mark)
        if (!follows) observer?.unobserve(entry.target)
      } else hidden.push(...w.marks)
    }
    if (hidden.length > 0) deps.onHide?.(hidden)
    if (shown.length > 0) deps.onShow?.(shown)
    if (near.length > 0) deps.onNear(near)
  }
  /** Marks that have been near at least once. */
  const seenNear = new WeakSet<Mark>()
  function firstTimeNear(mark: Mark): boolean {
    if (seenNear.has(mark)) return false
    seenNear.add(mark)
    waiting--
    return true
  }
  const makeObserver =
    deps.makeObserver ??
    (typeof IntersectionObserver === 'function'
      ? (cb: (entries: Entry[]) => void, rootMargin: string) => new IntersectionObserver(cb, { rootMargin })
      : null)
  const observer = makeObserver ? makeObserver(callback, deps.rootMargin ?? LOOKUP_MARGIN) : null
  /** Lookups only: an element that was near has nothing more to tell. */
  const follows = deps.onShow !== undefined || deps.onHide !== undefined

  return {
    add(mark: Mark): void {
      const el = elementOf(mark)
      // Without IntersectionObserver every mark counts as near.
      if (!el || !observer) {
        deps.onShow?.([mark])
        return deps.onNear([mark])
      }
      let w = watched.get(el)
      if (!w) {
        watched.set(el, (w = { marks: new Set(), near: null, early: 0 }))
        observer.observe(el)
      }
      w.marks.add(mark)
      elementOfMark.set(mark, el)
      waiting++
      // Added to an element already near: painted and looked up now, no need to wait for the observer.
      if (w.near === true) {
        deps.onShow?.([mark])
        if (firstTimeNear(mark)) deps.onNear([mark])
      } else if (w.near === null && early < (deps.showAtOnce ?? 0)) {
        w.early++
        early++
        deps.onShow?.([mark])
      }
    },
    remove(mark: Mark): void {
      const el = elementOfMark.get(mark)
      if (!el) return
      elementOfMark.delete(mark)
      if (!seenNear.has(mark)) waiting--
      const w = watched.get(el)
      if (!w) return
      w.marks.delete(mark)
      if (w.marks.size === 0) {
        measured(w)
        watched.delete(el)
        observer?.unobserve(el)
      }
    },
    /** Marks never near the viewport yet (tests, leak checks). */
    get waiting(): number {
      return waiting
    },
    /** Elements observed (leak checks: flat on a page that re-renders). */
    get watched(): number {
      return watched.size
    },
    disconnect(): void {
      observer?.disconnect()
      watched.clear()
      elementOfMark.clear()
      waiting = 0
      early = 0
    },
  }
}
