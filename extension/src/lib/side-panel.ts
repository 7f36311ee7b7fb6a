import { browser } from '#imports'

/**
 * Opens the side panel. Chrome only allows this during a user gesture, and the gesture does not
 * survive an `await`: callers must call this before awaiting anything in their click handler.
 * Resolves false (never rejects) when there is no side panel API or Chrome refused.
 */
export function openSidePanel(target: { tabId?: number; windowId?: number }): Promise<boolean> {
  const api = (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel
  const options = target.tabId !== undefined ? { tabId: target.tabId } : target.windowId !== undefined ? { windowId: target.windowId } : null
  if (!api?.open || !options) return Promise.resolve(false)
  try {
    return Promise.resolve(api.open(options as Parameters<typeof api.open>[0])).then(
      () => true,
      () => false,
    )
  } catch {
    return Promise.resolve(false)
  }
}
