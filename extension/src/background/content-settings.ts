import { MatchPattern } from '#imports'
import { effectiveCardFields, readManagedSettings, watchCardFields, watchSettings } from '../lib/effective-settings.ts'
import { managedPolicyItem, type ManagedSettings } from '../lib/managed-policy.ts'
import type { ContentSettings } from '../lib/messages.ts'
import { cardFieldsItem, ownSiteSettings, uuidHelpdesksItem } from '../lib/settings.ts'
import { AGENT_WORKSPACE_MATCHES } from '../sites/helpdesk-matches.ts'
import { isUuidSite } from '../sites/uuid-sites.ts'
import { topLevelUrl } from './page-scope.ts'
import type { Sender } from './sender-policy.ts'

/*
The content script runs in pages we do not control, so it never reads the settings itself: the
`settings` item holds the relay URL and the agent token, and storage.onChanged would deliver them to
any context listening. It asks the background for what applies to its own site (today: whether bare
UUIDs count there: on a built-in helpdesk's agent pages unless turned off, and on the sites listed)
and is told when something changed, without the values.
*/

const AGENT_PAGES = AGENT_WORKSPACE_MATCHES.map((pattern) => new MatchPattern(pattern))

/**
 * Whether the sender's tab is a built-in helpdesk's agent page (sites/), where bare UUIDs count by
 * default: the agent works tickets there. Never its Help Center or portal on the same host.
 */
function onHelpdeskAgentPage(sender: Sender): boolean {
  const top = topLevelUrl(sender)
  return top !== undefined && AGENT_PAGES.some((pattern) => pattern.includes(top))
}

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
    const [own, ownFields, cached, helpdesks] = await Promise.all([
      ownSiteSettings(),
      cardFieldsItem.getValue(),
      policy ?? managedPolicyItem.getValue(),
      uuidHelpdesksItem.getValue(),
    ])
    const uuids = (helpdesks && onHelpdeskAgentPage(sender)) || isUuidSite(host, uuidSitesOf(own?.uuidSites, policy))
    return { uuids, cardFields: effectiveCardFields(ownFields, cached) }
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
