import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LookupResponse, PersonaList } from '@idv-lens/shared/api'
import { ACTOR_TOKENS, EVERY_ACTION, post } from './action-helpers.ts'
import { liveRelay, personaEvent } from './live-helpers.ts'
import { AGENT_TOKEN, OTHER_TOKEN, type UpstreamRequestLog } from './helpers.ts'

/**
 * Settled lookup summaries (an end state: approved, declined, failed, expired, …) are kept past the
 * 30 s of a brief summary and the 60 s of an object, up to 10 minutes, until a webhook or an agent
 * action announces a change to what they name. Time moves by the test's hand (Date.now), never by waiting.
 */
afterEach(() => {
  vi.restoreAllMocks()
})

const lookup = async (relay: ReturnType<typeof liveRelay>, ids: string[]) => {
  const res = await relay.get(`/v1/lookup?ids=${ids.join(',')}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as LookupResponse
  expect(body.data.every((entry) => entry.found && entry.status === 'failed')).toBe(true)
  return body
}

/** The inquiries a run of Persona requests read, by the ID in their path or their `filter[inquiry-id]`. */
const inquiriesRead = (requests: UpstreamRequestLog[]) =>
  new Set(
    requests.flatMap((r) => {
      if (r.path.startsWith('/api/v1/inquiries/')) return [r.path.slice('/api/v1/inquiries/'.length)]
      return (r.query['filter[inquiry-id]'] ?? '').split(',').filter(Boolean)
    }),
  )

describe('a repeat lookup of settled inquiries', () => {
  it('costs no Persona call 33 s and 9 minutes later, and reads again only the records a webhook or an action said changed', async () => {
    // A summary whose sessions call timed out is not kept as complete: none may time out here, even on
    // a machine running two suites (at 1.5 s, 24 of them were read again).
    const relay = liveRelay({ AGENT_TOKENS: ACTOR_TOKENS, ACTIONS: EVERY_ACTION, UPSTREAM_TIMEOUT_MS: '10000' })
    const listed = (await (await relay.get('/v1/persona/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100')).json()) as PersonaList<{
      id: string
    }>
    const ids = listed.data.map((inq) => inq.id)
    expect(ids.length, 'the demo has 100 failed inquiries').toBe(100)
    await lookup(relay, ids)
    // Every summary was stored by now: ages below are counted from here, at least.
    const start = Date.now()
    const first = (await relay.upstreamCalls()).persona
    console.log(`100 failed inquiries: ${first} Persona calls for the first lookup`)

    const now = vi.spyOn(Date, 'now')
    now.mockReturnValue(start + 33_000)
    await lookup(relay, ids)
    const afterRepeat = (await relay.upstreamCalls()).persona
    console.log(`the same lookup 33 s later: ${afterRepeat - first} Persona calls`)
    expect(afterRepeat - first).toBeLessThanOrEqual(2)

    now.mockReturnValue(start + 9 * 60_000)
    await lookup(relay, ids)
    expect((await relay.upstreamCalls()).persona - afterRepeat).toBeLessThanOrEqual(2)

    // A webhook says one inquiry changed; an agent tags another: those two are read again, no other.
    const [byWebhook, byAction] = [ids[3]!, ids[42]!]
    expect((await relay.persona(personaEvent({ name: 'inquiry.failed', objectId: byWebhook, status: 'failed' }))).status).toBe(204)
    expect((await post(relay, `/v1/persona/inquiries/${byAction}/add-tag`, { meta: { 'tag-name': 'settled-test' } })).status).toBe(200)
    const before = (await relay.upstreamCalls()).requests.length
    now.mockReturnValue(start + 9 * 60_000 + 1000)
    await lookup(relay, ids)
    const reread = inquiriesRead((await relay.upstreamCalls()).requests.slice(before))
    expect([...reread].sort()).toEqual([byAction, byWebhook].sort())

    // Past 10 minutes, every summary is read again.
    const beforeExpiry = (await relay.upstreamCalls()).persona
    now.mockReturnValue(start + 10 * 60_000 + 1000)
    await lookup(relay, ids)
    expect((await relay.upstreamCalls()).persona - beforeExpiry).toBeGreaterThan(2)
  })
})

describe('a repeat lookup of undecided inquiries (needs review), with failed and declined ones', () => {
  it('costs at most 2 Persona calls when another agent repeats it 33 s later, reads again the one a webhook changed, and all past a minute', async () => {
    const relay = liveRelay({ AGENT_TOKENS: ACTOR_TOKENS, ACTIONS: EVERY_ACTION, UPSTREAM_TIMEOUT_MS: '10000' })
    const listOf = async (status: string) =>
      (
        (await (await relay.get(`/v1/persona/inquiries?filter%5Bstatus%5D=${status}&page%5Bsize%5D=100`)).json()) as PersonaList<{
          id: string
        }>
      ).data.map((inq) => inq.id)
    const review = await listOf('needs_review')
    const ids = [...review, ...(await listOf('declined')), ...(await listOf('failed'))].slice(0, 100)
    expect(review.length, 'the demo has inquiries in review past the 10 a batch reads the reason of').toBeGreaterThan(10)
    expect(ids).toHaveLength(100)
    const lookupAs = async (token: string) => {
      const res = await relay.get(`/v1/lookup?ids=${ids.join(',')}`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      const body = (await res.json()) as LookupResponse
      expect(body.data.every((entry) => entry.found)).toBe(true)
      return body
    }
    await lookupAs(AGENT_TOKEN)
    const start = Date.now()
    const first = (await relay.upstreamCalls()).persona
    console.log(`100 failed, declined or needs-review inquiries: ${first} Persona calls for the first lookup`)

    const now = vi.spyOn(Date, 'now')
    now.mockReturnValue(start + 33_000)
    await lookupAs(OTHER_TOKEN)
    const afterRepeat = (await relay.upstreamCalls()).persona
    console.log(`the same lookup by another agent 33 s later: ${afterRepeat - first} Persona calls`)
    expect(afterRepeat - first).toBeLessThanOrEqual(2)

    // A webhook says one inquiry in review changed (one summarized without its reason): that one is read again, no other.
    const changed = ids[Math.min(review.length, 100) - 1]!
    expect(
      (await relay.persona(personaEvent({ name: 'inquiry.marked-for-review', objectId: changed, status: 'needs_review' }))).status,
    ).toBe(204)
    const before = (await relay.upstreamCalls()).requests.length
    now.mockReturnValue(start + 34_000)
    await lookupAs(OTHER_TOKEN)
    expect([...inquiriesRead((await relay.upstreamCalls()).requests.slice(before))]).toEqual([changed])

    // Past a minute, the undecided ones are read again (the settled ones are still held).
    const beforeExpiry = (await relay.upstreamCalls()).persona
    now.mockReturnValue(start + 61_000)
    await lookupAs(AGENT_TOKEN)
    expect((await relay.upstreamCalls()).persona - beforeExpiry).toBeGreaterThan(2)
  })
})
