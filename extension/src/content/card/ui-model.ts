import type { CardField } from '../../lib/card-fields.ts'
import type { IdKind } from '@idv-lens/shared/ids'
import type { Box } from '../marks/clip-boxes.ts'
import type { CardSource } from './card-controller.ts'
import type { LookupState } from '../lookups/lookup-queue.ts'
import type { PageId } from '../marks/mark-store.ts'
import type { CardReplyFacts, CopyOutcome, DetailSection, TicketRequesterCheck, WatchToggle } from '../../lib/messages.ts'
import type { WatchSeen } from '../../lib/watches.ts'
import type { CardCopy } from '../../lib/content-messages.ts'
import type { ActionName } from '../../lib/actions.ts'
import { cell, type Cell } from '../cell.ts'

/** The card on screen: which ID, why it opened, and the box of the text it must not cover. */
export type CardView = {
  key: string
  id: string
  kind: IdKind
  source: CardSource
  anchor: Box
  /** Move keyboard focus into the card when it renders (list pick, keyboard command). */
  takeFocus: boolean
  /**
   * Opened by a command or as the list opens, which scroll nothing: placed where the agent sees it
   * (in-view.ts), at the edge of the text's pane until the text shows, then at the text.
   */
  keepInView?: boolean
  /** A card command to run (background/card-commands.ts): a new `seq` runs it once. */
  command?: { what: CardCopy; seq: number }
}

/**
 * What the shadow-root UI renders. Page logic writes the cells; components read them and call
 * `UiActions`. Everything stays inside the content script's world.
 */
export function createUiModel() {
  return {
    /** The distinct IDs on the page, first seen first (the list). */
    ids: cell<PageId[]>([]),
    card: cell<CardView | null>(null),
    listOpen: cell(false),
    /** A focus ring around the text of the ID picked in the list (one box per line). */
    ring: cell<Box[]>([]),
    notice: cell<string | null>(null),
    /** Why the page is no longer scanned, if it is not. */
    capped: cell<'ids' | 'text' | null>(null),
    /** Bumped by the keyboard command: the list (re)takes focus each time it changes. */
    focusList: cell(0),
    /**
     * The facts the card shows, in order, as the background last said (the team's choice or the
     * agent's); null before it did. The card reads them (parseCardFields), so the eager script need not.
     */
    cardFields: cell<readonly CardField[] | null>(null),
  }
}

export type UiModel = ReturnType<typeof createUiModel>

export type UiActions = {
  /** One ID's lookup state, a cell of its own: the card and that ID's list row read it. */
  lookup(key: string): Readonly<Cell<LookupState | undefined>>
  openList(): void
  closeList(): void
  /**
   * Keyboard focus moved to a row: show that ID (scroll to it, ring it, preview its card). The row
   * the list opens on is shown with nothing scrolled (`goTo` false): opening the list is no move.
   */
  previewRow(key: string, goTo: boolean): void
  /** Enter on a row: open the card and move focus into it. */
  pickRow(key: string): void
  closeCard(): void
  /** The card closes holding focus: focus goes back to the element it came from (without scrolling, opening no card there). */
  giveFocusBack(el: HTMLElement): void
  pointerInCard(inside: boolean): void
  /** Opens the side panel on the ID's detail; `section`: the part of it a card's button leads to. */
  openDetail(id: string, section?: DetailSection): void
  /** Opens the options page, where a refused token or a wrong relay URL is fixed (the background opens it). */
  openSettings(): void
  /** Whether an ID is watched, and watching it or not (the background keeps watches: lib/watches.ts). */
  watchState(id: string): Promise<boolean>
  setWatch(id: string, on: boolean, seen?: WatchSeen): Promise<WatchToggle>
  /** The actions the relay offers this agent (none when it offers none or cannot be asked): their buttons open the side panel. */
  agentActions(): Promise<ActionName[]>
  /** Copies the card's ID or its internal note (naming the ID) through the background: never in the page's document. */
  copy(id: string, text: string): Promise<CopyOutcome>
  /** Copies the customer reply, which the background words in the team's texts, the same way. */
  copyReply(id: string, reply: CardReplyFacts): Promise<CopyOutcome>
  /** "Check the ticket's requester": the background reads it in this tab on this click and asks the relay (the value never comes here). */
  checkTicketRequester(id: string): Promise<TicketRequesterCheck>
}
