/*
Whether a frame's site is among host permissions just taken back. The background cannot tell which
tabs were on those sites once it lost access to them, so it tells every tab, and each frame decides
by its own address. A small matcher rather than the browser's MatchPattern: this runs in the script
every frame loads.
*/

/** `https://mail.google.com/*`, `*://crm.example.org/*`, `https://*.zendesk.com/*`: scheme and host, the path ignored as Chrome does for host permissions. */
const ORIGIN_PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)\//

/** True when `url` (an http(s) page's address) is covered by one of `origins`. */
export function isRevokedSite(url: string, origins: readonly string[]): boolean {
  let page: URL
  try {
    page = new URL(url)
  } catch {
    return false
  }
  const scheme = page.protocol.slice(0, -1)
  const host = page.hostname.toLowerCase()
  return origins.some((origin) => {
    const m = ORIGIN_PATTERN.exec(origin)
    if (!m) return false
    const [, wantScheme, wantHost] = m as unknown as [string, string, string]
    if (wantScheme === '*' ? scheme !== 'https' && scheme !== 'http' : wantScheme !== scheme) return false
    if (wantHost === '*') return true
    const h = wantHost.toLowerCase()
    return h.startsWith('*.') ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h
  })
}

/** The address a frame's site is known by: its own, or for about:blank and srcdoc frames their creator's origin. */
export const frameSiteUrl = (loc: { protocol: string; href: string }, origin: string): string =>
  loc.protocol === 'http:' || loc.protocol === 'https:' ? loc.href : `${origin}/`
