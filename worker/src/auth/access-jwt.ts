import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose'
import type { AgentRole } from '@idv-lens/shared/api'
import { withRoles, type Agent } from '../config/agent-tokens.ts'
import type { AccessSettings } from '../config/access-settings.ts'

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
/** An unknown kid causes at most one refresh per this span (after a fetch, and after another unknown kid's). */
const COOLDOWN_MS = 30_000
/** A kid that verified a token this recently is in use: a key set without it is no good answer. */
const KID_IN_USE_MS = 10 * 60 * 1000
const FETCH_TIMEOUT_MS = 5000

/** No key set the relay may trust: never fetched, or the last good one is older than STALE_IF_ERROR_MS. */
export class AccessKeysUnavailable extends Error {
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number, options?: { cause?: unknown }) {
    super('Cloudflare Access keys are unavailable', options)
    this.retryAfterSeconds = retryAfterSeconds
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
  private unknownKidAt = -Infinity
  /** Kids that verified a token, and when last. */
  private readonly kidsUsed = new Map<string, number>()

  private readonly url: string

  constructor(url: string) {
    this.url = url
  }

  private reload(): Promise<void> {
    if (Date.now() - this.failedAt < FAILURE_BACKOFF_MS) return Promise.reject(this.lastFailure)
    this.pending ??= (async () => {
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'manual' })
        if (!res.ok) throw new Error(`Access certs answered HTTP ${res.status}`)
        const set = this.usable(await res.json())
        this.local = createLocalJWKSet(set)
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

  /**
   * The answer as a key set, if it is one to trust over the held set: at least one RSA signing key,
   * and every kid that verified a token lately still in it. Otherwise the refresh failed (the held
   * set stays): an empty or truncated answer must not sign everyone out.
   */
  private usable(json: unknown): JSONWebKeySet {
    const keys = (json as { keys?: unknown } | null)?.keys
    const rsa = Array.isArray(keys)
      ? (keys as Record<string, unknown>[]).filter(
          (k) => typeof k === 'object' && k !== null && k.kty === 'RSA' && typeof k.n === 'string' && typeof k.e === 'string',
        )
      : []
    if (rsa.length === 0) throw new Error('Access certs answered no usable key')
    const kids = new Set(rsa.map((k) => k.kid))
    const now = Date.now()
    for (const [kid, usedAt] of this.kidsUsed) {
      if (now - usedAt > KID_IN_USE_MS) this.kidsUsed.delete(kid)
      else if (this.local && !kids.has(kid)) throw new Error('Access certs answered without a key in use')
    }
    return { keys: rsa } as unknown as JSONWebKeySet
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
      const now = Date.now()
      if (!(err instanceof errors.JWKSNoMatchingKey) || now - this.fetchedAt < COOLDOWN_MS || now - this.unknownKidAt < COOLDOWN_MS)
        throw err
      // A kid the held set lacks: a refetch may bring it; when it fails, the token stays unverifiable
      // (401). Anyone can send such a kid, so this happens at most once per cooldown, whatever comes of it.
      this.unknownKidAt = now
      await this.reload().catch(() => {
        throw err
      })
      return (this.local as JWTVerifyGetKey)(header, token)
    }
  }

  /** Notes that the key `kid` verified a token (a refresh that drops it is refused for a while). */
  verified(kid: string | undefined): void {
    if (kid !== undefined) this.kidsUsed.set(kid, Date.now())
  }
}

const keySets = new Map<string, TeamKeys>()

export const certsUrl = (teamDomain: string) => `${teamDomain}/cdn-cgi/access/certs`

function keySetFor(teamDomain: string): TeamKeys {
  let keys = keySets.get(teamDomain)
  if (!keys) {
    keys = new TeamKeys(certsUrl(teamDomain))
    keySets.set(teamDomain, keys)
  }
  return keys
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
export function cookieRequestAllowed(
  origin: string | undefined,
  fetchSite: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin !== undefined && allowedOrigins.includes(origin)) return true
  return fetchSite === 'same-origin' || fetchSite === 'none'
}

/**
 * The agent a valid token stands for, or null for any invalid token (expired, wrong audience, bad
 * signature…). Throws AccessKeysUnavailable when there is no key set to check it against.
 */
export async function verifyAccessToken(token: string, settings: AccessSettings): Promise<Agent | null> {
  try {
    const keys = keySetFor(settings.teamDomain)
    const { payload, protectedHeader } = await jwtVerify(token, keys.getKey, {
      algorithms: ['RS256'],
      issuer: settings.teamDomain,
      audience: settings.audience,
      requiredClaims: ['exp', 'iat'],
    })
    keys.verified(protectedHeader.kid)
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : ''
    if (!email) return null
    const held = new Set<AgentRole>()
    if (settings.adminEmails.has(email)) held.add('admin')
    if (settings.actorEmails.has(email)) held.add('actor')
    if (settings.reviewerEmails.has(email)) held.add('reviewer')
    return withRoles(email, held)
  } catch (error) {
    if (error instanceof AccessKeysUnavailable) throw error
    return null
  }
}
