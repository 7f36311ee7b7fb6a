import { browser, type Browser } from '#imports'
import { readEffectiveSettings, watchSettings } from '../lib/effective-settings.ts'
import { CONTENT_SCRIPT_FILE, sendToContent } from '../lib/content-messages.ts'
import { AGENT_WORKSPACE_MATCHES } from '../sites/helpdesk-matches.ts'
import { enabledSitePatterns, sitePattern } from '../lib/site-access.ts'
import type { BackgroundApi, Listen } from './listeners.ts'
import { isRunningIn, reinjectOpenTabs, startIn } from './page-scripting.ts'
import { forgetTab } from './tab-badge.ts'

/*
The content script on the sites the agent enabled (the manifest covers the helpdesks): registered
for their origins, kept in step with the permissions and the relay's URL, and started in tabs
already open. After an update, open tabs get the new script.
*/

export const ENABLED_SITES_SCRIPT_ID = 'idv-lens-inline-lookups-enabled-sites'

let syncing: Promise<string[]> = Promise.resolve([])

/**
 * Registers the content script for the enabled sites (or unregisters it when there are none).
 * The helpdesks are excluded: the manifest already runs it there. Calls are serialized, so two
 * permission changes in a row never register the script twice.
 */
export function syncEnabledSites(api: BackgroundApi = browser): Promise<string[]> {
  syncing = syncing
    .catch(() => [])
    .then(async () => {
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
        // Every frame, as on the built-in workspaces: a case's email body or an embedded app is a frame.
        allFrames: true,
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      }
      if (existing.length > 0) await api.scripting.updateContentScripts([script])
      else await api.scripting.registerContentScripts([script])
      return matches
    })
  return syncing
}

/** Keeps the registration in step with installs, updates, browser starts, permissions and settings. */
export function registerSiteRegistration(api: BackgroundApi, listen: Listen, removers: (() => void)[]): void {
  // A relay URL saved after its origin was granted (or changed since): the registration follows it.
  removers.push(watchSettings(() => void syncEnabledSites(api).catch(() => {})))

  listen(api.runtime.onInstalled, (details: Browser.runtime.InstalledDetails) => {
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
  // Every start of the background checks again: a site granted or revoked while it slept (on
  // Chrome's Site access page, say) gets the same registration as one enabled from the popup.
  void syncEnabledSites(api).catch(() => {})

  listen(api.permissions.onAdded, (added: Browser.permissions.Permissions) => {
    void syncEnabledSites(api)
      .then(async (matches) => {
        // Tabs already open on a newly enabled site start now, not on their next load.
        // A grant may read `*://host/*` (enabledSitePatterns): tabs.query takes that pattern too.
        const fresh = (added.origins ?? []).filter((o) => matches.includes(o))
        if (fresh.length === 0) return
        for (const tab of await api.tabs.query({ url: fresh })) if (tab.id !== undefined) void startIn(tab.id, api, { allFrames: true })
      })
      .catch(() => {})
  })
  listen(api.permissions.onRemoved, (removed: Browser.permissions.Permissions) => {
    void syncEnabledSites(api).catch(() => {})
    void stopRevokedSites(api, removed.origins ?? []).catch(() => {})
  })
}

/**
 * A site taken back stops at once in open tabs: its marks and our UI go. Without the host
 * permission the background no longer sees which tabs show it, so every tab is told and each frame
 * decides by its own address; a tab where nothing runs any more loses its badge and list.
 */
async function stopRevokedSites(api: Pick<BackgroundApi, 'tabs'>, origins: string[]): Promise<void> {
  const sites = origins.filter((o) => /^(https?|\*):\/\//.test(o))
  if (sites.length === 0) return
  const tabs = await api.tabs.query({})
  await Promise.all(
    tabs.map(async ({ id }) => {
      if (id === undefined) return
      const answered = await sendToContent('sitesRevoked', { origins: sites }, id).then(
        () => true,
        () => false,
      )
      if (answered && !(await isRunningIn(id))) await forgetTab(id)
    }),
  )
}
