import { watchSettings } from '../lib/effective-settings.ts'
import { managedSiteSettingsItem, siteSettingsItem } from '../lib/settings.ts'
import { isUuidSite } from './uuid-sites.ts'

/**
 * Whether bare UUIDs count on this page: the agent's list (siteSettings) or the administrator's
 * (policy, from the background's cached copy: the first scan never waits for managed storage).
 * Calls `onSettingsChange` whenever any setting changes, with the flag as it is now, including
 * policy that reaches the cache after the page started.
 */
export async function followUuidFlag(host: string, onSettingsChange: (uuids: boolean) => void): Promise<{ uuids: boolean; stop(): void }> {
  const read = async () => {
    const [site, managed] = await Promise.all([siteSettingsItem.getValue(), managedSiteSettingsItem.getValue()])
    return isUuidSite(host, [...(site?.uuidSites ?? []), ...(managed?.uuidSites ?? [])])
  }
  const uuids = await read()
  let stopped = false
  const unwatch = watchSettings(async () => {
    const next = await read()
    if (!stopped) onSettingsChange(next)
  })
  return {
    uuids,
    stop() {
      stopped = true
      unwatch()
    },
  }
}
