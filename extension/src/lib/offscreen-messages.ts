import { defineExtensionMessaging } from '@webext-core/messaging'

/**
 * What the background asks of its offscreen clipboard page (entrypoints/clipboard/), in Chrome.
 * Kept apart from lib/messages.ts, whose ProtocolMap is what the background answers.
 */
export type OffscreenProtocolMap = {
  /** Put this text on the clipboard; false when the browser refused. Answered to the background only. */
  writeClipboard(req: { text: string }): boolean
  /** Whether the clipboard still holds this text; null when it could not be read. Only the answer leaves the page, never what it read. */
  clipboardHolds(req: { text: string }): boolean | null
}

export const { sendMessage: sendToOffscreen, onMessage: onOffscreenMessage } = defineExtensionMessaging<OffscreenProtocolMap>()

/** The longest text the card copies: an ID, or a summary of a few lines (lib/copy-summary.ts). */
export const MAX_COPY_CHARS = 2000

/**
 * Whether a message to the offscreen page comes from our background: every runtime message reaches
 * every page of ours, a content script's too, so the page answers only the service worker's
 * (no tab, our ID, the background script's URL).
 */
export function fromOurBackground(
  sender: { id?: string; url?: string; tab?: unknown },
  runtime: { id: string; getURL(path: '/background.js'): string },
): boolean {
  return sender.id === runtime.id && !sender.tab && sender.url === runtime.getURL('/background.js')
}
