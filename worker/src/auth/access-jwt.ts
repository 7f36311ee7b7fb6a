import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose'
import type { Agent } from './agent-tokens.ts'
import type { AccessSettings } from './access-settings.ts'

/**
 * Validates a Cloudflare Access token (`Cf-Access-Jwt-Assertion`, or the `CF_Authorization`
 * cookie) with jose: RS256 only, issuer = the team domain, audience = the application's tag, keys
 * from `<team domain>/cdn-cgi/access/certs`. The agent is the token's email.
 */

const CACHE_MAX_AGE_MS = 60 * 60 * 1000
/** While the certs endpoint fails, the last good key set still signs agents in for this long after its fetch. */
export const STALE_IF_ERROR_MS = 24 * 60 * 60 * 1000
/** After a failed fetch, no request tries again for this long (each try can cost FETCH_TIMEOUT_MS). */
export const FAILURE_BACKOFF_MS = 30_000
/** After a fetch, an unknown kid waits this long before it may cause another. */
const COOLDOWN_MS = 30_000
const FETCH_TIMEOUT_MS = 5000

/** No key set the relay may trust: never fetched, or the last good one is older than STALE_IF_ERROR_MS. */
export class AccessKeysUnavailable extends Error {
  constructor(readonly retryAfterSeconds: number, options?: { cause?: unknown }) {
    super('Cloudflare Access keys are unavailable', options)
  }
}

/**
 * The team's keys, per team domain and isolate. jose's remote key set does not share a fetch between
 * requests on Workers, so concurrent cold requests would each fetch the certs; this one coalesces
 * them, keeps the keys an hour, and refetches once (per cooldown) when a token names an unknown kid.
 * A failed refresh keeps the last good keys (up to STALE_IF_ERROR_MS after they were fetched) and is
 * remembered for FAILURE_BACKOFF_MS, so an outage of the certs endpoint neither signs everyone out
 * nor makes every request wait for the fetch's timeout.
 */
class TeamKeys {
  private local: JWTVerifyGetKey | null = null
  private fetchedAt = -Infinity
  private failedAt = -Infinity
  private lastFailure: unknown = null
  private pending: Promise<void> | null = null

  constructor(private readonly url: string) {}

  private reload(): Promise<void> {
    if (Date.now() - this.failedAt < FAILURE_BACKOFF_MS) return Promise.reject(this.lastFailure)
    this.pending ??= (async () => {
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'manual' })
        if (!res.ok) throw new Error(`Access certs answered HTTP ${res.status}`)
        this.local = createLocalJWKSet((await res.json()) as JSONWebKeySet)
        this.fetchedAt = Date.now()
      } catch (error) {
        this.failedAt = Date.now()
        this.lastFailure = error
        throw error
      }
    })().finally(() => {
      this.pending = null
    })
    return this.pending
  }

  /** Fresh keys, or the held ones while a refresh fails and they are within STALE_IF_ERROR_MS. */
  private async current(): Promise<JWTVerifyGetKey> {
    if (this.local && Date.now() - this.fetchedAt <= CACHE_MAX_AGE_MS) return this.local
    try {
      await this.reload()
    } catch (error) {
      if (this.local && Date.now() - this.fetchedAt <= STALE_IF_ERROR_MS) return this.local
      const wait = Math.max(1, Math.ceil((this.failedAt + FAILURE_BACKOFF_MS - Date.now()) / 1000))
      throw new AccessKeysUnavailable(wait, { cause: error })
    }
    return this.local as JWTVerifyGetKey
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const local = await this.current()
    try {
      return await local(header, token)
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey) || Date.now() - this.fetchedAt < COOLDOWN_MS) throw err
      // A kid the held set lacks: a refetch may bring it; when it fails, the token stays unverifiable (401).
      await this.reload().catch(() => {
        throw err
      })
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
  return accessCookieOf(cookie)
}

/**
 * The browser's Access cookie. A browser attaches it to requests any page makes, and Access in front
 * of the relay then adds the header too: its presence, not the header's absence, marks such a request.
 */
export function accessCookieOf(cookie: string | undefined): string | null {
  for (const part of (cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === 'CF_Authorization' && value.length) return value.join('=')
  }
  return null
}

/**
 * Whether a cookie-carried request comes from where the agent means it to: a listed origin (the
 * extension), the relay's own pages (`Sec-Fetch-Site: same-origin`) or the address bar (`none`).
 * Anything else, including a request that says nothing of its origin, may be a page the agent is
 * visiting spending the budget in the agent's name (CORS hides the answer, not the effect).
 */
export function cookieRequestAllowed(origin: string | undefined, fetchSite: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin !== undefined && allowedOrigins.includes(origin)) return true
  return fetchSite === 'same-origin' || fetchSite === 'none'
}

/**
 * The agent a valid token stands for, or null for any invalid token (expired, wrong audience, bad
 * signature…). Throws AccessKeysUnavailable when there is no key set to check it against.
 */
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
  } catch (error) {
    if (error instanceof AccessKeysUnavailable) throw error
    return null
  }
}
