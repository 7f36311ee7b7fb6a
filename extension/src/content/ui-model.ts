import { signal } from '@preact/signals'
import type { IdKind } from '@idv-lens/shared/ids'
import type { Box } from './card-position.ts'
import type { CardSource } from './card-controller.ts'
import type { LookupState } from './lookup-queue.ts'
import type { PageId } from './mark-store.ts'

/** The card on screen: which ID, why it opened, and the box of the text it must not cover. */
export type CardView = {
  key: string
  id: string
  kind: IdKind
  source: CardSource
  anchor: Box
  /** Move keyboard focus into the card when it renders (list pick, keyboard command). */
  takeFocus: boolean
}

/**
 * What the shadow-root UI renders, as signals. Page logic writes them; components read them and
 * call `UiActions`. Signals stay inside the content script's world.
 */
export function createUiModel() {
  return {
    /** The distinct IDs on the page, first seen first (the list). */
    ids: signal<PageId[]>([]),
    /** Bumped whenever a lookup answer arrives; components read states through `UiActions.lookup`. */
    lookupVersion: signal(0),
    card: signal<CardView | null>(null),
    listOpen: signal(false),
    /** A focus ring around the text of the ID picked in the list (one box per line). */
    ring: signal<Box[]>([]),
    notice: signal<string | null>(null),
    /** Why the page is no longer scanned, if it is not. */
    capped: signal<'ids' | 'text' | null>(null),
    /** Bumped by the keyboard command: the list (re)takes focus each time it changes. */
    focusList: signal(0),
  }
}

export type UiModel = ReturnType<typeof createUiModel>

export type UiActions = {
  lookup(key: string): LookupState | undefined
  openList(): void
  closeList(): void
  /** Keyboard focus moved to a row: show that ID (scroll to it, ring it, preview its card). */
  previewRow(key: string): void
  /** Enter on a row: open the card and move focus into it. */
  pickRow(key: string): void
  closeCard(): void
  pointerInCard(inside: boolean): void
  openDetail(id: string): void
}
