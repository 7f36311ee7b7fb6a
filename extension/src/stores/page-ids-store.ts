import { signal } from '@preact/signals'
import type { PageId, Send } from '../lib/messages.ts'

/** The popup's "On this page": the IDs the content script found on the tab the popup belongs to. */
export function createPageIdsStore(send: Send) {
  const ids = signal<PageId[]>([])
  const status = signal<'loading' | 'ready' | 'unavailable'>('loading')

  async function load(tabId: number | undefined): Promise<void> {
    if (tabId === undefined) {
      status.value = 'unavailable'
      return
    }
    try {
      ids.value = await send('getTabIds', { tabId })
      status.value = 'ready'
    } catch {
      // The background did not answer (it is being updated): say so rather than show "none found".
      status.value = 'unavailable'
    }
  }

  return { ids, status, load }
}

export type PageIdsStore = ReturnType<typeof createPageIdsStore>
