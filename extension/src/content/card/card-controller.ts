import type { Mark } from '../marks/mark-store.ts'

/** Why the card is open: the pointer rests on an ID, a page element with an ID has keyboard focus, or the agent picked it in our list. */
export type CardSource = 'hover' | 'focus' | 'list'

export type CardTarget = { mark: Mark; source: CardSource }

export type CardControllerDeps = {
  show: (target: CardTarget) => void
  hide: () => void
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** The pointer must rest this long before the card opens: moving across text shows nothing. */
  openDelayMs?: number
  /** Time to move the pointer from the text into the card before it closes. */
  hideDelayMs?: number
}

/**
 * When the card opens and closes. Hover and focus open after a short delay (no flicker while the
 * pointer crosses a ticket) and close after a grace period (so the pointer can reach the card's
 * buttons); the list opens at once. A card opened from the list stays until Esc or another pick.
 */
export function createCardController(deps: CardControllerDeps) {
  const card: CardState = { shown: null, pending: null, pointerInCard: false }
  const { cancelOpen, cancelHide, show, close, openLater, closeLater } = createCardTimers(deps, card)

  return {
    /** The pointer moved: `mark` is what it is over now (null: nothing of ours). */
    pointerOver(mark: Mark | null): void {
      if (mark && card.shown?.mark === mark) {
        cancelOpen()
        cancelHide()
        return
      }
      if (mark) {
        // Another ID: the list's card yields to hover only once the pointer really rests elsewhere.
        openLater(mark, 'hover')
        if (card.shown?.source === 'hover') closeLater()
        return
      }
      cancelOpen()
      if (card.shown?.source === 'hover' && !card.pointerInCard) closeLater()
    },
    /** The pointer entered or left the card itself. */
    pointerInCard(inside: boolean): void {
      card.pointerInCard = inside
      if (inside) cancelHide()
      else if (card.shown?.source === 'hover') closeLater()
    },
    /** A page element holding an ID got (mark) or lost (null) keyboard focus. */
    focusOn(mark: Mark | null): void {
      if (mark) return openLater(mark, 'focus')
      if (card.pending && !card.shown) cancelOpen()
      if (card.shown?.source === 'focus') closeLater()
    },
    /** The agent picked an ID in our list: show it now. */
    openFromList(mark: Mark): void {
      show({ mark, source: 'list' })
    },
    close,
    /** The mark left the page: a card about it closes. */
    markRemoved(mark: Mark): void {
      if (card.pending === mark) cancelOpen()
      if (card.shown?.mark === mark) close()
    },
    /**
     * The page rendered the mark's text again (a framework replacing a subtree with the same text):
     * a card about to open, or open, goes on with the new mark, with no gap.
     */
    markReplaced(old: Mark, next: Mark): void {
      if (card.pending === old) card.pending = next
      if (card.shown?.mark === old) card.shown = { ...card.shown, mark: next }
    },
    get shown(): CardTarget | null {
      return card.shown
    },
    /** The mark whose card opens when the hover or focus delay ends, if any. */
    get pending(): Mark | null {
      return card.pending
    },
  }
}

/** What the card shows, and what it is about to show. */
type CardState = { shown: CardTarget | null; pending: Mark | null; pointerInCard: boolean }

/** The card's two timers: one opens a card after the delay, one closes it after the grace period. */
function createCardTimers(deps: CardControllerDeps, card: CardState) {
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms))
  const clearTimer = deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>))
  const openDelay = deps.openDelayMs ?? 150
  const hideDelay = deps.hideDelayMs ?? 300
  let openTimer: unknown = null
  let hideTimer: unknown = null

  const cancelOpen = () => {
    if (openTimer !== null) clearTimer(openTimer)
    openTimer = null
    card.pending = null
  }
  const cancelHide = () => {
    if (hideTimer !== null) clearTimer(hideTimer)
    hideTimer = null
  }
  const show = (target: CardTarget) => {
    cancelOpen()
    cancelHide()
    card.shown = target
    deps.show(target)
  }
  const close = () => {
    cancelOpen()
    cancelHide()
    if (!card.shown) return
    card.shown = null
    card.pointerInCard = false
    deps.hide()
  }
  const openLater = (mark: Mark, source: CardSource) => {
    if (card.pending === mark) return
    cancelOpen()
    card.pending = mark
    openTimer = setTimer(() => {
      openTimer = null
      // The mark may have been replaced meanwhile (markReplaced): the card is for its successor.
      const target = card.pending ?? mark
      card.pending = null
      show({ mark: target, source })
    }, openDelay)
  }
  const closeLater = () => {
    if (hideTimer !== null || !card.shown) return
    hideTimer = setTimer(() => {
      hideTimer = null
      if (!card.pointerInCard) close()
    }, hideDelay)
  }
  return { cancelOpen, cancelHide, show, close, openLater, closeLater }
}

export type CardController = ReturnType<typeof createCardController>
