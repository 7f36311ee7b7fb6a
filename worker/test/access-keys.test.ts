import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { importJWK, SignJWT, type JWK } from 'jose'
import { resetAccessKeySets } from '../src/auth/access-jwt.ts'
import { testRelay } from './helpers.ts'

// Keys that survive bad answers: a certs refresh with no usable key, or without a kid that verified a
// token lately, is a failed refresh and the held keys stay, so a broken key endpoint cannot sign every
// agent out. Refreshes caused by unknown kids (anyone can send one) are rate-limited.

const bindings = env as unknown as { TEST_ACCESS_TEAM_DOMAIN: string; TEST_ACCESS_KEYS: string }
const TEAM = bindings.TEST_ACCESS_TEAM_DOMAIN
const KEYS = JSON.parse(bindings.TEST_ACCESS_KEYS) as Record<'k1' | 'k2', JWK>
const AUD = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
const EVENTS = '/v1/persona/events?page%5Bsize%5D=1'
const MINUTE = 60_000

const accessRelay = () => testRelay({ AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, AGENT_TOKENS: '' })
async function sign(kid: 'k1' | 'k2'): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ email: 'agent@example.com', type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(TEAM)
    .setAudience(AUD)
    .setIssuedAt(now - 5)
    .setExpirationTime(now + 3 * 3600)
    .sign(await importJWK(KEYS[kid], 'RS256'))
}
const certFetches = async () => ((await (await fetch(`${TEAM}/__stats`)).json()) as { fetches: number }).fetches
const answer = (keys: 'keys' | 'empty' | 'k2-only') => fetch(`${TEAM}/__answer?keys=${keys}`, { method: 'POST' })
const at = (ms: number) => vi.spyOn(Date, 'now').mockReturnValue(ms)

beforeEach(() => {
  resetAccessKeySets()
})
afterEach(async () => {
  vi.restoreAllMocks()
  await answer('keys')
})

describe('Access keys survive bad answers from the certs endpoint', () => {
  it('an empty key set on the hourly refresh keeps the held keys: agents stay signed in', async () => {
    const relay = accessRelay()
    const token = await sign('k1')
    const get = () => relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': token } })
    const start = Date.now()
    expect((await get()).status).toBe(200)
    await answer('empty')
    const before = await certFetches()
    at(start + 61 * MINUTE)
    expect((await get()).status).toBe(200)
    expect(await certFetches()).toBe(before + 1)
    // The failed refresh is remembered: no fetch per request meanwhile.
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200)
    expect(await certFetches()).toBe(before + 1)
  })

  it('an unknown kid from anyone triggers at most one refresh per 30 s, and its empty answer does not sign the others out', async () => {
    const relay = accessRelay()
    const valid = await sign('k1')
    const start = Date.now()
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': valid } })).status).toBe(200)
    await answer('empty')
    const unknown = await sign('k2')
    const before = await certFetches()
    at(start + 31_000)
    for (let i = 0; i < 5; i++)
      expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': unknown } })).status).toBe(401)
    expect(await certFetches()).toBe(before + 1)
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': valid } })).status).toBe(200)
    // 20 s on, still within the 30 s since the last unknown kid's refresh: nothing fetched.
    at(start + 51_000)
    expect((await relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': unknown } })).status).toBe(401)
    expect(await certFetches()).toBe(before + 1)
  })

  it('a refresh that drops a kid in use is refused; one that drops a kid no token used lately is taken', async () => {
    const relay = accessRelay()
    const k1 = await sign('k1')
    const get = (token: string) => relay.get(EVENTS, { auth: false, headers: { 'cf-access-jwt-assertion': token } })
    const start = Date.now()
    expect((await get(k1)).status).toBe(200)
    at(start + 55 * MINUTE)
    expect((await get(k1)).status).toBe(200)
    await answer('k2-only')
    // Past the hour: the refresh lacks k1, which signed a token 6 minutes ago. Kept.
    at(start + 61 * MINUTE)
    expect((await get(k1)).status).toBe(200)
    // Much later (k1 unused for longer than it counts as in use, and the failure backoff over): the
    // team really rotated, and the new set is taken.
    at(start + 3 * 60 * MINUTE)
    const k2 = await sign('k2')
    expect((await get(k2)).status).toBe(200)
  })
})
