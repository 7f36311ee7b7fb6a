import type { Cell } from '../cell.ts'
import { over, parseColour, schemeOf, type Rgba } from '../marks/colour.ts'
import type { CardView } from './ui-model.ts'

/** The page's own scheme behind our card, or null: the page says none, so the card follows the OS. */
export type PageScheme = 'light' | 'dark' | null

const OURS = /^idv-lens-/

/** What the page declares: a `color-scheme` meta or the root's computed `color-scheme`, when it names one scheme only. */
export function declaredScheme(view: Window, doc: Document): PageScheme {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="color-scheme"]')?.content ?? ''
  for (const value of [meta, view.getComputedStyle(doc.documentElement).colorScheme]) {
    const dark = /\bdark\b/.test(value)
    const light = /\blight\b/.test(value)
    if (dark !== light) return dark ? 'dark' : 'light'
  }
  return null
}

/**
 * The colour behind `el`: its and its ancestors' backgrounds, up to the first opaque one; null when
 * an image is in the way or none is opaque (the canvas then, which the declared scheme decides).
 */
export function backgroundBehind(view: Window, el: Element | null): Rgba | null {
  let colour: Rgba | null = null
  for (let at = el; at; at = at.parentElement) {
    const style = view.getComputedStyle(at)
    if (style.backgroundImage !== 'none') return null
    const bg = parseColour(style.backgroundColor)
    if (!bg || Number.isNaN(bg[0])) return null
    if (bg[3] === 0) continue
    colour = colour ? over(colour, bg) : bg
    if (colour[3] >= 1) return colour
  }
  return null
}

/** The page's scheme at `el`: its background's luminance, else what the page declares, else null (the OS decides). */
export function schemeAt(view: Window, doc: Document, el: Element | null): PageScheme {
  const bg = backgroundBehind(view, el)
  if (bg) return schemeOf(bg)
  return declaredScheme(view, doc)
}

/** The page's element under a point, ours left out (the marks' and the card's hosts). */
function pageElementAt(doc: Document, x: number, y: number): Element | null {
  return doc.elementsFromPoint(x, y).find((el) => !OURS.test(el.localName)) ?? null
}

/**
 * Sets `data-scheme` on our container (in the closed shadow root: the page sees nothing) from the
 * page under the card's ID, for the card open now (the first one opened before this part loaded) and
 * each one after. Only reads the page (computed styles, hit testing).
 */
export function followPageScheme(card: Cell<CardView | null>, container: HTMLElement, doc: Document): () => void {
  const view = doc.defaultView
  const apply = (open: CardView | null) => {
    if (!open || !view) return
    const { left, top, right, bottom } = open.anchor
    const scheme = schemeAt(view, doc, pageElementAt(doc, Math.min(left + 4, (left + right) / 2), (top + bottom) / 2))
    if (scheme) container.dataset.scheme = scheme
    else delete container.dataset.scheme
  }
  apply(card.value)
  return card.subscribe(apply)
}
