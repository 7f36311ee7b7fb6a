import { intersect, paddingBox, parentOf, type Box } from './clip-boxes.ts'
import type { Rgba } from './colour.ts'
import { createInk } from './ink.ts'
import { overlayVerdict } from './overlay.ts'

/*
Whether the agent can see an ID's text: what a page hides from the agent (transparent, clipped,
zero-sized, tiny, blurred, masked or off-screen-forever text, text the colour of its background or
under something opaque, hidden elements) costs no lookup and gets no mark. Asked only
of marks near the viewport, when they come near and again when the page may have revealed them
(sight-gate.ts), never during the scan. aria-hidden is no invisibility: the agent sees that text.
*/

/**
 * Less than this many pixels wide or high shows no text an agent reads: a 1 px box that hides what
 * overflows it (the screen-reader-only pattern) shows a pixel of its first glyph.
 */
export const MIN_SEEN_PX = 2
/** A line of text less high (and wide) than this on screen, in px, is a font under about 6 px after transforms and zoom: not read. */
export const MIN_LINE_PX = 7

/** What a check says of an ID's text: seen, hidden, or unsure (it may be under something, and is outside the viewport, where nothing can be hit-tested). */
export type Sight = 'seen' | 'hidden' | 'unsure'

/** What the style of the element and its ancestors hides: checkVisibility where the browser has it (Chrome 121+, Firefox 122+). */
const VISIBILITY_OPTIONS = { opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }

/** One check's view of the page: per element, asked once however many of its IDs are checked. */
export type SightPass = {
  /** Whether the element's style shows its text (not display:none, visibility:hidden, opacity:0, content-visibility hidden or skipped). */
  styleShows(el: Element): boolean
  /**
   * Where on screen the element's text can show, if anywhere: what is left of the document's reach once
   * cut to the panes hiding their overflow, clip and clip-path, and the viewport of a fixed element.
   */
  clipOf(el: Element): Box | null
  /** Whether the element's own text leaves ink the agent can read (ink.ts). */
  inkShows(el: Element): boolean
  /** The colour behind the element's text, if we can tell (ink.ts). */
  backdrop(el: Element): Rgba | null
  /** Whether the page lays something opaque over these lines of the element's text (overlay.ts). */
  overlay(el: Element, holds: (node: Node) => boolean, lines: readonly Box[]): Sight
}

/** An ID's text: its lines on screen (its range's client rects) and whether a node holds part of it. */
export type TextOf = { rects: () => Iterable<Box>; holds: (node: Node) => boolean }

/** Whether `box` is at least MIN_SEEN_PX by MIN_SEEN_PX. */
const seeable = (box: Box | null): box is Box => !!box && box.right - box.left >= MIN_SEEN_PX && box.bottom - box.top >= MIN_SEEN_PX

/** Whether a line on screen is big enough to read: text in a tiny font, or squeezed by a transform, is not. */
const legible = (line: Box) => Math.min(line.right - line.left, line.bottom - line.top) >= MIN_LINE_PX

/**
 * Whether the agent can see the ID's text: its element's style shows it, and at least MIN_SEEN_PX by
 * MIN_SEEN_PX of a legible line of it (`text.rects`: asked only when the style and clips leave room) is
 * left inside its clips, in ink the agent can read, and not under something opaque.
 */
export function seesText(pass: SightPass, el: Element, text: TextOf): Sight {
  if (!pass.styleShows(el)) return 'hidden'
  const clip = pass.clipOf(el)
  if (!seeable(clip)) return 'hidden'
  const lines: Box[] = []
  for (const rect of text.rects()) {
    const cut = intersect(rect, clip)
    if (seeable(cut) && legible(rect)) lines.push(cut)
  }
  if (lines.length === 0 || !pass.inkShows(el)) return 'hidden'
  return pass.overlay(el, text.holds, lines)
}

/** A pass over the page as it is laid out now (a new one after the page changed). */
export function sightPass(doc: Document): SightPass {
  const view = doc.defaultView!
  const shows = new Map<Element, boolean>()
  const clips = new Map<Element, Box | null>()
  const inks = new Map<Element, boolean>()
  const ink = createInk(view, doc)
  const viewport: Box = { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight }
  const styleShows = (el: Element): boolean => {
    let known = shows.get(el)
    if (known === undefined) shows.set(el, (known = elementShows(view, el)))
    return known
  }
  return {
    styleShows,
    clipOf(el) {
      if (!clips.has(el))
        clips.set(
          el,
          clipBoxes(view, doc, el).reduce<Box | null>((cut, box) => cut && intersect(cut, box), INFINITE),
        )
      return clips.get(el)!
    },
    inkShows(el) {
      let known = inks.get(el)
      if (known === undefined) inks.set(el, (known = ink.shows(el)))
      return known
    },
    backdrop: ink.backdrop,
    overlay: (el, holds, lines) => overlayVerdict({ el, holds, covers: ink.covers }, lines, viewport),
  }
}

const INFINITE: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }

function elementShows(view: Window, el: Element): boolean {
  if (typeof el.checkVisibility !== 'function') return true
  if (el.checkVisibility(VISIBILITY_OPTIONS)) return true
  // An element with display: contents makes no box of its own (checkVisibility says no): its text is laid out in its parent's.
  const parent = parentOf(el)
  return view.getComputedStyle(el).display === 'contents' && !!parent && parent.checkVisibility(VISIBILITY_OPTIONS)
}

/**
 * The boxes `el`'s text is cut to, as the browser lays it out now: every ancestor (and itself) that
 * hides its overflow or has a clip or clip-path, the viewport when one is fixed, and what the
 * document can scroll to (text before its scroll origin never comes into view). A pane that scrolls
 * is no clip unless it is too small to show anything: its text can be scrolled to.
 */
function clipBoxes(view: Window, doc: Document, el: Element): Box[] {
  const boxes: Box[] = [reach(view, doc)]
  for (let at: Element | null = el; at && at !== doc.documentElement; at = parentOf(at)) {
    const style = view.getComputedStyle(at)
    if (style.position === 'fixed') boxes.push({ left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight })
    if (style.clipPath && style.clipPath !== 'none') boxes.push(...shapeBox(style.clipPath, at.getBoundingClientRect()))
    if (/absolute|fixed/.test(style.position) && style.clip && style.clip !== 'auto')
      boxes.push(...clipRect(style.clip, at.getBoundingClientRect()))
    if (at === doc.body || /^(inline|contents)$/.test(style.display)) continue
    const hides = /hidden|clip/.test(style.overflowX + style.overflowY)
    const scrolls = /auto|scroll|overlay/.test(style.overflowX + style.overflowY)
    if (hides || (scrolls && (at.clientWidth < MIN_SEEN_PX || at.clientHeight < MIN_SEEN_PX))) boxes.push(paddingBox(at))
  }
  return boxes
}

/**
 * What scrolling the document can bring into view, in client coordinates: nothing before its
 * scroll origin (left and above in a left-to-right page, right and above in a right-to-left one).
 */
function reach(view: Window, doc: Document): Box {
  const rtl = view.getComputedStyle(doc.documentElement).direction === 'rtl'
  const originX = -view.scrollX
  return {
    left: rtl ? -Infinity : originX,
    top: -view.scrollY,
    right: rtl ? originX + doc.documentElement.clientWidth : Infinity,
    bottom: Infinity,
  }
}

/** A length of a computed clip value: px, or % of `of`; NaN for anything else (calc(), em). */
function length(value: string, of: number): number {
  if (value.endsWith('%')) return (parseFloat(value) / 100) * of
  return /^-?[\d.]+(px)?$/.test(value) ? parseFloat(value) : NaN
}

/** A box unless any of its sides is not a number we could read (then nothing is cut). */
const box = (left: number, top: number, right: number, bottom: number): Box[] =>
  [left, top, right, bottom].some(Number.isNaN) ? [] : [{ left, top, right, bottom }]

/** `clip: rect(top, right, bottom, left)` of an absolutely positioned element, from its border box (auto: that edge). */
export function clipRect(clip: string, border: Box): Box[] {
  const sides = /rect\(([^)]*)\)/
    .exec(clip)?.[1]
    ?.split(/[\s,]+/)
    .filter(Boolean)
  if (sides?.length !== 4) return []
  const [top, right, bottom, left] = sides.map(
    (side, i) =>
      (side === 'auto' ? null : length(side, 0)) ??
      (i === 0 ? 0 : i === 1 ? border.right - border.left : i === 2 ? border.bottom - border.top : 0),
  )
  return box(border.left + left!, border.top + top!, border.left + right!, border.top + bottom!)
}

/**
 * The bounding box of a clip-path's basic shape, from the element's border box: inset(), a circle
 * or ellipse of radius 0, polygon(). Other shapes (url(), path()) cut nothing here: we cannot tell.
 */
export function shapeBox(clipPath: string, border: Box): Box[] {
  const shape = /^(inset|circle|ellipse|polygon)\((.*)\)/.exec(clipPath.trim())
  if (!shape) return []
  const [, kind, args] = shape as unknown as [string, string, string]
  const width = border.right - border.left
  const height = border.bottom - border.top
  const empty = box(border.left, border.top, border.left, border.top)
  if (kind === 'inset') {
    const v = args
      .split(/\s+round\s+/)[0]!
      .trim()
      .split(/\s+/)
    const [t, r = t, b = t, l = r] = v as [string, string?, string?, string?]
    return box(
      border.left + length(l!, width),
      border.top + length(t, height),
      border.right - length(r!, width),
      border.bottom - length(b!, height),
    )
  }
  if (kind === 'circle' || kind === 'ellipse') {
    const radii = args
      .split(/\s+at\s+/)[0]!
      .trim()
      .split(/\s+/)
    return radii.some((r) => length(r, Math.min(width, height)) === 0) ? empty : []
  }
  const points = args
    .replace(/^\s*(nonzero|evenodd)\s*,/, '')
    .split(',')
    .map((p) => p.trim().split(/\s+/))
  const xs = points.map(([x]) => length(x ?? '', width))
  const ys = points.map(([, y]) => length(y ?? '', height))
  return box(border.left + Math.min(...xs), border.top + Math.min(...ys), border.left + Math.max(...xs), border.top + Math.max(...ys))
}
