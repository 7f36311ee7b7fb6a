import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuditPage, PersonaList, PersonaSingle } from '@idv-lens/shared/api'
import { ADMIN_TOKEN, problemOf, testRelay } from '../../../test/helpers.ts'

/**
 * Persona's verifications and cases through the relay (`GET /v1/persona/verifications/{id}`,
 * `/cases`, `/cases/{id}`). The demo upstream answers these bodies through its `invalid` fault (a 200
 * with the JSON given), so each test says exactly what the vendor sent.
 */
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const VER = 'ver_uHDiwtcx3htjajvEaeMjPQcE'
const CASE = 'case_gqe7rH38FvxtzhGBQmDBsjkB'
const PERSON = ['Jane', 'Marie', 'Doe', '1990-04-01', 'jane.doe@example.com', 'D1234567', 'access_token=']

type Item = { id: string; type: string; attributes: Record<string, unknown> }

const selfie = {
  data: {
    type: 'verification/selfie',
    id: VER,
    attributes: {
      status: 'failed',
      'created-at': '2025-11-20T10:00:00.000Z',
      'completed-at': '2025-11-20T10:00:12.000Z',
      'country-code': 'DE',
      'center-photo-url': 'https://files.withpersona.com/selfie.jpg?access_token=abc',
      'name-first': 'Jane',
      checks: [
        {
          name: 'selfie_id_comparison',
          status: 'failed',
          reasons: ['no_face_match'],
          requirement: 'required',
          metadata: { 'name-first': 'Jane' },
        },
        { name: 'selfie_liveness_detection', status: 'passed', reasons: [], requirement: 'required', metadata: {} },
      ],
    },
    relationships: { inquiry: { data: { type: 'inquiry', id: INQ } } },
  },
}

const caseOf = (id: string, status: string) => ({
  type: 'case',
  id,
  attributes: {
    status,
    name: 'MRR-3',
    resolution: null,
    'created-at': '2025-11-20T11:00:00.000Z',
    'assignee-id': 'reviewer@customer.example',
    fields: { 'name-last': { type: 'string', value: 'Doe' }, birthdate: { type: 'date', value: '1990-04-01' } },
    attachments: [{ filename: 'id.png', url: 'https://files.withpersona.com/id.png?access_token=abc', 'byte-size': 10 }],
  },
  relationships: { inquiries: { data: [{ type: 'inquiry', id: INQ }] } },
})

const noPersonalValue = (text: string) => {
  for (const value of PERSON) expect(text).not.toContain(value)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('GET /v1/persona/verifications/{id}', () => {
  it("relays a verification with its checks and reasons, Persona's headers forwarded, nothing personal", async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'invalid', body: selfie, times: 1 })
    const res = await relay.get(`/v1/persona/verifications/${VER}`, {
      headers: { 'key-inflection': 'kebab', 'persona-version': '2025-12-08' },
    })
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text) as PersonaSingle<Item>
    expect(body.data).toMatchObject({ type: 'verification/selfie', id: VER, attributes: { status: 'failed' } })
    expect(body.data.attributes.checks).toEqual([
      { name: 'selfie_id_comparison', status: 'failed', reasons: ['no_face_match'], requirement: 'required' },
      { name: 'selfie_liveness_detection', status: 'passed', reasons: [], requirement: 'required' },
    ])
    noPersonalValue(text)
    const [call] = (await relay.upstreamCalls()).requests
    expect(call).toMatchObject({
      path: `/api/v1/verifications/${VER}`,
      headers: { 'key-inflection': 'kebab', 'persona-version': '2025-12-08' },
    })
  })

  it('answers a second read from the cache: one upstream call', async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'invalid', body: selfie, times: 1 })
    const first = await relay.get(`/v1/persona/verifications/${VER}`)
    expect(first.headers.get('cache-status')).toMatch(/fwd=uri-miss; fwd-status=200; stored/)
    const second = await relay.get(`/v1/persona/verifications/${VER}`)
    expect(second.headers.get('cache-status')).toMatch(/^idv-lens; hit/)
    expect(await second.text()).toBe(await first.text())
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it.each([
    [`/v1/persona/verifications/${INQ}`, 'id'],
    ['/v1/persona/verifications/ver_', 'id'],
    ['/v1/persona/verifications/ver_abc%2F..%2Fx', 'id'],
    [`/v1/persona/verifications/${VER}?include=documents`, 'include'],
    [`/v1/persona/verifications/${VER}?filter%5Bstatus%5D=failed`, 'filter[status]'],
    [`/v1/persona/cases/${VER}`, 'id'],
    [`/v1/persona/cases?filter%5Binquiry-id%5D=${INQ},${INQ}`, 'filter[inquiry-id]'],
    ['/v1/persona/cases?filter%5Binquiry-id%5D=iqse_T8PrqpoEhwhUV1wHReuU9ofs', 'filter[inquiry-id]'],
    ['/v1/persona/cases?filter%5Bname%5D=x', 'filter[name]'],
    ['/v1/persona/cases?page%5Bsize%5D=0', 'page[size]'],
    [`/v1/persona/cases?page%5Bafter%5D=${INQ}`, 'page[after]'],
    [`/v1/persona/cases/${CASE}?include=fields`, 'include'],
  ])('refuses %s with a 400 naming %s, before any upstream call', async (path, parameter) => {
    const relay = testRelay()
    const res = await relay.get(path)
    expect(res.status).toBe(400)
    expect((await problemOf(res)).parameter).toBe(parameter)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it("is refused by the vendor gate once the team's budget is spent, with no upstream call", async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '1', AGENT_SHARE: '1' })
    await relay.fault({ fault: 'invalid', body: selfie, times: 1 })
    expect((await relay.get(`/v1/persona/verifications/${VER}`)).status).toBe(200)
    const refused = await relay.get(`/v1/persona/cases/${CASE}`)
    expect(refused.status).toBe(429)
    expect((await problemOf(refused)).code).toBe('budget-exhausted')
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })
})

describe('GET /v1/persona/cases and /cases/{id}', () => {
  it("lists an inquiry's cases without fields, attachments or the person, links rewritten to the relay", async () => {
    const relay = testRelay()
    const page = { data: [caseOf(CASE, 'Open')], links: { prev: null, next: `/api/v1/cases?page%5Bafter%5D=${CASE}` } }
    await relay.fault({ fault: 'invalid', body: page, times: 1 })
    const res = await relay.get(`/v1/persona/cases?filter%5Binquiry-id%5D=${INQ}&page%5Bsize%5D=5`)
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text) as PersonaList<Item>
    expect(body.data[0]).toMatchObject({
      type: 'case',
      id: CASE,
      attributes: { status: 'Open', resolution: null, 'assignee-id': 'reviewer@customer.example' },
    })
    expect(body.data[0]?.attributes).not.toHaveProperty('fields')
    expect(body.data[0]?.attributes).not.toHaveProperty('attachments')
    noPersonalValue(text)
    expect(body.links.next).toBe(`/v1/persona/cases?filter%5Binquiry-id%5D=${INQ}&page%5Bafter%5D=${CASE}&page%5Bsize%5D=5`)
    const [call] = (await relay.upstreamCalls()).requests
    expect(call).toMatchObject({ path: '/api/v1/cases', query: { 'filter[inquiry-id]': INQ, 'page[size]': '5' } })
  })

  it('retrieves one case, and answers the next read from the cache', async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'invalid', body: { data: caseOf(CASE, 'Declined') }, times: 1 })
    const first = await relay.get(`/v1/persona/cases/${CASE}?include=case-comments`)
    expect(first.status).toBe(200)
    expect(((await first.json()) as PersonaSingle<Item>).data.attributes.status).toBe('Declined')
    expect((await relay.get(`/v1/persona/cases/${CASE}?include=case-comments`)).headers.get('cache-status')).toMatch(/; hit/)
    expect((await relay.upstreamCalls()).requests.map((r) => `${r.path}?include=${r.query.include}`)).toEqual([
      `/api/v1/cases/${CASE}?include=case-comments`,
    ])
  })

  it('audits each read under its route, with the inquiry ID a case list names', async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'invalid', body: { data: [caseOf(CASE, 'Open')], links: { prev: null, next: null } }, times: 1 })
    await relay.fault({ fault: 'invalid', body: selfie, times: 1 })
    await relay.get(`/v1/persona/cases?filter%5Binquiry-id%5D=${INQ}`)
    await relay.get(`/v1/persona/verifications/${VER}`)
    const audit = (await (
      await relay.get('/v1/admin/audit?agent=tester&limit=10', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as AuditPage
    const rows = audit.data.filter((row) => row.route.startsWith('/v1/persona/'))
    expect(rows.map((row) => [row.route, row.ids, row.outcome])).toEqual(
      expect.arrayContaining([
        ['/v1/persona/cases', [INQ], 'miss'],
        ['/v1/persona/verifications/:id', [], 'miss'],
      ]),
    )
  })
})

describe('a detail opened twice within the cache window', () => {
  // The side panel's inquiry detail: the inquiry, its sessions, its events and its cases. The lists
  // narrowed to the inquiry are kept as long as the inquiry itself (OBJECT_TTL_SECONDS), so a second
  // opening 30 s later (past the 20 s list freshness) costs no upstream call at all.
  const detail = [
    `/v1/persona/inquiries/${INQ}`,
    `/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=${INQ}&page%5Bsize%5D=100`,
    `/v1/persona/events?filter%5Bobject-id%5D=${INQ}&page%5Bsize%5D=100`,
  ]

  it('costs one upstream call per object', async () => {
    const relay = testRelay({ LIST_TTL_SECONDS: '20', OBJECT_TTL_SECONDS: '60' })
    for (const path of detail) expect((await relay.get(path)).status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(3)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 30_000)
    for (const path of detail) expect((await relay.get(path)).headers.get('cache-status'), path).toMatch(/^idv-lens; hit/)
    expect((await relay.upstreamCalls()).persona).toBe(3)
  })

  it('costs one upstream call per verification and case of a failed inquiry', async () => {
    // The demo story's failed inquiry: its detail also reads each verification and the inquiry's cases.
    const failed = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
    const reads = [
      `/v1/persona/inquiries/${failed}`,
      `/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=${failed}&page%5Bsize%5D=100`,
      `/v1/persona/events?filter%5Bobject-id%5D=${failed}&page%5Bsize%5D=100`,
      `/v1/persona/cases?filter%5Binquiry-id%5D=${failed}`,
      ...['ver_Ea5Qw9Nx3Lc7Tv2Hd6Km8RsB', 'ver_Gv2Kx7Nq4Wd9Lc3Tb6Hm8RsP', 'ver_Sf8Wq3Nx6Lc2Tv9Hd4Km7RbZ'].map(
        (id) => `/v1/persona/verifications/${id}`,
      ),
    ]
    const relay = testRelay({ LIST_TTL_SECONDS: '20', OBJECT_TTL_SECONDS: '60' })
    for (const path of reads) expect((await relay.get(path)).status, path).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(reads.length)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 30_000)
    for (const path of reads) expect((await relay.get(path)).headers.get('cache-status'), path).toMatch(/^idv-lens; hit/)
    expect((await relay.upstreamCalls()).persona).toBe(reads.length)
  })

  it('keeps an unnarrowed list to the list freshness', async () => {
    const relay = testRelay({ LIST_TTL_SECONDS: '20', OBJECT_TTL_SECONDS: '60' })
    const list = `/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=${INQ},inq_ByBdXDqUrguLAHjGZMuDZLCx&page%5Bsize%5D=100`
    await relay.get(list)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 30_000)
    expect((await relay.get(list)).headers.get('cache-status')).toMatch(/stale-while-revalidate/)
  })
})
