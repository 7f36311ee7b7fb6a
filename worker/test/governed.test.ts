import { evictDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LookupResponse } from '@idv-lens/shared/api'
import { configFor } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import type { GateNamespace } from '../src/gate/protocol.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { EVENTUALLY, IN_FLIGHT_MS, OTHER_TOKEN, problemOf, testRelay, type TestRelay, VENDOR_GATE } from './helpers.ts'
import { liveRelay, personaEvent } from './live-helpers.ts'

const LIST = '/v1/persona/inquiry-sessions?page%5Bsize%5D=10'
const OTHER = '/v1/persona/events?page%5Bsize%5D=5'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A binding whose every call fails the way a Durable Object does when it is overloaded. */
const overloadedGate: GateNamespace = {
  idFromName: (name) => name,
  get: () => ({
    call: async () => {
      throw Object.assign(new Error('Durable Object is overloaded. Too many requests queued.'), { overloaded: true, retryable: false })
    },
    status: async () => {
      throw new Error('overloaded')
    },
    changedRecords: async () => {
      throw new Error('overloaded')
    },
    changesSince: async () => {
      throw new Error('overloaded')
    },
    requesterCheck: async () => {
      throw new Error('overloaded')
    },
    requesterRecordCheck: async () => {
      throw new Error('overloaded')
    },
    requesterNoMatch: async () => {
      throw new Error('overloaded')
    },
    act: async () => {
      throw new Error('overloaded')
    },
    requesterMatched: async () => {
      throw new Error('overloaded')
    },
    uncountDaily: async () => {
      throw new Error('overloaded')
    },
  }),
}

async function personaGateStub(relay: TestRelay) {
  const gates = VENDOR_GATE as unknown as DurableObjectNamespace
  return gates.get(gates.idFromName(await gateName(configFor(relay.env, VENDORS), 'persona')))
}

describe('when the budget says no', () => {
  it('answers 429 budget-exhausted with an integer Retry-After and RateLimit-* headers, without a vendor call', async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '2', AGENT_SHARE: '1' })
    expect((await relay.get(LIST)).status).toBe(200)
    expect((await relay.get(OTHER)).status).toBe(200)
    const res = await relay.get('/v1/persona/inquiries')
    expect(res.status).toBe(429)
    const retryAfter = res.headers.get('retry-after') ?? ''
    expect(retryAfter).toMatch(/^\d+$/)
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(res.headers.get('ratelimit-limit')).toBe('2')
    expect(res.headers.get('ratelimit-remaining')).toBe('0')
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1)
    expect(await problemOf(res)).toMatchObject({
      code: 'budget-exhausted',
      status: 429,
      provider: 'persona',
      retryAfter: Number(retryAfter),
    })
    expect(res.headers.get('cache-status')).toMatch(/^idv-lens; fwd=uri-miss; fwd-status=429/)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('serves the stored copy, marked stale, when the budget refuses a refresh', async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '1' })
    const original = await (await relay.get(LIST)).text()
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    const res = await relay.get(LIST, { headers: { 'cache-control': 'no-cache' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(original)
    expect(res.headers.get('cache-status')).toMatch(/fwd=stale; fwd-status=429; .*detail=stale-if-error/)
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('answers /v1/lookup 200 with per-ID budget-exhausted entries that say when to ask again', async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '1', AGENT_SHARE: '1' })
    const res = await relay.get('/v1/lookup?ids=iqse_T8PrqpoEhwhUV1wHReuU9ofs,evt_o9byQRbjygu76Jbtea9wuJ1boP7a')
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as LookupResponse
    const exhausted = data.filter((e) => !e.found && e.error.code === 'budget-exhausted')
    expect(exhausted).toHaveLength(1)
    const entry = exhausted[0]!
    expect(!entry.found && entry.error.retryAfter).toBeGreaterThanOrEqual(1)
    expect(data.filter((e) => e.found)).toHaveLength(1)
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })
})

describe('when the gate itself fails', () => {
  it('answers 503 governor-unavailable with Retry-After: 1 when the gate is overloaded, and never calls the vendor', async () => {
    const relay = testRelay({ VENDOR_GATE: overloadedGate })
    const res = await relay.get(LIST)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await problemOf(res)).toMatchObject({ code: 'governor-unavailable', retryAfter: 1 })
    expect(res.headers.get('cache-status')).toMatch(/^idv-lens; fwd=uri-miss; fwd-status=503/)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('still stores a signed webhook, and answers 204, when the gate cannot be told of the change', async () => {
    const relay = liveRelay({ VENDOR_GATE: overloadedGate })
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await relay.persona(personaEvent({ id: 'evt_GateDownGateDownGate0001' }))).status).toBe(204)
    expect((await relay.rows()).map((r) => r.id)).toEqual(['evt_GateDownGateDownGate0001'])
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)).msg)).toContain('vendor gate not told of a change')
  })

  it('serves the stored copy when the gate fails on a refresh', async () => {
    const relay = testRelay()
    const original = await (await relay.get(LIST)).text()
    const res = await relay.get(LIST, { headers: { 'cache-control': 'no-cache' }, env: { ...relay.env, VENDOR_GATE: overloadedGate } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(original)
    expect(res.headers.get('cache-status')).toMatch(/fwd=stale; fwd-status=503; .*detail=stale-if-error/)
  })

  it('answers 503 governor-unavailable when no gate is bound: no vendor call bypasses it', async () => {
    const relay = testRelay({ VENDOR_GATE: undefined })
    const res = await relay.get(LIST)
    expect(res.status).toBe(503)
    expect(await problemOf(res)).toMatchObject({ code: 'governor-unavailable' })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('survives the gate being evicted mid-call: the call answers, the next one reaches a fresh instance', async () => {
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '10000' })
    await relay.fault({ fault: 'latency', latencyMs: IN_FLIGHT_MS, times: 1 })
    const pending = relay.get(LIST)
    await vi.waitFor(async () => expect((await relay.upstreamCalls()).persona).toBe(1), EVENTUALLY)
    await evictDurableObject(await personaGateStub(relay))
    const res = await pending
    // Eviction drains the in-flight call before the instance goes.
    expect(res.status).toBe(200)
    expect((await relay.get(OTHER)).status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })
})

describe('priorities and fairness through the relay', () => {
  it('sheds a request sent with Priority: u=5 once 80% of the budget is used, while an agent waiting still gets through', async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '5', AGENT_SHARE: '1' })
    for (let size = 1; size <= 4; size++) expect((await relay.get(`/v1/persona/events?page%5Bsize%5D=${size}`)).status).toBe(200)
    const background = await relay.get('/v1/persona/events?page%5Bsize%5D=9', { headers: { priority: 'u=5, i' } })
    expect(background.status).toBe(429)
    expect(await problemOf(background)).toMatchObject({ code: 'budget-exhausted' })
    // u=4 is still an agent's own request.
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=9', { headers: { priority: 'u=4' } })).status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(5)
  })

  it('sends stale-while-revalidate refreshes as background work', async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '5', AGENT_SHARE: '1', LIST_TTL_SECONDS: '20' })
    for (let size = 1; size <= 4; size++) await relay.get(`/v1/persona/events?page%5Bsize%5D=${size}`)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 25_000)
    // Stale copy served; its refresh would take the last 20%, so the gate sheds it.
    const stale = await relay.get('/v1/persona/events?page%5Bsize%5D=1')
    expect(stale.headers.get('cache-status')).toMatch(/detail=stale-while-revalidate/)
    expect((await relay.upstreamCalls()).persona).toBe(4)
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=1')).headers.get('cache-status')).toMatch(/detail=stale-while-revalidate/)
  })

  it("keeps one agent's misses to AGENT_SHARE of the budget; another agent still gets through", async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '4', AGENT_SHARE: '0.5' })
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=1')).status).toBe(200)
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=2')).status).toBe(200)
    const third = await relay.get('/v1/persona/events?page%5Bsize%5D=3')
    expect(third.status).toBe(429)
    expect(await problemOf(third)).toMatchObject({ code: 'budget-exhausted' })
    // The agent hears its own share, used up, though the team has calls left.
    expect([third.headers.get('ratelimit-limit'), third.headers.get('ratelimit-remaining')]).toEqual(['2', '0'])
    const other = await relay.get('/v1/persona/events?page%5Bsize%5D=3', { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })
    expect(other.status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(3)
  })

  it('lets 20 forced refreshes of one list reach the vendor once per 5 s; the others get that fresh copy', async () => {
    const relay = testRelay()
    const t0 = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(t0)
    const bodies = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const res = await relay.get(LIST, { headers: { 'cache-control': 'no-cache' } })
      expect(res.status).toBe(200)
      bodies.add(await res.text())
    }
    expect(bodies.size).toBe(1)
    expect((await relay.upstreamCalls()).persona).toBe(1)
    vi.spyOn(Date, 'now').mockReturnValue(t0 + 5000)
    await relay.get(LIST, { headers: { 'cache-control': 'no-cache' } })
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('lets the extension send Priority (CORS preflight)', async () => {
    const relay = testRelay()
    const res = await relay.get('/v1/persona/events', {
      method: 'OPTIONS',
      auth: false,
      headers: {
        origin: 'chrome-extension://testextensionid',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,priority',
      },
    })
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('priority')
  })
})

describe('GET /v1/status', () => {
  it("shows each vendor's budget, calls in the window, back-off, shed counts and the cache hit ratio, and no personal data", async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '3', AGENT_SHARE: '1', DEEPIDV_API_KEY: undefined })
    await relay.get(LIST)
    await relay.get(LIST)
    await relay.get(OTHER)
    await relay.get('/v1/persona/events?page%5Bsize%5D=6', { headers: { priority: 'u=6' } })
    await relay.fault({ fault: '429', retryAfterSeconds: 90, times: 1 })
    await relay.get('/v1/persona/inquiries?filter%5Breference-id%5D=secret-ref-123')
    const res = await relay.get('/v1/status')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain('secret-ref-123')
    expect(text).not.toContain(relay.keys.persona)
    const status = JSON.parse(text)
    expect(status.vendors.deepidv).toEqual({ configured: false })
    expect(status.vendors.persona).toMatchObject({
      configured: true,
      gate: 'ok',
      budget: { limit: 3, windowSeconds: 61 },
      callsInWindow: 3,
      remaining: 0,
      calls: 3,
      shed: { 'background-reserve': 1 },
      vendor429s: 1,
    })
    // The vendor said 90 s; Persona's window is 60 s, and no hold is longer (vendor-headers.test.ts).
    expect(Date.parse(status.vendors.persona.backoffUntil) - Date.now()).toBeGreaterThan(50_000)
    expect(Date.parse(status.vendors.persona.backoffUntil) - Date.now()).toBeLessThanOrEqual(60_000)
    expect(status.cache).toMatchObject({ hits: 1, misses: 4, hitRatio: 0.2 })
  })

  it('needs an agent token', async () => {
    expect((await testRelay().get('/v1/status', { auth: false })).status).toBe(401)
  })
})

describe('a cold burst', () => {
  // Bounded and exact: how many answers a burst gets and how fast is machine-dependent, so the
  // 200-request burst is a figure in `npm run bench:relay` (cold burst, upstream calls in burst).
  it('turns 100 concurrent identical cold requests into exactly ONE vendor call, all answered 200', async () => {
    // Lists stay fresh for the hour and the vendor call has the whole run: a late joiner on a busy
    // machine gets the stored copy rather than a second call, so the count is exact at any speed.
    const relay = testRelay({ LIST_TTL_SECONDS: '3600', UPSTREAM_TIMEOUT_MS: '30000' })
    await relay.fault({ fault: 'latency', latencyMs: 300, times: 1 })
    const responses = await Promise.all(Array.from({ length: 100 }, () => relay.get('/v1/persona/events?page%5Bsize%5D=41')))
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 100 }, () => 200))
    expect((await relay.upstreamCalls()).persona).toBe(1)
  }, 60_000)
})
