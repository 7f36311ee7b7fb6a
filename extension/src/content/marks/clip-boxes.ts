/** A viewport rectangle (what getBoundingClientRect returns). */
export type Box = { left: number; top: number; right: number; bottom: number }

/** The rectangle among `rects` that contains the point (with a little slack), or null. */
export function rectAt(rects: Iterable<Box>, x: number, y: number, slack = 1): Box | null {
  for (const r of rects) {
    if (x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack) return r
  }
  return null
}

/** The part of `box` inside `clip`, or null when nothing of it is. */
export function intersect(box: Box, clip: Box): Box | null {
  const left = Math.max(box.left, clip.left)
  const top = Math.max(box.top, clip.top)
  const right = Math.min(box.right, clip.right)
  const bottom = Math.min(box.bottom, clip.bottom)
  return right > left && bottom > top ? { left, top, right, bottom } : null
}

/** The element a node is laid out in: its parent, or the host of the shadow root it sits in. */
export function parentOf(node: Node): Element | null {
  // A document has no host: the walk ends there.
  return node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null
}

/** Where an element's text is laid out: what clips it, and whether a scroll of the document moves it on screen only. */
export type Ancestry = {
  /**
   * The element and its ancestors that cut off what overflows them (a scrolling pane, or overflow: hidden/clip),
   * innermost first, up to but not counting <html> and <body> (the viewport clips those).
   */
  panes: Element[]
  /**
   * The outermost of it and its ancestors that is `position: fixed` or `sticky`, if any: a scroll of
   * the document moves its text against the document (a box placed in the document's coordinates
   * must be placed again), and what it covers changes.
   */
  pin: Element | null
}

/**
 * Each element's ancestry, walked once and kept (a WeakMap: an element the page drops is let go
 * of): a pane rarely stops scrolling, a header rarely stops being sticky.
 */
export function createAncestry() {
  const known = new WeakMap<Element, Ancestry>()
  return function ancestry(el: Element): Ancestry {
    let found = known.get(el)
    if (found) return found
    const doc = el.ownerDocument
    found = { panes: [], pin: null }
    for (let at: Element | null = el; at && at !== doc.body && at !== doc.documentElement; at = parentOf(at)) {
      const style = getComputedStyle(at)
      if (/fixed|sticky/.test(style.position)) found.pin = at
      // overflow does not apply to inline boxes (nor to an element that makes no box); any value but
      // visible clips (hidden, clip, scroll, auto, overlay: "visible" is the only one ending in e, and
      // the pair ends in the second's last letter). The element itself counts: its own text scrolls
      // in it when it is the pane.
      if (!/^(inline|contents)$/.test(style.display) && /[^e]$/.test(style.overflowX + style.overflowY)) found.panes.push(at)
    }
    known.set(el, found)
    return found
  }
}

/** The inside of `el`'s borders on screen, less its scroll bars: where its content shows. */
export function paddingBox(el: Element): Box {
  const r = el.getBoundingClientRect()
  const left = r.left + el.clientLeft
  const top = r.top + el.clientTop
  return { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight }
}
