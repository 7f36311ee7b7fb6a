import { browser, storage } from '#imports'
import type { PageId } from '../lib/messages.ts'

/*
The IDs each tab reported, kept in storage.session rather than in a variable: Chrome stops an idle
service worker, and the popup must still find the IDs afterwards. One key per tab, so reports from
different tabs never overwrite each other.
*/
const keyFor = (tabId: number) => `session:tabIds.${tabId}` as const

export async function getTabIds(tabId: number): Promise<PageId[]> {
  return (await storage.getItem<PageId[]>(keyFor(tabId))) ?? []
}

async function setBadge(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 99)) : '' })
    if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#3558c8' })
  } catch {
    // The tab closed between the report and the badge: nothing to show.
  }
}

/** Keeps the distinct IDs, in the order the content script found them. */
export async function reportTabIds(tabId: number, ids: PageId[]): Promise<void> {
  const seen = new Set<string>()
  const distinct = ids.filter((p) => !seen.has(p.id) && seen.add(p.id))
  if (distinct.length === 0) await storage.removeItem(keyFor(tabId))
  else await storage.setItem(keyFor(tabId), distinct)
  await setBadge(tabId, distinct.length)
}

export async function clearTabIds(tabId: number): Promise<void> {
  await storage.removeItem(keyFor(tabId))
}

/**
 * Forget a tab's IDs when it closes or starts loading a new document; the content script of the
 * new page reports again. `status` is visible without host permission (unlike `url`), so leaving a
 * helpdesk for any other site clears too. Same-document (SPA) navigations do not set `loading`.
 */
export function watchTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => void clearTabIds(tabId))
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void reportTabIds(tabId, [])
  })
}
