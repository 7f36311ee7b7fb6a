/**
 * A one-time link's bookkeeping (issue 55, item 3): the day's count given back whenever Persona made no
 * link, an Idempotency-Key that replays only its own agent's answer for its own inquiry, and Persona's
 * answer passed on only when it is about the inquiry asked. Through the real app in workerd, against
 * the demo upstream's faults.
 */
import { describe, expect, it } from 'vitest'
import type { OneTimeLinkResponse } from '@idv-lens/shared/api'
import { OTHER_TOKEN, problemOf } from './helpers.ts'
import { actionRelay, auditRowsOf, createdInquiry, post, upstream } from './action-helpers.ts'
import { LINKS_PER_INQUIRY_PER_DAY } from '../src/vendors/persona/action-list.ts'

const linkPath = (id: string) => `/v1/persona/inquiries/${id}/generate-one-time-link`
const noMatchNeeded = { LINK_REQUIRES_REQUESTER_MATCH: 'false' }

/** Persona's documented answer to generate-one-time-link, but about inquiry `other` (read from the demo itself). */
async function answerAbout(other: string): Promise<unknown> {
  const res = await fetch(`${upstream}/persona/api/v1/inquiries/${other}`, {
    headers: { authorization: 'Bearer persona_demo_actions_oracle' },
  })
  const { data } = (await res.json()) as { data: unknown }
  return {
    data,
    meta: { 'one-time-link': 'https://withpersona.com/verify?code=someoneelse', 'one-time-link-short': 'https://perso.na/someoneelse' },
  }
}

describe("the day's link count", () => {
  it('is given back whenever no link was made: a 500, a hang, a bad body, no link, an answer about another inquiry', async () => {
    // The hang ends at the timeout: a short one keeps the test short, and 4 s is still more than any
    // other call here takes on a machine running two suites (each must answer, not time out).
    const relay = actionRelay({ ...noMatchNeeded, UPSTREAM_TIMEOUT_MS: '4000' })
    const id = await createdInquiry(-4)
    await relay.fault({ provider: 'persona', method: 'POST', fault: '500', times: 2 })
    await relay.fault({ provider: 'persona', method: 'POST', fault: 'hang', times: 1 })
    await relay.fault({ provider: 'persona', method: 'POST', fault: 'malformed', times: 1 })
    await relay.fault({
      provider: 'persona',
      method: 'POST',
      fault: 'invalid',
      body: { ...((await answerAbout(id)) as object), meta: {} },
      times: 1,
    })
    await relay.fault({
      provider: 'persona',
      method: 'POST',
      fault: 'invalid',
      body: await answerAbout(await createdInquiry(-7)),
      times: 1,
    })
    const failed = []
    for (let n = 0; n < 6; n++) failed.push(await post(relay, linkPath(id), {}, { headers: { 'idempotency-key': `fail-${n}` } }))
    expect(failed.map((res) => res.status)).toEqual([502, 502, 504, 502, 502, 502])
    for (const res of failed) expect(JSON.stringify(await problemOf(res))).not.toMatch(/https?:\/\//)
    // Six failures and still the whole day's links, then the bound as before.
    for (let n = 0; n < LINKS_PER_INQUIRY_PER_DAY; n++)
      expect((await post(relay, linkPath(id), {}, { headers: { 'idempotency-key': `ok-${n}` } })).status).toBe(200)
    expect((await problemOf(await post(relay, linkPath(id), {}))).code).toBe('rate-limited')
    // Writes only: each attempt first reads the inquiry's checks (a flagged one gets no link).
    expect((await relay.upstreamCalls()).requests.filter((r) => r.provider === 'persona' && r.method === 'POST')).toHaveLength(
      6 + LINKS_PER_INQUIRY_PER_DAY,
    )
  })

  it('is not given back by a failed retry of a key whose first try made a link', async () => {
    const relay = actionRelay(noMatchNeeded)
    const id = await createdInquiry(-5)
    const click = { headers: { 'idempotency-key': 'made-then-failed' } }
    expect((await post(relay, linkPath(id), {}, click)).status).toBe(200)
    await relay.fault({ provider: 'persona', method: 'POST', fault: '500', times: 1 })
    expect((await post(relay, linkPath(id), {}, click)).status).toBe(502)
    for (let n = 1; n < LINKS_PER_INQUIRY_PER_DAY; n++) expect((await post(relay, linkPath(id), {})).status).toBe(200)
    expect((await problemOf(await post(relay, linkPath(id), {}))).code).toBe('rate-limited')
  })
})

describe('an Idempotency-Key', () => {
  it("replays only its own agent's answer for its own inquiry", async () => {
    const relay = actionRelay(noMatchNeeded)
    const [id, otherId] = [await createdInquiry(-6), await createdInquiry(-8)]
    const key = { 'idempotency-key': 'alice-click-1' }
    const link = async (path: string, token?: string) => {
      const res = await post(relay, path, {}, { headers: key, token })
      expect(res.status).toBe(200)
      return ((await res.json()) as OneTimeLinkResponse).meta['one-time-link']
    }
    const alice = await link(linkPath(id))
    expect(await link(linkPath(id))).toBe(alice)
    const bob = await link(linkPath(id), OTHER_TOKEN)
    expect(bob).not.toBe(alice)
    expect(await link(linkPath(otherId))).not.toBe(alice)
    const sent = (await relay.upstreamCalls()).requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key'])
    expect(new Set(sent).size).toBe(3)
    expect(sent).not.toContain(key['idempotency-key'])
  })
})

describe("Persona's answer", () => {
  it('about another inquiry is a 502 upstream-invalid with no link, and the link is not counted', async () => {
    const relay = actionRelay(noMatchNeeded)
    const [id, other] = [await createdInquiry(-9), await createdInquiry(-10)]
    await relay.fault({ provider: 'persona', method: 'POST', fault: 'invalid', body: await answerAbout(other), times: 1 })
    const res = await post(relay, linkPath(id), {})
    expect(res.status).toBe(502)
    const text = await res.clone().text()
    expect(text).not.toContain('someoneelse')
    expect(text).not.toContain(other)
    expect(await problemOf(res)).toMatchObject({ code: 'upstream-invalid', provider: 'persona' })
    expect((await auditRowsOf(res))[0]).toMatchObject({ status: 502, ids: JSON.stringify([id]) })
    const made = (await (await post(relay, linkPath(id), {})).json()) as OneTimeLinkResponse<{ id: string }>
    expect(made.data.id).toBe(id)
  })
})
