import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LookupResponse, PersonaInquirySession, PersonaList } from '@idv-lens/shared/api'
import { LOOKUP_EXTRAS_PER_BATCH } from '../src/vendors/persona/lookup.ts'
import { IN_FLIGHT_MS, testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const MISSING_INQ = 'inq_AAAAAAAAAAAAAAAAAAAAAAAA'

type Item = { id: string; attributes: Record<string, unknown> }

const lookup = async (relay: ReturnType<typeof testRelay>, ids: string[], headers?: Record<string, string>) => {
  const res = await relay.get(`/v1/lookup?ids=${ids.join(',')}`, { headers })
  expect(res.status).toBe(200)
  return { res, body: (await res.json()) as LookupResponse }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('GET /v1/lookup', () => {
  it('summarizes a mix of Persona and deepidv IDs, in request order', async () => {
    const relay = testRelay()
    const { body } = await lookup(relay, [INQ, IQSE, EVT, UUID, MISSING_INQ])
    expect(body.data.map((e) => e.id)).toEqual([INQ, IQSE, EVT, UUID, MISSING_INQ])
    const [inq, iqse, evt, deep, missing] = body.data
    expect(inq).toMatchObject({
      found: true,
      kind: 'persona-inquiry',
      provider: 'persona',
      status: 'approved',
      dashboardUrl: `https://app.withpersona.com/dashboard/inquiries/${INQ}`,
      details: { kind: 'persona-inquiry', latestSessionId: expect.stringMatching(/^iqse_/), threatLevel: expect.any(String) },
    })
    expect(inq?.found && inq.createdAt).toMatch(/^\d{4}-/)
    expect(iqse).toMatchObject({ found: true, kind: 'persona-inquiry-session', details: { inquiryId: INQ } })
    expect(evt).toMatchObject({ found: true, kind: 'persona-event', details: { objectId: INQ } })
    expect(deep).toMatchObject({ found: true, kind: 'deepidv-session', provider: 'deepidv', status: 'VERIFIED' })
    expect(missing).toMatchObject({ found: false, error: { code: 'not-found', status: 404 } })
  })

  it('resolves up to 100 inquiries with ONE inquiries list call', { timeout: 30_000 }, async () => {
    const relay = testRelay()
    const list = (await (await relay.get('/v1/persona/inquiries?page%5Bsize%5D=100')).json()) as PersonaList<{ id: string }>
    const ids = list.data.map((i) => i.id)
    expect(ids).toHaveLength(100)
    const before = (await relay.upstreamCalls()).requests.length
    const { body } = await lookup(relay, ids)
    expect(body.data.every((e) => e.found)).toBe(true)
    const calls = (await relay.upstreamCalls()).requests.slice(before)
    const inquiryCalls = calls.filter((c) => c.path.endsWith('/inquiries'))
    expect(inquiryCalls).toHaveLength(1)
    expect(inquiryCalls[0]!.query['filter[inquiry-id]']).toBe(ids.join(','))
    // Plus the inquiries' sessions, one list call per page (the demo's 100 inquiries fill two); nothing per ID.
    const sessionCalls = calls.filter((c) => c.path.endsWith('/inquiry-sessions'))
    expect(sessionCalls).toHaveLength(2)
    expect(sessionCalls.every((c) => c.query['filter[inquiry-id]'] === ids.join(','))).toBe(true)
    // Per ID only where an agent asks why: a failed, declined or needs-review inquiry's verifications
    // (one retrieve with include=verifications) and its case (or a reviewed one's), for the first
    // LOOKUP_EXTRAS_PER_BATCH of them in the batch's order; none for the rest.
    const why = new Set(
      list.data
        .filter((i) => ['failed', 'declined', 'needs_review'].includes(String((i as unknown as Item).attributes.status)))
        .map((i) => i.id),
    )
    const reviewed = new Set(
      list.data.filter((i) => typeof (i as unknown as Item).attributes['marked-for-review-at'] === 'string').map((i) => i.id),
    )
    const reasonCalls = calls.filter((c) => /\/inquiries\/inq_/.test(c.path))
    expect(reasonCalls.every((c) => c.query.include === 'verifications' && why.has(c.path.split('/').pop() as string))).toBe(true)
    const caseCalls = calls.filter((c) => c.path.endsWith('/cases'))
    const firstNeeding = ids.filter((id) => why.has(id) || reviewed.has(id)).slice(0, LOOKUP_EXTRAS_PER_BATCH)
    expect(caseCalls.map((c) => c.query['filter[inquiry-id]']).sort()).toEqual(firstNeeding.sort())
    expect(calls).toHaveLength(3 + reasonCalls.length + caseCalls.length)
  })

  it('answers repeated IDs from its per-ID cache', async () => {
    const relay = testRelay()
    await lookup(relay, [INQ, EVT])
    const calls = (await relay.upstreamCalls()).total
    const { res, body } = await lookup(relay, [EVT, INQ])
    expect(res.headers.get('cache-status')).toBe('idv-lens; hit')
    expect(body.data.map((e) => e.id)).toEqual([EVT, INQ])
    expect((await relay.upstreamCalls()).total).toBe(calls)
    // no-cache forces a refetch (once the gate's copy is older than its 5 s refresh floor)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    await lookup(relay, [INQ], { 'cache-control': 'no-cache' })
    expect((await relay.upstreamCalls()).total).toBeGreaterThan(calls)
  })

  it('deduplicates IDs and accepts uppercase UUIDs', async () => {
    const relay = testRelay()
    const { body } = await lookup(relay, [INQ, INQ, UUID.toUpperCase()])
    expect(body.data.map((e) => e.id)).toEqual([INQ, UUID])
  })

  it('reports per ID when a provider is not configured or failing', async () => {
    // A UUID may be any UUID vendor's: not configured only when none of them is.
    const relay = testRelay({ DEEPIDV_API_KEY: undefined, ONFIDO_API_TOKEN: undefined })
    await relay.fault({ fault: '500' })
    const { body } = await lookup(relay, [INQ, UUID])
    expect(body.data[0]).toMatchObject({ found: false, error: { code: 'upstream-unavailable', status: 502 } })
    expect(body.data[1]).toMatchObject({ found: false, error: { code: 'provider-not-configured', status: 503 } })
  })

  it('coalesces identical concurrent lookups', async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'latency', latencyMs: IN_FLIGHT_MS })
    await Promise.all(Array.from({ length: 10 }, () => lookup(relay, [EVT])))
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('does not cache a summary built without its sessions call as complete', async () => {
    const relay = testRelay()
    const summary = { 'key-inflection': 'kebab', 'persona-version': '2025-12-08' }
    // The lookup's inquiries call, made just before through the list route: the gate answers the
    // lookup's identical call from its 5 s copy, so the one call that reaches the vendor (and fails) is
    // the sessions call.
    expect((await relay.get(`/v1/persona/inquiries?filter%5Binquiry-id%5D=${INQ}&page%5Bsize%5D=100`, { headers: summary })).status).toBe(
      200,
    )
    await relay.fault({ fault: '500', times: 1 })
    const partial = await lookup(relay, [INQ])
    expect((await relay.upstreamCalls()).requests.map((r) => r.path.split('/').pop())).toEqual(['inquiries', 'inquiry-sessions'])
    expect(partial.body.data[0]).toMatchObject({ found: true, details: { latestSessionId: null, threatLevel: null } })
    // Asked again: not a hit on the partial copy, but a complete summary.
    const again = await lookup(relay, [INQ])
    expect(again.res.headers.get('cache-status')).toMatch(/fwd=uri-miss/)
    expect(again.body.data[0]).toMatchObject({ found: true, details: { latestSessionId: expect.stringMatching(/^iqse_/) } })
    expect((await lookup(relay, [INQ])).res.headers.get('cache-status')).toBe('idv-lens; hit')
  })

  it('retrieves sessions at most 4 at a time', async () => {
    const relay = testRelay({ AGENT_SHARE: '1' })
    const list = (await (await relay.get('/v1/persona/inquiry-sessions?page%5Bsize%5D=12')).json()) as PersonaList<PersonaInquirySession>
    const ids = list.data.map((s) => s.id)
    expect(ids).toHaveLength(12)
    // Every vendor answer takes 200 ms, so one slot's calls arrive at least 200 ms apart: more than 4
    // arrivals within any 150 ms would mean more than 4 calls in flight.
    await relay.fault({ fault: 'latency', latencyMs: 200 })
    const { body } = await lookup(relay, ids)
    expect(body.data.every((e) => e.found)).toBe(true)
    const arrivals = (await relay.upstreamCalls()).requests
      .filter((r) => /\/inquiry-sessions\/iqse_/.test(r.path))
      .map((r) => Date.parse(r.at))
      .sort((a, b) => a - b)
    expect(arrivals).toHaveLength(12)
    const mostWithin150ms = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 150).length))
    expect(mostWithin150ms).toBeLessThanOrEqual(4)
  })

  it('stops starting vendor calls once the batch runs out of time', async () => {
    // Each call hangs until the 300 ms timeout; the batch stops before the request's 1.6 s backstop. 40
    // sessions four at a time would need at least 10 rounds (3 s): the last rounds are never started.
    // The IDs come through a relay with the default timeout: the list read is no part of the batch, and
    // on a busy machine it can take longer than 300 ms itself.
    const list = (await (
      await testRelay().get('/v1/persona/inquiry-sessions?page%5Bsize%5D=40')
    ).json()) as PersonaList<PersonaInquirySession>
    const ids = list.data.map((s) => s.id)
    expect(ids).toHaveLength(40)
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '300', AGENT_SHARE: '1' })
    await relay.fault({ fault: 'hang' })
    const { body } = await lookup(relay, ids)
    expect(body.data.every((e) => !e.found && e.error.code === 'upstream-timeout')).toBe(true)
    expect(body.data.filter((e) => !e.found && /ran out of time before this ID/.test(e.error.detail)).length).toBeGreaterThan(0)
    const retrieves = (await relay.upstreamCalls()).requests.filter((r) => /\/inquiry-sessions\/iqse_/.test(r.path))
    expect(retrieves.length).toBeLessThan(40)
  }, 20_000)
})

describe('GET /v1/lookup: every inquiry its latest session (issue 18)', () => {
  /** Each inquiry's latest session, from the sessions list of all of `ids` followed to its last page. */
  async function latestSessions(relay: ReturnType<typeof testRelay>, ids: string[]) {
    const latest = new Map<string, string>()
    let path: string | null =
      `/v1/persona/inquiry-sessions?${new URLSearchParams({ 'filter[inquiry-id]': ids.join(','), 'page[size]': '100' })}`
    while (path) {
      const page = (await (await relay.get(path, { headers: { 'key-inflection': 'kebab' } })).json()) as PersonaList<PersonaInquirySession>
      for (const s of page.data) {
        const owner = (s.relationships?.inquiry?.data as { id?: string } | undefined)?.id
        if (owner && !latest.has(owner)) latest.set(owner, s.id)
      }
      path = page.links.next
    }
    return latest
  }

  it("follows the sessions' pages: 100 inquiries with more than 100 sessions all get their latest", { timeout: 30_000 }, async () => {
    const relay = testRelay()
    const list = (await (await relay.get('/v1/persona/inquiries?page%5Bsize%5D=100')).json()) as PersonaList<{ id: string }>
    const ids = list.data.map((i) => i.id)
    const expected = await latestSessions(relay, ids)
    // The demo's inquiries have more sessions than one page holds: the case that lost a third of them.
    expect(expected.size).toBeGreaterThan(0)
    const { body } = await lookup(relay, ids)
    const got = new Map(
      body.data.map((e) => [e.id, e.found && e.details.kind === 'persona-inquiry' ? e.details.latestSessionId : undefined]),
    )
    for (const id of ids) expect(got.get(id), id).toBe(expected.get(id) ?? null)
  })
  it('marks the summaries whose session page the budget refused partial, and never caches them', { timeout: 30_000 }, async () => {
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '3', AGENT_SHARE: '1' })
    const ids = ((await (await relay.get('/v1/persona/inquiries?page%5Bsize%5D=100')).json()) as PersonaList<{ id: string }>).data.map(
      (i) => i.id,
    )
    // One call spent on the list: the batch gets its inquiries and the first page of sessions, not the second.
    const { body } = await lookup(relay, ids)
    const missing = body.data.filter((e) => e.found && e.details.kind === 'persona-inquiry' && e.details.latestSessionId === null)
    const complete = body.data.filter((e) => e.found && e.details.kind === 'persona-inquiry' && e.details.latestSessionId !== null)
    expect(missing.length).toBeGreaterThan(0)
    expect(complete.length).toBeGreaterThan(0)
    expect((await relay.upstreamCalls()).persona).toBe(3)
    // A complete summary is cached; a partial one is asked for again.
    expect((await lookup(relay, [complete[0]!.id])).res.headers.get('cache-status')).toBe('idv-lens; hit')
    expect((await lookup(relay, [missing[0]!.id])).res.headers.get('cache-status')).not.toBe('idv-lens; hit')
  })
})
