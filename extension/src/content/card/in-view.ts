import { createAncestry, intersect, paddingBox, type Box } from '../marks/clip-boxes.ts'
import type { Mark } from '../marks/mark-store.ts'
import type { Size } from './card-position.ts'

/** Where a card goes with nothing of the page scrolled: its anchor, and whether the agent sees its text. */
export type InView = { anchor: Box; seen: boolean }

/**
 * The anchor of a card about text at `box`, placed where the agent sees it without anything
 * scrolling: the text itself when some of it shows in `shown`, else the edge of `shown` nearest to it
 * (the top of the conversation pane for an ID above what the agent reads), as a line of no height.
 * `shown` is what the viewport shows of the panes the text scrolls in (null: none of them).
 */
export function anchorInView(box: Box, shown: Box | null, viewport: Size): InView {
  const area = shown ?? { left: 0, top: 0, right: viewport.width, bottom: viewport.height }
  if (shown && intersect(box, shown)) return { anchor: box, seen: true }
  const clamp = (v: number, low: number, high: number) => Math.min(Math.max(v, low), high)
  const top = clamp(box.top, area.top, area.bottom)
  const left = clamp(box.left, area.left, area.right)
  return {
    anchor: {
      left,
      top,
      right: Math.max(left, clamp(box.right, area.left, area.right)),
      bottom: Math.max(top, clamp(box.bottom, area.top, area.bottom)),
    },
    seen: false,
  }
}

/**
 * A card's place for a command or the list's opening, which never scroll the page (a page hears
 * every scroll: it would learn the agent pressed a key): `anchorInView` of the mark's text, cut to
 * the viewport and every pane the text scrolls in. Null when the mark's text is gone.
 */
export function createInView(win: Window, rangeOf: (mark: Mark) => Range | null): (mark: Mark) => InView | null {
  const ancestry = createAncestry()
  return (mark) => {
    const range = rangeOf(mark)
    if (!range) return null
    const viewport = { width: win.innerWidth, height: win.innerHeight }
    const start = range.startContainer
    const el = start.nodeType === 1 ? (start as Element) : start.parentElement
    let shown: Box | null = { left: 0, top: 0, right: viewport.width, bottom: viewport.height }
    for (const pane of el ? ancestry(el).panes : []) shown = shown && intersect(shown, paddingBox(pane))
    return anchorInView(range.getBoundingClientRect(), shown, viewport)
  }
}
