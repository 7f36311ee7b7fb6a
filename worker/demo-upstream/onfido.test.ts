/**
 * The demo upstream's Onfido, against Onfido's own OpenAPI document (spec/onfido-v3.6.json): every
 * answer valid, paging through every run once, each filter, the errors, the token and the limit.
 */
import { createHmac } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDemoUpstream } from './app.ts'
import type { DemoUpstream } from './app.ts'
import { ONFIDO_PAGE_SIZE } from './onfido-resources.ts'
import { ONFIDO_STORY, seedOnfido } from './onfido-seed.ts'
import { ONFIDO_RUN_STATUSES, type OnfidoApplicant, type OnfidoCheck, type OnfidoReport, type OnfidoWorkflowRun } from './onfido-types.ts'
import { OnfidoSpec } from './spec/onfido-validator.ts'
import { demo, webhookReceiver } from './test-support.ts'

const TOKEN = 'onfido_demo_tests'
const onfido = (upstream: DemoUpstream, path: string, token: string | null = TOKEN) =>
  upstream.app.request(`/onfido/v3.6${path}`, { headers: token === null ? {} : { authorization: `Token token=${token}` } })

/** Every run, by following `rel="next"` from `first`; each page's headers checked on the way. */
async function allPages(upstream: DemoUpstream, first: string): Promise<OnfidoWorkflowRun[]> {
  const runs: OnfidoWorkflowRun[] = []
  let next: string | null = first
  while (next) {
    const response = await onfido(upstream, next)
    expect(response.status).toBe(200)
    runs.push(...((await response.json()) as OnfidoWorkflowRun[]))
    const link = response.headers.get('link') ?? ''
    expect(link).toContain('rel="last"')
    const url = /<([^>]+)>; rel="next"/.exec(link)?.[1]
    next = url ? url.slice(url.indexOf('/workflow_runs')) : null
  }
  return runs
}

describe('the demo upstream serves Onfido v3.6', { timeout: 60_000 }, () => {
  const upstream = demo({ rateLimits: false })
  let spec: OnfidoSpec
  beforeAll(() => {
    spec = new OnfidoSpec()
  })

  it('should be a validator that can fail: a status, a sub-result or a report name the spec does not have', async () => {
    const run = (await (await onfido(upstream, `/workflow_runs/${ONFIDO_STORY.declinedRunId}`)).json()) as OnfidoWorkflowRun
    expect(spec.errors('/workflow_runs/{workflow_run_id}', 200, run)).toEqual([])
    expect(spec.errors('/workflow_runs/{workflow_run_id}', 200, { ...run, status: 'finished' })).not.toEqual([])
    const report = [...seedOnfido(upstream.dataset.now).reports.values()][0]!
    expect(spec.reportErrors(report)).toEqual([])
    expect(spec.reportErrors({ ...report, sub_result: 'blurry' })).not.toEqual([])
    expect(spec.reportErrors({ ...report, name: 'palm_reading' })).not.toEqual([])
  })

  it('should page through every workflow run once, newest first, with the total in X-Total-Count', async () => {
    const first = await onfido(upstream, '/workflow_runs')
    const total = Number(first.headers.get('x-total-count'))
    expect(total).toBeGreaterThan(2 * ONFIDO_PAGE_SIZE)
    const runs = await allPages(upstream, '/workflow_runs')
    expect(runs).toHaveLength(total)
    expect(new Set(runs.map((run) => run.id)).size).toBe(total)
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.created_at < runs[i - 1]!.created_at).toBe(true)
    expect(spec.errors('/workflow_runs', 200, runs)).toEqual([])
    const ascending = await allPages(upstream, '/workflow_runs?sort=asc')
    expect(ascending.map((run) => run.id)).toEqual(runs.map((run) => run.id).reverse())
  })

  it('should have runs in every status, each valid against the spec', async () => {
    const runs = await allPages(upstream, '/workflow_runs')
    expect(new Set(runs.map((run) => run.status))).toEqual(new Set(ONFIDO_RUN_STATUSES))
    for (const run of runs) {
      const one = await onfido(upstream, `/workflow_runs/${run.id}`)
      expect(spec.errors('/workflow_runs/{workflow_run_id}', 200, await one.json())).toEqual([])
      expect(run.dashboard_url).toBe(`https://dashboard.onfido.com/results/${run.id}`)
    }
  })

  it('should filter by status (one or several), creation dates and applicant', async () => {
    const runs = await allPages(upstream, '/workflow_runs')
    const declined = await allPages(upstream, '/workflow_runs?status=declined')
    expect(declined.map((run) => run.id)).toEqual(runs.filter((run) => run.status === 'declined').map((run) => run.id))
    const two = await allPages(upstream, '/workflow_runs?status=approved,review')
    expect(two.map((run) => run.id)).toEqual(
      runs.filter((run) => run.status === 'approved' || run.status === 'review').map((run) => run.id),
    )
    const middle = runs[Math.floor(runs.length / 2)]!.created_at.slice(0, 10)
    const after = await allPages(upstream, `/workflow_runs?created_at_gt=${middle}`)
    const before = await allPages(upstream, `/workflow_runs?created_at_lt=${middle}`)
    expect(after.length).toBeGreaterThan(0)
    expect(before.length).toBeGreaterThan(0)
    expect(after.every((run) => run.created_at.slice(0, 10) > middle) && before.every((run) => run.created_at.slice(0, 10) < middle)).toBe(
      true,
    )
    expect(after.length + before.length).toBe(runs.filter((run) => !run.created_at.startsWith(middle)).length)
    const dana = await allPages(upstream, `/workflow_runs?applicant_id=${ONFIDO_STORY.applicantId}`)
    expect(dana.map((run) => [run.id, run.status])).toEqual([
      [ONFIDO_STORY.waitingRunId, 'awaiting_input'],
      [ONFIDO_STORY.declinedRunId, 'declined'],
    ])
  })

  it("should serve each decided run's check and reports, valid against the spec", async () => {
    const runs = await allPages(upstream, '/workflow_runs?status=approved,declined,review')
    const checks = [...seedOnfido(upstream.dataset.now).checks.values()]
    expect(checks).toHaveLength(runs.length)
    for (const check of checks) {
      const one = await onfido(upstream, `/checks/${check.id}`)
      const body = (await one.json()) as OnfidoCheck
      expect(spec.errors('/checks/{check_id}', 200, body)).toEqual([])
      const list = await onfido(upstream, `/reports?check_id=${check.id}`)
      const reports = (await list.json()) as { reports: OnfidoReport[] }
      expect(spec.errors('/reports', 200, reports)).toEqual([])
      expect(reports.reports.map((report) => report.id)).toEqual(body.report_ids)
      for (const report of reports.reports)
        expect(spec.errors('/reports/{report_id}', 200, await (await onfido(upstream, `/reports/${report.id}`)).json())).toEqual([])
    }
  })

  it("should serve each run's applicant, valid against the spec, with the person's email; an unknown one is a 404", async () => {
    const runs = await allPages(upstream, '/workflow_runs')
    const applicantIds = [...new Set(runs.map((run) => run.applicant_id))]
    for (const id of applicantIds) {
      const response = await onfido(upstream, `/applicants/${id}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as OnfidoApplicant
      expect(spec.errors('/applicants/{applicant_id}', 200, body)).toEqual([])
      expect([body.id, typeof body.email, typeof body.first_name]).toEqual([id, 'string', 'string'])
    }
    const dana = (await (await onfido(upstream, `/applicants/${ONFIDO_STORY.applicantId}`)).json()) as OnfidoApplicant
    expect([dana.email, dana.first_name, dana.last_name, dana.dob]).toEqual(['dana.customer@example.com', 'Dana', 'Customer', '1991-04-17'])
    expect(spec.errors('/applicants/{applicant_id}', 200, { ...dana, first_name: 'Dana;' })).not.toEqual([])
    const missing = await onfido(upstream, '/applicants/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect(spec.errors('/applicants/{applicant_id}', 'default', await missing.json())).toEqual([])
  })

  it("should say why the story's run was declined: its reason and the document report's failed breakdown", async () => {
    const run = (await (await onfido(upstream, `/workflow_runs/${ONFIDO_STORY.declinedRunId}`)).json()) as OnfidoWorkflowRun
    expect(run.reasons).toEqual(['document_image_quality'])
    const [check] = [...seedOnfido(upstream.dataset.now).checks.values()].filter((c) => c.applicant_id === ONFIDO_STORY.applicantId)
    const { reports } = (await (await onfido(upstream, `/reports?check_id=${check!.id}`)).json()) as { reports: OnfidoReport[] }
    const document = reports.find((report) => report.name === 'document')!
    expect([document.result, document.sub_result, document.breakdown.image_integrity?.result]).toEqual(['consider', 'caution', 'consider'])
  })

  it("should answer Onfido's errors in Onfido's shape, each valid against the spec", async () => {
    const cases: [string, string | null, number, string][] = [
      ['/workflow_runs', null, 401, 'authorization_error'],
      ['/workflow_runs', 'someone_else', 401, 'authorization_error'],
      ['/workflow_runs/00000000-0000-4000-8000-000000000000', TOKEN, 404, 'resource_not_found'],
      ['/workflow_runs/not-a-uuid', TOKEN, 404, 'resource_not_found'],
      ['/workflow_runs?status=finished', TOKEN, 422, 'validation_error'],
      ['/workflow_runs?page=0', TOKEN, 422, 'validation_error'],
      ['/workflow_runs?created_at_gt=yesterday', TOKEN, 422, 'validation_error'],
      ['/reports', TOKEN, 422, 'validation_error'],
      ['/applicants', TOKEN, 404, 'resource_not_found'],
    ]
    for (const [path, token, status, type] of cases) {
      const response = await onfido(upstream, path, token)
      const body = (await response.json()) as { error: { type: string } }
      expect([path, response.status, body.error.type]).toEqual([path, status, type])
      expect(spec.errors('/workflow_runs', 'default', body)).toEqual([])
    }
  })

  it('should make a new run with a link for an applicant and a workflow (POST /workflow_runs), as the spec shapes both', async () => {
    const scope = 'onfido_demo_create'
    const story = (await (await onfido(upstream, `/workflow_runs/${ONFIDO_STORY.declinedRunId}`, scope)).json()) as OnfidoWorkflowRun
    const expiresAt = new Date(Date.now() + 3 * 24 * 3600_000).toISOString()
    const body = { workflow_id: story.workflow_id, applicant_id: story.applicant_id, link: { expires_at: expiresAt, language: 'de_DE' } }
    expect(spec.createErrors('request', body)).toEqual([])
    expect(spec.createErrors('request', { applicant_id: story.applicant_id })).not.toEqual([])
    const create = (json: unknown, token = scope) =>
      upstream.app.request('/onfido/v3.6/workflow_runs', {
        method: 'POST',
        headers: { authorization: `Token token=${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(json),
      })
    const res = await create(body)
    expect(res.status).toBe(201)
    const made = (await res.json()) as OnfidoWorkflowRun
    expect(spec.createErrors(201, made)).toEqual([])
    expect(made).toMatchObject({
      applicant_id: story.applicant_id,
      workflow_id: story.workflow_id,
      status: 'awaiting_input',
      link: { expires_at: expiresAt, language: 'de_DE' },
    })
    expect(made.link.url).toMatch(/^https:\/\/eu\.onfido\.app\/l\/\w{22}$/)
    // A second call makes another run (Onfido documents no Idempotency-Key); only this scope sees them.
    expect(((await (await create(body)).json()) as OnfidoWorkflowRun).id).not.toBe(made.id)
    expect((await onfido(upstream, `/workflow_runs/${made.id}`, scope)).status).toBe(200)
    expect((await onfido(upstream, `/workflow_runs/${made.id}`)).status).toBe(404)
    const mine = (await (await onfido(upstream, `/workflow_runs?applicant_id=${story.applicant_id}`, scope)).json()) as OnfidoWorkflowRun[]
    expect(mine.map((run) => run.id)).toContain(made.id)
    for (const [wrong, field] of [
      [{ ...body, applicant_id: 'nope' }, 'applicant_id'],
      [{ ...body, link: { expires_at: '2001-01-01T00:00:00Z' } }, 'link.expires_at'],
      [{ workflow_id: story.workflow_id }, 'applicant_id'],
    ] as const) {
      const refused = await create(wrong)
      expect(refused.status).toBe(422)
      const error = (await refused.json()) as { error: { fields: Record<string, unknown> } }
      expect(spec.errors('/workflow_runs', 'default', error)).toEqual([])
      expect(Object.keys(error.error.fields)).toEqual([field])
    }
  })

  it('should refuse the 401st request of a minute with a 429, as Onfido documents', async () => {
    let now = Date.parse('2026-06-01T12:00:00.000Z')
    const limited = demo({ clock: () => now })
    const statuses: number[] = []
    for (let i = 0; i < 401; i++)
      statuses.push((await onfido(limited, '/workflow_runs/00000000-0000-4000-8000-000000000000', 'onfido_demo_limit')).status)
    expect(statuses.slice(0, 400).every((s) => s === 404)).toBe(true)
    expect(statuses[400]).toBe(429)
    now += 60_000
    expect((await onfido(limited, '/workflow_runs', 'onfido_demo_limit')).status).toBe(200)
  })
})

describe("the demo's Onfido webhooks", () => {
  let close: (() => Promise<void>) | undefined
  afterEach(() => close?.())

  it('signs each delivery as Onfido does: X-SHA2-Signature, the hex HMAC-SHA256 of the body; a run, then a report', async () => {
    const receiver = await webhookReceiver()
    close = receiver.close
    const { url: target, received } = receiver
    const NOW = Date.UTC(2026, 10, 27, 12)
    const sender = createDemoUpstream({ now: new Date(NOW), clock: () => NOW, webhooks: { target, onfidoToken: 'onfido_demo_token' } })
    expect(await sender.webhooks!.send('onfido')).toMatchObject({ provider: 'onfido', status: 204, name: 'workflow_run.completed' })
    expect(await sender.webhooks!.send('onfido')).toMatchObject({ provider: 'onfido', status: 204, name: 'report.completed' })
    sender.webhooks!.stop()
    for (const { headers, body } of received)
      expect(headers['x-sha2-signature']).toBe(createHmac('sha256', 'onfido_demo_token').update(body).digest('hex'))
    const [run, report] = received.map((r) => JSON.parse(r.body).payload)
    expect(run).toMatchObject({
      resource_type: 'workflow_run',
      action: 'workflow_run.completed',
      object: { completed_at_iso8601: '2026-11-27T12:00:00Z' },
    })
    expect(['approved', 'declined', 'review', 'abandoned', 'error']).toContain(run.object.status)
    expect(report).toMatchObject({ resource_type: 'report', action: 'report.completed', object: { status: 'complete' } })
  })
})
