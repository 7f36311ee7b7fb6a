import { defineExtensionMessaging } from '@webext-core/messaging'

/*
 * Messages the background sends to the inline-lookups content script of one tab (tabs.sendMessage).
 * Kept apart from lib/messages.ts, whose ProtocolMap is what the background answers.
 */
/** Notices the background asks the page to show. */
export type PageNotice = 'no-id-in-selection'

/** What a card command copies: the customer reply (the card's S) or the internal note (Shift+S). */
export type CardCopy = 'reply' | 'note'

/** A frame's card a command could act on: open now, or the last one opened, when (wall clock, ms), and its ID. */
export type CardTarget = { open: boolean; openedAt: number; id: string }

export type ContentProtocolMap = {
  /** The keyboard command: open the "IDs on this page" list, or move into the open card. */
  showPageIds(): boolean
  /** Which card of this frame a command would act on; null when it has had none. */
  cardTarget(): CardTarget | null
  /** A card command: copy the open card's reply or note, else the last card's (shown again). False when the frame has no card. */
  copyFromCard(req: { what: CardCopy }): boolean
  /** A short notice in the page, as a code the content script words (lib/i18n.ts). */
  showNotice(req: { notice: PageNotice }): void
  /** The tab's badge was cleared by a navigation the page survived (single-page apps): report again. Resolves once reported. */
  reportPageIdsAgain(): void
  /** Whether inline lookups run in this tab (any answer means yes). */
  ping(): true
  /** The agent stopped inline lookups on this site: remove everything from the page and stop following it. */
  stop(): void
  /** Some setting changed: ask the background for this site's settings again (the notice carries no values). */
  settingsChanged(): void
  /** Host permissions were taken back (Chrome's Site access page, the options page): a frame of those sites stops, as on `stop`. */
  sitesRevoked(req: { origins: string[] }): void
  /** Some of this frame's own IDs changed (background/object-changes.ts): a card showing one asks again. */
  objectsChanged(req: { ids: string[] }): void
}

export const { sendMessage: sendToContent, onMessage: onContentMessage } = defineExtensionMessaging<ContentProtocolMap>()

/** The script file WXT builds from entrypoints/inline-lookups.content (for executeScript and dynamic registration). */
export const CONTENT_SCRIPT_FILE = '/content-scripts/inline-lookups.js'
/**
 * The card, the list and Preact, built from entrypoints/inline-ui.tsx: injected into a frame's
 * content-script world the first time the agent hovers an ID or opens the list (not web-accessible:
 * no page can load or probe it).
 */
export const INLINE_UI_FILE = '/inline-ui.js'
/**
 * The page's controls, built from entrypoints/inline-controls.ts: the hover and focus handling, the
 * card's timing, the launcher and our UI host. Injected like INLINE_UI_FILE, once a frame has an ID
 * (or the agent asks for the list or a notice shows): a frame with no ID never loads them.
 */
export const INLINE_CONTROLS_FILE = '/inline-controls.js'

/** What a content script may ask the background to add to its frame, and the only files it can get. */
export const INLINE_PARTS = { controls: INLINE_CONTROLS_FILE, views: INLINE_UI_FILE } as const
export type InlinePart = keyof typeof INLINE_PARTS
