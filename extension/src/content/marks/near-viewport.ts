import type { Mark } from './mark-store.ts'

type ObserverLike = { observe(el: Element): void; unobserve(el: Element): void; disconnect(): void }
type Entry = { target: Element; isIntersecting: boolean }

export type NearViewportDeps = {
  /** Marks whose text came near the viewport (within `rootMargin`) for the first time: worth a lookup now. */
  onNear: (marks: Mark[]) => void
  /** Marks that came near the viewport: to be painted. */
  onShow: (marks: Mark[]) => void
  /** Marks painted before they are measured (see showAtOnce): not known to be near yet. Default onShow. */
  onShowEarly?: (marks: Mark[]) => void
  /** Marks that went further away than `rootMargin`: no longer painted. */
  onHide: (marks: Mark[]) => void
  /**
   * How many marks on elements not measured yet may be painted at once, as of now (hidden again if
   * the observer then finds them far; default none): a reply that arrives while the agent reads is
   * marked before the browser's next frame instead of a task after it. Bounded, so a burst of new
   * text (its marks mostly far) paints only its first few at once.
   */
  showAtOnce?: () => number
  /** How far around the viewport counts as near (IntersectionObserver's rootMargin; default PAINT_MARGIN). */
  rootMargin?: string
  makeObserver?: (callback: (entries: Entry[]) => void, rootMargin: string) => ObserverLike
  /**
   * While the document holds at most this many watched elements all are observed; past
   * it, only those around what the viewport shows (see createNearViewport). Default OBSERVE_AT_MOST.
   */
  observeAtMost?: number
  /** Elements observed on each side, in document order, of each element under the viewport. Default WINDOW_AROUND. */
  windowAround?: number
  /** The page's elements under a few points of the viewport (default: a 3×3 grid, elementFromPoint). */
  probe?: () => Element[]
  /** Runs `moved` (in a frame, at most every PROBE_EVERY_MS) when the viewport may show other elements: scrolls, resizes. Returns a stop. */
  followViewport?: (moved: () => void) => () => void
}

/**
 * A quarter screen above and below: marks are painted (and looked up) just before they scroll in.
 * Each painted mark is measured again after every scroll and change of the page (see above), so the margin is kept small.
 */
export const PAINT_MARGIN = '25% 0px 25% 0px'

/**
 * Chrome recomputes every observed element's intersection on every frame that scrolls or lays out, which
 * becomes most of a long page's scrolling work, so a page with more marked elements than this observes
 * only a window of them.
 */
export const OBSERVE_AT_MOST = 200
/**
 * Enough on each side for a tall viewport of one-line rows (a table of IDs) with the painting margin:
 * 1,600 px of 20 px rows is 80, and the probes at its top, middle and bottom each reach 80 further.
 */
export const WINDOW_AROUND = 80

/**
 * The elements under a 3×3 grid of points of the viewport (our own UI lets the pointer through): its
 * centre, and its edges and corners 32 px in, where a page pins its headers, side bars and chat
 * buttons (mark-boxes.ts looks for those there).
 */
export function probeViewport(): Element[] {
  const hits: Element[] = []
  for (const x of [0, 0.5, 1])
    for (const y of [0, 0.5, 1]) {
      const hit = document.elementFromPoint(32 + x * (innerWidth - 64), 32 + y * (innerHeight - 64))
      if (hit) hits.push(hit)
    }
  return hits
}

/**
 * How often, at most, the viewport is probed while it scrolls: hit-testing a big page is costly, and the
 * window reaches far enough that a scroll needs seconds to cross half of it.
 */
const PROBE_EVERY_MS = 100

/** Scrolls anywhere (scrolling containers too: scroll events reach a capturing listener) and resizes, in a frame, at most every PROBE_EVERY_MS, the last one always. */
function followScrolls(moved: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let last = -Infinity
  const run = () =>
    requestAnimationFrame(() => {
      timer = null
      last = performance.now()
      moved()
    })
  const onMove = () => {
    if (timer !== null) return
    timer = setTimeout(run, Math.max(0, last + PROBE_EVERY_MS - performance.now()))
  }
  const options = { capture: true, passive: true }
  addEventListener('scroll', onMove, options)
  addEventListener('resize', onMove, options)
  return () => {
    if (timer !== null) clearTimeout(timer)
    removeEventListener('scroll', onMove, options)
    removeEventListener('resize', onMove, options)
  }
}

const FOLLOWING = 4
/** Whether `a` comes before `b` in document order (an ancestor before what it contains). */
const precedes = (a: Node, b: Node) => (a.compareDocumentPosition(b) & FOLLOWING) !== 0

/** The first index of `order` whose element does not come before `node`. */
function lowerBound(order: readonly Element[], node: Node): number {
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (precedes(order[mid]!, node)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The index ranges of `order` to observe for the elements under the viewport (`hits`): `around` on
 * each side of each, merged where they touch. Null when there is nothing to change: no hit tells
 * where the viewport is, or each is still well inside the `observed` ranges.
 */
export function windowAround(
  order: readonly Element[],
  hits: Element[],
  observed: [number, number][],
  around: number,
): [number, number][] | null {
  const last = order.length - 1
  // The index of the watched element at or after each hit; none for a hit that holds too many to say (<main>, <body>).
  const at = hits.flatMap((hit) => {
    if (last < 0) return []
    const i = Math.min(lowerBound(order, hit), last)
    const far = order[Math.min(i + around, last)]!
    return hit.contains(order[i]!) && hit.contains(far) && far !== order[i] ? [] : [i]
  })
  if (at.length === 0) return null
  // Still well inside the window: nothing to change.
  if (at.every((i) => observed.some(([lo, hi]) => (lo === 0 || i - lo >= around / 2) && (hi === last || hi - i >= around / 2)))) return null
  const ranges: [number, number][] = []
  for (const i of at.sort((a, b) => a - b)) {
    const lo = Math.max(0, i - around)
    const hi = Math.min(last, i + around)
    const prev = ranges.at(-1)
    if (prev && lo <= prev[1] + 1) prev[1] = Math.max(prev[1], hi)
    else ranges.push([lo, hi])
  }
  return ranges
}

/**
 * The document's watched elements in document order, and which of them are observed: all of them
 * up to `atMost`, past that `around` on each side of each element under the viewport, moved as it
 * scrolls. An element not observed is never near, so nothing far is painted or looked up because of
 * the window; one just outside it is, once the viewport moves there. Elements in shadow trees are
 * not ordered here (document order does not reach across them): they are always observed.
 */
function createObservedWindow(deps: NearViewportDeps, observe: (el: Element) => void, unobserve: (el: Element) => void) {
  const atMost = deps.observeAtMost ?? OBSERVE_AT_MOST
  const around = deps.windowAround ?? WINDOW_AROUND
  const probe = deps.probe ?? probeViewport
  let order: Element[] = []
  /** Ordered elements gone since the order was last compacted (they may be detached, so they cannot be compared). */
  const gone = new Set<Element>()
  /** The elements in `order` (by identity, for ones the page has detached since). */
  const ordered = new Set<Element>()
  const [observed, show, drop] = createObserved(observe, unobserve)
  let windowed = false
  /** The index ranges observed, as of the last move. */
  let ranges: [number, number][] = []
  function move(): void {
    if (!windowed) return
    order = compacted(order, gone, ordered)
    const next = windowAround(order, probe(), ranges, around)
    if (!next) return
    ranges = next
    const wanted = new Set<Element>()
    for (const [lo, hi] of next) for (let i = lo; i <= hi; i++) wanted.add(order[i]!)
    for (const el of [...observed]) if (!wanted.has(el)) drop(el)
    for (const el of wanted) show(el)
  }
  return {
    /** Whether `el` is observed now (an entry the observer queued before we let go of it says nothing). */
    observes: (el: Element) => !ordered.has(el) || observed.has(el),
    move,
    add(el: Element): void {
      if (el.getRootNode() !== el.ownerDocument) return observe(el)
      order = compacted(order, gone, ordered)
      const at = insertInOrder(order, el)
      ordered.add(el)
      if (!windowed) {
        show(el)
        if (order.length > atMost) {
          windowed = true
          // Until the viewport is probed (in a frame: probing lays the page out), the first `atMost` stay observed.
          for (let i = atMost; i < order.length; i++) drop(order[i]!)
          ranges = [[0, atMost - 1]]
          if (typeof requestAnimationFrame === 'function') requestAnimationFrame(move)
        }
        return
      }
      // Inserted beside an observed element: inside the window.
      if (observed.has(order[at - 1]!) || observed.has(order[at + 1]!)) show(el)
    },
    remove(el: Element): void {
      if (!ordered.has(el)) return unobserve(el)
      drop(el)
      gone.add(el)
      // Down to half the bound (a single-page app's next ticket starts from none): all observed again.
      if (windowed && ordered.size - gone.size <= atMost / 2) {
        windowed = false
        order = compacted(order, gone, ordered)
        order.forEach(show)
      }
    },
  }
}

/** The elements observed now, and how one joins them (observed once) and leaves them (unobserved once). */
function createObserved(observe: (el: Element) => void, unobserve: (el: Element) => void) {
  const observed = new Set<Element>()
  const show = (el: Element) => {
    if (observed.has(el)) return
    observed.add(el)
    observe(el)
  }
  const drop = (el: Element) => {
    if (observed.delete(el)) unobserve(el)
  }
  return [observed, show, drop] as const
}

/** `order` without the elements `gone` since it was last compacted, which leave `ordered` too. */
function compacted(order: Element[], gone: Set<Element>, ordered: Set<Element>): Element[] {
  if (gone.size === 0) return order
  const kept = order.filter((el) => !gone.has(el))
  for (const el of gone) ordered.delete(el)
  gone.clear()
  return kept
}

/** Puts `el` in its place in `order` (document order) and returns its index: at the end in the common case (the scan goes in reading order). */
function insertInOrder(order: Element[], el: Element): number {
  const last = order.at(-1)
  const at = !last || precedes(last, el) ? order.length : lowerBound(order, el)
  order.splice(at, 0, el)
  return at
}

/** The element a mark sits in (a link's mark: the link): what is observed, and what clips its boxes. */
export const elementOf = (mark: Mark): Element | null =>
  mark.link ?? (mark.range.startContainer.nodeType === 1 ? (mark.range.startContainer as Element) : mark.range.startContainer.parentElement)

/**
 * The marks under one observed element, whether it is near the viewport now (null: not measured
 * yet), and how many of its marks were painted before it was measured.
 */
type Watched = { marks: Set<Mark>; near: boolean | null; early: number }

/**
 * Tells when marks come near the viewport and leave it, with an IntersectionObserver on the elements
 * around the marks: no layout reads of ours, and nothing runs while nothing scrolls. Lookups (`onNear`,
 * once per mark) go only to IDs the agent can see, so a page listing hundreds of IDs does not spend the
 * team's vendor quota; painting (`onShow`/`onHide`) only near the viewport, since painted marks are
 * measured again after every scroll and change. One observer serves both, since each observed element
 * costs every scrolled frame. A mark keeps its element: its text node may be detached when it goes.
 */
export function createNearViewport(deps: NearViewportDeps) {
  const watched = new Map<Element, Watched>()
  const elementOfMark = new Map<Mark, Element>()
  const [seenNear, firstTimeNear, paintEarly, measured] = createNearTally(deps.showAtOnce)
  const elements = createElementObserver(deps, watched, measured, firstTimeNear)
  return {
    add(mark: Mark): void {
      const el = elementOf(mark)
      // Without IntersectionObserver every mark counts as near.
      if (!el || !elements) {
        deps.onShow([mark])
        return deps.onNear([mark])
      }
      let w = watched.get(el)
      if (!w) {
        watched.set(el, (w = { marks: new Set(), near: null, early: 0 }))
        elements.observing.add(el)
      }
      w.marks.add(mark)
      elementOfMark.set(mark, el)
      // Added to an element already near: painted and looked up now, no need to wait for the observer.
      if (w.near === true) {
        deps.onShow([mark])
        if (firstTimeNear(mark)) deps.onNear([mark])
      } else if (w.near === null && elements.observing.observes(el) && paintEarly(w)) (deps.onShowEarly ?? deps.onShow)([mark])
    },
    remove(mark: Mark): void {
      const el = elementOfMark.get(mark)
      if (!el) return
      elementOfMark.delete(mark)
      const w = watched.get(el)
      if (!w) return
      w.marks.delete(mark)
      if (w.marks.size === 0) {
        measured(w)
        watched.delete(el)
        elements?.observing.remove(el)
      }
    },
    /** The marks near the viewport now (as the observer last measured them). */
    near: (): Mark[] => [...watched.values()].flatMap((w) => (w.near ? [...w.marks] : [])),
    /** Marks never near the viewport yet, not looked up on their own account (tests, leak checks). */
    get waiting(): number {
      return [...elementOfMark.keys()].filter((mark) => !seenNear.has(mark)).length
    },
    /** Elements observed (leak checks: flat on a page that re-renders). */
    get watched(): number {
      return watched.size
    },
    disconnect(): void {
      elements?.stopFollowing()
      elements?.observer.disconnect()
      for (const w of watched.values()) measured(w)
      watched.clear()
      elementOfMark.clear()
    },
  }
}

/**
 * The marks that have been near at least once (`firstTimeNear` adds one, true the first time), and
 * those painted before their element was measured, at most `showAtOnce()` at a time: `paintEarly`
 * counts one of `w`'s in if there is room; `measured` lets go of `w`'s once the observer measured its
 * element (or let go of it).
 */
function createNearTally(showAtOnce?: () => number) {
  const seenNear = new WeakSet<Mark>()
  let early = 0
  const firstTimeNear = (mark: Mark): boolean => {
    if (seenNear.has(mark)) return false
    seenNear.add(mark)
    return true
  }
  const paintEarly = (w: Watched): boolean => {
    if (early >= (showAtOnce?.() ?? 0)) return false
    early++
    w.early++
    return true
  }
  const measured = (w: Watched) => {
    early -= w.early
    w.early = 0
  }
  return [seenNear, firstTimeNear, paintEarly, measured] as const
}

/**
 * The observer of the marks' elements, the window of them it observes, and the stop of the window's
 * following the viewport (null without IntersectionObserver). Its entries come out as
 * the marks of `watched` shown, hidden, and near for the first time (`firstTimeNear`); `measured` is
 * told of each element it measured or let go of.
 */
function createElementObserver(
  deps: NearViewportDeps,
  watched: Map<Element, Watched>,
  measured: (w: Watched) => void,
  firstTimeNear: (mark: Mark) => boolean,
) {
  const makeObserver =
    deps.makeObserver ??
    (typeof IntersectionObserver === 'function'
      ? (cb: (entries: Entry[]) => void, rootMargin: string) => new IntersectionObserver(cb, { rootMargin })
      : null)
  if (!makeObserver) return null
  const callback = (entries: Entry[]) => {
    const near: Mark[] = []
    const shown: Mark[] = []
    const hidden: Mark[] = []
    for (const entry of entries) {
      const w = watched.get(entry.target)
      if (!w || w.near === entry.isIntersecting || !observing.observes(entry.target)) continue
      w.near = entry.isIntersecting
      measured(w)
      if (w.near) {
        shown.push(...w.marks)
        for (const mark of w.marks) if (firstTimeNear(mark)) near.push(mark)
      } else hidden.push(...w.marks)
    }
    if (hidden.length > 0) deps.onHide(hidden)
    if (shown.length > 0) deps.onShow(shown)
    if (near.length > 0) deps.onNear(near)
  }
  const observer = makeObserver(callback, deps.rootMargin ?? PAINT_MARGIN)
  /** An element the window lets go of is no longer near (it is far from the viewport): its marks go out. */
  const letGo = (el: Element) => {
    observer.unobserve(el)
    const w = watched.get(el)
    if (!w) return
    measured(w)
    if (w.near === true && w.marks.size > 0) deps.onHide([...w.marks])
    w.near = null
  }
  const observing = createObservedWindow(deps, (el) => observer.observe(el), letGo)
  const stopFollowing = (deps.followViewport ?? followScrolls)(observing.move)
  return { observer, observing, stopFollowing }
}
