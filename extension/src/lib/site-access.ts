import { MatchPattern } from '#imports'
import { AGENT_WORKSPACE_MATCHES, HELPDESK_HOSTS } from '../sites/helpdesk-matches.ts'

/*
Where inline lookups may run, decided from a page's URL and the host permissions the extension
holds. Pure: the background registers the content script from it, the popup decides what to offer.
*/

/**
 * The host permission pattern for a page's site (`https://crm.example.org/*`), or null for pages
 * no extension may enable (chrome://, file:). What the popup asks `permissions.request` for when
 * the agent enables a site; the registration follows from permissions.onAdded.
 */
export function sitePattern(pageUrl: string | undefined): string | null {
  try {
    const url = new URL(pageUrl ?? '')
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.protocol}//${url.hostname}/*` : null
  } catch {
    return null
  }
}

/**
 * The granted origins the content script should be registered for: web origins beyond the built-in
 * workspaces' hosts and agent pages (Chrome lists the manifest's content script matches among the
 * granted origins too). A site may be granted as `*://host/*` as well as `https://host/*`: both count.
 */
export function enabledSitePatterns(granted: readonly string[], relay: string | null): string[] {
  return granted.filter(
    (o) =>
      /^(https?|\*):\/\//.test(o) &&
      !HELPDESK_HOSTS.includes(o) &&
      !AGENT_WORKSPACE_MATCHES.includes(o) &&
      o !== relay &&
      o !== relay?.replace(/^https?:/, '*:'),
  )
}

/** Web pages the browser keeps every extension out of: its own extension stores. */
function isExtensionStore(url: URL): boolean {
  const { hostname, pathname } = url
  return (
    hostname === 'chromewebstore.google.com' ||
    (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')) ||
    (hostname === 'microsoftedge.microsoft.com' && pathname.startsWith('/addons')) ||
    // Firefox keeps extensions off its add-ons site (extensions.webextensions.restrictedDomains).
    hostname === 'addons.mozilla.org' ||
    hostname === 'discovery.addons.mozilla.org'
  )
}

const matches = (pattern: string, url: string) => {
  try {
    return new MatchPattern(pattern).includes(url)
  } catch {
    return false // not a pattern this library reads: it cannot be the one that covers a web page
  }
}

/** How inline lookups stand on one page. */
export type SiteAccess =
  /** chrome://, file:, the Web Store…: no extension may read the page. */
  | { kind: 'restricted' }
  /** They start on every page load without asking: a helpdesk (the manifest), or a broader grant covers it. */
  | { kind: 'automatic'; host: string }
  /** The agent enabled exactly this site (its optional host permission is granted). */
  | { kind: 'enabled'; host: string; pattern: string }
  /** Only when the agent asks (toolbar, keyboard shortcut, context menu), or after enabling the site. */
  | { kind: 'on-request'; host: string; pattern: string }

/** `url` is the page's, `granted` the origins `permissions.getAll()` reports. */
export function siteAccess(url: string, granted: readonly string[]): SiteAccess {
  const pattern = sitePattern(url)
  if (!pattern || isExtensionStore(new URL(url))) return { kind: 'restricted' }
  const host = new URL(url).hostname
  if (AGENT_WORKSPACE_MATCHES.some((p) => matches(p, url))) return { kind: 'automatic', host }
  const enabled = enabledSitePatterns(granted, null)
  // Exactly this site, granted from the popup or from Chrome's Site access page: the grant to remove is that one.
  const own = enabled.find((p) => p === pattern || p === pattern.replace(/^https?:/, '*:'))
  if (own) return { kind: 'enabled', host, pattern: own }
  if (enabled.some((p) => matches(p, url))) return { kind: 'automatic', host }
  return { kind: 'on-request', host, pattern }
}
