import { browser, storage } from '#imports'
import { computed, signal } from '@preact/signals'
import type { PageId, Send } from '../lib/messages.ts'
import { pageIdsKey } from '../lib/page-ids.ts'
import { siteAccess, type SiteAccess } from '../lib/site-access.ts'
import { t } from '../lib/i18n.ts'

/** How inline lookups stand on the popup's tab; `unknown` when there is no tab or its URL is hidden from us. */
export type PageSite = { kind: 'checking' } | { kind: 'unknown' } | SiteAccess

/** What the popup may do about inline lookups on its tab (the permission calls happen in the popup itself). */
export type PermissionsApi = {
  permissions: Pick<typeof browser.permissions, 'getAll' | 'request' | 'remove' | 'onAdded' | 'onRemoved'>
}

/** The tab the popup belongs to. `url` is there when Chrome shows it to us (activeTab, when the agent opens the popup). */
export type PopupTab = { id?: number; url?: string }

/**
 * The popup's "On this page": the IDs the content script found on the popup's tab, and what the
 * agent can do there: find them now where inline lookups only run when asked, always run them on
 * the site (its optional host permission), or stop them on a site enabled before.
 */
export function createPageIdsStore(send: Send, api: PermissionsApi = browser) {
  const ids = signal<PageId[]>([])
  const status = signal<'loading' | 'ready' | 'unavailable'>('loading')
  const site = signal<PageSite>({ kind: 'checking' })
  /** The content script runs in the tab (asked only where it does not start by itself). */
  const running = signal(false)
  /** The action under way; the others wait for it. */
  const busy = signal<'find' | 'enable' | 'disable' | null>(null)
  /** Why the last action did not work, in words for the agent. */
  const notice = signal<string | null>(null)

  let tab: PopupTab = {}
  let unwatch = () => {}
  // Checks can overlap (a permission event during an action): only the latest one is shown.
  let checks = 0

  const offers = computed(() => {
    const s = site.value
    const onRequest = s.kind === 'on-request'
    return {
      /** "Find IDs on this page": where nothing looked at the page yet. */
      find: onRequest && !running.value && ids.value.length === 0,
      /** "Always run on <host>" */
      enable: onRequest ? s.host : null,
      /** "Stop on <host>" */
      disable: s.kind === 'enabled' ? s.host : null,
    }
  })

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

  /** Works out the site's access again (on load, and when permissions change while the popup is open). */
  async function checkSite(): Promise<void> {
    const check = ++checks
    const { id: tabId, url } = tab
    if (tabId === undefined || !url) {
      site.value = { kind: 'unknown' }
      return
    }
    const granted = await Promise.resolve(api.permissions.getAll()).then(
      (all) => all.origins ?? [],
      () => [],
    )
    const next = siteAccess(url, granted)
    // Where the script only runs when asked, the agent may have asked already (keyboard, context menu).
    const runs = next.kind === 'on-request' ? await send('inlineLookupsRunning', { tabId }).catch(() => false) : running.value
    if (check !== checks) return
    running.value = runs
    site.value = next
  }

  // Changes made elsewhere (chrome://extensions, another window). The popup's own enable/disable
  // checks the site itself when Chrome answers; checking again for its event would be a second round.
  const onPermissionsChanged = () => void (busy.peek() === null && checkSite())
  api.permissions.onAdded.addListener(onPermissionsChanged)
  api.permissions.onRemoved.addListener(onPermissionsChanged)

  async function load(current: PopupTab | undefined): Promise<void> {
    tab = current ?? {}
    unwatch()
    const tabId = tab.id
    if (tabId === undefined) {
      status.value = 'unavailable'
      site.value = { kind: 'unknown' }
      return
    }
    // The list follows the page's reports while the popup is open (after "Find IDs", a site just enabled).
    unwatch = storage.watch<PageId[]>(pageIdsKey(tabId), (next) => {
      ids.value = next ?? []
      if (status.value === 'loading') status.value = 'ready'
    })
    await Promise.all([loadIds(tabId), checkSite()])
  }

  /** "Find IDs on this page": the background starts inline lookups in the tab and opens their list there. */
  async function findIds(): Promise<void> {
    const tabId = tab.id
    if (tabId === undefined || busy.value) return
    busy.value = 'find'
    notice.value = null
    try {
      if (await send('findPageIds', { tabId })) {
        running.value = true
        await loadIds(tabId)
      } else {
        notice.value = t('noticeCannotRead')
      }
    } catch {
      notice.value = t('noticeCannotRead')
    } finally {
      busy.value = null
    }
  }

  /**
   * "Always run on <host>". Call straight from the click handler: Chrome only shows its permission
   * prompt during the click's user gesture, so the request goes out before anything is awaited.
   * The background registers the content script when the permission arrives (permissions.onAdded)
   * and starts it in the open tabs of the site, this one included.
   */
  function enableSite(): Promise<void> {
    const s = site.value
    if (s.kind !== 'on-request' || busy.value) return Promise.resolve()
    let asking: Promise<boolean>
    try {
      asking = Promise.resolve(api.permissions.request({ origins: [s.pattern] }))
    } catch (err) {
      asking = Promise.reject(err)
    }
    busy.value = 'enable'
    notice.value = null
    return asking
      .then(
        // Declined: nothing changes, and there is nothing to explain.
        (granted) => (granted ? checkSite() : undefined),
        () => void (notice.value = t('siteNotAllowed', s.host)),
      )
      .finally(() => (busy.value = null))
  }

  /** "Stop on <host>": gives the site's permission back (the background unregisters the script) and stops it in this tab. */
  async function disableSite(): Promise<void> {
    const s = site.value
    const tabId = tab.id
    if (s.kind !== 'enabled' || tabId === undefined || busy.value) return
    busy.value = 'disable'
    notice.value = null
    try {
      if (await api.permissions.remove({ origins: [s.pattern] })) {
        await send('stopInlineLookups', { tabId }).catch(() => {})
        await checkSite()
      } else {
        notice.value = t('siteKept', s.host)
      }
    } catch {
      notice.value = t('siteKept', s.host)
    } finally {
      busy.value = null
    }
  }

  return {
    ids,
    status,
    site,
    running,
    busy,
    notice,
    offers,
    load,
    findIds,
    enableSite,
    disableSite,
    /** Stops following the tab and the permissions (the popup closes). */
    dispose(): void {
      unwatch()
      api.permissions.onAdded.removeListener(onPermissionsChanged)
      api.permissions.onRemoved.removeListener(onPermissionsChanged)
    },
  }
}

export type PageIdsStore = ReturnType<typeof createPageIdsStore>
