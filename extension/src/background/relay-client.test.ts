import { describe, expect, it, vi } from 'vitest'
import { createRelay } from './relay-client.ts'

const NOW = Date.parse('2026-01-01T12:00:00Z')
const SETTINGS = { workerUrl: 'https://relay.example/', agentToken: 'idvl_token' }
const ORIGIN = 'chrome-extension://icljgiklpkchbldfjiplcpfkfmimljeo'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

const problem = (code: string, status: number, detail: string, extra: Record<string, unknown> = {}) =>
  json(
    status,
    { type: `urn:idv-lens:problem:${code}`, title: code, status, detail, code, ...extra },
    {
      'content-type': 'application/problem+json',
    },
  )

const EVENTS = {
  data: [{ type: 'event', id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', attributes: { name: 'inquiry.approved' } }],
  links: { prev: null, next: null },
}

/** A relay whose every call is answered by `answer`; records the requests hc made. */
function relayWith(answer: (url: URL, init: RequestInit | undefined) => Response | Promise<Response>, settings = SETTINGS) {
  const requests: { url: URL; headers: Headers; mode?: RequestMode; credentials?: RequestCredentials; redirect?: RequestRedirect }[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    requests.push({ url, headers: new Headers(init?.headers), mode: init?.mode, credentials: init?.credentials, redirect: init?.redirect })
    return answer(url, init)
  })
  const relay = createRelay({ getSettings: async () => settings, fetch, origin: ORIGIN, now: () => NOW })
  return { relay, requests }
}

describe('createRelay', () => {
  it('should call the typed route with the token and the query, and keep the freshness', async () => {
    const { relay, requests } = relayWith(() => json(200, EVENTS, { 'cache-status': 'idv-lens; hit; ttl=5', age: '15' }))
    const result = await relay.handlers.listRecords({ list: 'events', query: { 'filter[name]': 'inquiry.approved', 'page[size]': '10' } })

    expect(result).toMatchObject({ ok: true, data: EVENTS, receivedAt: NOW, age: 15, freshness: { hit: true, stale: false } })
    const [req] = requests
    expect(`${req?.url.origin}${req?.url.pathname}`).toBe('https://relay.example/v1/persona/events')
    expect(req?.url.searchParams.get('filter[name]')).toBe('inquiry.approved')
    expect(req?.headers.get('authorization')).toBe('Bearer idvl_token')
    expect(req?.headers.get('cache-control')).toBeNull()
  })

  it('should ask the relay to refetch on refresh', async () => {
    const { relay, requests } = relayWith(() => json(200, EVENTS))
    await relay.handlers.getRecord({ kind: 'persona-event', id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', refresh: true })
    expect(requests[0]?.url.pathname).toBe('/v1/persona/events/evt_o9byQRbjygu76Jbtea9wuJ1boP7a')
    expect(requests[0]?.headers.get('cache-control')).toBe('no-cache')
  })

  it('should send nothing for a list or a record no vendor has, or an ID not of the kind named', async () => {
    const { relay, requests } = relayWith(() => json(200, EVENTS))
    const refused = { ok: false, error: { kind: 'bad-request', reason: { code: 'extension-failed' } } }
    expect(await relay.handlers.listRecords({ list: 'verifications' })).toMatchObject(refused)
    expect(await relay.handlers.getRecord({ kind: 'persona-inquiry', id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a' })).toMatchObject(refused)
    expect(await relay.handlers.getRecord({ kind: 'no-such-kind' as never, id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a' })).toMatchObject(refused)
    expect(requests).toHaveLength(0)
  })

  it('should mark automatic lookups as background work (Priority: u=5) and nothing else', async () => {
    const { relay, requests } = relayWith(() => json(200, { data: [] }))
    await relay.handlers.lookupIds({ ids: ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a'], background: true })
    await relay.handlers.lookupIds({ ids: ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a'] })
    expect(requests.map((r) => r.headers.get('priority'))).toEqual(['u=5', null])
  })

  it('should mark a polled list as background work (Priority: u=5), and a list an agent opened not', async () => {
    const { relay, requests } = relayWith(() => json(200, EVENTS))
    await relay.handlers.listRecords({ list: 'events', query: {}, background: true })
    await relay.handlers.listRecords({ list: 'deepidv', query: {}, background: true })
    await relay.handlers.listRecords({ list: 'events', query: {} })
    expect(requests.map((r) => r.headers.get('priority'))).toEqual(['u=5', 'u=5', null])
  })

  it('should mark a 200 served stale because the vendor failed', async () => {
    const { relay } = relayWith(() =>
      json(200, EVENTS, { 'cache-status': 'idv-lens; fwd=stale; fwd-status=502; ttl=-40; detail=stale-if-error', age: '100' }),
    )
    const result = await relay.handlers.listRecords({ list: 'events' })
    expect(result).toMatchObject({ ok: true, freshness: { stale: true, staleIfError: true, forwardStatus: 502 } })
  })

  it.each([
    ['401 problem', () => problem('unauthorized', 401, 'This agent token is not accepted by the relay.'), { kind: 'unauthorized' }],
    [
      '429 with Retry-After',
      () => problem('rate-limited', 429, 'Persona rate limit reached; retry in 30 s.', { retryAfter: 30 }),
      { kind: 'rate-limited', retryAfter: 30 },
    ],
    ['502 upstream problem', () => problem('upstream-unavailable', 502, 'Persona answered HTTP 500'), { kind: 'upstream' }],
    ['404 problem', () => problem('not-found', 404, 'Persona has no such record'), { kind: 'not-found' }],
  ])('should map a %s to its failure kind', async (_name, answer, expected) => {
    const { relay } = relayWith(answer)
    const result = await relay.handlers.getRecord({ kind: 'persona-inquiry', id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6' })
    expect(result).toMatchObject({ ok: false, error: expected })
  })

  it('should read Retry-After from the header when it is exposed', async () => {
    const { relay } = relayWith(
      () =>
        new Response(JSON.stringify({ type: 'x', title: 't', status: 429, detail: 'slow down', code: 'rate-limited' }), {
          status: 429,
          headers: { 'retry-after': '12' },
        }),
    )
    expect(await relay.handlers.listRecords({ list: 'deepidv' })).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfter: 12 },
    })
  })

  it('should call a network error "unreachable" when nothing answers', async () => {
    const { relay, requests } = relayWith(() => {
      throw new TypeError('Failed to fetch')
    })
    const result = await relay.handlers.listRecords({ list: 'sessions' })
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } },
    })
    // The probes that tell "down" from "origin not allowed" and from another server: /healthz read, then any answer at all.
    expect(requests.slice(1)).toMatchObject([{ credentials: 'omit' }, { mode: 'no-cors' }])
  })

  it("should name ALLOWED_ORIGINS when only the CORS request fails and the relay's /healthz (open to every origin) answers", async () => {
    const { relay } = relayWith((url, init) => {
      if (url.pathname === '/healthz' && init?.credentials === 'omit') return json(200, { status: 'ok', providers: {} })
      throw new TypeError('Failed to fetch')
    })
    const result = await relay.handlers.listRecords({ list: 'sessions' })
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unreachable', reason: { code: 'origin-not-allowed', relay: 'https://relay.example', origin: ORIGIN } },
    })
  })

  it('should say another server answers, not ALLOWED_ORIGINS, when the address answers but not as the relay', async () => {
    // A web server without CORS headers (only the no-cors probe resolves), and one that answers anyone with its own JSON.
    const noCors = relayWith((_url, init) => {
      if (init?.mode === 'no-cors') return new Response('<html></html>', { status: 200 })
      throw new TypeError('Failed to fetch')
    })
    const otherJson = relayWith((url) => {
      if (url.pathname === '/healthz') return json(200, { hello: 'world' })
      throw new TypeError('Failed to fetch')
    })
    for (const { relay } of [noCors, otherJson]) {
      const result = await relay.handlers.listRecords({ list: 'sessions' })
      expect(result).toEqual({
        ok: false,
        error: { kind: 'unreachable', reason: { code: 'foreign-server', relay: 'https://relay.example' } },
      })
    }
  })

  it('should tell a Firefox agent to allow the relay, not to list a random origin, when only the CORS request fails', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input)).pathname === '/healthz' && init?.credentials === 'omit') return json(200, { status: 'ok', providers: {} })
      throw new TypeError('NetworkError when attempting to fetch resource.')
    })
    const relay = createRelay({
      getSettings: async () => SETTINGS,
      fetch,
      origin: 'moz-extension://4b1d',
      hostPermission: true,
      now: () => NOW,
    })
    const result = await relay.handlers.listRecords({ list: 'sessions' })
    expect(result).toEqual({
      ok: false,
      error: { kind: 'unreachable', reason: { code: 'host-permission-missing', relay: 'https://relay.example' } },
    })
    expect(JSON.stringify(result)).not.toContain('moz-extension')
  })

  it.each([
    ['no URL', { workerUrl: '', agentToken: 't' }],
    ['not an http URL', { workerUrl: 'relay.example', agentToken: 't' }],
    // Without a token only the public /healthz is asked (is the relay behind Access?): see below.
  ])('should not call anything with %s', async (_name, settings) => {
    const { relay, requests } = relayWith(() => json(200, {}), settings)
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: false, error: { kind: 'not-configured' } })
    expect(requests).toHaveLength(0)
  })

  // Every lookup message holds at most 100 IDs (sender-policy.ts), the relay's limit: one request each.
  it('should look IDs up in one request, each ID once', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `evt_${String(i).padStart(24, 'a')}`)
    const { relay, requests } = relayWith((url) => {
      const asked = url.searchParams.get('ids')?.split(',') ?? []
      return json(200, { data: asked.map((id) => ({ found: false, id })) })
    })
    const result = await relay.handlers.lookupIds({ ids: [...ids, ids[0]!] })
    expect(requests.map((r) => r.url.searchParams.get('ids')?.split(','))).toEqual([ids])
    expect(result.ok && result.data.data.map((e) => e.id)).toEqual(ids)
  })
})

describe('liveConnection', () => {
  const health = (live: boolean) => json(200, { status: 'ok', providers: {}, live: { configured: live } })

  it('should ask /healthz, then a ticket with the agent token, and answer a ws URL that resumes with since', async () => {
    const { relay, requests } = relayWith((url) =>
      url.pathname === '/healthz' ? health(true) : json(200, { ticket: 'T'.repeat(43), expiresIn: 60 }),
    )
    const result = await relay.handlers.liveConnection({ since: 41 })
    expect(result).toMatchObject({
      ok: true,
      data: { configured: true, url: `wss://relay.example/v1/live?ticket=${'T'.repeat(43)}&since=41` },
    })
    expect(requests.map((r) => r.url.pathname)).toEqual(['/healthz', '/v1/live/ticket'])
    expect(requests[1]?.headers.get('authorization')).toBe('Bearer idvl_token')
  })

  it('should say live is not configured without asking for a ticket', async () => {
    const { relay, requests } = relayWith(() => health(false))
    expect(await relay.handlers.liveConnection({})).toMatchObject({ ok: true, data: { configured: false } })
    expect(requests).toHaveLength(1)
  })

  it('should pass a refused ticket on as the relay failure', async () => {
    const { relay } = relayWith((url) => (url.pathname === '/healthz' ? health(true) : problem('unauthorized', 401, 'Token not accepted.')))
    expect(await relay.handlers.liveConnection({})).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
  })
})

describe('a relay behind Cloudflare Access (no token)', () => {
  const SIGNED_OUT = { workerUrl: 'https://relay.example', agentToken: '' }
  const healthOf = (mode?: 'tokens' | 'access') =>
    json(200, { status: 'ok', providers: {}, problems: [], live: { configured: false }, ...(mode ? { auth: { mode } } : {}) })
  /** What fetch gives for a redirect it was told not to follow (Access sending an anonymous caller to its sign-in). */
  const accessRedirect = () =>
    ({ ok: false, status: 0, type: 'opaqueredirect', headers: new Headers(), text: async () => '' }) as unknown as Response

  it("should send the browser's cookie (credentials: include), no Authorization, and not follow redirects", async () => {
    const { relay, requests } = relayWith((url) => (url.pathname === '/healthz' ? healthOf('access') : json(200, EVENTS)), SIGNED_OUT)
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: true, data: EVENTS })
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: true })
    // The mode is asked once, then remembered for this relay.
    expect(requests.map((r) => r.url.pathname)).toEqual(['/healthz', '/v1/persona/events', '/v1/persona/events'])
    const call = requests[1]!
    expect(call.headers.get('authorization')).toBeNull()
    expect(call.credentials).toBe('include')
    expect(call.redirect).toBe('manual')
    // Asking the mode sends nothing of the agent's.
    expect(requests[0]?.credentials).toBeUndefined()
  })

  it('should call a redirect to the sign-in page "unauthorized: sign in"', async () => {
    const { relay } = relayWith((url) => (url.pathname === '/healthz' ? healthOf('access') : accessRedirect()), SIGNED_OUT)
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', signIn: true, reason: { code: 'sign-in-needed' } },
    })
  })

  it('should call a failed fetch "sign in" when the relay is up (Access\'s redirect fails CORS), and "unreachable" when it is down', async () => {
    let relayUp = true
    const { relay } = relayWith((url, init) => {
      // The auth mode was asked while the relay was up (and is kept); the probes find it down.
      if (url.pathname === '/healthz' && (relayUp || (init?.mode !== 'no-cors' && init?.credentials !== 'omit'))) return healthOf('access')
      throw new TypeError('Failed to fetch')
    }, SIGNED_OUT)
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: false, error: { kind: 'unauthorized', signIn: true } })
    relayUp = false
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: false, error: { kind: 'unreachable' } })
  })

  it('should mark the relay\'s own 401 (an expired Access token) as "sign in again", also with a token left from tokens mode', async () => {
    const refuse = (url: URL) =>
      url.pathname === '/healthz' ? healthOf('access') : problem('unauthorized', 401, 'The Access token expired.')
    expect(await relayWith(refuse, SIGNED_OUT).relay.handlers.listRecords({ list: 'events' })).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', signIn: true },
    })
    expect(await relayWith(refuse).relay.handlers.listRecords({ list: 'events' })).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', signIn: true },
    })
    // In tokens mode a refused token stays a refused token.
    const tokens = (url: URL) => (url.pathname === '/healthz' ? healthOf('tokens') : problem('unauthorized', 401, 'Token not accepted.'))
    const withToken = await relayWith(tokens).relay.handlers.listRecords({ list: 'events' })
    expect(withToken).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(!withToken.ok && withToken.error.signIn).toBeFalsy()
  })

  it('should ignore a token left from tokens mode once the relay says Access: the call goes again with the cookie, and later ones without the token', async () => {
    const { relay, requests } = relayWith((url, init) => {
      if (url.pathname === '/healthz') return healthOf('access')
      // Access sends a caller without its cookie to sign in; the relay never sees the token.
      return new Headers(init?.headers).get('authorization') ? problem('unauthorized', 401, 'No Access token.') : json(200, EVENTS)
    })
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: true, data: EVENTS })
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: true })
    expect(requests.map((r) => [r.url.pathname, r.headers.get('authorization'), r.credentials ?? null])).toEqual([
      ['/v1/persona/events', 'Bearer idvl_token', null],
      ['/healthz', null, null],
      ['/v1/persona/events', null, 'include'],
      ['/v1/persona/events', null, 'include'],
    ])
  })

  it.each([
    ['in token mode', () => healthOf('tokens')],
    ['too old to say', () => healthOf()],
  ])('should not call a relay %s without a token, and say a token is missing', async (_name, answer) => {
    const { relay, requests } = relayWith((url) => (url.pathname === '/healthz' ? answer() : json(200, EVENTS)), SIGNED_OUT)
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: false, error: { kind: 'not-configured' } })
    expect(requests.map((r) => r.url.pathname)).toEqual(['/healthz'])
  })

  it('should ask again after the relay did not answer, and keep using a token with Bearer whatever the mode', async () => {
    let up = false
    const { relay, requests } = relayWith((url) => {
      if (url.pathname === '/healthz') return up ? healthOf('access') : json(502, {})
      return json(200, EVENTS)
    }, SIGNED_OUT)
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: false, error: { kind: 'not-configured' } })
    up = true
    expect(await relay.handlers.listRecords({ list: 'events' })).toMatchObject({ ok: true })
    expect(requests.map((r) => r.url.pathname)).toEqual(['/healthz', '/healthz', '/v1/persona/events'])

    const withToken = relayWith(() => json(200, EVENTS))
    await withToken.relay.handlers.listRecords({ list: 'events' })
    expect(withToken.requests.map((r) => [r.url.pathname, r.headers.get('authorization'), r.credentials])).toEqual([
      ['/v1/persona/events', 'Bearer idvl_token', undefined],
    ])
  })
})
