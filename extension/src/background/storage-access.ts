import { browser } from '#imports'

type Area = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> }

/**
 * Closes `storage.local` and `storage.managed` (the relay URL and the agent token, the agent's and
 * the administrator's) to content scripts: only the extension's pages and its service worker may read
 * them. The content script does not need them (it asks the background for its site's settings); this
 * makes sure a content script running in a hostile page could not read them even if it tried.
 * storage.session is closed to content scripts by default. Chrome versions whose local and managed
 * areas have no setAccessLevel keep the default (the content script's code reads neither).
 */
export async function restrictStorageToExtension(storage: Record<'local' | 'managed', Area> = browser.storage as never): Promise<string[]> {
  const restricted: string[] = []
  for (const name of ['local', 'managed'] as const) {
    try {
      await storage[name].setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
      if (storage[name].setAccessLevel) restricted.push(name)
    } catch {
      // This Chrome supports the setting for storage.session only.
    }
  }
  return restricted
}
