/**
 * The flagged record's escalation (issue 75): off until FLAGGED_ESCALATION says what it does and ACTIONS
 * names it, actors only, refused for an inquiry no fraud check flagged, audited under its own route. It
 * adds the admin's tag at Persona, whatever the agent sends.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MeResponse } from '@idv-lens/shared/api'
import { ADMIN_TOKEN, AGENT_TOKEN, problemOf } from './helpers.ts'
import {
  ACTOR_TOKEN,
  EVERY_ACTION,
  LEAD_TOKEN,
  actionRelay,
  auditRowsOf,
  createdInquiry,
  namedElsewhere,
  post,
  upstream,
} from './action-helpers.ts'

const ON = {
  ACTIONS: `${EVERY_ACTION},flagged-escalation`,
  FLAGGED_ESCALATION: 'tag:fraud-review',
  FLAGGED_CONTACT: 'Tell the fraud team in #fraud-review.',
}
const ORACLE = { authorization: 'Bearer persona_demo_flagged_escalation_oracle' }
/** Checks that point at fraud or another person, named here rather than read from the tables under test. */
const SUSPICION = new Set([
  'selfie_suspicious_entity_detection',
  'selfie_public_figure_detection',
  'selfie_repeat_detection',
  'id_compromised_detection',
  'id_fabrication_detection',
  'id_tamper_detection',
  'id_repeat_detection',
])
const escalate = (id: string) => `/v1/persona/inquiries/${id}/escalate`
const writesOf = async (relay: ReturnType<typeof actionRelay>) =>
  (await relay.upstreamCalls()).requests.filter((r) => r.method !== 'GET').length

type Inquiry = {
  data: { attributes: { tags: string[] } }
  included?: { type: string; attributes: { checks?: { name: string; status: string }[] } }[]
}
const inquiryOf = async (id: string) =>
  (await (await fetch(`${upstream}/persona/api/v1/inquiries/${id}?include=verifications`, { headers: ORACLE })).json()) as Inquiry

type Case = { id: string; attributes: { 'assignee-id': string | null } }
const casesOf = async (id: string) =>
  ((await (await fetch(`${upstream}/persona/api/v1/cases?filter%5Binquiry-id%5D=${id}`, { headers: ORACLE })).json()) as { data: Case[] })
    .data

/** A failed demo inquiry with a suspicion among its failed checks, no tag yet, that no other test names (`also`: a further test). */
async function flaggedInquiry(also: (id: string) => Promise<boolean> = async () => true, fromEnd = true): Promise<string> {
  const list = (await (
    await fetch(`${upstream}/persona/api/v1/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers: ORACLE })
  ).json()) as { data: { id: string }[] }
  const taken = await namedElsewhere()
  for (const { id } of fromEnd ? list.data.toReversed() : list.data) {
    if (taken.has(id)) continue
    const body = await inquiryOf(id)
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => v.attributes.checks ?? [])
      .filter((c) => c.status === 'failed')
    if (failed.some((c) => SUSPICION.has(c.name)) && body.data.attributes.tags.length === 0 && (await also(id))) return id
  }
  throw new Error('the demo data has no such untagged failed inquiry a fraud check flagged')
}

describe('the flagged-escalation action', () => {
  it('is 403 action-disabled until ACTIONS names it, and while FLAGGED_ESCALATION is empty; /v1/me lists it only then', async () => {
    const id = await flaggedInquiry()
    for (const vars of [{ FLAGGED_ESCALATION: 'tag:fraud-review' }, { ACTIONS: ON.ACTIONS }]) {
      const relay = actionRelay(vars)
      const res = await post(relay, escalate(id), {})
      expect(res.status).toBe(403)
      expect((await problemOf(res)).code).toBe('action-disabled')
      expect((await relay.upstreamCalls()).total).toBe(0)
      expect((await auditRowsOf(res))[0]).toMatchObject({
        agent: 'act',
        outcome: 'refused',
        status: 403,
        route: '/v1/persona/inquiries/:id/escalate',
        ids: JSON.stringify([id]),
      })
      const me = (await (await relay.get('/v1/me', { headers: { authorization: `Bearer ${ACTOR_TOKEN}` } })).json()) as MeResponse
      expect(me.actions).not.toContain('flagged-escalation')
    }
    const health = (await (await actionRelay({ ACTIONS: ON.ACTIONS }).get('/healthz')).json()) as { problems?: { variable: string }[] }
    expect(JSON.stringify(health)).toContain('FLAGGED_ESCALATION')
  })

  it('is 403 forbidden for a reader and for an admin who is not an actor', async () => {
    const relay = actionRelay(ON)
    const id = await flaggedInquiry()
    for (const token of [AGENT_TOKEN, ADMIN_TOKEN]) {
      const res = await post(relay, escalate(id), {}, { token })
      expect((await problemOf(res)).code).toBe('forbidden')
      expect(await auditRowsOf(res)).toHaveLength(1)
    }
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('refuses an inquiry no fraud check flagged as 409 not-flagged, with no vendor write', async () => {
    const relay = actionRelay(ON)
    const id = await createdInquiry(-11)
    const res = await post(relay, escalate(id), {})
    expect(res.status).toBe(409)
    expect((await problemOf(res)).code).toBe('not-flagged')
    expect(await writesOf(relay)).toBe(0)
    expect((await auditRowsOf(res))[0]).toMatchObject({ outcome: 'refused', status: 409, ids: JSON.stringify([id]) })
    expect((await inquiryOf(id)).data.attributes.tags).not.toContain('fraud-review')
  })

  it('takes no input: a tag or assignee from the agent is 400, before any vendor call', async () => {
    const relay = actionRelay(ON)
    const res = await post(relay, escalate(await flaggedInquiry()), { meta: { 'tag-name': 'approved-by-agent' } })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).code).toBe('bad-request')
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it("adds the admin's tag to a flagged inquiry at Persona, audited under its own route", async () => {
    const relay = actionRelay(ON)
    const id = await flaggedInquiry()
    const me = (await (await relay.get('/v1/me', { headers: { authorization: `Bearer ${ACTOR_TOKEN}` } })).json()) as MeResponse
    expect(me).toMatchObject({
      actions: expect.arrayContaining(['flagged-escalation']),
      flagged: { tag: 'fraud-review', contact: ON.FLAGGED_CONTACT },
    })
    const res = await post(relay, escalate(id), {})
    expect(res.status).toBe(200)
    expect(((await res.json()) as Inquiry).data.attributes.tags).toEqual(['fraud-review'])
    expect((await inquiryOf(id)).data.attributes.tags).toEqual(['fraud-review'])
    const writes = (await relay.upstreamCalls()).requests.filter((r) => r.method === 'POST')
    expect(writes.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`/inquiries/${id}/add-tag$`))])
    expect((await auditRowsOf(res))[0]).toMatchObject({
      agent: 'act',
      outcome: 'served',
      status: 200,
      route: '/v1/persona/inquiries/:id/escalate',
      ids: JSON.stringify([id]),
    })
  })

  it('reports a FLAGGED_ESCALATION that is not tag:<name>', async () => {
    const health = await (await actionRelay({ ...ON, FLAGGED_ESCALATION: 'queue:fraud' }).get('/healthz')).text()
    expect(health).toContain('FLAGGED_ESCALATION')
  })
})

describe('the flagged-escalation action, FLAGGED_ESCALATION=assign:<name>=<email>', () => {
  const ASSIGNEE = 'kim.reviewer@acme.example'
  const QUEUE = 'Fraud review'
  const ASSIGN = { ...ON, FLAGGED_ESCALATION: `assign:${QUEUE}=${ASSIGNEE}` }
  const withCase = (has: boolean) => async (id: string) => (await casesOf(id)).length > 0 === has
  afterEach(() => void vi.restoreAllMocks())

  it("assigns a flagged inquiry's case to the admin's user at Persona; the audit names the queue, never the email", async () => {
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    const relay = actionRelay(ASSIGN)
    const me = (await (await relay.get('/v1/me', { headers: { authorization: `Bearer ${ACTOR_TOKEN}` } })).json()) as MeResponse
    expect(me).toMatchObject({ actions: expect.arrayContaining(['flagged-escalation']), flagged: { tag: null, assignee: QUEUE } })
    const id = await flaggedInquiry(withCase(true), false)
    const [found] = await casesOf(id)
    const res = await post(relay, escalate(id), {})
    expect(res.status).toBe(200)
    expect(((await res.json()) as { data: Case }).data).toMatchObject({ id: found!.id, attributes: { 'assignee-id': ASSIGNEE } })
    expect((await casesOf(id))[0]!.attributes['assignee-id']).toBe(ASSIGNEE)
    const writes = (await relay.upstreamCalls()).requests.filter((r) => r.method === 'POST')
    expect(writes.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`/cases/${found!.id}/assign$`))])
    expect((await inquiryOf(id)).data.attributes.tags).toEqual([])
    // The row's IDs are the records only; the assignee is the queue's name the admin set, in its own column.
    const [row] = (await auditRowsOf(res)) as (Awaited<ReturnType<typeof auditRowsOf>>[number] & { escalated_to: string | null })[]
    expect(row).toMatchObject({
      outcome: 'served',
      status: 200,
      route: '/v1/persona/inquiries/:id/escalate',
      ids: JSON.stringify([id, found!.id]),
      escalated_to: QUEUE,
    })
    expect(JSON.stringify(row)).not.toContain(ASSIGNEE)
    // Nor does the admin's page of the audit, its NDJSON and CSV export, or a log line hold it.
    const lead = { headers: { authorization: `Bearer ${LEAD_TOKEN}` } }
    const page = (await (await relay.get(`/v1/admin/audit?id=${id}`, lead)).json()) as {
      data: { route: string; ids: string[]; escalatedTo: string | null }[]
    }
    expect(page.data.find((r) => r.route === '/v1/persona/inquiries/:id/escalate')).toMatchObject({
      ids: [id, found!.id],
      escalatedTo: QUEUE,
    })
    for (const format of ['ndjson', 'csv']) {
      const exported = await (await relay.get(`/v1/admin/audit/export?format=${format}`, lead)).text()
      expect(exported).toContain(found!.id)
      expect(exported).toContain(QUEUE)
      expect(exported).not.toContain(ASSIGNEE)
    }
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.join('\n')).not.toContain(ASSIGNEE)
  })

  it('answers 409 no-case, saying to open one, with no vendor write, for a flagged inquiry with no case', async () => {
    const relay = actionRelay(ASSIGN)
    const id = await flaggedInquiry(withCase(false), false)
    const res = await post(relay, escalate(id), {})
    expect(res.status).toBe(409)
    const problem = await problemOf(res)
    expect(problem.code).toBe('no-case')
    expect(problem.detail).toMatch(/open one/)
    expect(await writesOf(relay)).toBe(0)
    expect((await auditRowsOf(res))[0]).toMatchObject({ outcome: 'refused', status: 409, ids: JSON.stringify([id]) })
  })

  it('refuses an inquiry no fraud check flagged as 409 not-flagged, with no vendor write', async () => {
    const relay = actionRelay(ASSIGN)
    const res = await post(relay, escalate(await createdInquiry(-12)), {})
    expect((await problemOf(res)).code).toBe('not-flagged')
    expect(await writesOf(relay)).toBe(0)
  })

  it('reports an assign: without a name and an email address (or with an email for a name), and keeps the action off', async () => {
    for (const value of ['assign:kim', `assign:${ASSIGNEE}`, `assign:${ASSIGNEE}=${ASSIGNEE}`, `assign:=${ASSIGNEE}`]) {
      const relay = actionRelay({ ...ON, FLAGGED_ESCALATION: value })
      expect(await (await relay.get('/healthz')).text()).toContain('FLAGGED_ESCALATION')
      expect((await post(relay, escalate(await flaggedInquiry()), {})).status).toBeGreaterThanOrEqual(400)
      expect((await relay.upstreamCalls()).total).toBe(0)
    }
  })
})
