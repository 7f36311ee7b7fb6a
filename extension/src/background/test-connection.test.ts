import { describe, expect, it, vi } from 'vitest'
import { createRelay } from './relay-client.ts'
import { testConnection } from './test-connection.ts'

const HEALTH = { status: 'ok', providers: { persona: { configured: true }, deepidv: { configured: false } } }
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })
const problem = (code: string, status: number) => json(status, { type: 'x', title: code, status, detail: `${code} detail`, code })

function relay(answer: (path: string) => Response) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => answer(new URL(String(input)).pathname))
  return {
    relay: createRelay({ getSettings: async () => ({ workerUrl: '', agentToken: '' }), fetch, origin: 'chrome-extension://x' }),
    fetch,
  }
}

const FORM = { workerUrl: 'https://relay.example', agentToken: 'idvl_token' }

describe('testConnection', () => {
  it('should report every part working', async () => {
    const { relay: r, fetch } = relay((path) =>
      path === '/healthz' ? json(200, HEALTH) : json(200, { data: [], links: { prev: null, next: null } }),
    )
    expect(await testConnection(r, FORM)).toMatchObject({ relay: 'ok', auth: 'ok', providers: { persona: true, deepidv: false } })
    expect(fetch.mock.calls.map(([u]) => new URL(String(u)).pathname)).toEqual(['/healthz', '/v1/persona/events'])
  })

  it('should say the token was rejected when the relay is up', async () => {
    const { relay: r } = relay((path) => (path === '/healthz' ? json(200, HEALTH) : problem('unauthorized', 401)))
    expect(await testConnection(r, FORM)).toMatchObject({ relay: 'ok', auth: 'rejected', outcome: { code: 'token-rejected' } })
  })

  it('should count a vendor failure after the auth check as an accepted token', async () => {
    const { relay: r } = relay((path) => (path === '/healthz' ? json(200, HEALTH) : problem('upstream-auth', 502)))
    expect(await testConnection(r, FORM)).toMatchObject({
      relay: 'ok',
      auth: 'ok',
      outcome: { code: 'vendor-failed', failure: { kind: 'upstream', problem: { code: 'upstream-auth' } } },
    })
  })

  it('should stop at an unreachable relay', async () => {
    const { relay: r } = relay(() => {
      throw new TypeError('Failed to fetch')
    })
    expect(await testConnection(r, FORM)).toMatchObject({
      relay: 'unreachable',
      auth: 'skipped',
      outcome: { code: 'relay-failed', failure: { reason: { code: 'cannot-reach' } } },
    })
  })

  it("should say another server answers when /healthz is JSON but not the relay's, and name ALLOWED_ORIGINS only when the relay refuses the origin", async () => {
    const { relay: other, fetch } = relay(() => json(200, { hello: 'world' }))
    expect(await testConnection(other, FORM)).toEqual({
      relay: 'error',
      auth: 'skipped',
      outcome: {
        code: 'relay-failed',
        failure: { kind: 'unreachable', reason: { code: 'foreign-server', relay: 'https://relay.example' } },
      },
    })
    expect(fetch).toHaveBeenCalledOnce()
    // A web server without CORS headers: only the no-cors probe gets an answer.
    const noCors = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.mode === 'no-cors') return new Response('<html></html>')
      throw new TypeError('Failed to fetch')
    })
    const htmlRelay = createRelay({ getSettings: async () => FORM, fetch: noCors, origin: 'chrome-extension://x' })
    expect(await testConnection(htmlRelay, FORM)).toMatchObject({
      relay: 'error',
      outcome: { failure: { reason: { code: 'foreign-server' } } },
    })
    // Every origin reads the relay's /healthz; its other routes fail CORS for an origin it does not list.
    const { relay: refusing } = relay((path) => {
      if (path === '/healthz') return json(200, HEALTH)
      throw new TypeError('Failed to fetch')
    })
    expect(await testConnection(refusing, FORM)).toMatchObject({
      relay: 'error',
      auth: 'skipped',
      outcome: { code: 'relay-failed', failure: { reason: { code: 'origin-not-allowed' } } },
    })
  })

  it('should test the relay alone when there is no token yet', async () => {
    const { relay: r, fetch } = relay(() => json(200, HEALTH))
    expect(await testConnection(r, { ...FORM, agentToken: '' })).toMatchObject({
      relay: 'ok',
      auth: 'skipped',
      outcome: { code: 'enter-token' },
    })
    expect(fetch).toHaveBeenCalledOnce()
  })

  it('should test a relay behind Access without a token through the sign-in, and say when there is none', async () => {
    const ACCESS_HEALTH = { ...HEALTH, auth: { mode: 'access' } }
    const signedIn = relay((path) =>
      path === '/healthz' ? json(200, ACCESS_HEALTH) : json(200, { data: [], links: { prev: null, next: null } }),
    )
    expect(await testConnection(signedIn.relay, { ...FORM, agentToken: '' })).toMatchObject({
      relay: 'ok',
      auth: 'ok',
      authMode: 'access',
      outcome: { code: 'signed-in' },
    })
    const signedOut = relay((path) =>
      path === '/healthz'
        ? json(200, ACCESS_HEALTH)
        : ({ ok: false, status: 0, type: 'opaqueredirect', headers: new Headers(), text: async () => '' } as unknown as Response),
    )
    expect(await testConnection(signedOut.relay, { ...FORM, agentToken: '' })).toMatchObject({
      relay: 'ok',
      auth: 'rejected',
      authMode: 'access',
      outcome: { code: 'not-signed-in' },
    })
    // Access's redirect to its sign-in page has no CORS headers: a network error while /healthz answers.
    const notGranted = relay((path) => {
      if (path === '/healthz') return json(200, ACCESS_HEALTH)
      throw new TypeError('Failed to fetch')
    })
    expect(await testConnection(notGranted.relay, { ...FORM, agentToken: '' })).toMatchObject({
      auth: 'rejected',
      outcome: { code: 'not-signed-in' },
    })
  })

  it('should test a relay behind Access through the sign-in even with a token left from tokens mode (the token is not sent)', async () => {
    const access = { ...HEALTH, auth: { mode: 'access' } }
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input)).pathname === '/healthz') return json(200, access)
      return new Headers(init?.headers).get('authorization')
        ? problem('unauthorized', 401)
        : json(200, { data: [], links: { prev: null, next: null } })
    })
    const r = createRelay({ getSettings: async () => ({ workerUrl: '', agentToken: '' }), fetch, origin: 'chrome-extension://x' })
    expect(await testConnection(r, FORM)).toMatchObject({ relay: 'ok', auth: 'ok', authMode: 'access', outcome: { code: 'signed-in' } })
    const v1 = fetch.mock.calls.filter(([u]) => new URL(String(u)).pathname.startsWith('/v1/'))
    expect(v1.map(([, init]) => [new Headers(init?.headers).get('authorization'), init?.credentials])).toEqual([[null, 'include']])
  })

  it('should refuse a URL that is not http(s) without calling anything', async () => {
    const { relay: r, fetch } = relay(() => json(200, HEALTH))
    expect(await testConnection(r, { ...FORM, workerUrl: 'relay.example' })).toMatchObject({
      relay: 'error',
      auth: 'skipped',
      outcome: { code: 'relay-failed', failure: { reason: { code: 'bad-relay-url', url: 'relay.example' } } },
    })
    expect(fetch).not.toHaveBeenCalled()
  })
})
