import { readManagedSettings, watchSettings } from '../lib/effective-settings.ts'
import type { ContentSettings } from '../lib/messages.ts'
import { siteSettingsItem } from '../lib/settings.ts'
import { isUuidSite } from '../sites/uuid-sites.ts'
import type { Sender } from './sender-policy.ts'

/*
The content script runs in pages we do not control, so it never reads the settings itself: the
`settings` item holds the relay URL and the agent token, and storage.onChanged would deliver them to
any context listening. It asks the background for what applies to its own site (today: whether bare
UUIDs count there) and is told when something changed, without the values.
*/

/** How long an answer waits for policy: Chrome's first managed-storage read can take seconds. */
const MANAGED_WAIT_MS = 200

/** The host of the frame that sent a message; about:blank and srcdoc frames have their creator's origin. */
export function senderHost(sender: Sender): string {
  for (const url of [sender.url, sender.origin]) {
    try {
      const host = url ? new URL(url).hostname : ''
      if (host) return host
    } catch {
      // not a URL: try the next
    }
  }
  return ''
}

export type ContentSettingsDeps = {
  /** Tells a tab's content script that its settings may have changed (it asks again). */
  notify(tabId: number | null): void
  managedWaitMs?: number
}

export function createContentSettings(deps: ContentSettingsDeps) {
  let managedSites: string[] | null = null
  let managedRead: Promise<string[]> | null = null
  const readManaged = () =>
    (managedRead ??= readManagedSettings().then((m) => (managedSites = m.uuidSites ?? [])))

  async function forSender(sender: Sender, tabId: number): Promise<ContentSettings> {
    const host = senderHost(sender)
    const pending = managedSites === null
    const managed = readManaged()
    if (pending) {
      await Promise.race([managed, new Promise((resolve) => setTimeout(resolve, deps.managedWaitMs ?? MANAGED_WAIT_MS))])
      // Policy came late: the page asks again once it is here.
      if (managedSites === null) void managed.then(() => deps.notify(tabId))
    }
    const local = (await siteSettingsItem.getValue())?.uuidSites ?? []
    return { uuids: isUuidSite(host, [...local, ...(managedSites ?? [])]) }
  }

  /** Any setting changed (a new relay too: failed lookups are worth another try): every tab asks again. */
  const unwatch = watchSettings(() => {
    managedSites = null
    managedRead = null
    deps.notify(null)
  })

  return { forSender, stop: unwatch }
}
