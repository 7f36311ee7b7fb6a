import { browser, type Browser } from '#imports'
import { readEffectiveSettings, watchSettings } from '../lib/effective-settings.ts'
import { onMessage, type PageId } from '../lib/messages.ts'
import { CONTENT_SCRIPT_FILE, INLINE_UI_FILE, sendToContent } from '../content/content-messages.ts'
import { AGENT_WORKSPACE_MATCHES } from '../content/helpdesk-matches.ts'
import { idFromSelection } from '../content/selection-id.ts'
import { enabledSitePatterns, sitePattern } from '../lib/site-access.ts'
import { openDetailView } from './open-detail.ts'
import { fallbackFrameTarget } from './fallback-frames.ts'
import { createContentSettings } from './content-settings.ts'
import type { LookupBudget } from './lookup-budget.ts'
import { createTabIds } from './tab-ids.ts'
import { checkReportedIds, checkTabId, requireContentScript, requireExtensionPage, type Sender } from './sender-policy.ts'
import { t, tn } from '../lib/i18n.ts'

/*
The background half of inline lookups: the per-tab IDs (badge, popup), the "Look up in IDV Lens"
context menu, the keyboard command, the popup's "Find IDs on this page" and "Stop", and the
content script's registration on sites the agent enabled. Everything a content script sends here is IDs; nothing else of the page leaves it.
*/

export const LOOKUP_MENU_ID = 'idv-lens-lookup-selection'
/** On any page: find the IDs on it (the context menu's activeTab grant lets us inject where we do not run). */
export const SCAN_PAGE_MENU_ID = 'idv-lens-scan-page'
/** The manifest `commands` entry (wxt.config.ts). */
export const SHOW_IDS_COMMAND = 'show-page-ids'
export const ENABLED_SITES_SCRIPT_ID = 'idv-lens-inline-lookups-enabled-sites'

// --- The IDs on each tab -----------------------------------------------------------------------

// Kept in memory and, behind it, in storage.session (tab-ids.ts): Chrome stops an idle service
// worker and the popup must still find the IDs.

/** Chrome shows about four characters on the badge. */
export function badgeText(count: number): string {
  if (count <= 0) return ''
  return count > 999 ? '999+' : String(count)
}

/** The badge's colour, the same on every tab (set once per service-worker start, in registerInlineLookups). */
const BADGE_COLOR = '#3558c8'

async function showBadge(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: badgeText(count) })
    // The badge says "12"; its tooltip says what: "IDV Lens: 12 IDs on this page" (the name alone when none).
    await browser.action.setTitle({ tabId, title: count > 0 ? tn('badgeTitle', count) : t('extName') })
  } catch {
    // The tab closed between the report and the badge.
  }
}

/** Every tab's IDs (one copy per service-worker start; registerInlineLookups makes a fresh one). */
let tabIds = createTabIds({ showBadge })

/**
 * How long the last reports took here (their own work, and up to the badge set) and the writes to
 * storage.session behind them (ms; bench:frames reads them from the service worker's global scope).
 */
function exposeTimes(): void {
  const scope = globalThis as { __idvLensWorkTimes?: number[]; __idvLensReportTimes?: number[]; __idvLensWriteTimes?: number[] }
  scope.__idvLensWorkTimes = tabIds.workTimes
  scope.__idvLensReportTimes = tabIds.reportTimes
  scope.__idvLensWriteTimes = tabIds.writeTimes
}
exposeTimes()

/**
 * Keeps what one frame of a tab reported and shows the tab's union (tab-ids.ts). Resolves once
 * storage.session has it too (the popup reads it there).
 */
export async function recordPageIds(tabId: number, ids: readonly PageId[], frameId = 0): Promise<void> {
  const { badge, stored } = await tabIds.record(tabId, ids, frameId)
  await Promise.all([badge, stored])
}

/** Drops the IDs of a tab's frames that no longer answer (an iframe left its page). */
async function pruneGoneFrames(tabId: number): Promise<void> {
  for (const frame of await tabIds.frameIds(tabId)) {
    if (frame === 0) continue
    const alive = await sendToContent('ping', undefined, { tabId, frameId: frame }).then(
      (answer) => answer === true,
      () => false,
    )
    if (!alive) await recordPageIds(tabId, [], frame)
  }
}

/** Forgets a tab's IDs and clears its badge. Resolves true when it had some. */
const forgetTab = (tabId: number, closed = false): Promise<boolean> => tabIds.forget(tabId, { closed })

// --- Sites the agent enabled ---------------------------------------------------------------------

type Api = Pick<typeof browser, 'action' | 'commands' | 'contextMenus' | 'permissions' | 'runtime' | 'scripting' | 'tabs'>

let syncing: Promise<string[]> = Promise.resolve([])

/**
 * Registers the content script for the enabled sites (or unregisters it when there are none).
 * The helpdesks are excluded: the manifest already runs it there. Calls are serialized, so two
 * permission changes in a row never register the script twice.
 */
export function syncEnabledSites(api: Api = browser): Promise<string[]> {
  syncing = syncing.catch(() => []).then(async () => {
    const [{ origins = [] }, settings] = await Promise.all([api.permissions.getAll(), readEffectiveSettings()])
    // The relay's own origin may hold a host permission (Firefox asks for it before the URL is
    // saved), but it is never a site to scan: left out, and excluded should a broader grant cover it.
    const relay = sitePattern(settings.workerUrl)
    const matches = enabledSitePatterns(origins, relay)
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [ENABLED_SITES_SCRIPT_ID] })
    if (matches.length === 0) {
      if (existing.length > 0) await api.scripting.unregisterContentScripts({ ids: [ENABLED_SITES_SCRIPT_ID] })
      return []
    }
    const script = {
      id: ENABLED_SITES_SCRIPT_ID,
      matches,
      excludeMatches: relay ? [...AGENT_WORKSPACE_MATCHES, relay] : AGENT_WORKSPACE_MATCHES,
      js: [CONTENT_SCRIPT_FILE],
      runAt: 'document_idle' as const,
      persistAcrossSessions: true,
    }
    if (existing.length > 0) await api.scripting.updateContentScripts([script])
    else await api.scripting.registerContentScripts([script])
    return matches
  })
  return syncing
}

/** Starts inline lookups in a tab now (tabs already open on a site that was just enabled, the keyboard command). */
async function injectInlineLookups(tabId: number, api: Pick<Api, 'scripting'> = browser): Promise<boolean> {
  try {
    await api.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] })
    return true
  } catch {
    return false // a page no extension may script (chrome://, the Web Store), or the tab closed
  }
}

/** Whether the content script runs in a tab now (it answers for its top frame). */
function isRunningIn(tabId: number): Promise<boolean> {
  return sendToContent('ping', undefined, tabId).then(
    (answer) => answer === true,
    () => false,
  )
}

/** Starts inline lookups in a tab unless they already run there (a second copy would replace the first). */
async function startIn(tabId: number, api: Pick<Api, 'scripting'>): Promise<boolean> {
  return (await isRunningIn(tabId)) || injectInlineLookups(tabId, api)
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The keyboard command: the content script opens its list (or moves into the open card). On a
 * page without it, the command's activeTab grant lets us inject it first.
 */
async function showPageIdsIn(tabId: number, api: Pick<Api, 'scripting'> = browser): Promise<boolean> {
  const ask = () => sendToContent('showPageIds', undefined, tabId).then((ok) => ok === true, () => false)
  if (await ask()) return true
  if (!(await injectInlineLookups(tabId, api))) return false
  // The new script registers its listener first thing, but needs a moment to start.
  for (let attempt = 0; attempt < 30; attempt++) {
    if (await ask()) return true
    await pause(100)
  }
  return false
}

/**
 * The popup's "Find IDs on this page": as the keyboard command, then the page reports its IDs at
 * once, so the popup can list them as soon as this resolves (later changes follow as usual).
 */
async function findPageIdsIn(tabId: number, api: Pick<Api, 'scripting'> = browser): Promise<boolean> {
  if (!(await showPageIdsIn(tabId, api))) return false
  await sendToContent('reportPageIdsAgain', undefined, tabId).catch(() => {})
  return true
}

/** The agent stopped inline lookups on a site: the page drops them now, and the tab's IDs and badge go. */
async function stopInlineLookupsIn(tabId: number): Promise<void> {
  await sendToContent('stop', undefined, tabId).catch(() => {})
  await forgetTab(tabId)
}

/**
 * After an update, the content scripts in open tabs are orphaned (cut off from the new background):
 * marks would stay grey and nothing new would be found until the agent reloads. Chrome does not
 * re-inject manifest scripts, so we do: into every open tab of an agent workspace and of the sites
 * the agent enabled. tabs.query by URL sees these tabs through our host permissions, without the
 * `tabs` permission. The new copy stops the orphaned one as it starts (script-guard.ts).
 */
export async function reinjectOpenTabs(api: Pick<Api, 'runtime' | 'scripting' | 'tabs'>, matches: readonly string[]): Promise<number[]> {
  const allFrames = api.runtime.getManifest().content_scripts?.some((c) => c.all_frames === true) ?? false
  const tabs = await api.tabs.query({ url: [...matches] })
  const injected: number[] = []
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return
      try {
        await api.scripting.executeScript({ target: { tabId: tab.id, allFrames }, files: [CONTENT_SCRIPT_FILE] })
        injected.push(tab.id)
      } catch {
        // The tab navigated away or closed meanwhile.
      }
    }),
  )
  return injected
}

// --- Registration --------------------------------------------------------------------------------

/**
 * Registers everything above. Listeners are added synchronously, in the service worker's first
 * turn, so the event that woke it is delivered. Returns a function that removes them (tests).
 */
export function registerInlineLookups(api: Api = browser, deps: { budget?: LookupBudget; writeDelayMs?: number } = {}): () => void {
  const removers: (() => void)[] = []
  const listen = <T extends (...args: never[]) => unknown>(event: { addListener(cb: T): void; removeListener(cb: T): void }, cb: T) => {
    event.addListener(cb)
    removers.push(() => event.removeListener(cb))
  }

  tabIds = createTabIds({ showBadge, writeDelayMs: deps.writeDelayMs })
  exposeTimes()
  void Promise.resolve(api.action.setBadgeBackgroundColor({ color: BADGE_COLOR })).catch(() => {})

  // Settings changed: content scripts ask again for theirs (the values never travel in the notice).
  const notifySettings = (tabId: number | null) =>
    void (tabId !== null ? Promise.resolve([{ id: tabId }]) : Promise.resolve(api.tabs.query({})))
      .then((tabs) => {
        for (const tab of tabs) if (tab.id !== undefined) void sendToContent('settingsChanged', undefined, tab.id).catch(() => {})
      })
      .catch(() => {})
  const contentSettings = createContentSettings({ notify: notifySettings })
  removers.push(contentSettings.stop)
  // A relay URL saved after its origin was granted (or changed since): the registration follows it.
  removers.push(watchSettings(() => void syncEnabledSites(api).catch(() => {})))

  removers.push(
    onMessage('reportPageIds', async ({ data, sender }) => {
      // Only content scripts report, and only IDs; each frame's list counts once in the tab's union.
      const tabId = requireContentScript(sender as Sender, 'reportPageIds')
      const ids = checkReportedIds(data?.ids ?? [])
      await recordPageIds(tabId, ids, sender.frameId ?? 0)
    }),
    onMessage('contentSettings', ({ sender }) => {
      const tabId = requireContentScript(sender as Sender, 'contentSettings')
      return contentSettings.forSender(sender as Sender, tabId)
    }),
    onMessage('inlineLookupsRunning', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'inlineLookupsRunning')
      return isRunningIn(checkTabId(data?.tabId))
    }),
    onMessage('findPageIds', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'findPageIds')
      return findPageIdsIn(checkTabId(data?.tabId), api)
    }),
    onMessage('stopInlineLookups', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'stopInlineLookups')
      return stopInlineLookupsIn(checkTabId(data?.tabId))
    }),
    onMessage('loadInlineUi', async ({ sender }) => {
      // Into the asking frame only, and only our own file: the card and list it renders on first use.
      const tabId = requireContentScript(sender as Sender, 'loadInlineUi')
      await api.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [INLINE_UI_FILE] })
      return true
    }),
    onMessage('startInFallbackFrame', async ({ sender }) => {
      // Only into the asking frame, only where its tab is an agent workspace (fallback-frames.ts).
      const target = fallbackFrameTarget(sender as Sender)
      if (!target) return false
      await api.scripting.executeScript({ target: { tabId: target.tabId, frameIds: [target.frameId] }, files: [CONTENT_SCRIPT_FILE] })
      return true
    }),
    onMessage('framesRemoved', async ({ sender }) => {
      // A content script's own tab only: the background then drops the frames that no longer answer.
      await pruneGoneFrames(requireContentScript(sender as Sender, 'framesRemoved'))
    }),
  )

  // A tab that had IDs and starts loading: clear now; if the page survives (single-page apps may
  // report a load for a history change), its content script is asked to report again.
  const reloading = new Set<number>()
  listen(api.tabs.onRemoved, (tabId: number) => {
    reloading.delete(tabId)
    void forgetTab(tabId, true)
    void deps.budget?.forget(tabId).catch(() => {})
  })
  listen(api.tabs.onUpdated, (tabId: number, change: Browser.tabs.OnUpdatedInfo) => {
    if (change.status === 'loading') {
      void forgetTab(tabId).then((had) => had && reloading.add(tabId))
    } else if (change.status === 'complete' && reloading.delete(tabId)) {
      void sendToContent('reportPageIdsAgain', undefined, tabId).catch(() => {})
    }
  })

  listen(api.runtime.onInstalled, (details: Browser.runtime.InstalledDetails) => {
    // Re-created on install and update; removed first so an update never fails on a duplicate ID.
    const menus = [
      { id: LOOKUP_MENU_ID, title: t('menuLookUp'), contexts: ['selection'] as ['selection'] },
      { id: SCAN_PAGE_MENU_ID, title: t('menuFindIds'), contexts: ['page'] as ['page'] },
    ]
    for (const menu of menus) {
      void Promise.resolve(api.contextMenus.remove(menu.id))
        .catch(() => {})
        .then(() => api.contextMenus.create(menu))
        .catch(() => {})
    }
    const synced = syncEnabledSites(api)
    void synced.catch(() => {})
    if (details?.reason === 'update') {
      // The agent workspaces at once; the enabled sites once their registration is back (it reads
      // the settings, and policy can take seconds to answer after an update).
      void reinjectOpenTabs(api, AGENT_WORKSPACE_MATCHES).catch(() => {})
      void synced.then((sites) => (sites.length > 0 ? reinjectOpenTabs(api, sites) : [])).catch(() => {})
    }
  })
  listen(api.runtime.onStartup, () => void syncEnabledSites(api).catch(() => {}))

  listen(api.contextMenus.onClicked, (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    if (info.menuItemId === SCAN_PAGE_MENU_ID && tab?.id !== undefined) return void showPageIdsIn(tab.id, api)
    if (info.menuItemId !== LOOKUP_MENU_ID) return
    const found = idFromSelection(info.selectionText)
    // No await before openDetailView: Chrome opens the side panel only during the click's gesture.
    if (found) return void openDetailView(found.id, tab?.id)
    if (tab?.id !== undefined) {
      void sendToContent('showNotice', { notice: 'no-id-in-selection' }, tab.id).catch(() => {})
    }
  })

  listen(api.commands.onCommand, (command: string, tab?: Browser.tabs.Tab) => {
    if (command === SHOW_IDS_COMMAND && tab?.id !== undefined) void showPageIdsIn(tab.id, api)
  })

  listen(api.permissions.onAdded, (added: Browser.permissions.Permissions) => {
    void syncEnabledSites(api)
      .then(async (matches) => {
        // Tabs already open on a newly enabled site start now, not on their next load.
        const fresh = (added.origins ?? []).filter((o) => matches.includes(o))
        if (fresh.length === 0) return
        for (const tab of await api.tabs.query({ url: fresh })) if (tab.id !== undefined) void startIn(tab.id, api)
      })
      .catch(() => {})
  })
  listen(api.permissions.onRemoved, () => void syncEnabledSites(api).catch(() => {}))

  return () => removers.forEach((remove) => remove())
}
