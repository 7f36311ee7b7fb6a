import { browser, storage } from '#imports'
import { signal } from '@preact/signals'
import type { PageId, Send } from '../lib/messages.ts'
import { pageIdsKey } from '../lib/page-ids.ts'
import {
  createSiteCheck,
  disableSite,
  enableSite,
  findIds,
  followPermissionChanges,
  siteOffers,
  type PageSite,
  type PageSiteState,
  type PermissionsApi,
  type PopupTab,
} from './page-site.ts'

export type { PermissionsApi } from './page-site.ts'

/** The IDs the background keeps for the popup's tab: read once, then followed while the popup is open. */
function createTabIdList() {
  const ids = signal<PageId[]>([])
  const status = signal<'loading' | 'ready' | 'unavailable'>('loading')
  let unwatch = () => {}

  /** Reads the IDs where the background keeps them (storage.session is open to extension pages). */
  async function loadIds(tabId: number): Promise<void> {
    try {
      ids.value = (await storage.getItem<PageId[]>(pageIdsKey(tabId))) ?? []
      status.value = 'ready'
    } catch {
      // Storage refused (the extension is being updated): say so rather than show "none found".
      status.value = 'unavailable'
    }
  }

  /** Follows the page's reports (after "Find IDs", a site just enabled). */
  function follow(tabId: number): void {
    unwatch = storage.watch<PageId[]>(pageIdsKey(tabId), (next) => {
      ids.value = next ?? []
      if (status.value === 'loading') status.value = 'ready'
    })
  }

  return { ids, status, loadIds, follow, stop: () => unwatch() }
}

/**
 * The popup's "On this page": the IDs the content script found on the popup's tab, and what the
 * agent can do there: find them now where inline lookups only run when asked, always run them on
 * the site (its optional host permission), or stop them on a site enabled before.
 */
export function createPageIdsStore(send: Send, api: PermissionsApi = browser) {
  const list = createTabIdList()
  const { ids, status, loadIds } = list
  let tab: PopupTab = {}

  const state: PageSiteState = {
    send,
    api,
    tab: () => tab,
    site: signal<PageSite>({ kind: 'checking' }),
    running: signal(false),
    busy: signal(null),
    notice: signal(null),
    loadIds,
  }
  const { site, running, busy } = state
  const checkSite = createSiteCheck(state)

  const offers = siteOffers(state, ids)
  const unfollowPermissions = followPermissionChanges(state, checkSite)

  async function load(current: PopupTab | undefined): Promise<void> {
    tab = current ?? {}
    list.stop()
    const tabId = tab.id
    if (tabId === undefined) {
      status.value = 'unavailable'
      site.value = { kind: 'unknown' }
      return
    }
    list.follow(tabId)
    await Promise.all([loadIds(tabId), checkSite()])
  }

  return {
    ids,
    status,
    site,
    running,
    busy,
    notice: state.notice,
    offers,
    load,
    findIds: () => findIds(state),
    enableSite: () => enableSite(state, checkSite),
    disableSite: () => disableSite(state, checkSite),
    /** Stops following the tab and the permissions (the popup closes). */
    dispose(): void {
      list.stop()
      unfollowPermissions()
    },
  }
}

export type PageIdsStore = ReturnType<typeof createPageIdsStore>
