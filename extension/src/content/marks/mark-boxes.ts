import { createAncestry, intersect, paddingBox, parentOf, type Box } from './clip-boxes.ts'
import { createMarkLayer, type MarkLayer } from './mark-layer.ts'
import { probeViewport } from './near-viewport.ts'
import type { Mark } from './mark-store.ts'

/*
Marks are boxes in our own closed shadow root over the text, not the CSS Custom Highlight API: with any
custom highlight registered, Chrome repaints every highlighted range after every DOM change of the page,
which made busy tickets sluggish; boxes cost the page nothing. Only marks near the viewport are drawn
(near-viewport.ts), in document coordinates (mark-layer.ts) so a document scroll moves them with no
script; each change measures again only the marks it can move (see changed, pins), and a box whose text
the page covers is not drawn. The page's tree gets one empty host, the same whatever the marks are.
*/

export type MarkBoxesDeps = {
  doc: Document
  /** The mark's boxes on screen now, one per line it wraps over (its range's client rects). */
  rectsOf: (mark: Mark) => Iterable<Box>
  /** The element the mark's text is laid out in: the panes that clip it are its ancestors. */
  elementOf: (mark: Mark) => Element | null
  /** When measuring and drawing happen: once per animation frame in the page (perFrame). */
  scheduleFlush: (flush: () => void) => void
  /** Our element in the page, made when there is a first box to draw (default: createMarkLayer). */
  makeLayer?: () => MarkLayer
  /**
   * When the page changes (its tree, attributes or text), measuring waits this long: not in the next
   * animation frame, because asking for one makes the browser render a frame after every change, and
   * a page that changes every few ms without showing anything new then changes only once a frame.
   */
  scheduleChange: (flush: () => void) => void
  /**
   * Runs `moved` whenever the page scrolled (a scroll event: its target is what scrolled, the
   * document or a pane), resized or made room (any other event; default followLayout). Returns a
   * stop. How the page changed comes to `changed` from the page's one observer (page-follower.ts).
   */
  followLayout?: (doc: Document, moved: (event: Event) => void) => () => void
}

/** Once per animation frame, or after `fallbackMs` where frames do not come (a hidden tab). */
export function perFrame(fallbackMs = 250): (flush: () => void) => void {
  return (flush) => {
    let done = false
    const once = () => {
      if (done) return
      done = true
      flush()
    }
    requestAnimationFrame(once)
    setTimeout(once, fallbackMs)
  }
}

/**
 * Whatever moves the page's text but its changes: a scroll anywhere (listened for in capture on the
 * document, so inner panes count), a resize, and a late image or font making room. Listened to in
 * the content script's world.
 */
export function followLayout(doc: Document, moved: (event: Event) => void): () => void {
  const stop = new AbortController()
  const options = { capture: true, passive: true, signal: stop.signal }
  // Images and frames that finish loading too (load does not bubble; capture sees it).
  for (const type of ['scroll', 'load']) doc.addEventListener(type, moved, options)
  doc.defaultView?.addEventListener('resize', moved, options)
  doc.fonts?.addEventListener('loadingdone', moved, options)
  return () => stop.abort()
}

/** Draws the painted marks as boxes, clipped to the panes they scroll in, where the page does not cover them. */
export function createMarkBoxes(deps: MarkBoxesDeps) {
  /** Marks drawn, each with its boxes (one per line). */
  const painted = new Map<Mark, HTMLElement[]>()
  /** Marks with a box not drawn because the page covers its text: measured again after a document scroll. */
  const hidden = new Set<Mark>()
  const [flush, changed, join, stop] = createChangeLog(deps, painted, createRepaint(deps, painted, hidden))

  const set = (mark: Mark, show: boolean) => {
    if (painted.has(mark) === show) return
    if (show) {
      painted.set(mark, [])
      join(mark)
    } else {
      for (const box of painted.get(mark)!) box.remove()
      painted.delete(mark)
      hidden.delete(mark)
    }
  }

  return {
    flush,
    /** Draws `mark` (from the next flush on). */
    show: (mark: Mark) => set(mark, true),
    /** Stops drawing `mark`: it went far from the viewport, or off the page. */
    hide: (mark: Mark) => set(mark, false),
    /**
     * Measures and draws again soon what the page's change (its mutation records) may have moved;
     * our element goes back at once if the page removed it (a page that rewrites <html>).
     */
    changed,
    /** Marks drawn (tests, benchmarks). */
    get painted(): number {
      return painted.size
    },
    /** Removes our element and stops following the page (the content script is going away). */
    dispose(): void {
      stop()
      painted.clear()
    },
  }
}

/**
 * What changed since the last flush, but for `everything` (see createChangeLog), measured at the next
 * flush: marks that joined, and what scrolled since. Where the page's text changed: each changed node
 * and its ancestors (`touched`: their marks are measured again; while it holds any, the marks of
 * elements that moved since they were drawn are measured again too), and the elements whose own text
 * changed (`textParents`: see keptPlace). Made once, emptied at each flush: they hold no node of the
 * page for long.
 */
type Changes = [due: Set<Mark>, scrolled: Set<EventTarget>, touched: Set<Node>, textParents: Set<Element>]
/**
 * The measuring and drawing pass of a flush, given what changed since the last one (see createRepaint);
 * `owed`: marks whose cover is checked at the next flush that is not a frame's (see coverLater).
 */
type Repaint = (changes: Changes, flush: Flush, layer: MarkLayer) => void
/** How a flush came: `everything` may have moved (`resized`: by a resize, a late image or font, not the page's changes); in a frame (`inFrame`). */
type Flush = { everything: boolean; resized: boolean; inFrame: boolean; owed: Set<Mark> }

/**
 * What changed since the last flush (marks that joined, scrolls, the page's changes), and when to
 * flush: in the next frame after a scroll or a mark that joined, on the changes' own schedule after
 * the page's changes. Returns flush, changed, join (a mark to draw from the next flush on) and stop
 * (stops following the page and removes our element).
 */
function createChangeLog(deps: MarkBoxesDeps, painted: Map<Mark, HTMLElement[]>, repaint: Repaint) {
  const { doc } = deps
  const changes: Changes = [new Set(), new Set(), new Set(), new Set()]
  const [due, scrolled, touched, textParents] = changes
  /** Whether everything may have moved since the last flush, and whether a resize (or a late image or font) did it. */
  let everything = false
  let resized = false
  let layer: MarkLayer | null = null
  let scheduled = false
  let stopFollowing: (() => void) | null = null
  /** Marks drawn at their new place in a frame's flush, their cover not checked yet: the change's flush checks it. */
  const owed = new Set<Mark>()
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    deps.scheduleFlush(() => flush(true))
  }
  const moved = (event: Event) => {
    let target = event.target
    // The document's own scroller may be <body> or <html> (overflow set on them): as the window's scroll.
    if (target === doc.body || target === doc.documentElement) target = doc
    if (event.type === 'scroll') scrolled.add(target!)
    else everything = resized = true
    schedule()
  }
  const scheduleChange = onChangeSchedule(deps.scheduleChange, () => flush())
  /** The page changed (`records`: how): noted for the next flush (see noteChanges), which waits for the changes' own schedule. */
  const changed = (records: readonly MutationRecord[]) => {
    // Nothing drawn, nothing to measure again: a mark that joins is measured then.
    if (painted.size === 0) return
    layer?.attach()
    if (noteChanges(records, touched, textParents)) everything = true
    scheduleChange()
  }
  function flush(inFrame = false): void {
    scheduled = false
    if (painted.size > 0)
      repaint(changes, { everything, resized, inFrame, owed }, (layer ??= (deps.makeLayer ?? (() => createMarkLayer(doc)))()))
    // Nothing painted: no check is owed (else the change's flush would come back for marks that are gone).
    else owed.clear()
    for (const set of changes) set.clear()
    everything = resized = false
    if (owed.size > 0) scheduleChange()
  }

  const join = (mark: Mark) => {
    due.add(mark)
    // The page's changes and scrolls matter from the first mark on (a page without IDs pays nothing).
    stopFollowing ??= (deps.followLayout ?? followLayout)(doc, moved)
    schedule()
  }
  const stop = () => {
    stopFollowing?.()
    layer?.remove()
  }
  return [flush, changed, join, stop] as const
}

/** Runs `flush` on the changes' own schedule (deps.scheduleChange), once however often it is asked for before then. */
function onChangeSchedule(scheduleChange: MarkBoxesDeps['scheduleChange'], flush: () => void): () => void {
  let changing = false
  return () => {
    if (changing) return
    changing = true
    scheduleChange(() => {
      changing = false
      flush()
    })
  }
}

/**
 * Notes what the page's change (`records`) may have moved; true when it may have moved anything.
 * Elements that come or go, or an attribute (a class, a style), may move or cover any mark: all are
 * measured again. Text alone cannot cover a mark, and moves one only along the lines of an element
 * around the change (`touched`) or by moving elements (a clock that wraps pushes what follows it
 * down): then each painted mark's element is read, and only the marks of those that moved are
 * measured. A page ticking a clock somewhere else costs one rect read per painted element a change.
 */
function noteChanges(records: readonly MutationRecord[], touched: Set<Node>, textParents: Set<Element>): boolean {
  let everything = false
  for (const r of records) {
    if (r.type === 'attributes' || [...r.addedNodes, ...r.removedNodes].some((node) => node.nodeType === 1)) everything = true
    else {
      const el = r.type === 'characterData' ? parentOf(r.target) : (r.target as Element)
      if (el) textParents.add(el)
      for (let at: Node | null = r.target; at; at = parentOf(at)) touched.add(at)
    }
  }
  return everything
}

/**
 * The pass of a flush: measures every painted mark the changes since the last flush may have moved
 * (reads only), then writes their boxes. Keeps where each element and box was, and the page's pins.
 */
function createRepaint(deps: MarkBoxesDeps, painted: Map<Mark, HTMLElement[]>, hidden: Set<Mark>): Repaint {
  const { doc } = deps
  const ancestry = createAncestry()
  const measure = createMeasure(deps, ancestry, hidden)
  /** Where each painted mark's element was in the document, and its size, when its marks were last drawn (and elements whose text changed: see keptPlace). */
  const elementPlaces = new WeakMap<Element, string>()
  /**
   * The page's fixed and sticky elements at the viewport's edges, corners and centre (a header, a
   * footer, a side bar, a chat button): looked for every few document scrolls, not per mark, since
   * hit-testing a big page is costly.
   */
  let pins: Element[] = []
  let docScrolls = 0

  return ([due, scrolled, touched, textParents], { everything, resized, inFrame, owed }, layer) => {
    layer.attach()
    const origin = layer.origin()
    const paneBoxes = new Map<Element, Box>()
    /** The elements whose marks were measured. */
    const drawnIn = new Set<Element>()
    /** Whether each painted mark's element moved since its marks were drawn: read once per element (4 IDs in a paragraph: one read). */
    const moved = new Map<Element, boolean>()
    const movedSince = (el: Element) => {
      let m = moved.get(el)
      if (m === undefined) moved.set(el, (m = elementPlaces.get(el) !== placeOf(el, origin)))
      return m
    }
    /** Whether a scroll since the last flush moved `mark` on the page (a document scroll moves only what is pinned to the screen). */
    const movedBy = (el: Element) => {
      const { panes, pin } = ancestry(el)
      return (pin && scrolled.has(doc)) || panes.some((pane) => scrolled.has(pane))
    }
    // After a document scroll, text that went under (or came out from under) a pinned element.
    const docScrolled = scrolled.has(doc) && !everything
    if (docScrolled && !(docScrolls++ % 6)) pins = probeViewport().flatMap((el) => ancestry(el).pin ?? [])
    const pinBoxes = pins.map((pin) => pin.getBoundingClientRect())
    // After changes of text alone: the elements outside which nothing moved (null: anything may have).
    const within = everything ? [] : [...textParents].map((el) => keptPlace(el, origin, elementPlaces, doc.body))
    const toDraw: [HTMLElement[], string[]][] = []
    for (const [mark, boxes] of painted) {
      const el = deps.elementOf(mark)
      const recover = docScrolled && (hidden.has(mark) || under(boxes, pinBoxes))
      const checked = resized || due.has(mark) || recover || (!inFrame && owed.has(mark)) || (!!el && movedBy(el))
      if (!(everything || checked || (el && (touched.has(el) || (within.some((w) => !w || w.contains(el)) && movedSince(el)))))) continue
      const later = coverLater(inFrame, checked, hidden.has(mark))
      if (later) owed.add(mark)
      toDraw.push([boxes, measure(mark, origin, paneBoxes, !later)])
      if (el) drawnIn.add(el)
    }
    // Every owed mark still painted was just checked.
    if (!inFrame) owed.clear()
    // Still before any write: our boxes move nothing of the page, so these places hold after them.
    for (const el of drawnIn) elementPlaces.set(el, placeOf(el, origin))
    for (const [boxes, placed] of toDraw) draw(boxes, placed, layer.container, doc)
  }
}

/**
 * Whether a mark measured in this flush is drawn at its new place without checking what covers it yet:
 * in a frame's flush (a mark that joined, a scroll), one that only the page's changes moved and that
 * was not covered. Each check hit-tests the page (a few ms each on a big ticket), which would delay the
 * frame that shows the new text; the change's own flush, soon after, checks it, as it checks every
 * mark after a change that comes without a new one.
 */
const coverLater = (inFrame: boolean, checked: boolean, wasHidden: boolean) => inFrame && !checked && !wasHidden

/**
 * Where a mark's boxes go now: its lines, cut to what its panes show, where nothing of the page covers
 * them (a mark with a line covered joins `hidden`). Reads only: every mark of a flush is measured before
 * any box is written, so the page is laid out once for all of them (a write between two reads would
 * make the next read lay it out again).
 */
function createMeasure(deps: MarkBoxesDeps, ancestry: ReturnType<typeof createAncestry>, hidden: Set<Mark>) {
  return (mark: Mark, origin: DOMRect, paneBoxes: Map<Element, Box>, checkCover = true): string[] => {
    const el = deps.elementOf(mark)
    const placed: string[] = []
    hidden.delete(mark)
    for (const rect of deps.rectsOf(mark)) {
      let b: Box | null = rect
      for (const pane of el ? ancestry(el).panes : []) {
        if (!paneBoxes.has(pane)) paneBoxes.set(pane, paddingBox(pane))
        b = b && intersect(b, paneBoxes.get(pane)!)
      }
      if (!b) continue
      if (checkCover && el && covered(el, (b.left + b.right) / 2, (b.top + b.bottom) / 2)) {
        hidden.add(mark)
        continue
      }
      placed.push(`left:${b.left - origin.left}px;top:${b.top - origin.top}px;width:${b.right - b.left}px;height:${b.bottom - b.top}px`)
    }
    return placed
  }
}

/**
 * Where `el` is in the document (the host's place taken off) and its size (its lines wrap again
 * when its width changes; a change of its height tells keptPlace that what follows it moved).
 * Its panes are not read: a change of
 * text that moves a pane moves what is in it, and one that only resizes a pane from below (its
 * clip, not its text) is rare enough to wait for the next change of elements.
 */
function placeOf(el: Element, origin: DOMRect): string {
  const r = el.getBoundingClientRect()
  return `${r.left - origin.left},${r.top - origin.top},${r.width},${r.height}`
}

/**
 * The innermost of `el` and its ancestors below `body` that kept its place and size through a change
 * of `el`'s text (as `places` has it from the last time one of its texts changed, or its marks were
 * drawn): what lies outside it did not move (a clock ticking in a header of fixed size). Null when
 * that reaches the body: anything may have moved.
 */
function keptPlace(el: Element, origin: DOMRect, places: WeakMap<Element, string>, body: HTMLElement | null): Element | null {
  for (let at: Element | null = el; at && at !== body; at = parentOf(at)) {
    const place = placeOf(at, origin)
    if (places.get(at) === place) return at
    places.set(at, place)
  }
  return null
}

/** Whether one of `boxes` is now on screen under one of `pins` (a scroll leaves the layout clean: reading is cheap). */
const under = (boxes: HTMLElement[], pins: Box[]) => pins.some((pin) => boxes.some((box) => intersect(box.getBoundingClientRect(), pin)))

/** Each of our boxes' place, as last written: a box whose mark did not move is not touched. */
const boxPlaces = new WeakMap<HTMLElement, string>()

/** Writes a mark's boxes at `placed` (measure's answer) in `container`; a box whose place did not change is not touched. */
function draw(boxes: HTMLElement[], placed: readonly string[], container: HTMLElement, doc: Document): void {
  placed.forEach((place, n) => {
    const box = (boxes[n] ??= container.appendChild(doc.createElement('b')))
    if (boxPlaces.get(box) !== place) boxPlaces.set(box, (box.style.cssText = place))
  })
  for (const box of boxes.splice(placed.length)) box.remove()
}

/**
 * Whether something of the page other than `el`'s own content is on top at (x, y): asked of the
 * mark's own root (a component's shadow root answers in its own tree; our host lets the pointer
 * through). Outside the viewport nothing can tell: not covered.
 */
function covered(el: Element, x: number, y: number): boolean {
  const top = (el.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y)
  return !!top && !el.contains(top) && !top.contains(el)
}
