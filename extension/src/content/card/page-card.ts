import { createCardController, type CardController } from './card-controller.ts'
import type { UiModel } from './ui-model.ts'
import type { Mark, MarkStore } from '../marks/mark-store.ts'
import type { RequestOptions } from '../lookups/lookup-queue.ts'
import type { InView } from './in-view.ts'

/** An answer older than this is asked again when the agent hovers the ID. */
const STALE_MS = 5 * 60_000
/** How soon a re-rendered ID's new mark must come for the card to stay with it (see `orphan`). */
const REPLACED_WITHIN_MS = 100

export type PageCardDeps = {
  model: UiModel
  store: MarkStore
  /** The lookup queue's request: the card's ID is asked at once. */
  request: (marks: Mark[], options: RequestOptions) => void
  rangeOf: (mark: Mark) => Range | null
  /** A timer that does nothing once the extension was updated or removed. */
  later: (run: () => void, ms: number) => unknown
  /** Whether the agent can see the mark's text (sight-gate.ts): hovering or focusing text the page hides opens no card. */
  sees?: (mark: Mark) => boolean
  /** Where a card goes with nothing scrolled (in-view.ts): the commands' and the list's opening. */
  inView: (mark: Mark) => InView | null
}

/** What the card's openings leave behind for the commands and the list. */
type Opened = {
  /** Set by a list pick or the keyboard command just before the card opens: focus moves into it. */
  focusCard: boolean
  /** Set by a command or the list's opening just before the card opens: it stays where the agent sees it, nothing scrolled. */
  keepInView: boolean
  shown: number
  /** The last card opened, for the card commands when none is open (background/card-commands.ts). */
  last: { key: string; id: string; openedAt: number } | null
}

/** The card over one mark: opened by hover, focus or the list, following its mark when the page re-renders it. */
export function createPageCard(deps: PageCardDeps) {
  const { model, store, rangeOf, later } = deps
  const opened: Opened = { focusCard: false, keepInView: false, shown: 0, last: null }
  const cards = createCards(deps, opened)
  followReplacedMarks(store, cards, later)
  const firstVisibleMark = (key: string) => firstVisibleMarkOf(store, rangeOf, key)

  return {
    cards,
    /**
     * Opens the card of a list row's ID next to its first visible mark, scrolled to by `scrollTo`;
     * with none (the row the list opens on), next to a mark the agent sees, else in view (in-view.ts).
     */
    showFromList(key: string, takeFocus: boolean, scrollTo: ((mark: Mark) => void) | null): void {
      const mark = scrollTo ? firstVisibleMark(key) : (seenMarkOf(store, deps.inView, key) ?? firstVisibleMark(key))
      if (!mark) return
      scrollTo?.(mark)
      opened.focusCard = takeFocus
      opened.keepInView = !scrollTo
      cards.openFromList(mark)
    },
    /** The keyboard command on an open card: focus moves into it, which stays where it is. Returns false when no card is open. */
    focusOpenCard(): boolean {
      const open = cards.shown
      if (!open || !model.card.value) return false
      opened.focusCard = true
      opened.keepInView = true
      cards.openFromList(open.mark)
      return true
    },
    /** The card a command acts on: the open one, else the last one opened (null: none yet). */
    target(): { open: boolean; openedAt: number; id: string } | null {
      const { last } = opened
      return last && { open: cards.shown !== null && model.card.value !== null, openedAt: last.openedAt, id: last.id }
    },
    /**
     * A command with no card open: the last card opens again, without taking focus and with nothing
     * scrolled: next to a mark of its ID the agent sees, else in view. False when its ID left the page.
     */
    reopenLast(): boolean {
      if (!opened.last) return false
      const mark = seenMarkOf(store, deps.inView, opened.last.key) ?? firstVisibleMark(opened.last.key)
      if (!mark) return false
      opened.focusCard = false
      opened.keepInView = true
      cards.openFromList(mark)
      return model.card.value !== null
    },
    /** Cards opened so far (only the agent's own input opens one). */
    get shown() {
      return opened.shown
    },
  }
}

/** The controller that opens the card for what the agent sees, asks its ID at once and closes it when its mark has no box. */
function createCards({ model, request, rangeOf, later, sees = () => true, inView }: PageCardDeps, opened: Opened): CardController {
  const cards = createCardController({
    show({ mark, source }) {
      const list = source === 'list'
      const takeFocus = list && opened.focusCard
      const keepInView = list && opened.keepInView
      opened.focusCard = opened.keepInView = false
      // The list names every ID of the page; under the pointer or in focus, only what the agent sees counts.
      if (!list && !sees(mark)) return cards.close()
      opened.shown++
      opened.last = { key: mark.key, id: mark.id, openedAt: Date.now() }
      request([mark], { urgent: true, maxAgeMs: STALE_MS })
      const range = rangeOf(mark)
      const placed = keepInView ? inView(mark) : null
      const anchor = placed?.anchor ?? range?.getBoundingClientRect()
      if (!range || !anchor) return cards.close()
      model.card.value = { key: mark.key, id: mark.id, kind: mark.kind, source, anchor, takeFocus, keepInView }
      // The ring goes round text the agent sees: none for a card kept in view away from its text.
      model.ring.value = list && (placed?.seen ?? true) ? [...range.getClientRects()] : []
    },
    hide() {
      model.card.value = null
      model.ring.value = []
    },
    setTimer: later,
  })
  return cards
}

/**
 * Frameworks re-render a thread by replacing it with new nodes of the same text, and the rescan
 * usually marks them in the same task: a mark of the card's ID added soon after takes the card over.
 */
function followReplacedMarks(store: MarkStore, cards: CardController, later: PageCardDeps['later']): void {
  let orphan: Mark | null = null
  store.on('added', (mark) => {
    if (orphan?.key !== mark.key) return
    cards.markReplaced(orphan, mark)
    orphan = null
  })
  store.on('removed', (mark) => {
    if (cards.pending !== mark && cards.shown?.mark !== mark) return
    orphan = mark
    later(() => {
      if (orphan !== mark) return
      orphan = null
      cards.markRemoved(mark)
    }, REPLACED_WITHIN_MS)
  })
}

/** An occurrence of an ID whose text shows on screen now, or null. */
function seenMarkOf(store: MarkStore, inView: PageCardDeps['inView'], key: string): Mark | null {
  for (const mark of store.marksOf(key)) if (inView(mark)?.seen) return mark
  return null
}

/** The first occurrence of an ID the agent can see (hidden copies of an ID have empty boxes). */
function firstVisibleMarkOf(store: MarkStore, rangeOf: (mark: Mark) => Range | null, key: string): Mark | null {
  let fallback: Mark | null = null
  for (const mark of store.marksOf(key)) {
    const box = rangeOf(mark)?.getBoundingClientRect()
    if (box && (box.width > 0 || box.height > 0)) return mark
    fallback ??= mark
  }
  return fallback
}

export type PageCard = ReturnType<typeof createPageCard>
