/**
 * Whether bare UUIDs (deepidv sessions, Onfido runs) count on `host` besides the built-in helpdesks'
 * agent pages (background/content-settings.ts): on sites the agent (or policy) listed:
 * `acme.zendesk.com`, or `*.zendesk.com` for every subdomain. Compared without case or trailing dot.
 */
export function isUuidSite(host: string, sites: readonly string[]): boolean {
  const h = normalize(host)
  if (!h) return false
  return sites.some((entry) => {
    const site = normalize(entry)
    if (!site) return false
    if (site.startsWith('*.')) return h.endsWith(site.slice(1)) && h.length > site.length - 1
    return h === site
  })
}

/** Entries may be pasted as URLs ("https://acme.zendesk.com/agent"): keep the host. */
function normalize(value: string): string {
  let v = value.trim().toLowerCase()
  const scheme = v.indexOf('://')
  if (scheme >= 0) v = v.slice(scheme + 3)
  v = v.split(/[/?#]/, 1)[0] ?? ''
  v = v.replace(/:\d+$/, '')
  return v.endsWith('.') ? v.slice(0, -1) : v
}
