/**
 * The agent actions' gates (issue 49, items 1-4): off until ACTIONS names them, actors only, every other
 * Persona write no route at all; a one-time link only after the same agent's requester match for the
 * same inquiry within 15 minutes; the link in its own answer and nowhere else. Every refusal costs no
 * vendor write and leaves one audit row.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MeResponse, OneTimeLinkResponse } from '@idv-lens/shared/api'
import { parseAgentTokens } from '../src/config/agent-tokens.ts'
import { cacheFor } from '../src/cache/relay-caches.ts'
import { parseConfig } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { ADMIN_TOKEN, AGENT_TOKEN, OTHER_TOKEN, problemOf, testRelay } from './helpers.ts'
import { ONFIDO_STORY } from '../demo-upstream/onfido-seed.ts'
import {
  ACTOR_TOKEN,
  ACTOR_TOKENS,
  EVERY_ACTION,
  INQ,
  LEAD_TOKEN,
  actionRelay,
  auditRowsOf,
  createdInquiry,
  db,
  emailOf,
  gateClock,
  post,
} from './action-helpers.ts'

const CASE = 'case_Qd5R3f1kFh3b9zDkZ3yCkRp7'
const LINK = `/v1/persona/inquiries/${INQ}/generate-one-time-link`
/** The vendor writes the relay sent: a link first reads the inquiry's checks, which is no write. */
const writesOf = async (relay: ReturnType<typeof actionRelay>) =>
  (await relay.upstreamCalls()).requests.filter((r) => r.method !== 'GET').length

afterEach(() => {
  vi.restoreAllMocks()
})

describe('AGENT_TOKENS roles', () => {
  it('reads roles after the token, each after a colon, in either order, and keeps name:token:admin working', () => {
    const token = 'x'.repeat(40)
    const { entries, problems } = parseAgentTokens(
      `a:${token}1,b:${token}2:admin,c:${token}3:actor,d:${token}4:actor:admin,e:sha256:${'ab'.repeat(32)}:actor`,
    )
    expect(problems).toEqual([])
    expect(entries.map((e) => [e.name, e.role, e.roles])).toEqual([
      ['a', 'agent', []],
      ['b', 'admin', ['admin']],
      ['c', 'agent', ['actor']],
      ['d', 'admin', ['admin', 'actor']],
      ['e', 'agent', ['actor']],
    ])
  })

  it('reports an unknown role as a malformed entry, not a token', () => {
    const { entries, problems } = parseAgentTokens(`a:${'x'.repeat(40)}:owner`)
    expect(entries).toEqual([])
    expect(problems[0]?.message).toMatch(/entry 1/)
  })
})

describe('GET /v1/me', () => {
  it.each([
    ['a reader', AGENT_TOKEN, { agent: 'tester', roles: [], actions: [] }],
    ['an admin', ADMIN_TOKEN, { agent: 'boss', roles: ['admin'], actions: [] }],
    ['an actor', ACTOR_TOKEN, { agent: 'act', roles: ['actor'], actions: ['one-time-link', 'tags', 'case-assign', 'case-status'] }],
    [
      'an admin and actor',
      LEAD_TOKEN,
      { agent: 'lead', roles: ['admin', 'actor'], actions: ['one-time-link', 'tags', 'case-assign', 'case-status'] },
    ],
  ])('tells %s its roles and the actions it may call', async (_who, token, expected) => {
    const relay = actionRelay({ ACTIONS: EVERY_ACTION })
    const res = await relay.get('/v1/me', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      ...expected,
      linkRequiresRequesterMatch: true,
      flagged: { tag: null, assignee: null, contact: null },
    })
  })

  it('offers an actor only the actions ACTIONS names, and says when links need no match', async () => {
    const relay = actionRelay({ ACTIONS: 'tags, case-status', LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const me = (await (await relay.get('/v1/me', { headers: { authorization: `Bearer ${ACTOR_TOKEN}` } })).json()) as MeResponse
    expect(me).toMatchObject({ actions: ['tags', 'case-status'], linkRequiresRequesterMatch: false })
    expect((await (await testRelay().get('/v1/me')).json()) as MeResponse).toMatchObject({ actions: [] })
  })
})

const ACTIONS: [string, string, unknown][] = [
  ['one-time-link', LINK, {}],
  ['tags', `/v1/persona/inquiries/${INQ}/add-tag`, { meta: { 'tag-name': 'vip' } }],
  ['tags', `/v1/persona/inquiries/${INQ}/remove-tag`, { meta: { 'tag-name': 'vip' } }],
  ['case-assign', `/v1/persona/cases/${CASE}/assign`, { meta: { 'user-email-address': 'kim.reviewer@acme.example' } }],
  ['case-status', `/v1/persona/cases/${CASE}/set-status`, { meta: { status: 'Pending' } }],
]

describe('refusals cost nothing upstream and leave one audit row', () => {
  it.each(ACTIONS)('%s (%s) is 403 action-disabled by default, for actors too', async (_action, path, body) => {
    const relay = testRelay({ AGENT_TOKENS: ACTOR_TOKENS })
    const res = await post(relay, path, body)
    expect(res.status).toBe(403)
    expect((await problemOf(res)).code).toBe('action-disabled')
    expect((await relay.upstreamCalls()).total).toBe(0)
    const rows = await auditRowsOf(res)
    expect(rows).toHaveLength(1)
    const id = /(inq|case)_\w+/.exec(path)![0]
    expect(rows[0]).toMatchObject({
      agent: 'act',
      outcome: 'refused',
      status: 403,
      route: path.replace(id, ':id'),
      ids: JSON.stringify([id]),
    })
  })

  it.each(ACTIONS)('%s (%s) is 403 forbidden for a reader and for an admin who is not an actor', async (_action, path, body) => {
    const relay = actionRelay()
    for (const token of [AGENT_TOKEN, ADMIN_TOKEN]) {
      const res = await post(relay, path, body, { token })
      expect(res.status).toBe(403)
      expect((await problemOf(res)).code).toBe('forbidden')
      expect(await auditRowsOf(res)).toHaveLength(1)
    }
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it.each([
    ['one-time-link', 'text/plain', LINK, '{"meta":{"expires-in-seconds":60}}'],
    ['case-assign', 'application/x-www-form-urlencoded', `/v1/persona/cases/${CASE}/assign`, 'meta[user-email-address]=x%40example.com'],
    ['onfido-link', 'text/plain', `/v1/onfido/workflow_runs/${ONFIDO_STORY.declinedRunId}/new-link`, '{"link":{}}'],
  ])('%s refuses a body sent as %s, never acting as if none was sent', async (action, type, path, raw) => {
    const relay = actionRelay({ ACTIONS: action, LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const res = await post(relay, path, undefined, { raw, headers: { 'content-type': type } })
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ code: 'bad-request', parameter: 'content-type' })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it.each([
    ['POST', `/v1/persona/inquiries/${INQ}/expire`],
    ['POST', `/v1/persona/inquiries/${INQ}/resume`],
    ['POST', `/v1/persona/inquiries/${INQ}/set-tags`],
    ['POST', '/v1/persona/inquiries'],
    ['PATCH', `/v1/persona/inquiries/${INQ}`],
    ['DELETE', `/v1/persona/inquiries/${INQ}`],
    ['POST', `/v1/persona/cases/${CASE}/add-objects`],
    ['POST', '/v1/persona/inquiry-sessions/expire-all'],
    ['POST', `/v1/persona/inquiry-sessions/iqse_T8PrqpoEhwhUV1wHReuU9ofs/generate-one-time-link`],
    ['PUT', `/v1/persona/cases/${CASE}/set-status`],
  ])('%s %s is no route, for an admin and actor alike', async (method, path) => {
    const relay = actionRelay()
    for (const token of [LEAD_TOKEN, ACTOR_TOKEN]) {
      const res = await post(relay, path, { meta: {} }, { method, token })
      expect([404, 405]).toContain(res.status)
      expect(await auditRowsOf(res)).toHaveLength(1)
    }
    expect((await relay.upstreamCalls()).total).toBe(0)
  })
})

describe('a one-time link only to the right person', () => {
  it('needs a requester match for that inquiry by that agent within 15 minutes', async () => {
    const relay = actionRelay()
    const { clock } = await gateClock(relay)
    const refused = await post(relay, LINK, {})
    expect(refused.status).toBe(403)
    expect((await problemOf(refused)).code).toBe('requester-not-confirmed')
    // The inquiry's checks are read (a flagged one gets no link), nothing written.
    expect(await writesOf(relay)).toBe(0)

    const check = await post(relay, '/v1/requester-check', { id: INQ, field: 'email', value: await emailOf(INQ) })
    expect(((await check.json()) as { data: { result: string } }).data.result).toBe('match')
    const before = await writesOf(relay)
    // Another agent's match is not this one's.
    expect((await problemOf(await post(relay, LINK, {}, { token: OTHER_TOKEN }))).code).toBe('requester-not-confirmed')
    clock.t += 14 * 60_000
    const made = await post(relay, LINK, {}, { headers: { 'idempotency-key': 'click-1' } })
    expect(made.status).toBe(200)
    expect(await writesOf(relay)).toBe(before + 1)
    clock.t += 2 * 60_000
    expect((await problemOf(await post(relay, LINK, {}))).code).toBe('requester-not-confirmed')
    expect(await writesOf(relay)).toBe(before + 1)
  })

  it('is not asked for when LINK_REQUIRES_REQUESTER_MATCH=false', async () => {
    const relay = actionRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    expect((await post(relay, LINK, {})).status).toBe(200)
  })

  it('forwards the Idempotency-Key (scoped, hashed), so a retried click gets the same session and counts once', async () => {
    const relay = actionRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const click = { headers: { 'idempotency-key': `retry-${crypto.randomUUID()}` } }
    const first = (await (await post(relay, LINK, {}, click)).json()) as OneTimeLinkResponse
    const again = (await (await post(relay, LINK, {}, click)).json()) as OneTimeLinkResponse
    expect(again.meta['one-time-link']).toBe(first.meta['one-time-link'])
    const sent = (await relay.upstreamCalls()).requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key'])
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(sent[1]).toBe(sent[0])
  })

  it('bounds the links per inquiry (a retried key is not another link)', async () => {
    const relay = actionRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const id = await createdInquiry(-3)
    const path = `/v1/persona/inquiries/${id}/generate-one-time-link`
    for (let i = 0; i < 5; i++) expect((await post(relay, path, {}, { headers: { 'idempotency-key': `bound-${i}` } })).status).toBe(200)
    expect((await post(relay, path, {}, { headers: { 'idempotency-key': 'bound-4' } })).status).toBe(200)
    const calls = await writesOf(relay)
    const refused = await post(relay, path, {}, { headers: { 'idempotency-key': 'bound-5' } })
    expect(refused.status).toBe(429)
    expect((await problemOf(refused)).code).toBe('rate-limited')
    expect(await writesOf(relay)).toBe(calls)
  })
})

describe("the link is the customer's key", () => {
  it("is in the action's own answer only: not in the audit, a log line, the cache or a later GET", async () => {
    const relay = actionRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    const res = await post(relay, LINK, { meta: { 'expires-in-seconds': 3600 } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const answer = (await res.json()) as OneTimeLinkResponse<{ id: string; type: string }>
    const link = answer.meta['one-time-link']
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/persona\/verify\?code=\w+$/)
    expect(answer.data).toMatchObject({ type: 'inquiry', id: INQ })
    const code = new URL(link).searchParams.get('code')!
    const sent = (await relay.upstreamCalls()).requests.find((r) => r.method === 'POST')
    expect(sent).toMatchObject({ path: `/api/v1/inquiries/${INQ}/generate-one-time-link` })

    const rows = await auditRowsOf(res)
    expect(rows).toEqual([
      expect.objectContaining({
        agent: 'act',
        route: '/v1/persona/inquiries/:id/generate-one-time-link',
        ids: JSON.stringify([INQ]),
        status: 200,
      }),
    ])
    const everything = JSON.stringify((await db.prepare('SELECT * FROM audit').all()).results)
    expect(everything).not.toContain(code)
    const audit = await relay.get(`/v1/admin/audit?id=${INQ}`, { headers: { authorization: `Bearer ${LEAD_TOKEN}` } })
    expect(await audit.text()).not.toContain(code)
    const later = [
      await relay.get(`/v1/persona/inquiries/${INQ}`),
      await relay.get(`/v1/lookup?ids=${INQ}`),
      await relay.get(`/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=${INQ}`),
    ]
    for (const read of later) expect(await read.text()).not.toContain(code)
    // Nothing the relay's cache holds names it (the reads above filled it).
    const memory = (
      cacheFor(parseConfig(relay.env as Bindings, VENDORS)).store.memory as unknown as { entries: Map<string, { body: string }> }
    ).entries
    expect(memory.size).toBeGreaterThan(0)
    for (const entry of memory.values()) expect(entry.body).not.toContain(code)
    expect(logged.join('\n')).not.toContain(code)
    expect(logged.length).toBeGreaterThan(0)
  })
})
