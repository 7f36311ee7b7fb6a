import type { Box } from '../card/card-position.ts'

/** The part of `box` inside `clip`, or null when nothing of it is. */
export function intersect(box: Box, clip: Box): Box | null {
  const left = Math.max(box.left, clip.left)
  const top = Math.max(box.top, clip.top)
  const right = Math.min(box.right, clip.right)
  const bottom = Math.min(box.bottom, clip.bottom)
  return right > left && bottom > top ? { left, top, right, bottom } : null
}

/** Whether `el` cuts off what overflows it (a scrolling pane, or overflow: hidden/clip). */
function clipsOverflow(el: Element): boolean {
  const style = getComputedStyle(el)
  // overflow does not apply to inline boxes (nor to an element that makes no box).
  if (style.display === 'inline' || style.display === 'contents') return false
  // Any value but visible clips (hidden, clip, scroll, auto, overlay).
  return style.overflowX !== 'visible' || style.overflowY !== 'visible'
}

/** The element a node is laid out in: its parent, or the host of the shadow root it sits in. */
function parentOf(node: Node): Element | null {
  // A document has no host: the walk ends there.
  return node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null
}

/**
 * The ancestors of `el` that clip it (innermost first), up to but not counting <html> and <body>
 * (the viewport clips those). Computed styles are read once per element and kept (a WeakMap: an
 * element the page drops is let go of): a pane rarely stops scrolling.
 */
export function createClipAncestors() {
  const known = new WeakMap<Element, Element[]>()
  return function clipAncestors(el: Element): Element[] {
    const cached = known.get(el)
    if (cached) return cached
    const doc = el.ownerDocument
    const found: Element[] = []
    for (let at = parentOf(el); at && at !== doc.body && at !== doc.documentElement; at = parentOf(at)) if (clipsOverflow(at)) found.push(at)
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
