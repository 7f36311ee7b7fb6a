import { browser, storage } from '#imports'
import type { DetailSection } from './messages.ts'

/**
 * The ID the side panel should show next. The background writes it (openDetail, context menu) and
 * the side panel takes it, whether it was already open (watch) or is opening now (initial read).
 * Session storage: in memory only, gone when the browser closes.
 */
export type PendingDetail = { id: string; at: number; section?: DetailSection }

export const pendingDetailItem = storage.defineItem<PendingDetail | null>('session:pendingDetail', { fallback: null })

/**
 * Stores `id` for the side panel from the page about to open it (the popup), issued before the panel
 * opens. Chrome closes the popup as the panel takes focus; a message the popup sends after asking for
 * the panel can reach the service worker after that, or never, and the panel then opened empty (seen
 * under load in real Chromium). One page's extension API calls reach the browser in the order made,
 * so this write is asked for before the panel is. The raw call, not the item's setValue: that one
 * reaches the browser only after a few promise steps, behind the panel's opening.
 */
export function storePendingDetailFirst(id: string): Promise<void> {
  const pending: PendingDetail = { id, at: Date.now() }
  return browser.storage.session.set({ pendingDetail: pending })
}

/** The "focus search" command asked the side panel for its search field (when, ms); the panel takes it like a pending detail. */
export const pendingSearchFocusItem = storage.defineItem<number | null>('session:pendingSearchFocus', { fallback: null })
