import { describe, expect, it } from 'vitest'
import type { HistoryResponse } from '@idv-lens/shared/api'
import { parseConfig } from '../../config/parse.ts'
import { VENDORS } from '../index.ts'
import type { Bindings } from '../../bindings.ts'
import { ONFIDO_STORY } from '../../../demo-upstream/onfido-seed.ts'
import { problemOf, testRelay, type TestRelay } from '../../../test/helpers.ts'
import { expectLeastData } from './least-data.test-support.ts'

const RUNS = '/v1/onfido/workflow_runs'
type Run = {
  id: string
  applicant_id: string
  status: string
  reasons?: string[]
  created_at: string
  dashboard_url: string
  link?: Record<string, unknown>
}

async function page(relay: TestRelay, query: string) {
  const res = await relay.get(`${RUNS}${query}`)
  expect(res.status).toBe(200)
  return { runs: (await res.json()) as Run[], total: Number(res.headers.get('x-total-count')), link: res.headers.get('link') ?? '' }
}

const nextOf = (link: string) => /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? null

describe('Onfido workflow runs', () => {
  it("lists a page as Onfido does, its Link on the relay's route and X-Total-Count kept, without what never leaves", async () => {
    const relay = testRelay()
    const { runs, total, link } = await page(relay, '')
    expect(runs).toHaveLength(20)
    expect(total).toBe(62)
    expect(link).toBe(`<${RUNS}?page=1>; rel="first", <${RUNS}?page=4>; rel="last", <${RUNS}?page=2>; rel="next"`)
    for (const run of runs) expect(run.dashboard_url).toBe(`https://dashboard.onfido.com/results/${run.id}`)
    expect(Object.keys(runs[0]!.link ?? {}).sort()).toEqual(['expires_at', 'language'])
    expectLeastData(runs)
    const calls = await relay.upstreamCalls()
    expect(calls.onfido).toBe(1)
    expect(calls.requests[0]).toMatchObject({ path: '/v3.6/workflow_runs' })
    // Cached: the same page again makes no call, and keeps its headers.
    const again = await relay.get(RUNS)
    expect(again.headers.get('cache-status')).toMatch(/hit/)
    expect(again.headers.get('x-total-count')).toBe('62')
    expect(again.headers.get('link')).toBe(link)
    expect((await relay.upstreamCalls()).onfido).toBe(1)
  })

  it('pages through every run by its Link, none twice, as many as X-Total-Count', async () => {
    const relay = testRelay()
    const seen: string[] = []
    let query: string | null = '?sort=asc'
    let total = 0
    for (let n = 0; query !== null && n < 10; n++) {
      const got = await page(relay, query)
      seen.push(...got.runs.map((r) => r.id))
      total = got.total
      const next = nextOf(got.link)
      query = next === null ? null : next.slice(RUNS.length)
    }
    expect(query).toBeNull()
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    const created = seen.length
    expect(created).toBe(62)
  })

  it("narrows by Onfido's filters: status, created_at_gt, created_at_lt, sort", async () => {
    const relay = testRelay()
    const declined = await page(relay, '?status=declined,review')
    expect(declined.runs.length).toBeGreaterThan(0)
    expect(new Set(declined.runs.map((r) => r.status))).toEqual(new Set(['declined', 'review']))
    expect(declined.link).toContain('status=declined%2Creview')
    const all = [...(await page(relay, '')).runs, ...(await page(relay, '?page=2')).runs]
    const day = all[30]!.created_at.slice(0, 10)
    const before = await page(relay, `?created_at_lt=${day}`)
    expect(before.runs.every((r) => r.created_at.slice(0, 10) < day)).toBe(true)
    const after = await page(relay, `?created_at_gt=${day}`)
    expect(after.runs.every((r) => r.created_at.slice(0, 10) > day)).toBe(true)
    const asc = await page(relay, '?sort=asc')
    expect(asc.runs[0]!.created_at < asc.runs[1]!.created_at).toBe(true)
  })

  it.each([
    ['applicant_id', `applicant_id=${ONFIDO_STORY.applicantId}`],
    ['tags', 'tags=vip'],
    ['limit', 'limit=5'],
    ['page', 'page=0'],
    ['status', 'status=approved,finished'],
    ['sort', 'sort=newest'],
    ['created_at_gt', 'created_at_gt=yesterday'],
  ])('refuses %s that Onfido would not take (or the relay does not) with a 400 and no upstream call', async (parameter, query) => {
    const relay = testRelay()
    const res = await relay.get(`${RUNS}?${query}`)
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ status: 400, parameter })
    expect((await relay.upstreamCalls()).onfido).toBe(0)
  })

  it("retrieves a run, its check, a report and the check's reports, keeping results and dropping the person", async () => {
    const relay = testRelay()
    const run = (await (await relay.get(`${RUNS}/${ONFIDO_STORY.declinedRunId.toUpperCase()}`)).json()) as Run
    expect(run).toMatchObject({
      id: ONFIDO_STORY.declinedRunId,
      status: 'declined',
      reasons: ['document_image_quality'],
      applicant_id: ONFIDO_STORY.applicantId,
    })
    expectLeastData(run)
    const checkId = await storyCheckId()
    const check = (await (await relay.get(`/v1/onfido/checks/${checkId}`)).json()) as { report_ids: string[]; result: string }
    expect(check).toMatchObject({ result: 'consider' })
    expect(check.report_ids).toHaveLength(2)
    expectLeastData(check)
    const list = (await (await relay.get(`/v1/onfido/reports?check_id=${checkId}`)).json()) as { reports: Record<string, unknown>[] }
    expect(list.reports.map((r) => r.name)).toEqual(['document', 'facial_similarity_photo'])
    expect(list.reports[0]).toMatchObject({
      result: 'consider',
      sub_result: 'caution',
      breakdown: { image_integrity: { result: 'consider', breakdown: { image_quality: { result: 'consider' } } } },
    })
    expectLeastData(list)
    const report = await relay.get(`/v1/onfido/reports/${check.report_ids[1]}`)
    expect(await report.json()).toMatchObject({
      name: 'facial_similarity_photo',
      result: 'clear',
      breakdown: { face_comparison: { result: 'clear', breakdown: { face_match: { result: 'clear' } } } },
    })
    expect((await relay.get('/v1/onfido/reports')).status).toBe(400)
  })

  it("lists an applicant's checks (a run's detail finds its own among them), applicant_id only", async () => {
    const relay = testRelay()
    for (const query of ['', '?applicant_id=nope', `?applicant_id=${ONFIDO_STORY.applicantId}&page=2`]) {
      expect((await relay.get(`/v1/onfido/checks${query}`)).status, query).toBe(400)
    }
    expect((await relay.upstreamCalls()).onfido).toBe(0)
    const res = await relay.get(`/v1/onfido/checks?applicant_id=${ONFIDO_STORY.applicantId.toUpperCase()}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { checks: { id: string; applicant_id: string; result: string }[] }
    // Dana's one decided run made one check: the declined one's, which found the blurred document.
    expect(body.checks.map((c) => [c.id, c.applicant_id, c.result])).toEqual([[await storyCheckId(), ONFIDO_STORY.applicantId, 'consider']])
    expectLeastData(body)
    expect((await relay.upstreamCalls()).requests.filter((r) => r.path === '/v3.6/checks')).toHaveLength(1)
  })

  it("answers an unknown run 404 and Onfido refusing the token 502, never in Onfido's words", async () => {
    const relay = testRelay()
    const missing = await relay.get(`${RUNS}/00000000-0000-4000-8000-000000000000`)
    expect(missing.status).toBe(404)
    const notFound = await problemOf(missing)
    expect(notFound).toMatchObject({ code: 'not-found', provider: 'onfido' })
    expect(notFound.detail).not.toMatch(/could not be found/)
    await relay.fault({ provider: 'onfido', fault: '401' })
    const refused = await relay.get(`${RUNS}?page=2`)
    expect(refused.status).toBe(502)
    const auth = await problemOf(refused)
    expect(auth).toMatchObject({ code: 'upstream-auth', provider: 'onfido' })
    expect(auth.detail).toMatch(/ONFIDO_API_TOKEN/)
    expect(JSON.stringify(auth)).not.toMatch(/re-check your credentials|onfido_demo_/)
  })

  it('sends the token as Authorization: Token token=…', async () => {
    const relay = testRelay()
    await relay.get(`${RUNS}/${ONFIDO_STORY.waitingRunId}`)
    // The demo answers 401 to any other form (onfido-app.ts), so a 200 here is the header's proof.
    expect((await relay.upstreamCalls()).requests.map((r) => r.status)).toEqual([200])
  })
})

/** The story's declined run's check, read from the demo's own data. */
async function storyCheckId(): Promise<string> {
  const { seedOnfido } = await import('../../../demo-upstream/onfido-seed.ts')
  const data = seedOnfido(Date.now())
  const check = [...data.checks.values()].find((c) => c.applicant_id === ONFIDO_STORY.applicantId)
  return check!.id
}

describe('Onfido in the history', () => {
  it("lists an applicant's runs as its history, newest first, with one list call", async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/history?reference-id=${ONFIDO_STORY.applicantId}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as HistoryResponse
    const runs = body.data.filter((entry) => entry.provider === 'onfido')
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [ONFIDO_STORY.waitingRunId, 'awaiting_input'],
      [ONFIDO_STORY.declinedRunId, 'declined'],
    ])
    expectLeastData(body)
    const calls = await relay.upstreamCalls()
    expect(calls.requests.filter((r) => r.provider === 'onfido').map((r) => r.query)).toEqual([{ applicant_id: ONFIDO_STORY.applicantId }])
  })
})

describe("Onfido's budget", () => {
  it("defaults to 90% of Onfido's 400 requests a minute, counted over a window a tenth longer", () => {
    const config = parseConfig({ ...testRelay().env } as unknown as Bindings, VENDORS)
    expect(config.budget.onfido).toMatchObject({ windowMs: 66_000, perWindow: 360, perDay: null })
    const set = parseConfig({ ...testRelay().env, ONFIDO_BUDGET_PER_MINUTE: '100' } as unknown as Bindings, VENDORS)
    expect(set.budget.onfido.perWindow).toBe(100)
    expect(VENDORS.onfido.defaultBase).toBe('https://api.eu.onfido.com/v3.6')
  })
})
