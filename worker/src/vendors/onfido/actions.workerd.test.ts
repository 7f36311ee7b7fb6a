/**
 * Onfido's new link (issue 59, item 7): a new workflow run for the same applicant and workflow, behind
 * ACTIONS and the actor role, a day's bound per applicant and the agent's Idempotency-Key, refused for a
 * run where a new one would not help, and, where a requester match is required, until one is made
 * against the run's applicant. The link is in the answer only. Through the real app in workerd, against the
 * demo upstream's Onfido (each test relay its own token scope, so its runs are its own).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cacheFor } from '../../cache/relay-caches.ts'
import { parseConfig } from '../../config/parse.ts'
import { VENDORS } from '../index.ts'
import type { Bindings } from '../../bindings.ts'
import { ONFIDO_LINKS_PER_APPLICANT_PER_DAY } from './action-list.ts'
import { ONFIDO_STORY } from '../../../demo-upstream/onfido-seed.ts'
import type { RequesterCheckResponse } from '@idv-lens/shared/api'
import { AGENT_TOKEN, OTHER_TOKEN, problemOf, type TestRelay } from '../../../test/helpers.ts'
import { ACTOR_TOKENS, LEAD_TOKEN, actionRelay, auditRowsOf, db, gateClock, post, upstream } from '../../../test/action-helpers.ts'

type NewLink = {
  workflow_run: Record<string, unknown> & { id: string; applicant_id: string; workflow_id: string; status: string }
  link: { url: string; expires_at: string | null }
}
type Run = { id: string; applicant_id: string; workflow_id: string; status: string }

const linkPath = (id: string) => `/v1/onfido/workflow_runs/${id}/new-link`
const onfidoRelay = (overrides: Record<string, string> = {}) =>
  actionRelay({ ACTIONS: 'onfido-link', LINK_REQUIRES_REQUESTER_MATCH: 'false', ...overrides })
const posts = async (relay: TestRelay) =>
  (await relay.upstreamCalls()).requests.filter((r) => r.provider === 'onfido' && r.method === 'POST')

/** A seeded run in `status`, read from the demo directly (a scope of its own, so no test counts it). */
async function runIn(status: string, nth = 0): Promise<Run> {
  const res = await fetch(`${upstream}/onfido/v3.6/workflow_runs?status=${status}`, {
    headers: { authorization: 'Token token=onfido_demo_actions_oracle' },
  })
  const runs = (await res.json()) as Run[]
  return runs[nth]!
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('an Onfido new link is guarded', () => {
  it('is off until ACTIONS names onfido-link, and for actors only: neither costs an Onfido call', async () => {
    const { id } = await runIn('declined')
    const off = actionRelay({ ACTIONS: 'one-time-link', LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    expect((await problemOf(await post(off, linkPath(id), {}))).code).toBe('action-disabled')
    const on = onfidoRelay({ AGENT_TOKENS: ACTOR_TOKENS })
    const reader = await post(on, linkPath(id), {}, { token: AGENT_TOKEN })
    expect(reader.status).toBe(403)
    expect((await problemOf(reader)).code).toBe('forbidden')
    expect((await auditRowsOf(reader))[0]).toMatchObject({
      route: '/v1/onfido/workflow_runs/:id/new-link',
      ids: JSON.stringify([id]),
      status: 403,
    })
    expect((await off.upstreamCalls()).onfido + (await on.upstreamCalls()).onfido).toBe(0)
  })

  it('refuses a run a fraud check flagged (its workflow said suspected fraud) as 409 flagged-record, with no Onfido write', async () => {
    const res = await fetch(`${upstream}/onfido/v3.6/workflow_runs?status=declined`, {
      headers: { authorization: 'Token token=onfido_demo_actions_oracle' },
    })
    const flagged = ((await res.json()) as (Run & { reasons: string[] })[]).find((run) => run.reasons.includes('document_suspected_fraud'))
    expect(flagged, 'the demo has a declined run for suspected fraud').toBeTruthy()
    const relay = onfidoRelay()
    const refused = await post(relay, linkPath(flagged!.id), {})
    expect(refused.status).toBe(409)
    const problem = await problemOf(refused)
    expect(problem.code).toBe('flagged-record')
    expect(problem.detail).toContain('document_suspected_fraud')
    expect(await posts(relay)).toEqual([])
  })

  it('refuses a bad run ID or body with a 400 naming the member, and no Onfido call', async () => {
    const relay = onfidoRelay()
    const { id } = await runIn('declined')
    const refusals = [
      await post(relay, linkPath('not-a-uuid'), {}),
      await post(relay, linkPath(id), { link: { expires_at: '2001-01-01T00:00:00Z' } }),
      await post(relay, linkPath(id), { link: { url: 'https://evil.example/' } }),
      await post(relay, linkPath(id), { applicant_id: id }),
    ]
    expect(refusals.map((res) => res.status)).toEqual([400, 400, 400, 400])
    expect((await Promise.all(refusals.slice(1).map(problemOf))).map((p) => p.parameter)).toEqual([
      'link.expires_at',
      'link.url',
      'applicant_id',
    ])
    expect((await relay.upstreamCalls()).onfido).toBe(0)
  })

  it.each(['approved', 'processing', 'review'])(
    'refuses a run that is %s (a new run would not help): a 400 and no new run',
    async (status) => {
      const relay = onfidoRelay()
      const run = await runIn(status)
      const res = await post(relay, linkPath(run.id), {})
      expect(res.status).toBe(400)
      expect((await problemOf(res)).detail).toContain(`This run is ${status}`)
      expect(await posts(relay)).toEqual([])
    },
  )

  it("is refused where a requester match is required (the default) until the requester matches the run's applicant", async () => {
    const relay = actionRelay({ ACTIONS: 'onfido-link' })
    const id = ONFIDO_STORY.declinedRunId
    const refused = await post(relay, linkPath(id), {})
    expect(refused.status).toBe(403)
    const problem = await problemOf(refused)
    expect(problem.code).toBe('requester-not-confirmed')
    expect(problem.detail).toMatch(/POST \/v1\/requester-check/)
    const check = (value: string) => post(relay, '/v1/requester-check', { id, field: 'email', value })
    expect(((await (await check('someone.else@example.com')).json()) as RequesterCheckResponse).data.result).toBe('no-match')
    expect((await post(relay, linkPath(id), {})).status).toBe(403)
    expect(await posts(relay)).toEqual([])
    expect(((await (await check(' Dana.Customer@Example.com')).json()) as RequesterCheckResponse).data.result).toBe('match')
    const made = await post(relay, linkPath(id), {})
    expect(made.status).toBe(200)
    expect(((await made.json()) as NewLink).workflow_run.applicant_id).toBe(ONFIDO_STORY.applicantId)
    expect(await posts(relay)).toHaveLength(1)
  })

  it("takes a match on any of the applicant's runs, for the agent who checked only", async () => {
    const relay = actionRelay({ ACTIONS: 'onfido-link' })
    const check = await post(relay, '/v1/requester-check', { id: ONFIDO_STORY.waitingRunId, field: 'name', value: 'customer dana' })
    expect(((await check.json()) as RequesterCheckResponse).data.result).toBe('match')
    expect((await post(relay, linkPath(ONFIDO_STORY.declinedRunId), {})).status).toBe(200)
    const other = await post(relay, linkPath(ONFIDO_STORY.declinedRunId), {}, { token: OTHER_TOKEN })
    expect((await problemOf(other)).code).toBe('requester-not-confirmed')
    const stranger = await runIn('declined')
    expect((await problemOf(await post(relay, linkPath(stranger.id), {}))).code).toBe('requester-not-confirmed')
    expect(await posts(relay)).toHaveLength(1)
  })
})

describe('an Onfido new link', () => {
  it('is a new run for the same applicant and workflow, its link and expiry in the answer, the run allowlisted', async () => {
    const relay = onfidoRelay()
    const asked = await runIn('declined', 1)
    const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString()
    const res = await post(relay, linkPath(asked.id), { link: { expires_at: expiresAt } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const answer = (await res.json()) as NewLink
    expect(answer.link).toEqual({ url: expect.stringMatching(/^https:\/\/eu\.onfido\.app\/l\/\w{22}$/), expires_at: expiresAt })
    expect(answer.workflow_run).toMatchObject({
      applicant_id: asked.applicant_id,
      workflow_id: asked.workflow_id,
      status: 'awaiting_input',
    })
    expect(answer.workflow_run.id).not.toBe(asked.id)
    for (const never of ['sdk_token', 'output', 'url']) expect(JSON.stringify(answer.workflow_run)).not.toContain(`"${never}"`)
    const [sent] = await posts(relay)
    expect(sent).toMatchObject({ path: '/v3.6/workflow_runs' })
    // The new run is Onfido's now: the applicant's history shows it.
    const history = await relay.get(`/v1/history?reference-id=${asked.applicant_id}`)
    expect(await history.text()).toContain(answer.workflow_run.id)
  })

  it('expires in a day when no expiry is asked for', async () => {
    const relay = onfidoRelay()
    const before = Date.now()
    const answer = (await (await post(relay, linkPath((await runIn('abandoned')).id), {})).json()) as NewLink
    const expires = Date.parse(answer.link.expires_at!)
    expect(expires - before).toBeGreaterThanOrEqual(86_400_000 - 1000)
    expect(expires - Date.now()).toBeLessThanOrEqual(86_400_000)
  })

  it('is bounded per applicant a day, across its runs; a retry with the same Idempotency-Key is counted once', async () => {
    const relay = onfidoRelay()
    const story = ONFIDO_STORY.declinedRunId
    const key = { headers: { 'idempotency-key': 'click-1' } }
    expect((await post(relay, linkPath(story), {}, key)).status).toBe(200)
    expect((await post(relay, linkPath(story), {}, key)).status).toBe(409)
    // The applicant's other run shares the bound.
    for (let n = 1; n < ONFIDO_LINKS_PER_APPLICANT_PER_DAY; n++)
      expect((await post(relay, linkPath(ONFIDO_STORY.waitingRunId), {})).status).toBe(200)
    const refused = await post(relay, linkPath(story), {})
    expect(refused.status).toBe(429)
    expect((await problemOf(refused)).detail).toMatch(/This applicant has had as many new links as a day allows/)
    const sent = (await posts(relay)).map((r) => r.headers['idempotency-key'])
    expect(sent).toHaveLength(ONFIDO_LINKS_PER_APPLICANT_PER_DAY)
    // Onfido documents no key: none is sent.
    expect(sent.filter((k) => k !== undefined)).toEqual([])
  })

  it("passes on no link from an answer about another applicant, and gives the day's count back", async () => {
    const relay = onfidoRelay()
    const asked = await runIn('abandoned', 1)
    const other = await runIn('abandoned', 2)
    // Onfido's run read answered truly, then a new run for someone else.
    const read = await (
      await fetch(`${upstream}/onfido/v3.6/workflow_runs/${asked.id}`, {
        headers: { authorization: 'Token token=onfido_demo_actions_oracle' },
      })
    ).json()
    await relay.fault({ provider: 'onfido', fault: 'invalid', body: read, times: 1 })
    await relay.fault({
      provider: 'onfido',
      fault: 'invalid',
      body: { ...(read as object), id: crypto.randomUUID(), applicant_id: other.applicant_id },
      times: 1,
    })
    const res = await post(relay, linkPath(asked.id), {})
    expect(res.status).toBe(502)
    expect(JSON.stringify(await problemOf(res))).not.toMatch(/onfido\.app/)
    for (let n = 0; n < ONFIDO_LINKS_PER_APPLICANT_PER_DAY; n++) expect((await post(relay, linkPath(asked.id), {})).status).toBe(200)
  })
})

describe('a keyed retry of an Onfido new link (Onfido takes no Idempotency-Key)', () => {
  it('makes one run: the repeat is a 409 already-made with the time, no Onfido write, and one audit row', async () => {
    const relay = onfidoRelay()
    const { clock } = await gateClock(relay, 'onfido')
    const { id } = await runIn('abandoned', 3)
    const key = { headers: { 'idempotency-key': 'retried-click' } }
    expect((await post(relay, linkPath(id), {}, key)).status).toBe(200)
    const repeat = await post(relay, linkPath(id), {}, key)
    expect(repeat.status).toBe(409)
    const problem = (await problemOf(repeat)) as Record<string, unknown>
    expect(problem).toMatchObject({ code: 'already-made', provider: 'onfido', madeAt: new Date(clock.t).toISOString() })
    expect(JSON.stringify(problem)).not.toMatch(/onfido\.app|link\.url/)
    expect(await posts(relay)).toHaveLength(1)
    expect(await auditRowsOf(repeat)).toEqual([
      expect.objectContaining({
        route: '/v1/onfido/workflow_runs/:id/new-link',
        status: 409,
        outcome: 'refused',
        ids: JSON.stringify([id]),
      }),
    ])
    // Another agent's click with the same key, and a new key, are new clicks.
    expect((await post(relay, linkPath(id), {}, { ...key, token: LEAD_TOKEN })).status).toBe(200)
    expect((await post(relay, linkPath(id), {}, { headers: { 'idempotency-key': 'next-click' } })).status).toBe(200)
    expect(await posts(relay)).toHaveLength(3)
  })

  it('makes one run for two clicks with the same key at once: the second waits for the first and is already-made', async () => {
    const relay = onfidoRelay()
    const { id } = await runIn('abandoned', 6)
    const key = { headers: { 'idempotency-key': 'double-click' } }
    const statuses = (await Promise.all([post(relay, linkPath(id), {}, key), post(relay, linkPath(id), {}, key)])).map((res) => res.status)
    expect(statuses.sort()).toEqual([200, 409])
    expect(await posts(relay)).toHaveLength(1)
  })

  it("is remembered for 24 h: a repeat at the window's end makes a new run", async () => {
    const relay = onfidoRelay()
    const { clock } = await gateClock(relay, 'onfido')
    const { id } = await runIn('abandoned', 4)
    const key = { headers: { 'idempotency-key': 'day-old-click' } }
    expect((await post(relay, linkPath(id), {}, key)).status).toBe(200)
    clock.t += 24 * 3600_000 - 1
    expect((await post(relay, linkPath(id), {}, key)).status).toBe(409)
    clock.t += 1
    expect((await post(relay, linkPath(id), {}, key)).status).toBe(200)
    expect(await posts(relay)).toHaveLength(2)
  })

  it('is not remembered when Onfido failed or answered a run the relay would not pass on: the retry makes the run', async () => {
    const relay = onfidoRelay()
    const asked = await runIn('abandoned', 5)
    const read = await (
      await fetch(`${upstream}/onfido/v3.6/workflow_runs/${asked.id}`, {
        headers: { authorization: 'Token token=onfido_demo_actions_oracle' },
      })
    ).json()
    const key = { headers: { 'idempotency-key': 'failed-click' } }
    await relay.fault({ provider: 'onfido', fault: 'invalid', body: read, times: 1 })
    await relay.fault({ provider: 'onfido', fault: '500', times: 1 })
    expect((await post(relay, linkPath(asked.id), {}, key)).status).toBe(502)
    await relay.fault({ provider: 'onfido', fault: 'invalid', body: read, times: 1 })
    await relay.fault({
      provider: 'onfido',
      fault: 'invalid',
      body: { ...(read as object), id: crypto.randomUUID(), applicant_id: crypto.randomUUID() },
      times: 1,
    })
    expect((await post(relay, linkPath(asked.id), {}, key)).status).toBe(502)
    expect((await post(relay, linkPath(asked.id), {}, key)).status).toBe(200)
    expect((await post(relay, linkPath(asked.id), {}, key)).status).toBe(409)
  })
})

describe("an Onfido link is the customer's key", () => {
  it('is in the answer only: not in the audit, a log line, the cache or a later read (a sentinel link)', async () => {
    const relay = onfidoRelay()
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    const asked = await runIn('error')
    const SENTINEL = 'https://eu.onfido.app/l/SentinelLinkNeverKept42'
    const read = (await (
      await fetch(`${upstream}/onfido/v3.6/workflow_runs/${asked.id}`, {
        headers: { authorization: 'Token token=onfido_demo_actions_oracle' },
      })
    ).json()) as Record<string, unknown>
    // Onfido's read of the run, then its new run: both carry the sentinel as the customer's link.
    const made = { ...read, id: crypto.randomUUID(), status: 'awaiting_input', link: { ...(read['link'] as object), url: SENTINEL } }
    await relay.fault({
      provider: 'onfido',
      fault: 'invalid',
      body: { ...read, link: { ...(read['link'] as object), url: SENTINEL } },
      times: 1,
    })
    await relay.fault({ provider: 'onfido', fault: 'invalid', body: made, status: 201, times: 1 })
    const res = await post(relay, linkPath(asked.id), {})
    expect(res.status).toBe(200)
    expect(((await res.json()) as NewLink).link.url).toBe(SENTINEL)
    const rows = await auditRowsOf(res)
    expect(rows).toEqual([
      expect.objectContaining({
        agent: 'act',
        route: '/v1/onfido/workflow_runs/:id/new-link',
        vendor: 'onfido',
        ids: JSON.stringify([asked.id]),
        status: 200,
      }),
    ])
    expect(JSON.stringify((await db.prepare('SELECT * FROM audit').all()).results)).not.toContain('SentinelLinkNeverKept42')
    const audit = await relay.get(`/v1/admin/audit?id=${asked.id}`, { headers: { authorization: `Bearer ${LEAD_TOKEN}` } })
    expect(audit.status).toBe(200)
    expect(await audit.text()).not.toContain('SentinelLinkNeverKept42')
    const later = [
      await relay.get(`/v1/onfido/workflow_runs/${made.id as string}`),
      await relay.get(`/v1/lookup?ids=${made.id as string}`),
      await relay.get(`/v1/history?reference-id=${asked.applicant_id}`),
    ]
    for (const reply of later) expect(await reply.text()).not.toContain('SentinelLinkNeverKept42')
    const memory = (
      cacheFor(parseConfig(relay.env as Bindings, VENDORS)).store.memory as unknown as { entries: Map<string, { body: string }> }
    ).entries
    expect(memory.size).toBeGreaterThan(0)
    for (const entry of memory.values()) expect(entry.body).not.toContain('SentinelLinkNeverKept42')
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.join('\n')).not.toContain('SentinelLinkNeverKept42')
  })
})
