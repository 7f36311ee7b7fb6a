import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { AuditPage, LookupResponse, HistoryResponse } from '@idv-lens/shared/api'
import { configFor, parseConfig } from '../../config/parse.ts'
import { VENDORS } from '../index.ts'
import type { GateResult, GateTarget } from '../../gate/protocol.ts'
import type { VendorGate } from '../../gate/vendor-gate.ts'
import type { Bindings } from '../../bindings.ts'
import type { StripeList, StripeVerificationReport, StripeVerificationSession } from './types.ts'
import { STRIPE_FIXTURE_IDS, STRIPE_STORY_REFERENCE } from '../../../demo-upstream/app.ts'
import { ADMIN_TOKEN, problemOf, testRelay, type TestRelay, VENDOR_GATE } from '../../../test/helpers.ts'

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>

const LIST = '/v1/stripe/identity/verification_sessions'
type SessionList = StripeList<StripeVerificationSession>
const listOf = async (relay: TestRelay, query: string) => {
  const res = await relay.get(`${LIST}${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as SessionList
}
const NEVER = ['client_secret', 'url', 'verified_outputs', 'provided_details', 'metadata', 'options', 'related_customer']

describe('Stripe Identity relays', () => {
  it("lists sessions in Stripe's envelope, its url the relay's route, newest first, without what never leaves", async () => {
    const relay = testRelay()
    const body = await listOf(relay, '?limit=100')
    expect(body).toMatchObject({ object: 'list', url: LIST, has_more: false })
    expect(body.data.length).toBeGreaterThanOrEqual(30)
    const created = body.data.map((s) => s.created)
    expect(created).toEqual([...created].sort((a, b) => b - a))
    expect(new Set(body.data.map((s) => s.status))).toEqual(new Set(['requires_input', 'processing', 'verified', 'canceled']))
    for (const session of body.data) for (const key of NEVER) expect(session).not.toHaveProperty(key)
    expect(JSON.stringify(body)).not.toMatch(/verify\.stripe\.com|_secret_|@example\.com/)
    const calls = await relay.upstreamCalls()
    expect(calls.stripe).toBe(1)
    // The relay pins the API version whose bodies its allowlist and tests know.
    expect(calls.requests[0]).toMatchObject({
      path: '/v1/identity/verification_sessions',
      headers: { 'stripe-version': '2025-10-29.clover' },
    })
  })

  it('pages forward through every demo session with starting_after, and back with ending_before, without a duplicate', async () => {
    const relay = testRelay()
    const whole = (await listOf(relay, '?limit=100')).data.map((s) => s.id)
    const forward: string[] = []
    let query = '?limit=7'
    for (let page = 0; page < 20; page++) {
      const body = await listOf(relay, query)
      forward.push(...body.data.map((s) => s.id))
      if (!body.has_more) break
      query = `?limit=7&starting_after=${body.data.at(-1)!.id}`
    }
    expect(forward).toEqual(whole)
    expect(new Set(forward).size).toBe(forward.length)
    const backward: string[] = []
    query = `?limit=6&ending_before=${whole.at(-1)}`
    for (let page = 0; page < 20; page++) {
      const body = await listOf(relay, query)
      backward.unshift(...body.data.map((s) => s.id))
      if (!body.has_more) break
      query = `?limit=6&ending_before=${body.data[0]!.id}`
    }
    expect(backward).toEqual(whole.slice(0, -1))
  })

  it("narrows by Stripe's filters: status, client_reference_id, created[...]", async () => {
    const relay = testRelay()
    const needing = await listOf(relay, '?limit=100&status=requires_input')
    expect(needing.data.length).toBeGreaterThan(0)
    expect(needing.data.every((s) => s.status === 'requires_input' && s.last_error?.code)).toBe(true)
    const story = await listOf(relay, `?client_reference_id=${STRIPE_STORY_REFERENCE}`)
    expect(story.data.map((s) => s.status)).toEqual(['verified', 'requires_input', 'canceled'])
    const all = (await listOf(relay, '?limit=100')).data
    const middle = all[10]!.created
    const older = await listOf(relay, `?limit=100&created[lt]=${middle}`)
    expect(older.data.map((s) => s.id)).toEqual(all.slice(11).map((s) => s.id))
    const window = await listOf(relay, `?limit=100&created[gte]=${all[12]!.created}&created[lte]=${middle}`)
    expect(window.data.map((s) => s.id)).toEqual(all.slice(10, 13).map((s) => s.id))
  })

  it.each([
    ['an unknown parameter', `${LIST}?expand[]=data.last_verification_report`, 'expand[]'],
    ['a misspelt one', `${LIST}?limt=5`, 'limt'],
    ["another vendor's paging", `${LIST}?page[size]=5`, 'page[size]'],
    ['a limit over 100', `${LIST}?limit=101`, 'limit'],
    ['a cursor that is no session ID', `${LIST}?starting_after=inq_zEx4jL84ShbUyuwX6AzPSqt6`, 'starting_after'],
    ['both cursors', `${LIST}?starting_after=vs_1Pgc76B7WZ01zgkWBdQi8PTU&ending_before=vs_1NuNAILkdIwHu7ixh7OtGMLw`, 'ending_before'],
    ['an undocumented status', `${LIST}?status=approved`, 'status'],
    ['a created bound that is a date', `${LIST}?created[gt]=2025-01-01`, 'created[gt]'],
    ['a plain created', `${LIST}?created=1700000000`, 'created'],
    ['a session ID of the wrong kind', '/v1/stripe/identity/verification_sessions/vr_QXhW13B2hsHOm43JtUgs0f0w', 'id'],
    ['a report ID of the wrong kind', '/v1/stripe/identity/verification_reports/vs_1Pgc76B7WZ01zgkWBdQi8PTU', 'id'],
    [
      'expand on a retrieve',
      `/v1/stripe/identity/verification_sessions/${STRIPE_FIXTURE_IDS.session}?expand[]=last_verification_report`,
      'expand[]',
    ],
  ])('refuses %s with 400 and no upstream call', async (_name, path, parameter) => {
    const relay = testRelay()
    const res = await relay.get(path)
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ code: 'bad-request', parameter })
    expect((await relay.upstreamCalls()).stripe).toBe(0)
  })

  it('retrieves a session with its status, last_error and last report ID only', async () => {
    const relay = testRelay()
    const story = await listOf(relay, `?client_reference_id=${STRIPE_STORY_REFERENCE}`)
    const failed = story.data[1]!
    const res = await relay.get(`${LIST}/${failed.id}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as StripeVerificationSession
    expect(Object.keys(body).sort()).toEqual(
      [
        'client_reference_id',
        'created',
        'id',
        'last_error',
        'last_verification_report',
        'livemode',
        'object',
        'redaction',
        'status',
        'type',
      ].sort(),
    )
    expect(body).toMatchObject({ status: 'requires_input', livemode: false, client_reference_id: STRIPE_STORY_REFERENCE })
    expect(body.last_error).toEqual({ code: 'document_expired', reason: 'The provided identity document has expired.' })
    expect(body.last_verification_report).toMatch(/^vr_/)
  })

  it("retrieves a report with each check's status and error, never what the document or selfie said", async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/stripe/identity/verification_reports/${STRIPE_FIXTURE_IDS.report}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as StripeVerificationReport
    expect(body).toMatchObject({
      id: STRIPE_FIXTURE_IDS.report,
      object: 'identity.verification_report',
      verification_session: STRIPE_FIXTURE_IDS.session,
    })
    expect(body.document).toEqual({ status: 'verified', error: null })
    expect(body.selfie).toEqual({ status: 'verified', error: null })
    expect(body).not.toHaveProperty('options')
  })

  it('caches a retrieve and coalesces concurrent ones into one Stripe call', async () => {
    const relay = testRelay()
    const path = `${LIST}/${STRIPE_FIXTURE_IDS.session}`
    const answers = await Promise.all(Array.from({ length: 5 }, () => relay.get(path)))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    const again = await relay.get(path)
    expect(again.headers.get('cache-status')).toMatch(/hit/)
    expect((await relay.upstreamCalls()).stripe).toBe(1)
  })
})

describe("Stripe's errors, mapped to the relay's problems", () => {
  it('passes a Stripe 404 (resource_missing) through as not-found, with only its documented code', async () => {
    const relay = testRelay()
    const res = await relay.get(`${LIST}/vs_0000000000000000000000000`)
    expect(res.status).toBe(404)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ code: 'not-found', provider: 'stripe', detail: 'Stripe has no such record: resource_missing' })
    expect(problem.detail).not.toContain('vs_0000')
  })

  it.each([
    ['401', 502, 'upstream-auth', /STRIPE_API_KEY/],
    ['500', 502, 'upstream-unavailable', /Stripe answered HTTP 500: api_error/],
    ['429', 429, 'rate-limited', /Stripe rate limit reached/],
  ] as const)('answers a Stripe %s as %i %s', async (fault, status, code, detail) => {
    const relay = testRelay()
    await relay.fault({ provider: 'stripe', fault, retryAfterSeconds: 1 })
    const res = await relay.get(LIST)
    expect(res.status).toBe(status)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ code, provider: 'stripe' })
    expect(problem.detail).toMatch(detail)
    expect(JSON.stringify(problem)).not.toContain(relay.keys.stripe)
  })

  it('answers a 200 that is not a Stripe object as 502 upstream-invalid, and keeps nothing', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'stripe', fault: 'invalid', body: { object: 'list', data: 'nope' }, times: 1 })
    const res = await relay.get(LIST)
    expect(res.status).toBe(502)
    expect(await problemOf(res)).toMatchObject({ code: 'upstream-invalid', provider: 'stripe' })
    expect((await relay.get(LIST)).status).toBe(200)
  })
})

describe("Stripe's budget at the vendor gate", () => {
  const env = (vars: Record<string, string>) => ({ ...testRelay().env, ...vars }) as unknown as Bindings
  it.each([
    ['a test-mode secret key', { STRIPE_API_KEY: 'sk_test_abc' }, 22],
    ['a test-mode restricted key', { STRIPE_API_KEY: 'rk_test_abc' }, 22],
    ['a live secret key', { STRIPE_API_KEY: 'sk_live_abc' }, 90],
    ['a live restricted key', { STRIPE_API_KEY: 'rk_live_abc' }, 90],
    ['a set budget', { STRIPE_API_KEY: 'sk_test_abc', STRIPE_BUDGET_PER_SECOND: '5' }, 5],
    ['an empty budget', { STRIPE_API_KEY: 'sk_live_abc', STRIPE_BUDGET_PER_SECOND: '' }, 90],
  ])('defaults to 90%% of the limit of its key: %s', (_name, vars, perWindow) => {
    const config = parseConfig(env(vars), VENDORS)
    expect(config.budget.stripe).toMatchObject({ windowMs: 1100, perWindow, perDay: null })
    expect(config.problems).toEqual([])
  })

  it("holds the 23rd test-mode call in one window until the gate's window rolls (22 a second), at the gate's own clock", async () => {
    const relay = testRelay()
    const limits = configFor(relay.env, VENDORS).budget.stripe
    expect(limits.perWindow).toBe(22)
    let t = Date.UTC(2026, 10, 27, 1, 0, 0)
    const clock = {
      now: () => t,
      sleep: async (ms: number) => {
        t += ms
      },
    }
    const stub = gates.get(gates.idFromName(crypto.randomUUID()))
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    const target: GateTarget = {
      base: relay.env.STRIPE_API_BASE as string,
      apiKey: relay.keys.stripe,
      timeoutMs: 10_000,
      limits: { ...limits, agentShare: 1 },
    }
    const call = (n: number) =>
      stub.call(
        {
          provider: 'stripe',
          path: 'verification_sessions',
          query: `limit=${n}`,
          headers: {},
          priority: 'interactive',
          agent: 'alice',
          key: crypto.randomUUID(),
          refresh: false,
        },
        target,
      ) as Promise<GateResult>
    const start = t
    for (let n = 1; n <= 22; n++) expect(await call(n)).toMatchObject({ kind: 'response', status: 200 })
    expect(t).toBe(start)
    expect(await call(23)).toMatchObject({ kind: 'response', status: 200 })
    // Held until the first call left the window (1.1 s, a tenth longer than Stripe's second).
    expect(t - start).toBeGreaterThanOrEqual(1100)
    expect((await relay.upstreamCalls()).stripe).toBe(23)
  })
})

describe('Stripe in lookups, history and the contract', () => {
  it('answers vs_ and vr_ lookups with status and reason', async () => {
    const relay = testRelay()
    const story = await listOf(relay, `?client_reference_id=${STRIPE_STORY_REFERENCE}`)
    const failed = story.data[1]!
    const ids = [failed.id, STRIPE_FIXTURE_IDS.session, failed.last_verification_report!].join(',')
    const res = await relay.get(`/v1/lookup?ids=${ids}`)
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as LookupResponse
    expect(data[0]).toMatchObject({
      found: true,
      kind: 'stripe-verification-session',
      provider: 'stripe',
      status: 'requires_input',
      reason: {
        check: 'document',
        reasons: ['document_expired'],
        verificationId: failed.last_verification_report,
        failedChecks: 1,
        failed: [{ check: 'document', reasons: ['document_expired'] }],
      },
      // The demo's sessions are test-mode objects (`livemode: false`): their page is under /test/.
      dashboardUrl: `https://dashboard.stripe.com/test/identity/verification-sessions/${failed.id}`,
      // Stripe's own sentence, which "can be shown to your users": the card shows it.
      details: {
        kind: 'stripe-verification-session',
        clientReferenceId: STRIPE_STORY_REFERENCE,
        redactionStatus: null,
        lastErrorReason: 'The provided identity document has expired.',
      },
    })
    expect(data[1]).toMatchObject({
      found: true,
      status: 'verified',
      reason: null,
      details: { redactionStatus: 'processing', lastErrorReason: null },
    })
    expect(data[2]).toMatchObject({
      found: true,
      kind: 'stripe-verification-report',
      status: 'unverified',
      reason: {
        check: 'document',
        reasons: ['document_expired'],
        failedChecks: 1,
        failed: [{ check: 'document', reasons: ['document_expired'] }],
      },
      details: { sessionId: failed.id },
    })
  })

  it('includes Stripe sessions by client_reference_id in a history', async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/history?reference-id=${STRIPE_STORY_REFERENCE}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as HistoryResponse
    const stripe = body.data.filter((a) => a.provider === 'stripe')
    expect(stripe.map((a) => a.status)).toEqual(['verified', 'requires_input', 'canceled'])
    expect(stripe[2]).toMatchObject({ reason: { check: 'selfie', reasons: ['selfie_face_mismatch'] } })
  })

  it('audits each read by the IDs it names: a retrieve, and a lookup', async () => {
    const relay = testRelay()
    // A session no other test reads: the audit database is shared by every file of the run.
    const id = (await listOf(relay, '?limit=100')).data[20]!.id
    await relay.get(`${LIST}/${id}`)
    await relay.get(`/v1/lookup?ids=${id}`)
    const res = await relay.get(`/v1/admin/audit?id=${id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(res.status).toBe(200)
    const page = (await res.json()) as AuditPage
    expect(page.data.map((r) => [r.agent, r.route])).toEqual([
      ['tester', '/v1/lookup'],
      ['tester', '/v1/stripe/identity/verification_sessions/:id'],
    ])
    expect(page.data[1]).toMatchObject({ ids: [id], status: 200 })
  })

  it('publishes the three routes in /openapi.json', async () => {
    const relay = testRelay()
    const doc = (await (await relay.get('/openapi.json', { auth: false })).json()) as { paths: Record<string, unknown> }
    for (const path of [LIST, `${LIST}/{id}`, '/v1/stripe/identity/verification_reports/{id}']) expect(doc.paths).toHaveProperty([path])
  })
})
