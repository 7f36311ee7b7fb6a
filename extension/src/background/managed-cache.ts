import { browser } from '#imports'
import { refreshManagedCache, watchSettings } from '../lib/effective-settings.ts'
import { clearListSnapshots } from '../stores/list-snapshot.ts'
import { forgetFirstPaintFromBackground } from './forget-first-paint.ts'

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
  // The popup's first screen, kept in localStorage, too (forget-first-paint.ts).
  const unwatch = watchSettings(() => {
    void clearListSnapshots().catch(() => {})
    void forgetFirstPaintFromBackground().catch(() => {})
  })
  void refresh().catch(() => {})
  return () => {
    browser.storage.onChanged.removeListener(onChanged)
    unwatch()
  }
}
