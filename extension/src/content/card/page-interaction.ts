import type { ContentScriptContext } from '#imports'
import type { CardController } from './card-controller.ts'
import { isInViewport } from './card-position.ts'
import { caretAt, markAtPoint } from '../marks/hit-test.ts'
import type { Mark, MarkStore } from '../marks/mark-store.ts'
import type { UiModel } from './ui-model.ts'
import type { InView } from './in-view.ts'

export type InteractionDeps = {
  ctx: ContentScriptContext
  doc: Document
  /** Our shadow host: events over it are about our UI, not the page. */
  host: HTMLElement
  store: MarkStore
  cards: CardController
  model: UiModel
  rangeOf: (mark: Mark) => Range | null
  isEditable: (node: Node) => boolean
  inView: (mark: Mark) => InView | null
}

/**
 * Only the agent's own input counts: a page script can dispatch pointer, focus and key events
 * (isTrusted false) to open cards and trigger lookups; those are ignored.
 */
export const trusted =
  <E extends Event>(handler: (e: E) => void) =>
  (e: E): void => {
    if (e.isTrusted) handler(e)
  }

/** How far the pointer must move before we hit-test again (sub-pixel jitter is free). */
const MOVE_EPSILON = 2
/** Focus on page elements larger than this is not about one ID (a whole message got focus). */
const FOCUS_TEXT_LIMIT = 400

/**
 * The page's side of the card: hit-testing the pointer against marks (at most once per frame),
 * keyboard focus on page elements that carry an ID (dashboard links), Esc, and keeping the card
 * and the focus ring next to their text when the page scrolls. Listeners go through `ctx`, so an
 * updated or removed extension leaves nothing behind.
 */
export function createPageInteraction(deps: InteractionDeps) {
  const win = deps.doc.defaultView ?? window
  const viewport = () => ({ width: win.innerWidth, height: win.innerHeight })
  listenToPointer(deps, win)
  const focus = listenToFocus(deps)
  listenToScroll(deps, win, viewport)

  return {
    giveFocusBack: focus.giveBack,
    /** Brings a mark on screen (nested scroll containers included) when it is not: the agent's moves in the list only, never a command. */
    scrollIntoView(mark: Mark): void {
      const box = deps.rangeOf(mark)?.getBoundingClientRect()
      if (box && isInViewport(box, viewport()) && box.top >= 0 && box.bottom <= viewport().height) return
      const start = mark.range.startContainer
      const el = start.nodeType === 1 ? (start as Element) : start.parentElement
      el?.scrollIntoView({ block: 'center', inline: 'nearest' })
    },
  }
}

/** Hover: the mark under the pointer, tested at most once per frame and only when the pointer really moved. */
function listenToPointer(deps: InteractionDeps, win: Window): void {
  const { ctx, doc, host, store, cards } = deps
  let pointer: { x: number; y: number; target: EventTarget | null } | null = null
  let lastTested: { x: number; y: number } | null = null
  let frameRequested = false

  function hitTest(): void {
    frameRequested = false
    if (!pointer) return
    const { x, y, target } = pointer
    if (lastTested && Math.abs(lastTested.x - x) < MOVE_EPSILON && Math.abs(lastTested.y - y) < MOVE_EPSILON) return
    lastTested = { x, y }
    if (target === host) return // over our card: the card's own pointer events decide
    if (target instanceof Node && deps.isEditable(target)) return cards.pointerOver(null)
    const mark = markAtPoint(
      {
        store,
        caretAt: (px, py) => caretAt(doc, px, py),
        rectsOf: (m) => deps.rangeOf(m)?.getClientRects() ?? [],
      },
      x,
      y,
    )
    cards.pointerOver(mark)
  }

  ctx.addEventListener(
    win,
    'pointermove',
    trusted((e: PointerEvent) => {
      // Dragging selects text: no cards then. No marks: nothing to test.
      if (e.buttons !== 0 || store.size === 0) return
      pointer = { x: e.clientX, y: e.clientY, target: e.target }
      if (frameRequested) return
      frameRequested = true
      // Plain rAF: ctx.requestAnimationFrame adds an abort listener per call, and this runs per frame.
      requestAnimationFrame(() => ctx.isValid && hitTest())
    }),
    { passive: true },
  )
  // The pointer left the window: nothing is under it any more.
  ctx.addEventListener(
    doc.documentElement,
    'pointerleave',
    trusted(() => cards.pointerOver(null)),
  )
}

/** A mark inside a focused page element: a dashboard link, or a short element holding an ID. */
function markInElement(doc: Document, store: MarkStore, el: Element): Mark | null {
  const own = store.at(el)
  if (own) return own.values().next().value ?? null
  if ((el.textContent?.length ?? 0) > FOCUS_TEXT_LIMIT) return null
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const marks = store.at(n)
    if (marks) return marks.values().next().value ?? null
  }
  return null
}

/** Keyboard focus on page elements that carry an ID, and Esc; and focus given back to the page, which opens no card. */
function listenToFocus(deps: InteractionDeps): { giveBack(el: HTMLElement): void } {
  const { ctx, doc, host, store, cards } = deps
  let givenBack: Element | null = null
  const focused = (el: EventTarget | null) => {
    if (!(el instanceof Element) || el === host || el === givenBack || store.size === 0) return
    // Keyboard focus only: a mouse click already had its hover.
    if (!el.matches(':focus-visible')) return
    cards.focusOn(markInElement(doc, store, el))
  }
  ctx.addEventListener(
    doc,
    'focusin',
    trusted((e: FocusEvent) => focused(e.target)),
  )
  // These listeners come with the frame's first ID: keyboard focus that reached an ID before them counts as arriving now.
  focused(doc.activeElement)
  ctx.addEventListener(
    doc,
    'focusout',
    trusted((e: FocusEvent) => {
      if (e.target !== host) cards.focusOn(null)
    }),
  )

  // Esc while focus is on the page: close a hover or focus card, and let the page have the key
  // too (we never swallow the page's keys). Inside our UI the components handle Esc themselves.
  ctx.addEventListener(
    doc,
    'keydown',
    trusted((e: KeyboardEvent) => {
      if (e.key === 'Escape' && cards.shown && cards.shown.source !== 'list') cards.close()
    }),
    { capture: true },
  )
  return {
    giveBack(el) {
      // focusin runs within focus(): the element the card is closing back to opens no card of its own.
      givenBack = el
      try {
        el.focus({ preventScroll: true })
      } finally {
        givenBack = null
      }
    },
  }
}

/**
 * Keeps the card and ring on their text while anything scrolls; a hover card whose text left the
 * screen closes, and a card kept in view stays in view (in-view.ts).
 */
function listenToScroll(deps: InteractionDeps, win: Window, viewport: () => { width: number; height: number }): void {
  const { ctx, doc, cards, model } = deps
  let repositionRequested = false
  function reposition(): void {
    repositionRequested = false
    const shown = cards.shown
    const card = model.card.value
    if (!shown || !card) return
    const range = deps.rangeOf(shown.mark)
    const anchor = card.keepInView ? deps.inView(shown.mark)?.anchor : range?.getBoundingClientRect()
    if (!range || !anchor || (shown.source === 'hover' && !isInViewport(anchor, viewport()))) return cards.close()
    model.card.value = { ...card, anchor, takeFocus: false }
    if (model.ring.value.length > 0) model.ring.value = [...range.getClientRects()]
  }
  const onScroll = () => {
    if (!cards.shown || repositionRequested) return
    repositionRequested = true
    requestAnimationFrame(() => ctx.isValid && reposition())
  }
  ctx.addEventListener(doc, 'scroll', trusted(onScroll), { capture: true, passive: true })
  ctx.addEventListener(win, 'resize', trusted(onScroll), { passive: true })
}
