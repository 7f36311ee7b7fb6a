import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { AGENT_TOKEN, OTHER_TOKEN, problemOf, testRelay } from './helpers.ts'

describe('GET /healthz', () => {
  it('should report every provider configured without auth and without an upstream call', async () => {
    const relay = testRelay()
    const res = await relay.get('/healthz', { auth: false })
    expect(res.status).toBe(200)
    const quiet = { seenWithin5Minutes: false, lastSeenAt: null }
    expect(await res.json()).toEqual({
      status: 'ok',
      providers: Object.fromEntries(VENDOR_NAMES.map((name) => [name, { configured: true, upstreamAuth: quiet }])),
      problems: [],
      live: { configured: false },
      auth: { mode: 'tokens' },
      // Without an agent token, only whether it writes (audit-heal.test.ts: the counts come with one).
      audit: { writes: 'ok' },
    })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('should let a no-cors probe from any origin see that the relay is up, and nothing else', async () => {
    const relay = testRelay()
    const health = await relay.get('/healthz', { auth: false })
    expect(health.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    // Relayed data keeps the strict policy: a page cannot embed it cross-origin.
    const data = await relay.get('/v1/persona/events?page[size]=1')
    expect(data.status).toBe(200)
    expect(data.headers.get('cross-origin-resource-policy')).toBe('same-origin')
  })

  it('should let any origin read /healthz without credentials, a listed one with its own answer, and no other route', async () => {
    const relay = testRelay()
    const stranger = await relay.get('/healthz', { auth: false, headers: { origin: 'https://evil.example' } })
    expect(stranger.headers.get('access-control-allow-origin')).toBe('*')
    expect(await stranger.json()).toMatchObject({ status: 'ok', auth: { mode: 'tokens' } })
    const listed = await relay.get('/healthz', { auth: false, headers: { origin: 'chrome-extension://testextensionid' } })
    expect(listed.headers.get('access-control-allow-origin')).toBe('chrome-extension://testextensionid')
    const data = await relay.get('/v1/persona/events?page[size]=1', { headers: { origin: 'https://evil.example' } })
    expect(data.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('should report a provider whose key is not set as not configured, and its routes answer 503', async () => {
    const relay = testRelay({ DEEPIDV_API_KEY: undefined, PERSONA_API_KEY: '' })
    const health = await (await relay.get('/healthz', { auth: false })).json()
    expect(health).toMatchObject({
      status: 'ok',
      providers: { persona: { configured: false }, deepidv: { configured: false } },
      problems: [],
      live: { configured: false },
    })
    for (const path of ['/v1/deepidv/sessions', '/v1/persona/inquiries']) {
      const res = await relay.get(path)
      expect(res.status).toBe(503)
      const problem = await problemOf(res)
      expect(problem.code).toBe('provider-not-configured')
      expect(problem.detail).toMatch(/wrangler secret put (DEEPIDV|PERSONA)_API_KEY/)
    }
  })
})

describe('agent auth on /v1/*', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['another scheme', { authorization: `Basic ${AGENT_TOKEN}` }],
    ['a token with spaces', { authorization: 'Bearer a b c' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('should answer 401 with WWW-Authenticate: Bearer for %s, without an upstream call', async (_name, headers) => {
    const relay = testRelay()
    const res = await relay.get('/v1/persona/inquiries', { headers, auth: false })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ code: 'unauthorized', status: 401, type: 'urn:idv-lens:problem:unauthorized' })
    expect(problem.requestId).toBeTruthy()
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('should accept every agent listed in AGENT_TOKENS', async () => {
    const relay = testRelay()
    for (const token of [AGENT_TOKEN, OTHER_TOKEN]) {
      const res = await relay.get('/v1/deepidv/sessions?limit=1', { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
    }
  })

  it('should refuse every token when AGENT_TOKENS is empty', async () => {
    const relay = testRelay({ AGENT_TOKENS: '' })
    expect((await relay.get('/v1/persona/events')).status).toBe(401)
  })
})
