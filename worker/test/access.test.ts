import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { importJWK, SignJWT, type JWK } from 'jose'
import { resetAccessKeySets } from '../src/auth/access-jwt.ts'
import { problemOf, testRelay } from './helpers.ts'

const bindings = env as unknown as { TEST_ACCESS_TEAM_DOMAIN: string; TEST_ACCESS_KEYS: string }
const TEAM = bindings.TEST_ACCESS_TEAM_DOMAIN
const KEYS = JSON.parse(bindings.TEST_ACCESS_KEYS) as Record<'k1' | 'k2', JWK>
const AUD = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
const EVENTS = '/v1/persona/events?page%5Bsize%5D=1'

const accessRelay = (overrides: Record<string, string> = {}) =>
  testRelay({
    AUTH_MODE: 'access',
    ACCESS_TEAM_DOMAIN: TEAM,
    ACCESS_AUD: AUD,
    ACCESS_ADMIN_EMAILS: 'Lead@Example.com',
    AGENT_TOKENS: '',
    ...overrides,
  })

type Claims = { iss?: string; aud?: string; email?: string; exp?: number; nbf?: number; iat?: number }
async function sign(claims: Claims = {}, kid: 'k1' | 'k2' = 'k1'): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const jwt = new SignJWT({ email: claims.email ?? 'agent@example.com', type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(claims.iss ?? TEAM)
    .setAudience(claims.aud ?? AUD)
    .setIssuedAt(claims.iat ?? now - 5)
    .setExpirationTime(claims.exp ?? now + 3600)
  if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf)
  return jwt.sign(await importJWK(KEYS[kid], 'RS256'))
}

const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const payloadOf = () => {
  const now = Math.floor(Date.now() / 1000)
  return { iss: TEAM, aud: AUD, email: 'agent@example.com', iat: now, exp: now + 3600 }
}
async function hs256(): Promise<string> {
  // Signed with a shared secret instead of the team's RSA key, naming the real key's kid.
  const jwt = new SignJWT(payloadOf()).setProtectedHeader({ alg: 'HS256', kid: 'k1' })
  return jwt.sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-0123456789'))
}
const unsigned = () => `${b64url({ alg: 'none', kid: 'k1' })}.${b64url(payloadOf())}.`
async function tampered(): Promise<string> {
  const [header, , signature] = (await sign()).split('.')
  return `${header}.${b64url({ ...payloadOf(), email: 'lead@example.com' })}.${signature}`
}

const certFetches = async () => ((await (await fetch(`${TEAM}/__stats`)).json()) as { fetches: number }).fetches
const rotate = (on: boolean) => fetch(`${TEAM}/__rotate?on=${on}`, { method: 'POST' })
const certsDown = (on: boolean) => fetch(`${TEAM}/__down?on=${on}`, { method: 'POST' })

beforeEach(() => {
  resetAccessKeySets()
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rotate(false)
  await certsDown(false)
})

describe('AUTH_MODE=access: the Worker validates the Access JWT itself', () => {
  const now = () => Math.floor(Date.now() / 1000)
  it.each([
    ['a valid token', () => sign(), 200],
    ['an expired token', () => sign({ exp: now() - 60, iat: now() - 3600 }), 401],
    ['nbf ahead', () => sign({ nbf: now() + 600 }), 401],
    ['another application (aud)', () => sign({ aud: 'another-application-aud' }), 401],
    ['another team (iss)', () => sign({ iss: 'https://evil.cloudflareaccess.com' }), 401],
    ['alg HS256', hs256, 401],
    ['alg none', async () => unsigned(), 401],
    ['a tampered payload', tampered, 401],
    ['no email', () => sign({ email: '' }), 401],
  ] as const)('%s in Cf-Access-Jwt-Assertion → %i', async (_name, make, status) => {
    const relay = accessRelay()
    const res = await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': await make() } })
    expect(res.status).toBe(status)
    if (status === 401) expect(await problemOf(res)).toMatchObject({ code: 'unauthorized' })
  })

  it('takes the token from the CF_Authorization cookie, and the header first when both come', async () => {
    const relay = accessRelay()
    const valid = await sign()
    const extension = { origin: 'chrome-extension://testextensionid' }
    expect(
      (await relay.get(EVENTS, { auth: false, headers: { ...extension, cookie: `theme=dark; CF_Authorization=${valid}` } })).status,
    ).toBe(200)
    expect(
      (await relay.get(EVENTS, { auth: false, headers: { ...extension, cookie: `CF_Authorization=${await tampered()}` } })).status,
    ).toBe(401)
    expect(
      (
        await relay.get(EVENTS, {
          auth: false,
          headers: { ...extension, 'cf-access-jwt-assertion': await tampered(), cookie: `CF_Authorization=${valid}` },
        })
      ).status,
    ).toBe(401)
    expect((await relay.get(EVENTS, { auth: false })).status).toBe(401)
    // A bearer agent token means nothing in access mode.
    expect((await relay.get(EVENTS)).status).toBe(401)
  })

  it('refuses a cookie-signed-in request from a page the agent visits (Origin not listed), and spends nothing', async () => {
    const relay = accessRelay()
    const cookie = `CF_Authorization=${await sign()}`
    const lookup = '/v1/persona/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6'
    const from = (headers: Record<string, string>) => relay.get(lookup, { auth: false, headers: { cookie, ...headers } })
    const pages: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      // A top-level navigation or a no-cors GET from another site sends no Origin at all.
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ]
    for (const headers of pages) {
      const res = await from(headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(await problemOf(res)).toMatchObject({ code: 'forbidden' })
    }
    const ticket = await relay.get('/v1/live/ticket', { method: 'POST', auth: false, headers: { cookie, origin: 'https://evil.example' } })
    expect(ticket.status).toBe(403)
    expect((await relay.upstreamCalls()).total).toBe(0)
    // The extension (a listed origin), the relay's own pages and an address typed in the bar are served.
    expect((await from({ origin: 'chrome-extension://testextensionid', 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    expect((await from({ 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await from({ 'sec-fetch-site': 'none' })).status).toBe(200)
    // Access in front of the relay adds its header to the cookie's request: the cookie still decides.
    expect(
      (await from({ 'cf-access-jwt-assertion': await sign(), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403)
    // The header alone (a service token, a script) is no ambient credential: a page cannot send it cross-site.
    expect(
      (await relay.get(lookup, { auth: false, headers: { 'cf-access-jwt-assertion': await sign(), origin: 'https://evil.example' } }))
        .status,
    ).toBe(200)
  })

  it('refetches the certs exactly once for an unknown kid, and picks up a rotated key', async () => {
    const relay = accessRelay()
    const before = await certFetches()
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': await sign() } })).status).toBe(200)
    expect(await certFetches()).toBe(before + 1)
    // Past jose's cooldown, a token signed with a key the set does not hold yet.
    const start = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(start + 31_000)
    const unknown = await sign({}, 'k2')
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': unknown } })).status).toBe(401)
    expect(await certFetches()).toBe(before + 2)
    // Within the cooldown, unknown kids cost nothing more.
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': unknown } })).status).toBe(401)
    expect(await certFetches()).toBe(before + 2)
    // The team rotates: the new key is fetched once and then trusted.
    await rotate(true)
    vi.spyOn(Date, 'now').mockReturnValue(start + 62_000)
    const rotated = await sign({}, 'k2')
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': rotated } })).status).toBe(200)
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': rotated } })).status).toBe(200)
    expect(await certFetches()).toBe(before + 3)
  })

  it('fetches the certs exactly once per isolate over 200 requests in batches of 50', async () => {
    const relay = accessRelay({ AUDIT_LOG: 'off' })
    const before = await certFetches()
    const tokens = await Promise.all(['a', 'b', 'c', 'd'].map((who) => sign({ email: `${who}@example.com` })))
    let ok = 0
    for (let batch = 0; batch < 4; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': tokens[i % 4] as string } }),
        ),
      )
      ok += responses.filter((r) => r.status === 200).length
    }
    expect(ok).toBe(200)
    expect((await certFetches()) - before).toBe(1)
  }, 30_000)

  it('makes ACCESS_ADMIN_EMAILS admins (any case) and everyone else an agent', async () => {
    const relay = accessRelay()
    const asLead = await relay.get('/v1/admin/audit?limit=1', {
      auth: false,
      headers: { 'cf-access-jwt-assertion': await sign({ email: 'lead@example.COM' }) },
    })
    expect(asLead.status).toBe(200)
    const asAgent = await relay.get('/v1/admin/audit?limit=1', { auth: false, headers: { 'cf-access-jwt-assertion': await sign() } })
    expect(asAgent.status).toBe(403)
  })

  it('makes ACCESS_ACTOR_EMAILS actors, apart from the admins, and lets only them call an action', async () => {
    const relay = accessRelay({ ACCESS_ACTOR_EMAILS: ' Bob@Example.com ,lead@example.com', ACTIONS: 'tags' })
    const me = async (email: string) =>
      (await (await relay.get('/v1/me', { auth: false, headers: { 'cf-access-jwt-assertion': await sign({ email }) } })).json()) as {
        roles: string[]
        actions: string[]
      }
    expect(await me('bob@example.com')).toMatchObject({ roles: ['actor'], actions: ['tags'] })
    expect(await me('lead@example.com')).toMatchObject({ roles: ['admin', 'actor'], actions: ['tags'] })
    expect(await me('agent@example.com')).toMatchObject({ roles: [], actions: [] })
    const adminOnly = accessRelay({ ACTIONS: 'tags' })
    const res = await adminOnly.get('/v1/persona/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6/add-tag', {
      method: 'POST',
      auth: false,
      headers: { 'cf-access-jwt-assertion': await sign({ email: 'lead@example.com' }), 'content-type': 'application/json' },
    })
    expect(res.status).toBe(403)
    expect((await problemOf(res)).code).toBe('forbidden')
    expect((await adminOnly.upstreamCalls()).total).toBe(0)
  })

  it('makes ACCESS_REVIEWER_EMAILS reviewers, who alone are offered the inquiry decisions', async () => {
    const relay = accessRelay({
      ACCESS_ACTOR_EMAILS: 'bob@example.com',
      ACCESS_REVIEWER_EMAILS: 'Rita@Example.com',
      ACTIONS: 'tags,inquiry-approve',
    })
    const me = async (email: string) =>
      (await (await relay.get('/v1/me', { auth: false, headers: { 'cf-access-jwt-assertion': await sign({ email }) } })).json()) as {
        roles: string[]
        actions: string[]
      }
    expect(await me('rita@example.com')).toMatchObject({ roles: ['reviewer'], actions: ['inquiry-approve'] })
    expect(await me('bob@example.com')).toMatchObject({ roles: ['actor'], actions: ['tags'] })
  })

  it('allows credentials in CORS for the listed origins only', async () => {
    const relay = accessRelay()
    const preflight = (origin: string) =>
      relay.get(EVENTS, { method: 'OPTIONS', auth: false, headers: { origin, 'access-control-request-method': 'GET' } })
    const listed = await preflight('chrome-extension://testextensionid')
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true')
    expect(listed.headers.get('access-control-allow-origin')).toBe('chrome-extension://testextensionid')
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull()
    const tokens = await testRelay().get(EVENTS, {
      method: 'OPTIONS',
      auth: false,
      headers: { origin: 'chrome-extension://testextensionid', 'access-control-request-method': 'GET' },
    })
    expect(tokens.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('/healthz says which mode the relay is in (so the extension offers Sign in), and nothing of its settings', async () => {
    const body = await (await accessRelay().get('/healthz', { auth: false })).text()
    expect(JSON.parse(body)).toMatchObject({ status: 'ok', auth: { mode: 'access' } })
    expect(body).not.toContain(AUD)
    expect(body).not.toContain('Lead@Example.com')
  })

  it.each([
    ['no team domain', { ACCESS_TEAM_DOMAIN: '' }, 'ACCESS_TEAM_DOMAIN'],
    ['a plain-http team domain that is not loopback', { ACCESS_TEAM_DOMAIN: 'http://team.cloudflareaccess.com' }, 'ACCESS_TEAM_DOMAIN'],
    ['a team domain with a path', { ACCESS_TEAM_DOMAIN: `${TEAM}/x` }, 'ACCESS_TEAM_DOMAIN'],
    ['no audience', { ACCESS_AUD: '' }, 'ACCESS_AUD'],
  ])('%s: /healthz names it and /v1 answers 503', async (_name, overrides, variable) => {
    const relay = accessRelay(overrides)
    const health = (await (await relay.get('/healthz', { auth: false })).json()) as { problems: { variable: string }[] }
    expect(health.problems.map((p) => p.variable)).toEqual([variable])
    const res = await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': await sign() } })
    expect(res.status).toBe(503)
    expect(await problemOf(res)).toMatchObject({ code: 'misconfigured' })
  })
})

describe('AUTH_MODE=access through an outage of the certs endpoint (injected clock)', () => {
  const HOUR = 60 * 60 * 1000
  // Tokens that stay valid across the injected day (jose reads the same mocked clock).
  const longLived = () => {
    const now = Math.floor(Date.now() / 1000)
    return sign({ iat: now - 5, exp: now + 3 * 24 * 3600 })
  }
  const at = (ms: number) => vi.spyOn(Date, 'now').mockReturnValue(ms)

  it('keeps the last good key set for 24 h when refreshes fail, and tries the certs at most once per 30 s meanwhile', async () => {
    const relay = accessRelay()
    const token = await longLived()
    const get = () => relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': token } })
    const start = Date.now()
    const before = await certFetches()
    expect((await get()).status).toBe(200)
    expect(await certFetches()).toBe(before + 1)
    await certsDown(true)
    // Past the hour the keys are kept fresh for: the refresh fails, the held keys still sign everyone in.
    at(start + HOUR + 60_000)
    expect((await get()).status).toBe(200)
    expect(await certFetches()).toBe(before + 2)
    for (let i = 0; i < 5; i++) expect((await get()).status).toBe(200)
    expect(await certFetches()).toBe(before + 2)
    // 30 s later it tries again (and fails again).
    at(start + HOUR + 91_000)
    expect((await get()).status).toBe(200)
    expect(await certFetches()).toBe(before + 3)
    // Almost a day on the held keys.
    at(start + 24 * HOUR - 60_000)
    expect((await get()).status).toBe(200)
    // Past 24 h the held keys are no longer trusted: 503 auth-unavailable, not a 401 "sign in again".
    at(start + 24 * HOUR + 60_000)
    const refused = await get()
    expect(refused.status).toBe(503)
    expect(await problemOf(refused)).toMatchObject({ code: 'auth-unavailable', status: 503 })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // The endpoint is back: the next try (after the 30 s) fetches and signs in again.
    await certsDown(false)
    at(start + 24 * HOUR + 91_000)
    expect((await get()).status).toBe(200)
  })

  it('answers 503 auth-unavailable, not 401, when it never had the keys, and does not retry the certs on every request', async () => {
    await certsDown(true)
    const relay = accessRelay()
    const token = await longLived()
    const before = await certFetches()
    for (let i = 0; i < 3; i++) {
      const res = await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': token } })
      expect(res.status).toBe(503)
      expect(await problemOf(res)).toMatchObject({ code: 'auth-unavailable' })
    }
    expect(await certFetches()).toBe(before + 1)
    // A request without any token is still a plain 401: nothing to verify, nothing fetched.
    expect((await relay.get(EVENTS, { auth: false })).status).toBe(401)
  })
})
