import type { browser } from '#imports'
import { computed, type ReadonlySignal, type Signal } from '@preact/signals'
import type { PageId, Send } from '../lib/messages.ts'
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

/** What the site's check and the agent's actions there share with the store behind "On this page". */
export type PageSiteState = {
  send: Send
  api: PermissionsApi
  tab: () => PopupTab
  site: Signal<PageSite>
  /** The content script runs in the tab (asked only where it does not start by itself). */
  running: Signal<boolean>
  /** The action under way; the others wait for it. */
  busy: Signal<'find' | 'enable' | 'disable' | null>
  /** Why the last action did not work, in words for the agent. */
  notice: Signal<string | null>
  /** Reads the tab's IDs again (after "Find IDs"). */
  loadIds: (tabId: number) => Promise<void>
}

/**
 * Works out the site's access (on load, and when permissions change while the popup is open).
 * Checks can overlap (a permission event during an action): only the latest one is shown.
 */
export function createSiteCheck(state: PageSiteState): () => Promise<void> {
  let checks = 0
  return async function checkSite(): Promise<void> {
    const check = ++checks
    const { id: tabId, url } = state.tab()
    if (tabId === undefined || !url) {
      state.site.value = { kind: 'unknown' }
      return
    }
    const granted = await Promise.resolve(state.api.permissions.getAll()).then(
      (all) => all.origins ?? [],
      () => [],
    )
    const next = siteAccess(url, granted)
    // Where the script only runs when asked, the agent may have asked already (keyboard, context menu).
    const runs = next.kind === 'on-request' ? await state.send('inlineLookupsRunning', { tabId }).catch(() => false) : state.running.value
    if (check !== checks) return
    state.running.value = runs
    state.site.value = next
  }
}

/** What "On this page" offers the agent on the site. */
export function siteOffers(state: PageSiteState, ids: ReadonlySignal<PageId[]>) {
  return computed(() => {
    const s = state.site.value
    const onRequest = s.kind === 'on-request'
    return {
      /** "Find IDs on this page": where nothing looked at the page yet. */
      find: onRequest && !state.running.value && ids.value.length === 0,
      /** "Always run on <host>" */
      enable: onRequest ? s.host : null,
      /** "Stop on <host>" */
      disable: s.kind === 'enabled' ? s.host : null,
    }
  })
}

/**
 * Follows permission changes made elsewhere (chrome://extensions, another window); returns the
 * unfollow. The popup's own enable/disable checks the site itself when Chrome answers: checking
 * again for its event would be a second round.
 */
export function followPermissionChanges(state: PageSiteState, checkSite: () => Promise<void>): () => void {
  const onPermissionsChanged = () => void (state.busy.peek() === null && checkSite())
  state.api.permissions.onAdded.addListener(onPermissionsChanged)
  state.api.permissions.onRemoved.addListener(onPermissionsChanged)
  return () => {
    state.api.permissions.onAdded.removeListener(onPermissionsChanged)
    state.api.permissions.onRemoved.removeListener(onPermissionsChanged)
  }
}

/** "Find IDs on this page": the background starts inline lookups in the tab and opens their list there. */
export async function findIds(state: PageSiteState): Promise<void> {
  const tabId = state.tab().id
  if (tabId === undefined || state.busy.value) return
  state.busy.value = 'find'
  state.notice.value = null
  try {
    if (await state.send('findPageIds', { tabId })) {
      state.running.value = true
      await state.loadIds(tabId)
    } else {
      state.notice.value = t('noticeCannotRead')
    }
  } catch {
    state.notice.value = t('noticeCannotRead')
  } finally {
    state.busy.value = null
  }
}

/**
 * "Always run on <host>". Call straight from the click handler: Chrome only shows its permission
 * prompt during the click's user gesture, so the request goes out before anything is awaited.
 * The background registers the content script when the permission arrives (permissions.onAdded)
 * and starts it in the open tabs of the site, this one included.
 */
export function enableSite(state: PageSiteState, checkSite: () => Promise<void>): Promise<void> {
  const s = state.site.value
  if (s.kind !== 'on-request' || state.busy.value) return Promise.resolve()
  let asking: Promise<boolean>
  try {
    asking = Promise.resolve(state.api.permissions.request({ origins: [s.pattern] }))
  } catch (err) {
    asking = Promise.reject(err)
  }
  state.busy.value = 'enable'
  state.notice.value = null
  return asking
    .then(
      // Declined: nothing changes, and there is nothing to explain.
      (granted) => (granted ? checkSite() : undefined),
      () => void (state.notice.value = t('siteNotAllowed', s.host)),
    )
    .finally(() => (state.busy.value = null))
}

/** "Stop on <host>": gives the site's permission back (the background unregisters the script) and stops it in this tab. */
export async function disableSite(state: PageSiteState, checkSite: () => Promise<void>): Promise<void> {
  const s = state.site.value
  const tabId = state.tab().id
  if (s.kind !== 'enabled' || tabId === undefined || state.busy.value) return
  state.busy.value = 'disable'
  state.notice.value = null
  try {
    if (await state.api.permissions.remove({ origins: [s.pattern] })) {
      await state.send('stopInlineLookups', { tabId }).catch(() => {})
      await checkSite()
    } else {
      state.notice.value = t('siteKept', s.host)
    }
  } catch {
    state.notice.value = t('siteKept', s.host)
  } finally {
    state.busy.value = null
  }
}
