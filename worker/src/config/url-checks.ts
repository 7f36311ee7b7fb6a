/** Hosts that never leave the machine: the only place plain http is acceptable (local runs and tests). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]'
}

/**
 * Why a base URL that the relay sends a secret to (a vendor key) or trusts keys from (Access certs)
 * is unacceptable, or null. Never echoes the value: it may hold credentials.
 */
export function secureBaseProblem(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not a URL'
  }
  if (url.username || url.password) return 'must not carry credentials (user:password@)'
  if (raw.includes('?')) return 'must not carry a query'
  if (raw.includes('#')) return 'must not carry a fragment'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? null : 'must be https: (plain http: only to a loopback host)'
  return 'must be an https: URL'
}
