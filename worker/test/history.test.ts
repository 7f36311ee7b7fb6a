import { afterEach, describe, expect, it, vi } from 'vitest'
import { PERSONA_READ_HEADERS, VENDOR_NAMES, type AuditPage, type HistoryResponse, type PersonaList } from '@idv-lens/shared/api'
import { ONFIDO_STORY } from '../demo-upstream/onfido-seed.ts'
import { ADMIN_TOKEN, OTHER_TOKEN, problemOf, testRelay } from './helpers.ts'

const INQ_A = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const INQ_B = 'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu'
const UUID = 'e7b8d4d3-18bc-4142-99e9-31e3eaecc18c'
const REF = 'customer-7'
const path = (ref: string) => `/v1/history?reference-id=${encodeURIComponent(ref)}`

type Item = { id: string; attributes: Record<string, unknown> }

const inquiry = (id: string, createdAt: string, status = 'approved') => ({
  type: 'inquiry',
  id,
  attributes: { status, 'created-at': createdAt, 'reference-id': REF },
  relationships: { verifications: { data: [] } },
})

/** The inquiries list and its sessions' list (the history asks for the second once it has the first). */
const personaList = (inquiries: unknown[], next: string | null = null) => ({ data: inquiries, links: { prev: null, next } })

const deepidvList = (records: unknown[], next: string | null = null) => ({ sessions: records, next_token: next })

const record = (id: string, createdAt: string, status = 'REJECTED') => ({
  id,
  status,
  created_at: createdAt,
  external_id: REF,
  analysis_data: { id_matches_selfie: false },
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('GET /v1/history', () => {
  it("lists every vendor's attempts for a reference ID newest first, as lookup summaries, and caches the answer", async () => {
    const relay = testRelay()
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      body: personaList([inquiry(INQ_B, '2025-11-20T12:00:00.000Z'), inquiry(INQ_A, '2025-11-18T12:00:00.000Z')]),
      times: 2,
    })
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: deepidvList([record(UUID, '2025-11-19T12:00:00.000Z')]), times: 1 })
    await relay.fault({ provider: 'onfido', fault: 'invalid', body: [], times: 1 })
    const res = await relay.get(path(REF))
    expect(res.status).toBe(200)
    const body = (await res.json()) as HistoryResponse
    expect(body.referenceId).toBe(REF)
    expect(body.complete).toBe(true)
    expect(body.data.map((e) => e.id)).toEqual([INQ_B, UUID, INQ_A])
    expect(body.data[1]).toMatchObject({ found: true, provider: 'deepidv', status: 'REJECTED', reason: { check: 'id_matches_selfie' } })
    const calls = (await relay.upstreamCalls()).requests
    expect(calls.find((r) => r.path === '/api/v1/inquiries')?.query).toEqual({ 'filter[reference-id]': REF, 'page[size]': '25' })
    expect(calls.find((r) => r.path === '/v1/sessions')?.query).toEqual({ external_id: REF, limit: '25' })
    expect(calls.find((r) => r.path === '/v1/identity/verification_sessions')?.query).toEqual({ client_reference_id: REF, limit: '25' })
    // Onfido lists runs by applicant only: its newest runs' page, matched here, says there are no more.
    expect(calls.find((r) => r.path === '/v3.6/workflow_runs')?.query).toEqual({})
    // Sumsub reads the applicant by external user ID: one applicant, no list.
    expect(calls.find((r) => r.provider === 'sumsub')?.path).toBe(`/resources/applicants/-;externalUserId=${REF}/one`)
    expect(calls).toHaveLength(6)
    expect(body.vendors).toEqual([
      { provider: 'persona', outcome: 'searched', found: 2, complete: true, why: null },
      { provider: 'deepidv', outcome: 'searched', found: 1, complete: true, why: null },
      { provider: 'stripe', outcome: 'searched', found: 0, complete: true, why: null },
      { provider: 'onfido', outcome: 'searched', found: 0, complete: true, why: null },
      { provider: 'sumsub', outcome: 'searched', found: 0, complete: true, why: null },
    ])
    const again = await relay.get(path(REF))
    expect(again.headers.get('cache-status')).toMatch(/^idv-lens; hit/)
    expect((await relay.upstreamCalls()).total).toBe(6)
  })

  it('says it is incomplete when a vendor has another page', async () => {
    const relay = testRelay()
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      body: personaList([inquiry(INQ_A, '2025-11-18T12:00:00.000Z')], `/api/v1/inquiries?page%5Bafter%5D=${INQ_A}`),
      times: 2,
    })
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: deepidvList([]), times: 1 })
    const body = (await (await relay.get(path(REF))).json()) as HistoryResponse
    expect(body).toMatchObject({ complete: false, data: [{ id: INQ_A }] })
  })

  it('answers with what one vendor has while the other fails, as incomplete', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'persona', fault: '503' })
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: deepidvList([record(UUID, '2025-11-19T12:00:00.000Z')]), times: 1 })
    const body = (await (await relay.get(path(REF))).json()) as HistoryResponse
    expect(body).toMatchObject({ complete: false, data: [{ id: UUID }] })
  })

  it("never serves one agent's refused history to another: Bob, with budget left, gets Persona's inquiries", async () => {
    // Three Persona calls a minute per agent, lent while nobody else asks: Alice borrows all but the
    // share kept free for whoever comes next (7 of 10), then asks for a history.
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '10', AGENT_SHARE: '0.3' })
    for (const size of [1, 2, 3, 4, 5, 6, 7]) expect((await relay.get(`/v1/persona/events?page%5Bsize%5D=${size}`)).status).toBe(200)
    await relay.fault({ provider: 'persona', fault: 'invalid', body: personaList([inquiry(INQ_B, '2025-11-20T12:00:00.000Z')]), times: 2 })
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: deepidvList([record(UUID, '2025-11-19T12:00:00.000Z')]) })
    await relay.fault({ provider: 'onfido', fault: 'invalid', body: [] })
    const alice = await relay.get(path(REF))
    expect(alice.status).toBe(200)
    expect((await alice.json()) as HistoryResponse).toMatchObject({ complete: false, data: [{ id: UUID }] })
    const bob = await relay.get(path(REF), { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })
    expect(bob.status).toBe(200)
    const body = (await bob.json()) as HistoryResponse
    expect(body.data.map((e) => e.id)).toEqual([INQ_B, UUID])
    expect(body.complete).toBe(true)
    expect(alice.headers.get('cache-status')).not.toMatch(/stored/)
    // Bob's whole answer is the one kept.
    expect((await relay.get(path(REF))).headers.get('cache-status')).toMatch(/^idv-lens; hit/)
  })

  it('keeps no history that a failing vendor cut short, and serves the whole one again once it answers', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'persona', fault: '503', times: 1 })
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: deepidvList([record(UUID, '2025-11-19T12:00:00.000Z')]) })
    expect(((await (await relay.get(path(REF))).json()) as HistoryResponse).complete).toBe(false)
    await relay.fault({ provider: 'persona', fault: 'invalid', body: personaList([inquiry(INQ_A, '2025-11-18T12:00:00.000Z')]), times: 2 })
    const again = await relay.get(path(REF))
    expect(again.headers.get('cache-status')).toMatch(/fwd=uri-miss/)
    expect(((await again.json()) as HistoryResponse).data.map((e) => e.id)).toEqual([UUID, INQ_A])
  })

  it("says how old the vendor's answer is when a refresh within the gate's floor gets its kept copy, and keeps it as that old", async () => {
    const relay = testRelay()
    const statusOf = async (res: Response) => ((await res.json()) as HistoryResponse).data.find((e) => e.id === INQ_A)?.status
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      body: personaList([inquiry(INQ_A, '2025-11-18T12:00:00.000Z', 'failed')]),
      times: 2,
    })
    expect(await statusOf(await relay.get(path(REF)))).toBe('failed')
    await relay.fault({ provider: 'persona', fault: 'invalid', body: personaList([inquiry(INQ_A, '2025-11-18T12:00:00.000Z')]), times: 2 })
    const asked = Date.now()
    const refresh = { headers: { 'cache-control': 'no-cache' } }
    // 3 s later, within the 5 s floor: Persona's answer from then, and the relay says it is 3 s old.
    vi.spyOn(Date, 'now').mockReturnValue(asked + 3000)
    const floored = await relay.get(path(REF), refresh)
    expect(floored.headers.get('cache-status')).toMatch(/^idv-lens; fwd=request; fwd-status=200/)
    expect(Number(floored.headers.get('age'))).toBeGreaterThanOrEqual(3)
    expect(await statusOf(floored)).toBe('failed')
    // Kept as made 3 s before the refresh: 18 s later it is past the 20 s a history stays fresh.
    vi.spyOn(Date, 'now').mockReturnValue(asked + 21_000)
    const later = await relay.get(path(REF))
    expect(later.headers.get('cache-status')).toMatch(/detail=stale-while-revalidate/)
    // Past the floor, the refresh reaches Persona: what it says now, made now.
    const fresh = await relay.get(path(REF), refresh)
    expect(await statusOf(fresh)).toBe('approved')
    expect(fresh.headers.get('age')).toBe('0')
  })

  it('fails as the vendors do when none answers, and caches nothing', async () => {
    // The demo's Sumsub takes no injected faults: this relay has no Sumsub token.
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '1', AGENT_SHARE: '1', SUMSUB_API_TOKEN: undefined })
    await relay.fault({ provider: 'persona', fault: '503' })
    await relay.fault({ provider: 'deepidv', fault: '503' })
    await relay.fault({ provider: 'stripe', fault: '503' })
    await relay.fault({ provider: 'onfido', fault: '503' })
    const res = await relay.get(path(REF))
    expect(res.status).toBe(502)
    await problemOf(res)
    await relay.clearFaults()
    // Past the gate's few seconds of sharing a call's answer: Persona's one call a minute is spent,
    // deepidv answers now, and nothing of the failure was kept.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    expect((await relay.get(path(REF))).status).toBe(200)
  })

  it('finds the demo fixture inquiry among the attempts of its own reference ID', async () => {
    const relay = testRelay()
    const list = (await (
      await relay.get('/v1/persona/inquiries?filter%5Binquiry-id%5D=inq_zEx4jL84ShbUyuwX6AzPSqt6')
    ).json()) as PersonaList<Item>
    const ref = list.data[0]?.attributes['reference-id'] as string
    expect(ref).toBeTruthy()
    const expected = (await (
      await relay.get(`/v1/persona/inquiries?filter%5Breference-id%5D=${encodeURIComponent(ref)}&page%5Bsize%5D=25`)
    ).json()) as PersonaList<Item>
    const body = (await (await relay.get(path(ref))).json()) as HistoryResponse
    expect(
      body.data
        .filter((e) => e.provider === 'persona')
        .map((e) => e.id)
        .sort(),
    ).toEqual(expected.data.map((i) => i.id).sort())
    const times = body.data.map((e) => Date.parse(e.createdAt ?? ''))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(body.data.every((e) => (e.found && e.details.kind === 'persona-inquiry' ? e.details.referenceId === ref : true))).toBe(true)
  })

  it.each([
    ['/v1/history', 'reference-id'],
    ['/v1/history?reference-id=', 'reference-id'],
    ['/v1/history?reference-id=a%0Ab', 'reference-id'],
    [`/v1/history?reference-id=${'x'.repeat(256)}`, 'reference-id'],
    ['/v1/history?reference-id=a&ids=b', 'ids'],
  ])('refuses %s with a 400 naming %s, before any upstream call', async (url, parameter) => {
    const relay = testRelay()
    const res = await relay.get(url)
    expect(res.status).toBe(400)
    expect((await problemOf(res)).parameter).toBe(parameter)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('audits the request without its reference ID', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'persona', fault: 'invalid', body: personaList([]), times: 1 })
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: deepidvList([]), times: 1 })
    expect((await relay.get(path('secret-reference-42'))).status).toBe(200)
    const page = await (
      await relay.get('/v1/admin/audit?agent=tester&limit=5', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).text()
    expect((JSON.parse(page) as AuditPage).data.some((row) => row.route === '/v1/history')).toBe(true)
    expect(page).not.toContain('secret-reference-42')
  })

  it('reads the records a detail reads through the same cache entries: each one upstream call, whichever asks first', async () => {
    // The demo's story: Dana's failed inquiry (verifications, a case) and her earlier attempt, both under one reference ID.
    const STORY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
    const EARLIER = 'inq_Rw7TmQ2hYxVb9NcKdE3sLpZa4GfJ'
    const relay = testRelay()
    const headers = { ...PERSONA_READ_HEADERS }
    const detailReads = (id: string) => [
      `/v1/persona/inquiries/${id}?include=verifications`,
      `/v1/persona/cases?filter%5Binquiry-id%5D=${id}`,
    ]
    // The detail first (as the side panel opens it), then its history section.
    for (const read of detailReads(STORY)) expect((await relay.get(read, { headers })).status).toBe(200)
    const res = await relay.get(path('user-7431'))
    expect(res.status).toBe(200)
    const body = (await res.json()) as HistoryResponse
    expect(body.complete).toBe(true)
    expect(body.data.find((e) => e.id === STORY)).toMatchObject({
      found: true,
      reason: { check: expect.any(String) },
      case: { status: expect.any(String) },
    })
    const { requests } = await relay.upstreamCalls()
    const of = (id: string) =>
      requests.filter((r) => r.path === `/api/v1/inquiries/${id}` || (r.path === '/api/v1/cases' && r.query['filter[inquiry-id]'] === id))
    expect(of(STORY).map((r) => r.path)).toEqual(['/api/v1/inquiries/' + STORY, '/api/v1/cases'])
    // The earlier attempt the other way round: the history read it, so the detail opened next is the cache's answer.
    for (const read of detailReads(EARLIER))
      expect((await relay.get(read, { headers })).headers.get('cache-status')).toMatch(/^idv-lens; hit/)
    expect(of(EARLIER)).toHaveLength(2)
  })

  it("finds Dana's Onfido runs by her customer reference: the newest runs matched, then her applicant's runs", async () => {
    const relay = testRelay()
    const body = (await (await relay.get(path('user-7431'))).json()) as HistoryResponse
    const onfido = body.data.filter((e) => e.provider === 'onfido')
    // The waiting run is among the newest; the declined one, three weeks old, comes from her applicant's list.
    expect(onfido.map((e) => [e.id, e.status])).toEqual([
      [ONFIDO_STORY.waitingRunId, 'awaiting_input'],
      [ONFIDO_STORY.declinedRunId, 'declined'],
    ])
    expect(onfido[1]).toMatchObject({
      details: { applicantId: ONFIDO_STORY.applicantId, referenceId: 'user-7431' },
      reason: { reasons: ['document_image_quality'] },
    })
    const times = body.data.map((e) => Date.parse(e.createdAt ?? ''))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(body.vendors.find((v) => v.provider === 'onfido')).toEqual({
      provider: 'onfido',
      outcome: 'searched',
      found: 2,
      complete: true,
      why: null,
    })
    const runLists = (await relay.upstreamCalls()).requests.filter((r) => r.path === '/v3.6/workflow_runs').map((r) => r.query)
    expect(runLists).toEqual(expect.arrayContaining([{}, { page: '2' }, { applicant_id: ONFIDO_STORY.applicantId }]))
    expect(runLists.every((q) => !Object.values(q).includes('user-7431'))).toBe(true)
  })

  it("reads Onfido's runs page by page only until its Link names no next page", async () => {
    const relay = testRelay()
    const body = (await (await relay.get(path('nobody-at-onfido'))).json()) as HistoryResponse
    expect(body.vendors.find((v) => v.provider === 'onfido')).toEqual({
      provider: 'onfido',
      outcome: 'searched',
      found: 0,
      complete: true,
      why: null,
    })
    // The demo holds 62 runs, 20 a page: four pages, no applicant to follow.
    const runLists = (await relay.upstreamCalls()).requests.filter((r) => r.path === '/v3.6/workflow_runs').map((r) => r.query)
    expect(runLists).toEqual([{}, { page: '2' }, { page: '3' }, { page: '4' }])
  })

  it('says which vendors were not searched by email and why, asks none, keeps nothing and audits no email', async () => {
    const relay = testRelay()
    const email = 'dana.customer@example.com'
    const res = await relay.get(`/v1/history?email=${encodeURIComponent(email)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-status')).toBeNull()
    const body = (await res.json()) as HistoryResponse
    expect(body).toMatchObject({ referenceId: '', data: [], complete: false })
    expect(body.vendors.map((v) => [v.provider, v.outcome, v.why])).toEqual(
      VENDOR_NAMES.map((provider) => [provider, 'not-searched', 'no-email-filter']),
    )
    expect((await relay.upstreamCalls()).total).toBe(0)
    const page = await (
      await relay.get('/v1/admin/audit?agent=tester&limit=5', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).text()
    expect((JSON.parse(page) as AuditPage).data.some((row) => row.route === '/v1/history')).toBe(true)
    expect(page).not.toContain('dana.customer')
  })

  it.each(['reference-id=a&email=a%40b.example', 'email=not-an-email'])(
    'refuses /v1/history?%s with a 400, before any upstream call',
    async (query) => {
      const relay = testRelay()
      const res = await relay.get(`/v1/history?${query}`)
      expect(res.status).toBe(400)
      expect(await res.text()).not.toContain('a@b.example')
      expect((await relay.upstreamCalls()).total).toBe(0)
    },
  )
})
