import { afterEach, describe, expect, it, vi } from 'vitest'
import { PERSONA_READ_HEADERS, type LookupFound, type LookupResponse, type PersonaList, type PersonaSingle } from '@idv-lens/shared/api'
import { LOOKUP_EXTRAS_PER_BATCH } from '../src/vendors/persona/lookup.ts'
import { testRelay } from './helpers.ts'

/**
 * `GET /v1/lookup` summaries' `reason` and `case`, and their types: a vendor value of the wrong type
 * makes that ID an `upstream-invalid` entry, never a cached or sent summary.
 */
type Item = { id: string; type: string; attributes: Record<string, unknown>; relationships?: Record<string, { data: unknown }> }
type Check = { name: string; status: string; reasons: string[] }

const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const INQ_A = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const INQ_B = 'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu'
const CASE = 'case_gqe7rH38FvxtzhGBQmDBsjkB'

const lookup = async (relay: ReturnType<typeof testRelay>, ids: string[]) => {
  const res = await relay.get(`/v1/lookup?ids=${ids.join(',')}`)
  expect(res.status).toBe(200)
  const text = await res.text()
  return { text, body: JSON.parse(text) as LookupResponse }
}

/** An inquiries list and an inquiry-sessions list at once: the lookup asks for both together, in either order. */
const listsOf = (inquiries: unknown[]) => ({
  data: [
    ...inquiries,
    ...inquiries.map((inq) => ({
      type: 'inquiry-session',
      id: `iqse_${(inq as Item).id.slice(4, 28)}`,
      attributes: { status: 'active', 'created-at': '2025-11-20T10:00:00.000Z', 'threat-level': 'low', 'country-code': 'DE' },
      relationships: { inquiry: { data: { type: 'inquiry', id: (inq as Item).id } } },
    })),
  ],
  links: { prev: null, next: null },
})

const inquiry = (id: string, attributes: Record<string, unknown>) => ({
  type: 'inquiry',
  id,
  attributes: { 'created-at': '2025-11-20T09:59:00.000Z', 'reference-id': 'customer-7', ...attributes },
  relationships: { verifications: { data: [] } },
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('lookup reasons (Persona)', () => {
  it("gives a failed inquiry the first failed check of its newest failing verification, and every failed check newest first, as the inquiry's verifications say", async () => {
    const relay = testRelay()
    const list = (await (
      await relay.get('/v1/persona/inquiries?filter%5Bstatus%5D=failed,declined&page%5Bsize%5D=25')
    ).json()) as PersonaList<Item>
    // The expected reason, read independently through the relay's own retrieve (checks are allowlisted).
    type Expected = {
      check: string
      reasons: string[]
      verificationId: string
      failedChecks: number
      failed: { check: string; reasons: string[] }[]
    }
    const candidates: { id: string; expected: Expected }[] = []
    for (const inq of list.data) {
      const refs = inq.relationships?.verifications?.data
      if (!Array.isArray(refs) || refs.length === 0) continue
      const single = (await (await relay.get(`/v1/persona/inquiries/${inq.id}?include=verifications`)).json()) as PersonaSingle<Item> & {
        included?: Item[]
      }
      const verifications = ((single.included ?? []) as Item[]).filter((i) => i.type.startsWith('verification/'))
      const failing = verifications
        .map((v) => ({ v, failed: ((v.attributes.checks as Check[] | undefined) ?? []).filter((c) => c.status === 'failed') }))
        .filter((x) => x.failed.length > 0)
        .sort((a, b) => Date.parse(String(b.v.attributes['created-at'])) - Date.parse(String(a.v.attributes['created-at'])))
      const newest = failing[0]
      if (!newest) continue
      const count = failing.reduce((n, x) => n + x.failed.length, 0)
      const failed = failing.flatMap((x) => x.failed.map((c) => ({ check: c.name, reasons: c.reasons })))
      candidates.push({
        id: inq.id,
        expected: {
          check: newest.failed[0]!.name,
          reasons: newest.failed[0]!.reasons,
          verificationId: newest.v.id,
          failedChecks: count,
          failed,
        },
      })
      if (candidates.length === 3) break
    }
    expect(candidates.length, 'the demo has failed inquiries with a failed check').toBeGreaterThan(0)
    const { body } = await lookup(
      relay,
      candidates.map((c) => c.id),
    )
    for (const [i, entry] of body.data.entries()) {
      expect(entry).toMatchObject({ found: true, reason: candidates[i]!.expected })
      expect((entry as LookupFound).reason?.verificationId).toMatch(/^ver_/)
    }
  })

  it('reads no verification or case for an approved inquiry', async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'invalid', body: listsOf([inquiry(INQ_A, { status: 'approved' })]), times: 2 })
    const { body } = await lookup(relay, [INQ_A])
    expect(body.data[0]).toMatchObject({ found: true, status: 'approved', reason: null, case: null })
    expect((await relay.upstreamCalls()).requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/inquiries', '/api/v1/inquiry-sessions']),
    )
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it("gives an inquiry marked for review its newest case, with the case's dashboard link, and caches the summary", async () => {
    const relay = testRelay()
    await relay.fault({
      fault: 'invalid',
      body: listsOf([inquiry(INQ_A, { status: 'approved', 'marked-for-review-at': '2025-11-20T10:05:00.000Z' })]),
      times: 2,
    })
    const cases = {
      data: [
        {
          type: 'case',
          id: CASE,
          attributes: {
            status: 'Approved',
            resolution: 'approved',
            'created-at': '2025-11-20T10:06:00.000Z',
            fields: { 'name-last': { value: 'Doe' } },
          },
        },
      ],
      links: { prev: null, next: null },
    }
    await relay.fault({ fault: 'invalid', body: cases, times: 1 })
    const { body, text } = await lookup(relay, [INQ_A])
    expect(body.data[0]).toMatchObject({
      found: true,
      reason: null,
      case: { id: CASE, status: 'Approved', resolution: 'approved', dashboardUrl: `https://app.withpersona.com/dashboard/cases/${CASE}` },
    })
    expect(text).not.toContain('Doe')
    const calls = (await relay.upstreamCalls()).requests
    // The case list as the detail asks for it (its own cache entry, shared with the detail), the newest first.
    expect(calls.find((r) => r.path === '/api/v1/cases')?.query).toEqual({ 'filter[inquiry-id]': INQ_A })
    expect(calls).toHaveLength(3)
    await lookup(relay, [INQ_A])
    expect((await relay.upstreamCalls()).persona).toBe(3)
  })

  it('makes an inquiry whose status is an object an upstream-invalid entry: never sent, never cached; the rest of the batch is answered', async () => {
    const relay = testRelay()
    const bad = inquiry(INQ_B, { status: { name: 'Jane Doe', email: 'jane.doe@example.com' } })
    const lists = listsOf([inquiry(INQ_A, { status: 'approved' }), bad])
    await relay.fault({ fault: 'invalid', body: lists, times: 4 })
    const { body, text } = await lookup(relay, [INQ_A, INQ_B])
    expect(body.data[0]).toMatchObject({ found: true, id: INQ_A, status: 'approved' })
    expect(body.data[1]).toMatchObject({ found: false, id: INQ_B, error: { code: 'upstream-invalid', status: 502 } })
    expect((body.data[1] as { error: { detail: string } }).error.detail).toMatch(/attributes\.status/)
    expect(text).not.toMatch(/Jane|jane\.doe/)
    // Asked again: the good one from the cache, the invalid one from the vendor.
    await lookup(relay, [INQ_A, INQ_B])
    const inquiryCalls = (await relay.upstreamCalls()).requests.filter((r) => r.path === '/api/v1/inquiries')
    expect(inquiryCalls.map((r) => r.query['filter[inquiry-id]'])).toEqual([`${INQ_A},${INQ_B}`, INQ_B])
  })

  it('makes a check that is no string an upstream-invalid entry', async () => {
    const relay = testRelay()
    const failed = {
      ...inquiry(INQ_A, { status: 'failed' }),
      relationships: { verifications: { data: [{ type: 'verification/selfie', id: 'ver_uHDiwtcx3htjajvEaeMjPQcE' }] } },
    }
    await relay.fault({ fault: 'invalid', body: listsOf([failed]), times: 2 })
    const single = {
      data: failed,
      included: [
        {
          type: 'verification/selfie',
          id: 'ver_uHDiwtcx3htjajvEaeMjPQcE',
          attributes: {
            status: 'failed',
            'created-at': '2025-11-20T10:00:00.000Z',
            checks: [{ name: { first: 'Jane' }, status: 'failed', reasons: [] }],
          },
        },
      ],
    }
    // The verifications' retrieve and the cases' list go together: both get a body the relay refuses.
    await relay.fault({ fault: 'invalid', body: single, times: 2 })
    const { body, text } = await lookup(relay, [INQ_A])
    expect(body.data[0]).toMatchObject({ found: false, error: { code: 'upstream-invalid' } })
    expect(text).not.toContain('Jane')
  })
})

describe('lookup reasons (deepidv)', () => {
  const session = (analysis: Record<string, unknown>, status: unknown = 'REJECTED') => ({
    session_record: { id: UUID, status, created_at: '2025-11-20T10:00:00.000Z', analysis_data: analysis },
    user: { id: 'u1', email: 'john@example.com', first_name: 'John', last_name: 'Doe' },
  })

  it('gives a rejected session its first failed analysis check and the count', async () => {
    const relay = testRelay()
    const analysis = {
      id_matches_selfie: false,
      faceliveness_score: 99.1,
      id_analysis_data: { expiry_date_pass: false, valid_state_pass: true, id_extracted_text: [{ type: 'FIRST_NAME', value: 'JOHN' }] },
      pep_sanctions_data: { peps: [{ name: 'John Doe' }], sanctions: null, both: [] },
    }
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: session(analysis), times: 1 })
    const { body, text } = await lookup(relay, [UUID])
    expect(body.data[0]).toMatchObject({
      found: true,
      reason: { check: 'id_matches_selfie', reasons: [], verificationId: null, failedChecks: 3 },
      case: null,
    })
    expect((body.data[0] as LookupFound).reason?.failed).toEqual([
      { check: 'id_matches_selfie', reasons: [] },
      { check: 'expiry_date_pass', reasons: [] },
      { check: 'pep_sanctions_data', reasons: ['peps'] },
    ])
    expect(text).not.toMatch(/John|JOHN/)
  })

  it('names the lists a screening matched, never who', async () => {
    const relay = testRelay()
    await relay.fault({
      provider: 'deepidv',
      fault: 'invalid',
      body: session({ id_matches_selfie: true, pep_sanctions_data: { peps: [], sanctions: [{ name: 'John Doe' }], both: null } }),
      times: 1,
    })
    const { body } = await lookup(relay, [UUID])
    expect(body.data[0]).toMatchObject({ found: true, reason: { check: 'pep_sanctions_data', reasons: ['sanctions'], failedChecks: 1 } })
  })

  it('makes a session whose workflow steps are not strings an upstream-invalid entry', async () => {
    const relay = testRelay()
    await relay.fault({
      provider: 'deepidv',
      fault: 'invalid',
      body: { ...session({}), session_record: { ...session({}).session_record, workflow_steps: [{ email: 'john@example.com' }] } },
      times: 1,
    })
    const { body, text } = await lookup(relay, [UUID])
    expect(body.data[0]).toMatchObject({ found: false, provider: 'deepidv', error: { code: 'upstream-invalid' } })
    expect(text).not.toContain('john@example.com')
  })
})

describe('a lookup of many failed inquiries', () => {
  it("bounds a batch's reason and case calls, keeps the summaries it deferred briefly, then reads the next ones", async () => {
    const listed = (await (
      await testRelay().get('/v1/persona/inquiries?filter%5Bstatus%5D=failed,declined,needs_review&page%5Bsize%5D=100')
    ).json()) as PersonaList<Item>
    const ids = listed.data.map((inq) => inq.id)
    expect(ids.length, 'the demo has enough failed inquiries to pass the bound').toBeGreaterThan(2 * LOOKUP_EXTRAS_PER_BATCH)
    const relay = testRelay()
    /** The inquiries whose reason or case a run of requests read (a retrieve, or a case list filtered by it). */
    const extrasRead = (requests: { path: string; query: Record<string, string> }[]) =>
      new Set(
        requests.flatMap((r) =>
          r.path.startsWith('/api/v1/inquiries/')
            ? [r.path.slice('/api/v1/inquiries/'.length)]
            : r.path === '/api/v1/cases'
              ? [r.query['filter[inquiry-id]']!]
              : [],
        ),
      )

    const first = await lookup(relay, ids)
    const afterFirst = (await relay.upstreamCalls()).requests
    const readFirst = extrasRead(afterFirst)
    console.log(`${ids.length} failed inquiries: ${afterFirst.length} Persona calls, the reason or case of ${readFirst.size} read`)
    expect(first.body.data.every((e) => e.found)).toBe(true)
    expect(readFirst.size).toBeGreaterThan(0)
    expect(readFirst.size).toBeLessThanOrEqual(LOOKUP_EXTRAS_PER_BATCH)
    expect(afterFirst.filter((r) => r.path.startsWith('/api/v1/inquiries/') || r.path === '/api/v1/cases').length).toBeLessThanOrEqual(
      2 * LOOKUP_EXTRAS_PER_BATCH,
    )

    // Asked again at once: every summary is kept, the deferred ones briefly; no call.
    const again = await lookup(relay, ids)
    expect(again.body.data.every((e) => e.found)).toBe(true)
    expect((await relay.upstreamCalls()).requests).toHaveLength(afterFirst.length)

    // Past the brief copies' hold (a minute for those in review, freshness.ts): the next batch reads the reason and case of the next inquiries.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000)
    await lookup(relay, ids)
    // Those read first are a minute old too: the ones in review among them revalidate, in a batch of their own.
    const readNext = extrasRead((await relay.upstreamCalls()).requests.slice(afterFirst.length))
    const next = [...readNext].filter((id) => !readFirst.has(id))
    console.log(`a minute later: the reason or case of ${next.length} more read, and of ${readNext.size - next.length} read before`)
    expect(next.length).toBeGreaterThan(0)
    expect(next.length).toBeLessThanOrEqual(LOOKUP_EXTRAS_PER_BATCH)
    expect(readNext.size - next.length).toBeLessThanOrEqual(LOOKUP_EXTRAS_PER_BATCH)
  })

  it("reads a failed inquiry's reason and case through the detail's cache entries: the detail opened next costs no call", async () => {
    // The demo's story: a failed inquiry with verifications and a case.
    const STORY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
    const relay = testRelay()
    const { body } = await lookup(relay, [STORY])
    expect(body.data[0]).toMatchObject({ found: true, reason: { check: expect.any(String) }, case: { status: expect.any(String) } })
    const calls = (await relay.upstreamCalls()).total
    const headers = { ...PERSONA_READ_HEADERS }
    for (const read of [`/v1/persona/inquiries/${STORY}?include=verifications`, `/v1/persona/cases?filter%5Binquiry-id%5D=${STORY}`]) {
      const res = await relay.get(read, { headers })
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-status')).toMatch(/^idv-lens; hit/)
    }
    expect((await relay.upstreamCalls()).total).toBe(calls)
  })
})
