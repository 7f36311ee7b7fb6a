import { describe, expect, it } from 'vitest'
import { problemOf, testRelay, type Fault } from './helpers.ts'

const PERSONA = '/v1/persona/inquiries?page%5Bsize%5D=5'
const DEEPIDV = '/v1/deepidv/sessions?limit=5'

// Each vendor failure, as the relay must answer it (issue: "Errors").
const CASES: [string, Fault, string, number, string][] = [
  ['Persona 500', { fault: '500' }, PERSONA, 502, 'upstream-unavailable'],
  ['Persona 503', { fault: '503' }, PERSONA, 502, 'upstream-unavailable'],
  ['Persona dropped connection', { fault: 'drop' }, PERSONA, 502, 'upstream-unavailable'],
  ['Persona malformed JSON', { fault: 'malformed' }, PERSONA, 502, 'upstream-unavailable'],
  ['Persona refused key', { fault: '401' }, PERSONA, 502, 'upstream-auth'],
  ['Persona hang', { fault: 'hang' }, PERSONA, 504, 'upstream-timeout'],
  ['deepidv 500', { fault: '500', provider: 'deepidv' }, DEEPIDV, 502, 'upstream-unavailable'],
  ['deepidv malformed JSON', { fault: 'malformed', provider: 'deepidv' }, DEEPIDV, 502, 'upstream-unavailable'],
  ['deepidv refused key', { fault: '401', provider: 'deepidv' }, DEEPIDV, 502, 'upstream-auth'],
  ['deepidv hang', { fault: 'hang', provider: 'deepidv' }, DEEPIDV, 504, 'upstream-timeout'],
  ['deepidv dropped connection', { fault: 'drop', provider: 'deepidv' }, DEEPIDV, 502, 'upstream-unavailable'],
]

describe('vendor failures', () => {
  it.each(CASES)('%s → %s', async (_name, fault, path, status, code) => {
    // Only a hang waits for the deadline; an answer must never race it on a busy machine.
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: fault.fault === 'hang' ? '300' : '30000' })
    await relay.fault(fault)
    const res = await relay.get(path)
    expect(res.status).toBe(status)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ code, status })
    expect(problem.requestId).toBe(res.headers.get('request-id'))
    if (code === 'upstream-auth') expect(problem.detail).toMatch(/(PERSONA|DEEPIDV)_API_KEY/)
  })

  it('maps a Persona 429 to 429 with Retry-After from RateLimit-Reset, then holds back without calling', async () => {
    const relay = testRelay()
    await relay.fault({ fault: '429', retryAfterSeconds: 42, times: 1 })
    const res = await relay.get(PERSONA)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('42')
    expect(await problemOf(res)).toMatchObject({ code: 'rate-limited', retryAfter: 42, provider: 'persona' })
    // The vendor said wait: the next call is answered here, without spending the shared budget.
    const again = await relay.get('/v1/persona/events')
    expect(again.status).toBe(429)
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('maps a deepidv 429 with Retry-After', async () => {
    const relay = testRelay()
    await relay.fault({ fault: '429', provider: 'deepidv', retryAfterSeconds: 7, times: 1 })
    const res = await relay.get(DEEPIDV)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('7')
  })

  it('still answers when the vendor is slow but within UPSTREAM_TIMEOUT_MS', async () => {
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '2000' })
    await relay.fault({ fault: 'latency', latencyMs: 150 })
    expect((await relay.get(PERSONA)).status).toBe(200)
  })

  it("passes a vendor 400 through, without the vendor's free text", async () => {
    const relay = testRelay()
    // Valid alphabet, so the relay forwards it; deepidv itself rejects the token ("Invalid next_token", undocumented wording).
    const res = await relay.get('/v1/deepidv/sessions?next_token=bm90LWEtdG9rZW4')
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ code: 'bad-request', provider: 'deepidv', detail: 'deepidv rejected the request' })
  })
})

// Well-formed JSON that is not what the vendor documents: answered 502 upstream-invalid, never kept.
const GARBAGE: [string, Fault, string][] = [
  ['Persona list null', { fault: 'invalid', body: null }, PERSONA],
  ['Persona list a string', { fault: 'invalid', body: 'inquiries' }, PERSONA],
  ['Persona list with data not a list', { fault: 'invalid', body: { data: { id: 'inq_1' }, links: {} } }, PERSONA],
  ['Persona list with a links.next that is a number', { fault: 'invalid', body: { data: [], links: { next: 42 } } }, PERSONA],
  ['Persona list with a links.next that is no URL', { fault: 'invalid', body: { data: [], links: { next: 'http://[' } } }, PERSONA],
  [
    'Persona inquiry without attributes',
    { fault: 'invalid', body: { data: { type: 'inquiry', id: 'inq_x' } } },
    '/v1/persona/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6',
  ],
  ['deepidv list with sessions null', { fault: 'invalid', provider: 'deepidv', body: { sessions: null, next_token: null } }, DEEPIDV],
  [
    'deepidv session an array',
    { fault: 'invalid', provider: 'deepidv', body: [] },
    '/v1/deepidv/sessions/a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  ],
]

describe('vendor garbage', () => {
  it.each(GARBAGE)('%s → 502 upstream-invalid, nothing cached', async (_name, fault, path) => {
    const relay = testRelay()
    await relay.fault({ ...fault, times: 1 })
    const res = await relay.get(path)
    expect(res.status).toBe(502)
    expect(await problemOf(res)).toMatchObject({ code: 'upstream-invalid', status: 502, provider: fault.provider ?? 'persona' })
    // The next request asks the vendor again: the garbage was kept neither by the relay's cache nor by the gate.
    const again = await relay.get(path)
    expect(again.status).not.toBe(502)
    expect((await relay.upstreamCalls()).total).toBe(2)
  })
})

describe('vendor garbage in a lookup', () => {
  it('answers the IDs upstream-invalid and caches no summary', async () => {
    const relay = testRelay()
    const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
    await relay.fault({ fault: 'invalid', body: { data: 'inquiries' }, times: 2 })
    const first = await relay.get(`/v1/lookup?ids=${INQ}`)
    expect(first.status).toBe(200)
    expect(((await first.json()) as { data: unknown[] }).data[0]).toMatchObject({
      found: false,
      error: { code: 'upstream-invalid', status: 502 },
    })
    const again = await relay.get(`/v1/lookup?ids=${INQ}`)
    expect(((await again.json()) as { data: unknown[] }).data[0]).toMatchObject({ found: true, id: INQ })
    expect(again.headers.get('cache-status')).not.toBe('idv-lens; hit')
  })
})
