/**
 * The inquiry decisions (issue 75 item 6): approve, decline and mark-for-review, each off until ACTIONS
 * names it, for reviewers only, audited, refused 409 `wrong-state` from a status that rules it out with
 * no write sent, and the record's cached copies dropped. As MCP tools only where MCP_ACTIONS names them.
 */
import { describe, expect, it } from 'vitest'
import type { AgentRole, PersonaInquiry, PersonaSingle } from '@idv-lens/shared/api'
import type { Bindings } from '../src/bindings.ts'
import { parseConfig } from '../src/config/parse.ts'
import { actionToolsFor } from '../src/mcp/tools/actions.ts'
import { VENDORS } from '../src/vendors/index.ts'
import { decisionUpstreamBody } from '../src/vendors/persona/decision-body.ts'
import { decisionTools } from '../src/vendors/persona/decision-tools.ts'
import { AGENT_TOKEN, problemOf, testRelay } from './helpers.ts'
import { ACTOR_TOKEN, auditRowsOf, post, upstream } from './action-helpers.ts'

const REVIEWER_TOKEN = 'reviewer-token-0123456789abcdefghijklmn'
const TOKENS = `tester:${AGENT_TOKEN},act:${ACTOR_TOKEN}:actor,rev:${REVIEWER_TOKEN}:reviewer`
const DECISIONS = 'inquiry-approve,inquiry-decline,inquiry-review'
const relayWith = (actions = DECISIONS, more = {}) => testRelay({ AGENT_TOKENS: TOKENS, ACTIONS: actions, ...more })

/** A seeded inquiry in `status` by its place in the demo's list: each test its own, so no other test sees it change. */
async function inquiryIn(status: string, position: number): Promise<string> {
  const res = await fetch(`${upstream}/persona/api/v1/inquiries?page%5Bsize%5D=100&filter%5Bstatus%5D=${status}`, {
    headers: { authorization: 'Bearer persona_demo_actions_oracle' },
  })
  return ((await res.json()) as { data: { id: string }[] }).data.at(position)!.id
}
const writesOf = async (relay: ReturnType<typeof relayWith>) => (await relay.upstreamCalls()).requests.filter((r) => r.method !== 'GET')

const CASES = [
  {
    action: 'inquiry-approve',
    decision: 'approve',
    body: { meta: { comment: 'Documents checked by hand' } },
    to: 'approved',
    from: 'completed',
    at: -11,
  },
  { action: 'inquiry-decline', decision: 'decline', body: {}, to: 'declined', from: 'completed', at: -12 },
  { action: 'inquiry-review', decision: 'mark-for-review', body: undefined, to: 'needs_review', from: 'completed', at: -13 },
] as const

describe.each(CASES)('$decision', ({ action, decision, body, to, from, at }) => {
  it('is 403 action-disabled until ACTIONS names it, for a reviewer too, with no vendor call and one audit row', async () => {
    const relay = relayWith('tags')
    const id = await inquiryIn(from, at)
    const res = await post(relay, `/v1/persona/inquiries/${id}/${decision}`, body, { token: REVIEWER_TOKEN })
    expect(res.status).toBe(403)
    expect((await problemOf(res)).code).toBe('action-disabled')
    expect((await relay.upstreamCalls()).total).toBe(0)
    expect(await auditRowsOf(res)).toEqual([
      expect.objectContaining({ agent: 'rev', outcome: 'refused', status: 403, ids: JSON.stringify([id]) }),
    ])
  })

  it('is 403 forbidden for an actor and a reader: it needs the role reviewer', async () => {
    const relay = relayWith()
    const id = await inquiryIn(from, at)
    for (const token of [ACTOR_TOKEN, AGENT_TOKEN]) {
      const res = await post(relay, `/v1/persona/inquiries/${id}/${decision}`, body, { token })
      expect(res.status).toBe(403)
      expect((await problemOf(res)).detail).toContain('role reviewer')
      expect(await auditRowsOf(res)).toHaveLength(1)
    }
    expect((await relay.upstreamCalls()).total).toBe(0)
    const me = await (await relay.get('/v1/me', { headers: { authorization: `Bearer ${REVIEWER_TOKEN}` } })).json()
    expect(me).toMatchObject({ roles: ['reviewer'], actions: ['inquiry-approve', 'inquiry-decline', 'inquiry-review'] })
  })

  it('decides for a reviewer, audited, and a later read shows the new status (the cached copy dropped)', async () => {
    const relay = relayWith()
    const id = await inquiryIn(from, at)
    const read = async () =>
      ((await (await relay.get(`/v1/persona/inquiries/${id}`)).json()) as PersonaSingle<PersonaInquiry>).data.attributes?.status
    expect(await read()).toBe(from)
    const res = await post(relay, `/v1/persona/inquiries/${id}/${decision}`, body, { token: REVIEWER_TOKEN })
    expect(res.status).toBe(200)
    expect(((await res.json()) as PersonaSingle<PersonaInquiry>).data.attributes?.status).toBe(to)
    expect((await writesOf(relay)).map((r) => r.path)).toEqual([`/api/v1/inquiries/${id}/${decision}`])
    expect(await auditRowsOf(res)).toEqual([
      expect.objectContaining({
        agent: 'rev',
        outcome: 'served',
        status: 200,
        route: `/v1/persona/inquiries/:id/${decision}`,
        ids: JSON.stringify([id]),
      }),
    ])
    expect(await read()).toBe(to)
  })

  it('refuses a status that rules it out with 409 wrong-state, and sends no write', async () => {
    const relay = relayWith()
    const decided = await inquiryIn(to === 'approved' ? 'approved' : to === 'declined' ? 'declined' : 'approved', -1)
    const res = await post(relay, `/v1/persona/inquiries/${decided}/${decision}`, body, { token: REVIEWER_TOKEN })
    expect(res.status).toBe(409)
    expect((await problemOf(res)).code).toBe('wrong-state')
    expect(await writesOf(relay)).toEqual([])
    expect(await auditRowsOf(res)).toEqual([expect.objectContaining({ outcome: 'refused', status: 409 })])
  })

  it('is an MCP tool only where ACTIONS and MCP_ACTIONS name it, for a reviewer', () => {
    const tools = (mcp: string, roles: AgentRole[]) =>
      actionToolsFor(parseConfig({ ...(relayWith(DECISIONS, { MCP_ACTIONS: mcp }).env as Bindings) }, VENDORS), {
        name: 'x',
        roles,
        ai: true,
      })
    const name = {
      'inquiry-approve': 'approve_inquiry',
      'inquiry-decline': 'decline_inquiry',
      'inquiry-review': 'mark_inquiry_for_review',
    }[action]
    expect(tools('', ['ai', 'reviewer'])).toEqual([])
    expect(tools(action, ['ai', 'actor'])).toEqual([])
    expect(tools(action, ['ai', 'reviewer'])).toEqual([name])
    // The tool's request is the route's, with the body the spec check covers (demo-upstream/decision-requests.test.ts).
    const tool = { approve: decisionTools.approve, decline: decisionTools.decline, 'mark-for-review': decisionTools.review }[decision]
    expect(tool.request({ inquiry_id: 'inq_x', comment: 'c' })).toEqual({
      path: `inquiries/inq_x/${decision}`,
      body: decisionUpstreamBody(decision, 'c'),
      record: null,
    })
  })
})

describe('decision bodies', () => {
  it('takes only a comment on approve and decline, and no body on mark-for-review, before any vendor call', async () => {
    const relay = relayWith()
    const id = await inquiryIn('completed', -14)
    for (const [path, payload] of [
      ['approve', { meta: { comment: 'ok', note: 'x' } }],
      ['decline', { meta: { comment: '' } }],
      ['mark-for-review', { meta: { comment: 'x' } }],
    ] as const) {
      const res = await post(relay, `/v1/persona/inquiries/${id}/${path}`, payload, { token: REVIEWER_TOKEN })
      expect(res.status).toBe(400)
    }
    expect((await post(relay, '/v1/persona/inquiries/inq_nope/approve', {}, { token: REVIEWER_TOKEN })).status).toBe(400)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })
})
