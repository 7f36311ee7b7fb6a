import { browser } from '#imports'

/** Firefox's sidebar (WXT emits `sidebar_action` for the sidepanel entrypoint there). */
type SidebarAction = { open(): Promise<void>; isOpen(details: { windowId?: number }): Promise<boolean> }

const sidebarAction = (): SidebarAction | undefined => (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction

/**
 * Opens the side panel (Chrome) or the sidebar (Firefox). Both browsers only allow this during a user
 * gesture, and the gesture does not survive an `await`: callers must call this before awaiting
 * anything in their click handler. Firefox opens its sidebar in the current window (the target is
 * Chrome's). Resolves false (never rejects) when there is no such API or the browser refused.
 */
export function openSidePanel(target: { tabId?: number; windowId?: number }): Promise<boolean> {
  const settle = (opening: unknown) =>
    Promise.resolve(opening).then(
      () => true,
      () => false,
    )
  const sidebar = sidebarAction()
  if (sidebar) {
    try {
      return settle(sidebar.open())
    } catch {
      return Promise.resolve(false)
    }
  }
  const api = (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel
  const options =
    target.tabId !== undefined ? { tabId: target.tabId } : target.windowId !== undefined ? { windowId: target.windowId } : null
  if (!api?.open || !options) return Promise.resolve(false)
  try {
    return settle(api.open(options as Parameters<typeof api.open>[0]))
  } catch {
    return Promise.resolve(false)
  }
}

/**
 * Firefox, after `openSidePanel` was refused for want of a gesture (a content script's click reaches
 * the background as a message, which Firefox does not count as the user's action): an open sidebar
 * shows the pending detail by itself; otherwise the panel opens as a tab next to the page, so the
 * click still shows the detail. Resolves how it was shown.
 */
export async function showPanelWithoutGesture(tabId: number | undefined): Promise<'sidebar' | 'tab' | 'none'> {
  const sidebar = sidebarAction()
  if (!sidebar) return 'none'
  const tab = tabId !== undefined ? await browser.tabs.get(tabId).catch(() => undefined) : undefined
  if (await sidebar.isOpen(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}).catch(() => false)) return 'sidebar'
  await browser.tabs.create({
    url: browser.runtime.getURL('/sidepanel.html'),
    ...(tab ? { windowId: tab.windowId, index: tab.index + 1, openerTabId: tab.id } : {}),
  })
  return 'tab'
}
