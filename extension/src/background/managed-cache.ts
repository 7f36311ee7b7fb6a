import { browser } from '#imports'
import { refreshManagedCache, watchSettings } from '../lib/effective-settings.ts'
import { clearListSnapshots } from '../stores/list-snapshot.ts'
import { forgetFirstPaintFromBackground } from './forget-first-paint.ts'
import { offerTeamWorkspaces } from './team-workspaces-offer.ts'

/**
 * Keeps the cached copy of Chrome policy current (lib/settings.ts says why there is one): refreshed
 * at every service-worker start, without anyone waiting for it, and again whenever policy changes.
 * After an install or update, once that copy is fresh, the options page opens for a workspace the
 * team turned on and this browser has not granted (team-workspaces-offer.ts).
 * Returns a function that stops listening (tests).
 */
export function registerManagedCache(
  refresh: () => Promise<unknown> = refreshManagedCache,
  offer: () => Promise<unknown> = offerTeamWorkspaces,
): () => void {
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
  const refreshed = refresh().catch(() => {})
  const onInstalled = ({ reason }: { reason: string }) => {
    if (reason === 'install' || reason === 'update') void refreshed.then(() => offer()).catch(() => {})
  }
  browser.runtime.onInstalled.addListener(onInstalled)
  return () => {
    browser.storage.onChanged.removeListener(onChanged)
    browser.runtime.onInstalled.removeListener(onInstalled)
    unwatch()
  }
}
