import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose'
import type { Agent } from './agent-tokens.ts'
import type { AccessSettings } from './access-settings.ts'

/**
 * Validates a Cloudflare Access token (`Cf-Access-Jwt-Assertion`, or the `CF_Authorization`
 * cookie) with jose: RS256 only, issuer = the team domain, audience = the application's tag, keys
 * from `<team domain>/cdn-cgi/access/certs`. The agent is the token's email.
 */

const CACHE_MAX_AGE_MS = 60 * 60 * 1000
/** After a fetch, an unknown kid waits this long before it may cause another. */
const COOLDOWN_MS = 30_000
const FETCH_TIMEOUT_MS = 5000

/**
 * The team's keys, per team domain and isolate. jose's remote key set does not share a fetch between
 * requests on Workers, so concurrent cold requests would each fetch the certs; this one coalesces
 * them, keeps the keys an hour, and refetches once (per cooldown) when a token names an unknown kid.
 */
class TeamKeys {
  private local: JWTVerifyGetKey | null = null
  private fetchedAt = -Infinity
  private pending: Promise<void> | null = null

  constructor(private readonly url: string) {}

  private reload(): Promise<void> {
    this.pending ??= (async () => {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'manual' })
      if (!res.ok) throw new Error(`Access certs answered HTTP ${res.status}`)
      this.local = createLocalJWKSet((await res.json()) as JSONWebKeySet)
      this.fetchedAt = Date.now()
    })().finally(() => {
      this.pending = null
    })
    return this.pending
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.local || Date.now() - this.fetchedAt > CACHE_MAX_AGE_MS) await this.reload()
    try {
      return await (this.local as JWTVerifyGetKey)(header, token)
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey) || Date.now() - this.fetchedAt < COOLDOWN_MS) throw err
      await this.reload()
      return (this.local as JWTVerifyGetKey)(header, token)
    }
  }
}

const keySets = new Map<string, TeamKeys>()

export const certsUrl = (teamDomain: string) => `${teamDomain}/cdn-cgi/access/certs`

function keySetFor(teamDomain: string): JWTVerifyGetKey {
  let keys = keySets.get(teamDomain)
  if (!keys) {
    keys = new TeamKeys(certsUrl(teamDomain))
    keySets.set(teamDomain, keys)
  }
  return keys.getKey
}

/** Test hook: forget the isolate's key sets. */
export function resetAccessKeySets(): void {
  keySets.clear()
}

/** The Access token of a request: the header Access adds, else the cookie it sets in the browser. */
export function accessTokenOf(header: string | undefined, cookie: string | undefined): string | null {
  if (header?.trim()) return header.trim()
  for (const part of (cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === 'CF_Authorization' && value.length) return value.join('=')
  }
  return null
}

/** The agent a valid token stands for, or null for any invalid token (expired, wrong audience, bad signature…). */
export async function verifyAccessToken(token: string, settings: AccessSettings): Promise<Agent | null> {
  try {
    const { payload } = await jwtVerify(token, keySetFor(settings.teamDomain), {
      algorithms: ['RS256'],
      issuer: settings.teamDomain,
      audience: settings.audience,
      requiredClaims: ['exp', 'iat'],
    })
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : ''
    if (!email) return null
    return { name: email, role: settings.adminEmails.has(email) ? 'admin' : 'agent' }
  } catch {
    return null
  }
}
