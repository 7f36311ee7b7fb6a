import { createScheduledController, env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuditPage, PersonaList } from '@idv-lens/shared/api'
import worker from '../src/index.ts'
import { insertAuditRows } from '../src/audit/store.ts'
import type { AuditEntry } from '../src/audit/entry.ts'
import { ADMIN_TOKEN, AGENT_TOKEN, OTHER_TOKEN, problemOf, testRelay } from './helpers.ts'
import type { Bindings } from '../src/bindings.ts'

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

type Row = {
  agent: string | null
  route: string
  vendor: string | null
  ids: string
  outcome: string
  status: number
  cache_status: string | null
  request_id: string
  duration_ms: number
}
const rows = async () => (await db.prepare('SELECT * FROM audit ORDER BY seq').all<Row>()).results

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('one audit row per /v1 request', () => {
  // [kind, setup, request path, headers, expected row]
  it.each([
    [
      'miss',
      null,
      `/v1/persona/inquiries/${INQ}`,
      {},
      { outcome: 'miss', status: 200, route: '/v1/persona/inquiries/:id', vendor: 'persona', ids: [INQ], agent: 'tester' },
    ],
    [
      'lookup',
      null,
      `/v1/lookup?ids=${INQ},${UUID},not-an-id`,
      {},
      { outcome: 'refused', status: 400, route: '/v1/lookup', ids: [INQ, UUID] },
    ],
    [
      'lookup of two vendors',
      null,
      `/v1/lookup?ids=${INQ},${UUID}`,
      {},
      { outcome: 'miss', status: 200, route: '/v1/lookup', vendor: 'deepidv,persona', ids: [INQ, UUID] },
    ],
    [
      'filters',
      null,
      `/v1/persona/events?filter%5Bobject-id%5D=${INQ}&filter%5Bname%5D=inquiry.approved`,
      {},
      { outcome: 'miss', route: '/v1/persona/events', ids: [INQ] },
    ],
    ['bad input', null, '/v1/persona/inquiries?page%5Bsize%5D=0', {}, { outcome: 'refused', status: 400, ids: [] }],
    [
      'unknown token',
      null,
      '/v1/persona/inquiries',
      { authorization: 'Bearer nobody-0123456789abcdefghijklmnopqrstuv' },
      { outcome: 'refused', status: 401, agent: null },
    ],
    [
      'unknown route',
      null,
      '/v1/persona/accounts/jane.doe@example.com',
      {},
      { outcome: 'refused', status: 404, route: '(no route)', vendor: null, ids: [] },
    ],
    // Hono routes the decoded path: the row names the route that answered, not `(no route)`.
    [
      'percent-encoded path',
      null,
      `/%76%31/persona/inquiries/${INQ}`,
      {},
      { outcome: 'miss', status: 200, route: '/v1/persona/inquiries/:id', vendor: 'persona', ids: [INQ] },
    ],
    ['vendor error', { fault: '500' }, `/v1/persona/inquiries/${INQ}`, {}, { outcome: 'vendor-error', status: 502, ids: [INQ] }],
    ['vendor 404', null, '/v1/persona/inquiries/inq_AAAAAAAAAAAAAAAAAAAAAAAA', {}, { outcome: 'vendor-error', status: 404 }],
  ] as const)('%s', async (_kind, fault, path, headers, expected) => {
    const relay = testRelay()
    if (fault) await relay.fault(fault as never)
    const res = await relay.get(path, { headers: headers as Record<string, string> })
    const [row, ...more] = await rows()
    expect(more).toHaveLength(0)
    const { ids, ...rest } = expected as Record<string, unknown>
    expect(row).toMatchObject({ ...rest, status: res.status, request_id: res.headers.get('request-id') })
    if (ids) expect(JSON.parse(row!.ids)).toEqual(ids)
    expect(row!.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it('hit, stale, vendor 429 and the hold that follows (budget) each leave one row', async () => {
    const relay = testRelay({ LIST_TTL_SECONDS: '20' })
    const list = '/v1/persona/inquiry-sessions?page%5Bsize%5D=3'
    await relay.get(list)
    await relay.get(list)
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + 25_000)
    await relay.get(list)
    vi.restoreAllMocks()
    await relay.fault({ fault: '429', retryAfterSeconds: 30, times: 1 })
    await relay.get('/v1/persona/events?page%5Bsize%5D=2')
    await relay.get('/v1/persona/events?page%5Bsize%5D=3')
    const outcomes = (await rows()).map((r) => [r.outcome, r.status])
    expect(outcomes).toEqual([
      ['miss', 200],
      ['hit', 200],
      ['stale', 200],
      ['budget', 429],
      ['budget', 429],
    ])
    expect((await rows())[1]!.cache_status).toMatch(/^idv-lens; hit/)
  })

  it('records nothing when AUDIT_LOG is off', async () => {
    const relay = testRelay({ AUDIT_LOG: 'off' })
    expect((await relay.get(`/v1/persona/inquiries/${INQ}`)).status).toBe(200)
    expect(await rows()).toHaveLength(0)
  })
})

// The writer itself (bounded flushes, timeouts, retries, health): audit-writer.test.ts.

describe('the audit never holds personal data', () => {
  it('has no name, email, address, birthdate, reference ID, IP address, token or key of the demo data in any row', async () => {
    const relay = testRelay()
    // The people behind 30 inquiries, from the demo upstream itself (the relay's allowlist keeps them
    // from its answers), with a key of its own (2023-01-05 still has top-level PII).
    const upstream = (env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL
    const list = (await (
      await fetch(`${upstream}/persona/api/v1/inquiries?page%5Bsize%5D=30`, {
        headers: { authorization: 'Bearer persona_demo_audit_oracle', 'persona-version': '2023-01-05' },
      })
    ).json()) as PersonaList<{
      id: string
      attributes: Record<string, unknown> & { fields?: Record<string, { value: unknown }> }
    }>
    const personal = new Set<string>()
    for (const inquiry of list.data) {
      const a = inquiry.attributes
      for (const key of [
        'referenceId',
        'reference-id',
        'nameFirst',
        'name-first',
        'nameLast',
        'name-last',
        'birthdate',
        'emailAddress',
        'email-address',
        'addressStreet1',
        'address-street-1',
        'addressCity',
        'address-city',
        'phoneNumber',
        'phone-number',
      ]) {
        if (typeof a[key] === 'string' && (a[key] as string).length >= 4) personal.add(a[key] as string)
      }
      for (const field of Object.values(a.fields ?? {}))
        if (typeof field.value === 'string' && field.value.length >= 4) personal.add(field.value)
    }
    expect(personal.size).toBeGreaterThan(50)
    const people = [...personal]
    const first = list.data[0]!
    const reference = String(first.attributes['reference-id'])
    const email = people.find((p) => p.includes('@')) as string
    // Requests that carry personal data in filters, paths and headers, next to ordinary ones.
    const headers = { 'cf-connecting-ip': '203.0.113.77', 'x-forwarded-for': '198.51.100.23', 'x-real-ip': '192.0.2.5' }
    await relay.get(`/v1/persona/inquiries?filter%5Breference-id%5D=${encodeURIComponent(reference)}`, { headers })
    await relay.get(`/v1/persona/inquiries?filter%5Bnote%5D=${encodeURIComponent(email)}`, { headers })
    await relay.get(`/v1/persona/inquiries/${first.id}?include=account,verifications,documents`, { headers })
    await relay.get(`/v1/persona/accounts/${encodeURIComponent(email)}`, { headers })
    await relay.get(`/v1/lookup?ids=${first.id},${encodeURIComponent(email)}`, { headers })
    await relay.get(`/v1/deepidv/sessions?external_id=${encodeURIComponent(reference)}`, { headers })
    await relay.get(`/v1/persona/events?filter%5Bobject-id%5D=${first.id}`, {
      headers: { ...headers, authorization: `Bearer ${OTHER_TOKEN}` },
    })
    await relay.get(`/v1/persona/inquiry-sessions/iqse_${'x'.repeat(24)}`, { headers })

    const all = JSON.stringify([
      (await db.prepare('SELECT * FROM audit').all()).results,
      (await db.prepare('SELECT * FROM audit_id').all()).results,
    ])
    expect((await rows()).length).toBe(8)
    const secrets = [...Object.values(relay.keys), AGENT_TOKEN, OTHER_TOKEN, '203.0.113.77', '198.51.100.23', '192.0.2.5']
    // A short number (Manila's postal code 1000) is in any row's times and counts by chance: it must not be a whole value.
    const inRows = (value: string) =>
      /^\d{1,5}$/.test(value) ? all.includes(`"${value}"`) : all.toLowerCase().includes(value.toLowerCase())
    const hits = [...people, ...secrets].filter(inRows)
    expect(hits).toEqual([])
  })
})

describe('retention', () => {
  it('the daily cron deletes exactly the rows older than AUDIT_RETENTION_DAYS', async () => {
    const now = Date.parse('2026-06-01T03:17:00Z')
    const day = 24 * 3600 * 1000
    const entry = (ageDays: number, id: string): AuditEntry => ({
      at: now - ageDays * day,
      requestId: `r-${ageDays}`,
      clientRequestId: null,
      agent: 'tester',
      route: '/v1/persona/inquiries/:id',
      vendor: 'persona',
      ids: [id],
      outcome: 'hit',
      status: 200,
      cacheStatus: 'idv-lens; hit',
      durationMs: 1,
    })
    await insertAuditRows(db, [entry(120, 'inq_old1'), entry(90.01, 'inq_old2'), entry(89.99, 'inq_keep1'), entry(1, 'inq_keep2')])
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '17 3 * * *' }), {
      AUDIT_DB: db,
      AUDIT_RETENTION_DAYS: '90',
    } as unknown as Bindings)
    expect((await rows()).map((r) => r.request_id)).toEqual(['r-89.99', 'r-1'])
    const ids = (await db.prepare('SELECT id FROM audit_id ORDER BY id').all<{ id: string }>()).results.map((r) => r.id)
    expect(ids).toEqual(['inq_keep1', 'inq_keep2'])
  })
})

describe('GET /v1/admin/audit', () => {
  it("records an AI client's token on /v1 under its name, refused, with no ID and never the token; the API says so with its tool calls' assertions", async () => {
    const ai = 'fin-token-0123456789abcdefghijklmnopqrstuv'
    const relay = testRelay({ AGENT_TOKENS: `tester:${AGENT_TOKEN},boss:${ADMIN_TOKEN}:admin,fin:${ai}:ai` })
    const refused = await relay.get(`/v1/persona/inquiries/${INQ}`, { headers: { authorization: `Bearer ${ai}` } })
    expect(refused.status).toBe(403)
    const [row, ...more] = await db
      .prepare('SELECT * FROM audit ORDER BY seq')
      .all<Row & { ai: number | null; problem: string | null }>()
      .then((r) => r.results)
    expect(more).toHaveLength(0)
    expect(row).toMatchObject({
      agent: 'fin',
      ai: 1,
      problem: 'forbidden',
      outcome: 'refused',
      status: 403,
      route: '/v1/persona/inquiries/:id',
      ids: '[]',
    })
    expect(JSON.stringify(row)).not.toContain(ai)
    // An unknown token is still nobody, and an agent's refusal names no AI client.
    await relay.get('/v1/persona/inquiries', { headers: { authorization: 'Bearer nobody-0123456789abcdefghijklmnopqrstuv' } })
    await relay.get('/v1/admin/audit')
    await insertAuditRows(db, [
      {
        at: Date.now(),
        requestId: 'tool-1',
        clientRequestId: null,
        agent: 'fin',
        route: 'mcp/lookup',
        vendor: 'persona',
        ids: [INQ],
        outcome: 'hit',
        status: 200,
        cacheStatus: null,
        durationMs: 2,
        ai: true,
        mcp: { onBehalfOf: 'alex', ticket: 'ZD-4711', vendorCalls: 0 },
      },
    ])
    const page = (await (await relay.get('/v1/admin/audit', { headers: admin })).json()) as AuditPage
    expect(
      page.data.map((r) => ({
        agent: r.agent,
        aiClient: r.aiClient,
        route: r.route,
        problem: r.problem,
        onBehalfOf: r.onBehalfOf,
        ticket: r.ticket,
      })),
    ).toEqual([
      { agent: 'fin', aiClient: 'fin', route: 'mcp/lookup', problem: null, onBehalfOf: 'alex', ticket: 'ZD-4711' },
      { agent: 'tester', aiClient: null, route: '/v1/admin/audit', problem: 'forbidden', onBehalfOf: null, ticket: null },
      { agent: null, aiClient: null, route: '/v1/persona/inquiries', problem: 'unauthorized', onBehalfOf: null, ticket: null },
      { agent: 'fin', aiClient: 'fin', route: '/v1/persona/inquiries/:id', problem: 'forbidden', onBehalfOf: null, ticket: null },
    ])
    // Who looked at the ID: the tool call, not the refused /v1 attempt.
    const byId = (await (await relay.get(`/v1/admin/audit?id=${INQ}`, { headers: admin })).json()) as AuditPage
    expect(byId.data.map((r) => r.route)).toEqual(['mcp/lookup'])
  })

  it('answers an agent with 403, and an admin with who looked at an ID, newest first, in pages', async () => {
    const relay = testRelay()
    await relay.get(`/v1/persona/inquiries/${INQ}`)
    await relay.get(`/v1/lookup?ids=${INQ},${EVT}`, { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })
    await relay.get(`/v1/persona/events/${EVT}`)
    await relay.get(`/v1/persona/events?filter%5Bobject-id%5D=${INQ}`, { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })

    const forbidden = await relay.get(`/v1/admin/audit?id=${INQ}`)
    expect(forbidden.status).toBe(403)
    expect(await problemOf(forbidden)).toMatchObject({ code: 'forbidden' })

    const res = await relay.get(`/v1/admin/audit?id=${INQ}`, { headers: admin })
    expect(res.status).toBe(200)
    const page = (await res.json()) as AuditPage
    // The agent's refused attempt to read the audit about this ID is part of its story too.
    expect(page.data.map((r) => [r.agent, r.route])).toEqual([
      ['tester', '/v1/admin/audit'],
      ['other', '/v1/persona/events'],
      ['other', '/v1/lookup'],
      ['tester', '/v1/persona/inquiries/:id'],
    ])
    expect(page.data[0]).toMatchObject({ outcome: 'refused', status: 403 })
    expect(page.data[1]).toMatchObject({
      ids: [INQ],
      outcome: 'miss',
      status: 200,
      requestId: expect.any(String),
      time: expect.stringMatching(/^\d{4}-/),
    })
    expect(page.next).toBeNull()

    // One agent's recent lookups, one row per page.
    const seen: string[] = []
    let cursor: string | null = ''
    for (let i = 0; i < 5 && cursor !== null; i++) {
      const p = (await (
        await relay.get(`/v1/admin/audit?agent=tester&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { headers: admin })
      ).json()) as AuditPage
      seen.push(...p.data.map((r) => r.route))
      cursor = p.next
    }
    // tester's two lookups, and the forbidden audit read (it is a /v1 request too).
    expect(seen).toEqual(['/v1/admin/audit', '/v1/persona/events/:id', '/v1/persona/inquiries/:id'])

    const future = (await (await relay.get(`/v1/admin/audit?id=${INQ}&since=2999-01-01T00:00:00Z`, { headers: admin })).json()) as AuditPage
    expect(future.data).toEqual([])
    const past = (await (await relay.get(`/v1/admin/audit?id=${INQ}&until=2000-01-01T00:00:00Z`, { headers: admin })).json()) as AuditPage
    expect(past.data).toEqual([])
  })

  it.each([
    ['limit=501', 'limit'],
    ['id=jane@example.com', 'id'],
    ['since=yesterday', 'since'],
    ['cursor=abc', 'cursor'],
    ['agent=a%20b', 'agent'],
  ])('refuses %s with a 400 naming it', async (query, parameter) => {
    const relay = testRelay()
    const res = await relay.get(`/v1/admin/audit?${query}`, { headers: admin })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).parameter).toBe(parameter)
  })
})
