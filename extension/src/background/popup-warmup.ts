import { storage } from '#imports'
import type { ListRequest, Send } from '../lib/messages.ts'
import { fetchedOf } from '../stores/fetch-state.ts'
import { listSource } from '../stores/list-sources.ts'
import { POPUP_LIST } from '../vendors/index.ts'
import { POPUP_PAGE_SIZE, sessionSnapshot } from '../stores/list-snapshot.ts'
import { POPUP_TAB_NAMES } from '../pages/surface-tab.ts'
import type { RelayHandlers } from './relay-client.ts'

/**
 * The popup paints the first page it showed last (kept in storage.session) while it refreshes. A
 * browser start empties session storage, so the first open after one waited for the service worker
 * and the relay. At browser start the background asks once for the page the popup opens on (its
 * inquiries tab), as background work the relay's vendor gate sheds first, and keeps it where the
 * popup paints from. Nothing is kept when the relay is not configured or the call fails.
 */
export async function warmPopupList(handlers: Pick<RelayHandlers, 'listRecords'>): Promise<void> {
  // The list source speaks through a Send; here that is the relay handler itself, no message.
  const send = ((_type: 'listRecords', req: ListRequest) => handlers.listRecords(req)) as unknown as Send
  const source = listSource(POPUP_LIST)
  const query = { ...source.defaultFilters, ...source.pageQuery(POPUP_PAGE_SIZE, null) }
  const result = await source.fetchPage(send, query, false, true)
  if (!result.ok) return
  const snapshot = sessionSnapshot(POPUP_LIST.key, POPUP_PAGE_SIZE)
  // A popup opened meanwhile kept its own answer: that one is as new, and it is what the agent saw.
  if (await snapshot.read()) return
  // With the popup's tabs, as the popup keeps it (stores/first-paint-keeper.ts): its first paint draws both.
  await snapshot.write({ items: result.data.items, cursor: result.data.cursor, fetched: fetchedOf(result), tabs: POPUP_TAB_NAMES })
}

/**
 * This browser session's warm-up, in session storage (it outlives service-worker restarts): under
 * way ('asking') or finished ('done', whatever it found; the browser tests wait for it before they
 * count vendor calls).
 */
export const warmupItem = storage.defineItem<'asking' | 'done' | null>('session:popup.warmup', { fallback: null })

/**
 * `warmPopupList` once per browser session, from the service worker's start. Not from
 * runtime.onStartup: Chrome does not fire it for an extension loaded from the command line (as the
 * tests and benchmarks load it), and the worker starts with the browser anyway. A worker woken
 * again later (it sleeps after 30 s idle) finds the flag and asks nothing.
 */
export async function warmPopupListOnce(handlers: Pick<RelayHandlers, 'listRecords'>): Promise<void> {
  if (await warmupItem.getValue()) return
  await warmupItem.setValue('asking')
  try {
    await warmPopupList(handlers)
  } finally {
    await warmupItem.setValue('done')
  }
}
