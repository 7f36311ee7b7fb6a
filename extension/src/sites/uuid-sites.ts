/**
 * Whether bare UUIDs count as deepidv sessions on `host`. Any vendor's UUID looks the same, so only
 * on sites the agent (or an administrator, through policy) listed: `acme.zendesk.com`, or
 * `*.zendesk.com` for every subdomain. Host names compare without case and without a trailing dot.
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
