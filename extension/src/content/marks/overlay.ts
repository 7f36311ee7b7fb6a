import { intersect, parentOf, type Box } from './clip-boxes.ts'

/** How many of a mark's lines are hit-tested, at most, and at how many points each: a bounded cost per mark. */
export const PROBED_LINES = 4
const POINTS_PER_LINE = 3

export type OverlayDeps = {
  /** The text's element. */
  el: Element
  /** Whether a node holds part of the mark's text (its range meets it). */
  holds: (node: Node) => boolean
  /** Whether an element laid over the text hides it (ink.ts). */
  covers: (el: Element) => boolean
}

/** Whether `outer` is `inner` or holds it, across shadow roots. */
function around(outer: Element, inner: Element): boolean {
  for (let at: Element | null = inner; at; at = parentOf(at)) if (at === outer) return true
  return false
}

/**
 * Whether something the page lays over the text hides it at (x, y): the elements there, topmost
 * first, down to the text's own (its element, one holding the text, or one around it), each asked
 * whether it covers. Asked of the text's own root (a component's shadow root answers in its tree).
 * An element with `pointer-events: none` is not hit: it covers nothing here.
 */
function coveredAt(deps: OverlayDeps, x: number, y: number): boolean {
  const root = deps.el.getRootNode() as Document | ShadowRoot
  const own = (hit: Element) => around(hit, deps.el) || deps.holds(hit)
  // The top element first: the text's own there (the common case) is answered by a hit test that stops
  // at the first hit; the list of every element at the point walks all the page's layers under it.
  const top = root.elementFromPoint(x, y)
  if (!top || own(top)) return false
  for (const hit of root.elementsFromPoint(x, y)) {
    if (own(hit)) return false
    if (deps.covers(hit)) return true
  }
  return false
}

/**
 * Whether the page covers the text's lines (`lines`, on screen and cut to its clips): 'seen' when one
 * of the points hit-tested (up to POINTS_PER_LINE on each of the first PROBED_LINES lines) is not
 * covered, 'hidden' when all are, 'unsure' when none is in the viewport (nothing can be hit-tested there).
 */
export function overlayVerdict(deps: OverlayDeps, lines: readonly Box[], viewport: Box): 'seen' | 'hidden' | 'unsure' {
  let probed = 0
  for (const line of lines.slice(0, PROBED_LINES)) {
    const inView = intersect(line, viewport)
    if (!inView) continue
    const y = (inView.top + inView.bottom) / 2
    for (let i = 1; i <= POINTS_PER_LINE; i++) {
      probed++
      if (!coveredAt(deps, inView.left + ((inView.right - inView.left) * i) / (POINTS_PER_LINE + 1), y)) return 'seen'
    }
  }
  return probed > 0 ? 'hidden' : 'unsure'
}
