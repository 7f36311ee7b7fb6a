import { storage } from '#imports'
import { vi } from 'vitest'
import type { PageId } from '../src/lib/messages.ts'
import { pageIdsKey } from '../src/lib/page-ids.ts'
import type { PermissionsApi } from '../src/stores/page-ids-store.ts'

/* Fakes for the popup's "On this page" tests (the store's and the component's). */

export const HELPDESKS = ['https://*.zendesk.com/*', 'https://app.intercom.com/*']

/** A permissions API whose grants the test controls (fakeBrowser leaves this one unimplemented). */
export function fakePermissions(initial: string[] = HELPDESKS) {
  const origins = new Set(initial)
  const listeners = { added: new Set<() => void>(), removed: new Set<() => void>() }
  const event = (set: Set<() => void>) => ({
    addListener: (cb: () => void) => set.add(cb),
    removeListener: (cb: () => void) => set.delete(cb),
  })
  const permissions = {
    getAll: vi.fn(async () => ({ origins: [...origins], permissions: [] })),
    request: vi.fn(async ({ origins: asked = [] }: { origins?: string[] }) => {
      asked.forEach((o) => origins.add(o))
      listeners.added.forEach((cb) => cb())
      return true
    }),
    remove: vi.fn(async ({ origins: given = [] }: { origins?: string[] }) => {
      given.forEach((o) => origins.delete(o))
      listeners.removed.forEach((cb) => cb())
      return true
    }),
    onAdded: event(listeners.added),
    onRemoved: event(listeners.removed),
  }
  return { origins, listeners, api: { permissions } as unknown as PermissionsApi, permissions }
}

/**
 * The background's answers; `running` says whether the tab's content script answers, `found` what
 * "Find IDs" finds (null: the page cannot be read). The IDs on a tab live where the background keeps
 * them, storage.session, which the popup reads; tests put a tab's IDs there with `showIds`.
 */
export function fakeBackground(state: { running?: boolean; found?: PageId[] | null } = {}) {
  const send = vi.fn(async (type: string, req?: unknown): Promise<unknown> => {
    const key = pageIdsKey((req as { tabId: number }).tabId)
    switch (type) {
      case 'inlineLookupsRunning':
        return state.running ?? false
      case 'findPageIds':
        if (state.found === null) return false
        state.running = true
        // The page reports through the background, never within the click (fakeBrowser's storage
        // would announce the write synchronously); then the IDs are stored before the answer.
        await Promise.resolve()
        await storage.setItem(key, state.found ?? [])
        return true
      case 'stopInlineLookups':
        // As the background does: the page stops, and the tab's IDs go.
        state.running = false
        return storage.removeItem(key)
    }
    throw new Error(`unexpected ${type}`)
  })
  return { send, state }
}

/** A tab's IDs as the background stores them from the page's reports. */
export const showIds = (tabId: number, ids: PageId[]) => storage.setItem(pageIdsKey(tabId), ids)
