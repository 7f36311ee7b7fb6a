/**
 * What an agent action does besides its answer (issue 49, item 5): the next read shows the change (the
 * object, its lists and its lookup summary are not served from before), the call is spent from the vendor
 * gate's budget, the write-scoped key is the one used, and a body the relay cannot vouch for is a 400
 * that reaches no vendor.
 */
import { describe, expect, it } from 'vitest'
import type { LookupResponse, PersonaCase, PersonaInquiry, PersonaList, PersonaSingle } from '@idv-lens/shared/api'
import { problemOf } from './helpers.ts'
import { ACTOR_TOKEN, INQ, actionRelay, namedElsewhere, post, upstream } from './action-helpers.ts'

const tagsOf = (body: PersonaSingle<PersonaInquiry>) => body.data.attributes.tags as string[]

/** A seeded inquiry with a case whose lookup summary shows that case, named by no other test. */
async function inquiryWithCase(): Promise<{ inquiry: string; caseId: string; status: string }> {
  const skip = await namedElsewhere()
  const key = { authorization: 'Bearer persona_demo_actions_oracle' }
  const cases = (await (
    await fetch(`${upstream}/persona/api/v1/cases?page%5Bsize%5D=100`, { headers: key })
  ).json()) as PersonaList<PersonaCase>
  const inquiryOf = (c: (typeof cases.data)[number]) =>
    (c.relationships as unknown as { inquiries: { data: { id: string }[] } }).inquiries.data[0]?.id ?? ''
  const inquiries = new Map<string, number>()
  for (const c of cases.data) inquiries.set(inquiryOf(c), (inquiries.get(inquiryOf(c)) ?? 0) + 1)
  const found = cases.data
    .filter((c) => !skip.has(c.id) && !skip.has(inquiryOf(c)) && inquiries.get(inquiryOf(c)) === 1 && c.attributes['resolved-at'] === null)
    .at(-2)!
  const inquiry = inquiryOf(found)
  return { inquiry, caseId: found.id, status: found.attributes.status as string }
}

describe('after an action the relay serves the new truth', () => {
  it('shows a tag on the next read of the inquiry and of its list, without a forced refresh', async () => {
    const relay = actionRelay()
    const tag = `t-${crypto.randomUUID().slice(0, 8)}`
    const detail = `/v1/persona/inquiries/${INQ}`
    const list = `/v1/persona/inquiries?filter%5Binquiry-id%5D=${INQ}`
    expect(tagsOf((await (await relay.get(detail)).json()) as PersonaSingle<PersonaInquiry>)).not.toContain(tag)
    await relay.get(list)
    expect((await relay.get(detail)).headers.get('cache-status')).toMatch(/hit/)
    const added = await post(relay, `${detail}/add-tag`, { meta: { 'tag-name': tag } })
    expect(added.status).toBe(200)
    expect(tagsOf((await added.json()) as PersonaSingle<PersonaInquiry>)).toContain(tag)
    expect(tagsOf((await (await relay.get(detail)).json()) as PersonaSingle<PersonaInquiry>)).toContain(tag)
    const listed = (await (await relay.get(list)).json()) as PersonaList<PersonaInquiry>
    expect(listed.data[0]!.attributes.tags).toContain(tag)
    const removed = await post(relay, `${detail}/remove-tag`, { meta: { 'tag-name': tag } })
    expect(tagsOf((await removed.json()) as PersonaSingle<PersonaInquiry>)).not.toContain(tag)
    expect(tagsOf((await (await relay.get(detail)).json()) as PersonaSingle<PersonaInquiry>)).not.toContain(tag)
  })

  it("shows a case's new status in the next lookup of its inquiry, and its assignee on the next read", async () => {
    const relay = actionRelay()
    const { inquiry, caseId, status } = await inquiryWithCase()
    const next = status === 'Pending' ? 'Open' : 'Pending'
    const lookup = async () =>
      ((await (await relay.get(`/v1/lookup?ids=${inquiry}`)).json()) as LookupResponse).data[0] as { case?: { status: string } | null }
    const before = await lookup()
    expect(before.case?.status).toBe(status)
    const set = await post(relay, `/v1/persona/cases/${caseId}/set-status`, { meta: { status: next } })
    expect(set.status).toBe(200)
    expect(((await set.json()) as PersonaSingle<PersonaCase>).data.attributes.status).toBe(next)
    expect((await lookup()).case?.status).toBe(next)
    await relay.get(`/v1/persona/cases/${caseId}`)
    const assigned = await post(relay, `/v1/persona/cases/${caseId}/assign`, {
      meta: { 'user-email-address': 'omar.compliance@acme.example' },
    })
    expect(assigned.status).toBe(200)
    const read = (await (await relay.get(`/v1/persona/cases/${caseId}`)).json()) as PersonaSingle<PersonaCase>
    expect(read.data.attributes['assignee-id']).toBe('omar.compliance@acme.example')
    // Never a case's fields or attachments: the answer is allowlisted as the reads are.
    expect(JSON.stringify(read)).not.toMatch(/"fields"|attachments/)
  })
})

describe('actions and the budget, the keys, the bodies', () => {
  it("counts each action in the vendor gate's budget", async () => {
    const relay = actionRelay()
    const used = async () =>
      ((await (await relay.get('/v1/status')).json()) as { vendors: { persona: { callsInWindow: number } } }).vendors.persona.callsInWindow
    const before = await used()
    expect((await post(relay, `/v1/persona/inquiries/${INQ}/add-tag`, { meta: { 'tag-name': 'budget' } })).status).toBe(200)
    expect((await post(relay, `/v1/persona/inquiries/${INQ}/remove-tag`, { meta: { 'tag-name': 'budget' } })).status).toBe(200)
    expect(await used()).toBe(before + 2)
  })

  it('refuses an action when the budget is spent, before the vendor', async () => {
    const relay = actionRelay({ PERSONA_BUDGET_PER_MINUTE: '1', AGENT_SHARE: '1' })
    expect((await relay.get(`/v1/persona/inquiries/${INQ}`, { headers: { authorization: `Bearer ${ACTOR_TOKEN}` } })).status).toBe(200)
    const calls = (await relay.upstreamCalls()).persona
    const res = await post(relay, `/v1/persona/inquiries/${INQ}/add-tag`, { meta: { 'tag-name': 'over' } })
    expect(res.status).toBe(429)
    expect((await problemOf(res)).code).toBe('budget-exhausted')
    expect((await relay.upstreamCalls()).persona).toBe(calls)
  })

  it('writes with PERSONA_ACTIONS_API_KEY when it is set, and reads with PERSONA_API_KEY', async () => {
    const base = actionRelay()
    const writeKey = `${base.keys.persona}_write`
    const relay = actionRelay({
      PERSONA_API_KEY: base.keys.persona,
      PERSONA_ACTIONS_API_KEY: writeKey,
      PERSONA_ENVIRONMENT: base.env.PERSONA_ENVIRONMENT,
    })
    expect((await post(relay, `/v1/persona/inquiries/${INQ}/add-tag`, { meta: { 'tag-name': 'scoped' } })).status).toBe(200)
    await relay.get(`/v1/persona/cases?filter%5Binquiry-id%5D=${INQ}`)
    const writes = (await (await fetch(`${upstream}/__demo/stats?scope=${writeKey}`)).json()) as {
      requests: { method: string; path: string }[]
    }
    expect(writes.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/v1/inquiries/${INQ}/add-tag`])
    expect((await base.upstreamCalls()).requests.map((r) => r.method)).toEqual(['GET'])
    await post(relay, `/v1/persona/inquiries/${INQ}/remove-tag`, { meta: { 'tag-name': 'scoped' } })
  })

  it.each([
    [
      'expires-in-seconds below a minute',
      `/v1/persona/inquiries/${INQ}/generate-one-time-link`,
      { meta: { 'expires-in-seconds': 5 } },
      'meta.expires-in-seconds',
    ],
    [
      'expires-in-seconds above a week',
      `/v1/persona/inquiries/${INQ}/generate-one-time-link`,
      { meta: { 'expires-in-seconds': 8 * 86400 } },
      'meta.expires-in-seconds',
    ],
    ['another member', `/v1/persona/inquiries/${INQ}/generate-one-time-link`, { meta: { 'session-token': 'x' } }, 'meta.session-token'],
    ['no tag-name', `/v1/persona/inquiries/${INQ}/add-tag`, { meta: {} }, 'meta.tag-name'],
    ['a tag-id instead', `/v1/persona/inquiries/${INQ}/remove-tag`, { meta: { 'tag-id': 'tag_1' } }, 'meta.tag-name'],
    ['a tag with a control character', `/v1/persona/inquiries/${INQ}/add-tag`, { meta: { 'tag-name': 'a\u0000b' } }, 'meta.tag-name'],
    [
      'an unknown status',
      '/v1/persona/cases/case_Qd5R3f1kFh3b9zDkZ3yCkRp7/set-status',
      { meta: { status: 'Escalated to the moon' } },
      'meta.status',
    ],
    [
      'no email',
      '/v1/persona/cases/case_Qd5R3f1kFh3b9zDkZ3yCkRp7/assign',
      { meta: { 'user-email-address': 'not an email' } },
      'meta.user-email-address',
    ],
    ['an agent whose name is no email', '/v1/persona/cases/case_Qd5R3f1kFh3b9zDkZ3yCkRp7/assign', {}, 'meta.user-email-address'],
    ['a bad ID', '/v1/persona/inquiries/inq_nope/add-tag', { meta: { 'tag-name': 'x' } }, 'id'],
  ])('refuses %s with a 400 naming it, before any vendor call', async (_why, path, body, parameter) => {
    const relay = actionRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const res = await post(relay, path, body)
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ code: 'bad-request', parameter })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('refuses malformed JSON and a bad Idempotency-Key with a 400', async () => {
    const relay = actionRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    expect((await post(relay, `/v1/persona/inquiries/${INQ}/add-tag`, undefined, { raw: '{"meta":' })).status).toBe(400)
    const badKey = await post(
      relay,
      `/v1/persona/inquiries/${INQ}/generate-one-time-link`,
      {},
      { headers: { 'idempotency-key': 'x'.repeat(300) } },
    )
    expect(await problemOf(badKey)).toMatchObject({ code: 'bad-request', parameter: 'idempotency-key' })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })
})
