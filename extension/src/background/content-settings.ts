import { effectiveCardFields, readManagedSettings, watchCardFields, watchSettings } from '../lib/effective-settings.ts'
import { managedPolicyItem, type ManagedSettings } from '../lib/managed-policy.ts'
import type { ContentSettings } from '../lib/messages.ts'
import { cardFieldsItem, ownSiteSettings } from '../lib/settings.ts'
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

/**
 * The sites where bare UUIDs count: a locked list adds to the agent's own (as before suggestions
 * existed); else the agent's own list, or the team's suggestion while they have none. Policy not
 * read yet: the agent's own.
 */
function uuidSitesOf(own: string[] | undefined, policy: ManagedSettings | null): string[] {
  if (policy?.uuidSites) return [...(own ?? []), ...policy.uuidSites]
  return own ?? policy?.defaults?.uuidSites ?? []
}

export type ContentSettingsDeps = {
  /** Tells a tab's content script that its settings may have changed (it asks again). */
  notify(tabId: number | null): void
  managedWaitMs?: number
}

export function createContentSettings(deps: ContentSettingsDeps) {
  let policy: ManagedSettings | null = null
  let managedRead: Promise<ManagedSettings> | null = null
  const readManaged = () => (managedRead ??= readManagedSettings().then((m) => (policy = m)))

  async function forSender(sender: Sender, tabId: number): Promise<ContentSettings> {
    const host = senderHost(sender)
    const pending = policy === null
    const managed = readManaged()
    if (pending) {
      await Promise.race([managed, new Promise((resolve) => setTimeout(resolve, deps.managedWaitMs ?? MANAGED_WAIT_MS))])
      // Policy came late: the page asks again once it is here.
      if (policy === null) void managed.then(() => deps.notify(tabId))
    }
    // Until policy answers, the background's cached copy of it (the card's facts would wait for nothing else).
    const [own, ownFields, cached] = await Promise.all([ownSiteSettings(), cardFieldsItem.getValue(), policy ?? managedPolicyItem.getValue()])
    return { uuids: isUuidSite(host, uuidSitesOf(own?.uuidSites, policy)), cardFields: effectiveCardFields(ownFields, cached) }
  }

  /** Any setting changed (a new relay too: failed lookups are worth another try): every tab asks again. */
  const changed = () => {
    policy = null
    managedRead = null
    deps.notify(null)
  }
  const unwatch = [watchSettings(changed), watchCardFields(changed)]

  return { forSender, stop: () => unwatch.forEach((stop) => stop()) }
}
