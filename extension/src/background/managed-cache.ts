import { browser } from '#imports'
import { refreshManagedCache, watchSettings } from '../lib/effective-settings.ts'
import { forgetFirstPaint, pageStorage } from '../stores/first-paint-snapshot.ts'
import { clearListSnapshots } from '../stores/list-snapshot.ts'

/**
 * Keeps the cached copy of Chrome policy current (lib/settings.ts says why there is one): refreshed
 * at every service-worker start, without anyone waiting for it, and again whenever policy changes.
 * Returns a function that stops listening (tests).
 */
export function registerManagedCache(refresh: () => Promise<unknown> = refreshManagedCache): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void refresh().catch(() => {})
  }
  browser.storage.onChanged.addListener(onChanged)
  // Another relay or token: the lists the popup kept are not what the agent would see now.
  // Firefox's background is a page with localStorage: it forgets the popup's first screen too (Chrome's
  // service worker has none; the pages do it there, stores/first-paint-keeper.ts).
  const unwatch = watchSettings(() => {
    void clearListSnapshots().catch(() => {})
    forgetFirstPaint(pageStorage())
  })
  void refresh().catch(() => {})
  return () => {
    browser.storage.onChanged.removeListener(onChanged)
    unwatch()
  }
}
