/** How the relay authenticates agents, as its public `/healthz` says (`auth.mode`). */
export type AuthMode = 'tokens' | 'access'

/**
 * The relay's auth mode per relay URL, asked once per background lifetime: a relay changes mode only
 * when it is redeployed, and a background restart asks again. Failures are not remembered, so a relay
 * that was down is asked again next time. A relay too old to say is in token mode.
 */
export function createAuthModes(fetchImpl: typeof fetch) {
  const known = new Map<string, AuthMode>()
  return async function authMode(base: string): Promise<AuthMode | null> {
    const cached = known.get(base)
    if (cached) return cached
    try {
      const res = await fetchImpl(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) })
      if (!res.ok) return null
      const body = (await res.json()) as { auth?: { mode?: unknown } }
      const mode: AuthMode = body.auth?.mode === 'access' ? 'access' : 'tokens'
      known.set(base, mode)
      return mode
    } catch {
      return null
    }
  }
}
