import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { AGENT_TOKEN, problemOf, testRelay } from './helpers.ts'
import { liveRelay } from './live-helpers.ts'

// The edges of "exactly one audit row per /v1 request": what the relay refuses before routing,
// paths that do not decode, the live socket, and what an unauthenticated caller may put in the audit.

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

type Row = {
  seq: number
  agent: string | null
  route: string
  vendor: string | null
  ids: string
  outcome: string
  status: number
  request_id: string
  client_request_id: string | null
}
const rows = async () => (await db.prepare('SELECT * FROM audit ORDER BY seq').all<Row>()).results
const indexedIds = async () => (await db.prepare('SELECT id FROM audit_id').all<{ id: string }>()).results.map((r) => r.id)

/** Any method and headers, straight through the app (the contract has no entry for a refused method). */
async function send(relayEnv: Bindings, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request(`http://relay.test${path}`, { method: init.method ?? 'GET', headers: init.headers }),
    relayEnv,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}

const bearer = { authorization: `Bearer ${AGENT_TOKEN}` }

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('a malformed percent-encoding in an ID path', () => {
  it.each([
    ['/v1/persona/inquiries/%E0%A4%A', true],
    ['/v1/persona/inquiries/%E0%A4%A', false],
    ['/v1/deepidv/sessions/%zz', true],
    ['/v1/deepidv/sessions/%zz', false],
    ['/v1/persona/inquiry-sessions/%', true],
  ])('%s (token: %s) answers a 4xx problem and leaves exactly one row', async (path, withToken) => {
    const relay = testRelay()
    const res = await send(relay.env, path, { headers: withToken ? bearer : {} })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const problem = await problemOf(res)
    expect(problem.requestId).toBe(res.headers.get('request-id'))
    const [row, ...more] = await rows()
    expect(more).toHaveLength(0)
    expect(row).toMatchObject({ status: res.status, outcome: 'refused', request_id: res.headers.get('request-id'), ids: '[]' })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })
})

describe('refusals before routing', () => {
  it.each(['DELETE', 'PUT', 'PATCH', 'POST'])('%s on a /v1 route answers 405 and leaves one row under the route', async (method) => {
    const relay = testRelay()
    const res = await send(relay.env, '/v1/persona/inquiries', { method, headers: bearer })
    expect(res.status).toBe(405)
    const [row, ...more] = await rows()
    expect(more).toHaveLength(0)
    expect(row).toMatchObject({
      route: '/v1/persona/inquiries',
      status: 405,
      outcome: 'refused',
      request_id: res.headers.get('request-id'),
    })
  })

  it('a CORS preflight on /v1 leaves one row', async () => {
    const relay = testRelay()
    const res = await send(relay.env, '/v1/lookup', {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://testextensionid', 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBeLessThan(300)
    const [row, ...more] = await rows()
    expect(more).toHaveLength(0)
    expect(row).toMatchObject({ route: '/v1/lookup', agent: null, vendor: null, ids: '[]', outcome: 'preflight', status: 204 })
  })
})

describe('what an unauthenticated request may write', () => {
  it.each([
    ['no token', {}],
    ['an unknown token', { authorization: 'Bearer nobody-0123456789abcdefghijklmnopqrstuv' }],
  ])('with %s: one row, no agent, no IDs in the row or the ID index', async (_name, headers) => {
    const relay = testRelay()
    const many = Array.from({ length: 50 }, (_, n) => `inq_${String(n).padStart(24, 'A')}`)
    const res = await send(relay.env, `/v1/lookup?ids=${[INQ, UUID, ...many].join(',')}`, { headers })
    expect(res.status).toBe(401)
    await send(relay.env, `/v1/persona/inquiries/${INQ}`, { headers })
    const all = await rows()
    expect(all).toHaveLength(2)
    for (const row of all) expect(row).toMatchObject({ agent: null, ids: '[]', vendor: row.route === '/v1/lookup' ? null : 'persona' })
    expect(await indexedIds()).toEqual([])
  })
})

describe('request ids', () => {
  it('the relay always makes the request id; an acceptable client one is kept in its own column', async () => {
    const relay = testRelay()
    const a = await send(relay.env, `/v1/persona/inquiries/${INQ}`, { headers: { ...bearer, 'request-id': 'ticket-4711' } })
    const b = await send(relay.env, `/v1/persona/inquiries/${INQ}`, { headers: { ...bearer, 'request-id': 'ticket-4711' } })
    const c = await send(relay.env, `/v1/persona/inquiries/${INQ}`, { headers: { ...bearer, 'request-id': '<script>' } })
    const ids = [a, b, c].map((res) => res.headers.get('request-id'))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(ids).size).toBe(3)
    expect((await rows()).map((r) => [r.request_id, r.client_request_id])).toEqual([
      [ids[0], 'ticket-4711'],
      [ids[1], 'ticket-4711'],
      [ids[2], null],
    ])
  })
})

describe('the live routes', () => {
  it('the ticket route is recorded under its own route, with the agent', async () => {
    const relay = liveRelay()
    const res = await relay.request('/v1/live/ticket', { method: 'POST', auth: true })
    expect(res.status).toBe(200)
    const [row, ...more] = await rows()
    expect(more).toHaveLength(0)
    expect(row).toMatchObject({ route: '/v1/live/ticket', agent: 'tester', status: 200, request_id: res.headers.get('request-id') })
  })

  it('the socket upgrade leaves one row with the agent whose ticket it redeemed, and a refused one a row without', async () => {
    const relay = liveRelay()
    const socket = await relay.connect()
    const refused = await relay.request(`/v1/live?ticket=${'x'.repeat(43)}`, { headers: { upgrade: 'websocket' } })
    expect(refused.status).toBe(401)
    const all = await rows()
    expect(all.map((r) => [r.route, r.agent, r.status])).toEqual([
      ['/v1/live/ticket', 'tester', 200],
      ['/v1/live', 'tester', 101],
      ['/v1/live', null, 401],
    ])
    expect(all[2]!.request_id).toBe((await problemOf(refused)).requestId)
    socket.ws.close()
  })

  it("the socket's rows keep the client's Request-Id, as every other route's do", async () => {
    const relay = liveRelay()
    const { ticket } = (await (await relay.request('/v1/live/ticket', { method: 'POST', auth: true })).json()) as { ticket: string }
    const opened = await relay.request(`/v1/live?ticket=${ticket}`, { headers: { upgrade: 'websocket', 'request-id': 'panel-socket-7' } })
    expect(opened.status).toBe(101)
    opened.webSocket!.accept()
    const refused = await relay.request(`/v1/live?ticket=${'x'.repeat(43)}`, {
      headers: { upgrade: 'websocket', 'request-id': 'panel-socket-8' },
    })
    expect(refused.status).toBe(401)
    const live = (await rows()).filter((r) => r.route === '/v1/live')
    expect(live.map((r) => [r.status, r.client_request_id])).toEqual([
      [101, 'panel-socket-7'],
      [401, 'panel-socket-8'],
    ])
    opened.webSocket!.close()
  })
})
