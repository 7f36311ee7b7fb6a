import { browser } from '#imports'
import { signal } from '@preact/signals'
import type { Send } from '../lib/messages.ts'
import { openSidePanel } from '../lib/side-panel.ts'
import { storePendingDetailFirst } from '../lib/pending-detail.ts'
import type { PageIdsStore } from './page-ids-store.ts'

/**
 * The tab the popup was opened over, and the side panel opened beside it. Known up front so the click
 * that opens the side panel does not have to await it (Chrome needs the open call inside the click's
 * gesture). Opening the popup grants activeTab, so its URL is there too: what "On this page" offers depends on it.
 */
export function createPopupActiveTab(send: Send, pageIds: PageIdsStore) {
  const activeTab = signal<{ tabId?: number; windowId?: number }>({})
  void browser.tabs.query({ active: true, currentWindow: true }).then(
    ([current]) => {
      activeTab.value = { tabId: current?.id, windowId: current?.windowId }
      return pageIds.load(current && { id: current.id, url: current.url })
    },
    () => pageIds.load(undefined),
  )

  async function openDetail(id: string): Promise<boolean> {
    // The ID before the panel: the popup may be closed as soon as the panel opens (pending-detail.ts).
    const stored = storePendingDetailFirst(id).catch(() => {})
    const opening = openSidePanel(activeTab.value)
    await stored
    await send('openDetail', { id, tabId: activeTab.value.tabId }).catch(() => {})
    return opening
  }

  return {
    activeTab,
    /** Call straight from a click handler; resolves when it is safe to close the popup. */
    openSidePanel: (): Promise<boolean> => openSidePanel(activeTab.value),
    /** Opens the side panel on `id`'s detail (same gesture rule as openSidePanel); true once it is open. */
    openDetail,
  }
}
