import { readManagedSettings, watchSettings } from '../lib/effective-settings.ts'
import { siteSettingsItem } from '../lib/settings.ts'
import { isUuidSite } from './uuid-sites.ts'

/** How long the first scan waits for policy: Chrome's first managed-storage read can take seconds. */
const MANAGED_WAIT_MS = 200

/**
 * Whether bare UUIDs count on this page: the agent's list (siteSettings) or the administrator's
 * (policy). Resolves after a short wait for policy, then calls `onSettingsChange` whenever any
 * setting changes (relay ones too), with the flag as it is now, including policy arriving late.
 */
export async function followUuidFlag(host: string, onSettingsChange: (uuids: boolean) => void): Promise<{ uuids: boolean; stop(): void }> {
  let managedSites: string[] = []
  const read = async () => isUuidSite(host, [...((await siteSettingsItem.getValue())?.uuidSites ?? []), ...managedSites])
  const managed = readManagedSettings().then((m) => (managedSites = m.uuidSites ?? []))
  await Promise.race([managed, new Promise((resolve) => setTimeout(resolve, MANAGED_WAIT_MS))])
  const uuids = await read()
  let stopped = false
  const changed = async (rereadPolicy: boolean) => {
    if (rereadPolicy) managedSites = (await readManagedSettings()).uuidSites ?? []
    if (!stopped) onSettingsChange(await read())
  }
  void managed.then(async () => {
    if ((await read()) !== uuids) void changed(false)
  })
  const unwatch = watchSettings(() => void changed(true))
  return {
    uuids,
    stop() {
      stopped = true
      unwatch()
    },
  }
}
