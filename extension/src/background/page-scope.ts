import { browser, MatchPattern } from '#imports'
import { readEffectiveSettings } from '../lib/effective-settings.ts'
import { managedTenantsItem } from '../lib/settings.ts'
import { enabledSitePatterns, sitePattern } from '../lib/site-access.ts'
import { AGENT_WORKSPACE_MATCHES } from '../sites/helpdesk-matches.ts'
import type { BackgroundApi } from './listeners.ts'
import { stopInlineLookupsIn } from './page-scripting.ts'
import { RefusedMessage, type Sender } from './sender-policy.ts'

/*
Which frames' IDs are looked up: those of the page the agent works on. The manifest runs the content
script in every frame of an agent URL, wherever it is embedded, so any site could frame one. Decided by
what a page cannot forge (sender.tab.url, sender.frameId): the frame is the tab's page itself (its
script came by the manifest, a grant or the agent's ask), or the tab's page is an agent workspace or a
site the agent enabled. A top-level page we hold no permission for shows no URL: its frames are
refused. When policy names the team's `tenants`, the tab's page must be on one of them too.
*/

export type PageScopeDeps = {
  /** The origins the extension holds (permissions.getAll). */
  granted(): Promise<readonly string[]>
  /** The relay's own site pattern, never a site to scan (or null). */
  relay(): Promise<string | null>
  /** Policy's tenants, from the cached copy (never storage.managed: it can take seconds); empty: none named. */
  tenants(): Promise<readonly string[]>
}

const WORKSPACES = AGENT_WORKSPACE_MATCHES.map((pattern) => new MatchPattern(pattern))

const covers = (pattern: string, url: string) => {
  try {
    return new MatchPattern(pattern).includes(url)
  } catch {
    return false
  }
}

/** The URL of the tab's top-level page, as the browser gives it; the frame's own when it is that page. */
export function topLevelUrl(sender: Sender): string | undefined {
  return sender.tab?.url ?? (sender.frameId === 0 ? sender.url : undefined)
}

/** Whether `host` is one of policy's tenants (all are, when it names none). */
export const isTenant = (host: string, tenants: readonly string[]): boolean => tenants.length === 0 || tenants.includes(host.toLowerCase())

export function createPageScope(deps: PageScopeDeps) {
  /** Whether inline lookups may run in the sender's frame. */
  async function allows(sender: Sender): Promise<boolean> {
    const top = topLevelUrl(sender)
    if (!top || !sitePattern(top)) return false
    if (!isTenant(new URL(top).hostname, await deps.tenants())) return false
    if (sender.frameId === 0) return true
    if (WORKSPACES.some((pattern) => pattern.includes(top))) return true
    const [granted, relay] = await Promise.all([deps.granted(), deps.relay()])
    return enabledSitePatterns(granted, relay).some((pattern) => covers(pattern, top))
  }
  return { allows }
}

export type PageScope = ReturnType<typeof createPageScope>

/**
 * The browser's: permissions and the relay read per question of a frame below the top (local
 * reads); policy's tenants kept in memory, as every report asks, and read again when policy changes.
 */
export function browserPageScope(): PageScope {
  let tenants: Promise<string[]> | null = null
  managedTenantsItem.watch(() => (tenants = null))
  return createPageScope({
    async granted() {
      try {
        return (await browser.permissions.getAll()).origins ?? []
      } catch {
        return [] // none known: no site counts as enabled
      }
    },
    relay: () => readEffectiveSettings().then((s) => sitePattern(s.workerUrl)),
    tenants: () =>
      (tenants ??= managedTenantsItem.getValue()).catch((err: unknown) => {
        tenants = null // not kept: the next question reads again
        throw err
      }),
  })
}

/** Refuses a content script's `what` unless inline lookups may run in its frame. */
export async function requireAgentPage(scope: PageScope, sender: Sender, what: string): Promise<void> {
  if (!(await scope.allows(sender))) throw new RefusedMessage(`${what} is only accepted from the page the agent works on`)
}

/**
 * Policy's tenants changed: tabs whose page is on none of them stop now, every frame (the scope is the
 * tab's page's). Tabs whose page we cannot see have no frame in scope anyway. Returns the unwatch.
 */
export function stopOutsideTenants(api: Pick<BackgroundApi, 'tabs'>): () => void {
  return managedTenantsItem.watch(async (tenants) => {
    for (const tab of await api.tabs.query({}).catch(() => [])) {
      if (tab.id !== undefined && tab.url && sitePattern(tab.url) && !isTenant(new URL(tab.url).hostname, tenants ?? []))
        void stopInlineLookupsIn(tab.id)
    }
  })
}
