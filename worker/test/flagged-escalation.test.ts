/**
 * The flagged record's escalation (issue 75): off until FLAGGED_ESCALATION says what it does and ACTIONS
 * names it, actors only, refused for an inquiry no fraud check flagged, audited under its own route. It
 * adds the admin's tag at Persona, whatever the agent sends.
 */
import { describe, expect, it } from 'vitest'
import type { MeResponse } from '@idv-lens/shared/api'
import { ADMIN_TOKEN, AGENT_TOKEN, problemOf } from './helpers.ts'
import { ACTOR_TOKEN, EVERY_ACTION, actionRelay, auditRowsOf, createdInquiry, namedElsewhere, post, upstream } from './action-helpers.ts'

const ON = { ACTIONS: `${EVERY_ACTION},flagged-escalation`, FLAGGED_ESCALATION: 'tag:fraud-review', FLAGGED_CONTACT: 'Tell the fraud team in #fraud-review.' }
const ORACLE = { authorization: 'Bearer persona_demo_flagged_escalation_oracle' }
/** Checks that point at fraud or another person, named here rather than read from the tables under test. */
const SUSPICION = new Set(['selfie_suspicious_entity_detection', 'selfie_public_figure_detection', 'selfie_repeat_detection', 'id_compromised_detection', 'id_fabrication_detection', 'id_tamper_detection', 'id_repeat_detection'])
const escalate = (id: string) => `/v1/persona/inquiries/${id}/escalate`
const writesOf = async (relay: ReturnType<typeof actionRelay>) => (await relay.upstreamCalls()).requests.filter((r) => r.method !== 'GET').length

type Inquiry = { data: { attributes: { tags: string[] } }; included?: { type: string; attributes: { checks?: { name: string; status: string }[] } }[] }
const inquiryOf = async (id: string) => (await (await fetch(`${upstream}/persona/api/v1/inquiries/${id}?include=verifications`, { headers: ORACLE })).json()) as Inquiry

/** A failed demo inquiry with a suspicion among its failed checks, no tag yet, that no other test names. */
async function flaggedInquiry(): Promise<string> {
  const list = (await (await fetch(`${upstream}/persona/api/v1/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers: ORACLE })).json()) as { data: { id: string }[] }
  const taken = await namedElsewhere()
  for (const { id } of list.data.toReversed()) {
    if (taken.has(id)) continue
    const body = await inquiryOf(id)
    const failed = (body.included ?? []).filter((i) => i.type.startsWith('verification/')).flatMap((v) => v.attributes.checks ?? []).filter((c) => c.status === 'failed')
    if (failed.some((c) => SUSPICION.has(c.name)) && body.data.attributes.tags.length === 0) return id
  }
  throw new Error('the demo data has no untagged failed inquiry a fraud check flagged')
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
      expect((await auditRowsOf(res))[0]).toMatchObject({ agent: 'act', outcome: 'refused', status: 403, route: '/v1/persona/inquiries/:id/escalate', ids: JSON.stringify([id]) })
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
    expect(me).toMatchObject({ actions: expect.arrayContaining(['flagged-escalation']), flagged: { tag: 'fraud-review', contact: ON.FLAGGED_CONTACT } })
    const res = await post(relay, escalate(id), {})
    expect(res.status).toBe(200)
    expect(((await res.json()) as Inquiry).data.attributes.tags).toEqual(['fraud-review'])
    expect((await inquiryOf(id)).data.attributes.tags).toEqual(['fraud-review'])
    const writes = (await relay.upstreamCalls()).requests.filter((r) => r.method === 'POST')
    expect(writes.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`/inquiries/${id}/add-tag$`))])
    expect((await auditRowsOf(res))[0]).toMatchObject({ agent: 'act', outcome: 'served', status: 200, route: '/v1/persona/inquiries/:id/escalate', ids: JSON.stringify([id]) })
  })

  it('reports a FLAGGED_ESCALATION that is not tag:<name>', async () => {
    const health = await (await actionRelay({ ...ON, FLAGGED_ESCALATION: 'queue:fraud' }).get('/healthz')).text()
    expect(health).toContain('FLAGGED_ESCALATION')
  })
})
