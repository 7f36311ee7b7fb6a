import { describe, expect, it } from 'vitest'
import type { HistoryResponse, LookupResponse } from '@idv-lens/shared/api'
import { ONFIDO_STORY } from '../demo-upstream/onfido-seed.ts'
import { expectLeastData } from '../src/vendors/onfido/least-data.test-support.ts'
import { testRelay } from './helpers.ts'

const RUNS = '/v1/onfido/workflow_runs'

/*
 * Two vendors whose IDs are both bare UUIDs (Onfido's workflow runs, deepidv's sessions): a lookup
 * asks each configured one, so these tests either resolve both in one batch or turn deepidv off to
 * count Onfido's calls alone. Cross-vendor, so here rather than in either vendor's folder.
 */
describe('Onfido in the lookup, beside deepidv', () => {
  it("resolves an Onfido run's UUID and a deepidv session's UUID in one batch, each by the vendor that knows it", async () => {
    const relay = testRelay()
    const deepidv = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
    const res = await relay.get(`/v1/lookup?ids=${ONFIDO_STORY.declinedRunId},${deepidv}`)
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as LookupResponse
    expect(data[0]).toMatchObject({
      found: true,
      kind: 'onfido-workflow-run',
      provider: 'onfido',
      status: 'declined',
      dashboardUrl: `https://dashboard.onfido.com/results/${ONFIDO_STORY.declinedRunId}`,
      reason: { check: 'workflow_run', reasons: ['document_image_quality'], failedChecks: 1 },
      details: { kind: 'onfido-workflow-run', applicantId: ONFIDO_STORY.applicantId },
    })
    expect(data[1]).toMatchObject({ found: true, kind: 'deepidv-session', provider: 'deepidv' })
    expectLeastData(data)
    const calls = await relay.upstreamCalls()
    expect(calls.onfido).toBe(2)
    expect(calls.deepidv).toBe(2)
  })

  it('gives a declined run without reasons its failed report and sub-result, read once (3 calls), then held', async () => {
    const { seedOnfido } = await import('../demo-upstream/onfido-seed.ts')
    const run = seedOnfido(Date.now()).runs.find((r) => r.status === 'declined' && r.reasons.length === 0)!
    const relay = testRelay({ DEEPIDV_API_KEY: undefined })
    const lookup = async () => ((await (await relay.get(`/v1/lookup?ids=${run.id}`)).json()) as LookupResponse).data[0]
    const first = await lookup()
    const failed = [{ check: 'document', reasons: ['data_validation', 'rejected'] }]
    expect(first).toMatchObject({
      found: true,
      status: 'declined',
      reason: { check: 'document', reasons: ['data_validation', 'rejected'], failedChecks: 1, failed },
    })
    expectLeastData(first)
    const calls = await relay.upstreamCalls()
    expect(calls.requests.filter((r) => r.provider === 'onfido').map((r) => r.path)).toEqual([
      `/v3.6/workflow_runs/${run.id}`,
      '/v3.6/checks',
      '/v3.6/reports',
    ])
    expect(await lookup()).toMatchObject({ reason: { check: 'document', failed } })
    expect((await relay.upstreamCalls()).onfido).toBe(3)
  })

  it('keeps no summary whose report read failed: the next lookup reads the reason', async () => {
    const { seedOnfido } = await import('../demo-upstream/onfido-seed.ts')
    const run = seedOnfido(Date.now()).runs.find((r) => r.status === 'declined' && r.reasons.length === 0)!
    const relay = testRelay({ DEEPIDV_API_KEY: undefined })
    expect((await relay.get(`${RUNS}/${run.id}`)).status).toBe(200)
    await relay.fault({ provider: 'onfido', fault: '401', times: 1 })
    const lookup = async () => ((await (await relay.get(`/v1/lookup?ids=${run.id}`)).json()) as LookupResponse).data[0]
    expect(await lookup()).toMatchObject({ found: true, status: 'declined', reason: null })
    expect(await lookup()).toMatchObject({ reason: { check: 'document', reasons: ['data_validation', 'rejected'] } })
    const paths = (await relay.upstreamCalls()).requests.filter((r) => r.provider === 'onfido').map((r) => r.path)
    expect(paths).toEqual([`/v3.6/workflow_runs/${run.id}`, '/v3.6/checks', '/v3.6/checks', '/v3.6/reports'])
  })

  it('answers a UUID no vendor knows not-found, and one whose vendor is not configured from the other', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    const relay = testRelay()
    const { data } = (await (await relay.get(`/v1/lookup?ids=${unknown}`)).json()) as LookupResponse
    expect(data[0]).toMatchObject({ found: false, error: { code: 'not-found' } })
    const onlyOnfido = testRelay({ DEEPIDV_API_KEY: undefined })
    const alone = (await (await onlyOnfido.get(`/v1/lookup?ids=${ONFIDO_STORY.waitingRunId}`)).json()) as LookupResponse
    expect(alone.data[0]).toMatchObject({ found: true, provider: 'onfido', status: 'awaiting_input', reason: null })
    expect((await onlyOnfido.upstreamCalls()).deepidv).toBe(0)
  })

  it('gives a declined run without reasons its failed report in the history too (3 calls)', async () => {
    const { seedOnfido } = await import('../demo-upstream/onfido-seed.ts')
    const run = seedOnfido(Date.now()).runs.find((r) => r.status === 'declined' && r.reasons.length === 0)!
    const relay = testRelay({ DEEPIDV_API_KEY: undefined })
    const body = (await (await relay.get(`/v1/history?reference-id=${run.applicant_id}`)).json()) as HistoryResponse
    const entry = body.data.find((e) => e.id === run.id)
    expect(entry).toMatchObject({
      status: 'declined',
      reason: { check: 'document', reasons: ['data_validation', 'rejected'], failedChecks: 1 },
    })
    expectLeastData(body)
    const paths = (await relay.upstreamCalls()).requests.filter((r) => r.provider === 'onfido').map((r) => r.path)
    expect(paths).toEqual(['/v3.6/workflow_runs', '/v3.6/checks', '/v3.6/reports'])
  })
})
