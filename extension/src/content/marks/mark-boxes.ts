import type { Box } from '../card/card-position.ts'
import { createClipAncestors, intersect, paddingBox } from './clip-boxes.ts'
import { createMarkLayer, type MarkLayer } from './mark-layer.ts'
import type { Mark } from './mark-store.ts'

/*
Marks are drawn as boxes in our own closed shadow root, over the text, not with the CSS Custom
Highlight API. With any custom highlight registered, Chrome rebuilds and repaints every highlighted
range after every DOM change of the page (traced on a page ticking every 100 ms: its own 120-range
highlight alone cost ~9x the paint), so a busy ticket with many marks got sluggish. Boxes cost the
page nothing when it changes; we measure the painted marks (only those near the viewport:
near-viewport.ts) at most once per animation frame after a scroll, a resize or a change, and touch a
box only when it moved. Nothing of ours is in `CSS.highlights`, the page's style sheets or its tree
but one empty host (mark-layer.ts), the same whatever the marks are.
*/

export type MarkBoxesDeps = {
  doc: Document
  /** The mark's boxes on screen now, one per line it wraps over (its range's client rects). */
  rectsOf: (mark: Mark) => Iterable<Box>
  /** The element the mark's text is laid out in: the panes that clip it are its ancestors. */
  elementOf: (mark: Mark) => Element | null
  /** When measuring and drawing happen: once per animation frame in the page (perFrame); tests run at once. */
  scheduleFlush?: (flush: () => void) => void
  /** Our element in the page, made when there is a first box to draw (default: createMarkLayer). */
  makeLayer?: () => MarkLayer
  /**
   * When the page changes (its tree, attributes or text), measuring waits this long: not in the next
   * animation frame, because asking for one makes the browser render a frame after every change, and
   * a page that changes every few ms without showing anything new then changes only once a frame.
   * Tests run at once.
   */
  scheduleChange?: (flush: () => void) => void
  /** Runs `moved` whenever the page scrolled or resized, `changed` when it changed (default followLayout). Returns a stop. */
  followLayout?: (doc: Document, moved: () => void, changed: () => void) => () => void
  /** The part of the window the page shows (default: <html>'s client box, without scroll bars). */
  viewport?: () => Box
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
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once)
    setTimeout(once, fallbackMs)
  }
}

/**
 * Whatever may move the page's text: a scroll anywhere (listened for in capture on the document, so
 * inner panes count), a resize, a change of the page's tree, attributes or text (a class that opens
 * a section), and a late image or font making room. Listened to in the content script's world.
 */
export function followLayout(doc: Document, moved: () => void, changed: () => void): () => void {
  const stop = new AbortController()
  const options = { capture: true, passive: true, signal: stop.signal }
  // Images and frames that finish loading too (load does not bubble; capture sees it).
  for (const type of ['scroll', 'load']) doc.addEventListener(type, moved, options)
  doc.defaultView?.addEventListener('resize', moved, options)
  doc.fonts?.addEventListener('loadingdone', moved, options)
  const changes = new MutationObserver(changed)
  changes.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true })
  return () => {
    stop.abort()
    changes.disconnect()
  }
}

/** Draws the painted marks as boxes, clipped to the viewport and to the panes they scroll in. */
export function createMarkBoxes(deps: MarkBoxesDeps) {
  const { doc } = deps
  const scheduleFlush = deps.scheduleFlush ?? ((flush: () => void) => flush())
  const scheduleChange = deps.scheduleChange ?? ((flush: () => void) => flush())
  const clipAncestors = createClipAncestors()
  const viewport = deps.viewport ?? (() => ({ left: 0, top: 0, right: doc.documentElement.clientWidth, bottom: doc.documentElement.clientHeight }))
  /** Marks drawn at the next flush, and drawn now. */
  const painted = new Set<Mark>()
  let layer: MarkLayer | null = null
  /** Each drawn box's place, as last written: a box whose mark did not move is not touched. */
  const drawn: string[] = []
  let scheduled = false
  let stopFollowing: (() => void) | null = null

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    scheduleFlush(flush)
  }
  let changing = false
  const changed = () => {
    if (changing) return
    changing = true
    scheduleChange(() => {
      changing = false
      flush()
    })
  }

  /** Where each painted mark shows now: its line boxes, cut to what its panes and the viewport show. */
  function measure(): Box[] {
    const boxes: Box[] = []
    const view = viewport()
    const paneBoxes = new Map<Element, Box>()
    for (const mark of painted) {
      let clip: Box | null = view
      const el = deps.elementOf(mark)
      for (const pane of el ? clipAncestors(el) : []) {
        let box = paneBoxes.get(pane)
        if (!box) paneBoxes.set(pane, (box = paddingBox(pane)))
        clip = intersect(clip, box)
        if (!clip) break
      }
      if (!clip) continue
      for (const rect of deps.rectsOf(mark)) {
        const shown = intersect(rect, clip)
        if (shown) boxes.push(shown)
      }
    }
    return boxes
  }

  function flush(): void {
    scheduled = false
    const boxes = painted.size > 0 ? measure() : []
    if (boxes.length > 0 && !layer) layer = (deps.makeLayer ?? (() => createMarkLayer(doc)))()
    if (!layer) return
    if (boxes.length > 0) layer.attach()
    const { container } = layer
    boxes.forEach((b, i) => {
      const place = `left:${b.left}px;top:${b.top}px;width:${b.right - b.left}px;height:${b.bottom - b.top}px`
      if (drawn[i] === place) return
      drawn[i] = place
      ;((container.children[i] as HTMLElement | undefined) ?? container.appendChild(doc.createElement('b'))).style.cssText = place
    })
    while (container.children.length > boxes.length) container.lastChild!.remove()
    drawn.length = boxes.length
  }

  const set = (mark: Mark, show: boolean) => {
    if (painted.has(mark) === show) return
    if (show) painted.add(mark)
    else painted.delete(mark)
    // The page's changes and scrolls matter from the first mark on (a page without IDs pays nothing).
    stopFollowing ??= (deps.followLayout ?? followLayout)(doc, schedule, changed)
    schedule()
  }

  return {
    flush,
    /** Draws `mark` (from the next flush on). */
    show: (mark: Mark) => set(mark, true),
    /** Stops drawing `mark`: it went far from the viewport, or off the page. */
    hide: (mark: Mark) => set(mark, false),
    /** Measures and draws again soon (the page changed). */
    changed,
    /** Marks drawn (tests, benchmarks). */
    get painted(): number {
      return painted.size
    },
    /** Our element goes back if the page removed it (a page that rewrites <html>). */
    register(): void {
      if (drawn.length > 0) layer?.attach()
    },
    /** Removes our element and stops following the page (the content script is going away). */
    dispose(): void {
      stopFollowing?.()
      stopFollowing = null
      layer?.remove()
      painted.clear()
      drawn.length = 0
    },
  }
}
