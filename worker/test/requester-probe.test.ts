import { createExecutionContext, env, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { RequesterCheckResponse } from '@idv-lens/shared/api'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { parseConfig } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import { ONFIDO_STORY } from '../demo-upstream/onfido-seed.ts'
import { STORY_IDS } from '../demo-upstream/app.ts'
import { ADMIN_TOKEN, AGENT_TOKEN, OTHER_TOKEN, expectContract, problemOf, testRelay, type TestRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const DAY_MS = 86_400_000

async function post(relay: TestRelay, body: unknown, token = AGENT_TOKEN): Promise<Response> {
  const ctx = createExecutionContext()
  const url = 'http://relay.test/v1/requester-check'
  const res = await app.fetch(
    new Request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    relay.env as Bindings,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  await expectContract('POST', url, res)
  return res
}

/** The relay's Persona gate, its clock one the test moves. */
async function personaGate(relay: TestRelay) {
  const gates = (env as unknown as { VENDOR_GATE: DurableObjectNamespace<VendorGate> }).VENDOR_GATE
  const stub = gates.get(gates.idFromName(await gateName(parseConfig(relay.env as Bindings, VENDORS), 'persona')))
  const clock = { t: Date.UTC(2026, 10, 26, 12, 0, 0), now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) }
  await runInDurableObject(stub, (gate) => {
    gate.clock = clock
  })
  return { stub, clock }
}

/** Wrong birthdates, one a day apart: what a guesser tries. */
const guess = (i: number) => new Date(Date.UTC(1950, 0, 1) + i * DAY_MS).toISOString().slice(0, 10)

describe('requester checks are no guessing oracle', () => {
  it('locks a record for everyone after a few no-matches, at no vendor call, until the day is over', async () => {
    const relay = testRelay({ PERSONA_ENVIRONMENT: crypto.randomUUID(), REQUESTER_NO_MATCHES_PER_RECORD: '3' })
    const { clock } = await personaGate(relay)
    for (let i = 0; i < 3; i++) {
      const res = await post(relay, { id: INQ, field: 'birthdate', value: guess(i) })
      expect(((await res.json()) as RequesterCheckResponse).data.result).toBe('no-match')
      clock.t += 61_000
    }
    const calls = (await relay.upstreamCalls()).total
    for (const token of [AGENT_TOKEN, OTHER_TOKEN]) {
      const refused = await post(relay, { id: INQ, field: 'birthdate', value: guess(9) }, token)
      expect(refused.status).toBe(403)
      const problem = await problemOf(refused)
      expect(problem.code).toBe('requester-check-locked')
      expect(problem.detail).toMatch(/locked after too many no-matches; it resets at 2026-11-27 12:00 UTC/)
    }
    expect((await relay.upstreamCalls()).total).toBe(calls)
    clock.t = Date.UTC(2026, 10, 27, 12, 0, 1)
    expect((await post(relay, { id: INQ, field: 'birthdate', value: guess(10) })).status).toBe(200)
  })

  it("bounds a record's checks a day across agents, matches included, and lifts the bound after 24 h", async () => {
    const relay = testRelay({
      PERSONA_ENVIRONMENT: crypto.randomUUID(),
      REQUESTER_CHECKS_PER_RECORD_PER_DAY: '4',
      REQUESTER_NO_MATCHES_PER_RECORD: '100',
    })
    const { clock } = await personaGate(relay)
    const tokens = [AGENT_TOKEN, OTHER_TOKEN, ADMIN_TOKEN, AGENT_TOKEN]
    for (const token of tokens) {
      expect((await post(relay, { id: INQ, field: 'email', value: 'someone@example.com' }, token)).status).toBe(200)
      clock.t += 3_600_000
    }
    const refused = await post(relay, { id: INQ, field: 'email', value: 'someone@example.com' }, OTHER_TOKEN)
    expect(refused.status).toBe(429)
    const problem = await problemOf(refused)
    expect(problem.code).toBe('requester-check-limited')
    expect(problem.detail).toMatch(/This record's requester checks for the day are used up/)
    // The first check leaves the rolling day 20 h from now.
    expect(problem.retryAfter).toBe(20 * 3600)
    clock.t += 20 * 3_600_000 + 1
    expect((await post(relay, { id: INQ, field: 'email', value: 'someone@example.com' })).status).toBe(200)
  })

  it("bounds an Onfido applicant's checks across its runs: another run of the person is no fresh start", async () => {
    const relay = testRelay({
      ONFIDO_ENVIRONMENT: crypto.randomUUID(),
      DEEPIDV_ENVIRONMENT: crypto.randomUUID(),
      REQUESTER_NO_MATCHES_PER_RECORD: '3',
      REQUESTER_CHECKS_PER_RECORD_PER_DAY: '5',
    })
    const check = (id: string, i: number) => post(relay, { id, field: 'birthdate', value: guess(i) })
    for (let i = 0; i < 3; i++) {
      const res = await check(ONFIDO_STORY.declinedRunId, i)
      expect(((await res.json()) as RequesterCheckResponse).data.result).toBe('no-match')
    }
    // The waiting run is the same applicant's: its birthdate is the one just guessed at three times.
    const applicantReads = async () =>
      (await relay.upstreamCalls()).requests.filter((r) => r.path === `/v3.6/applicants/${ONFIDO_STORY.applicantId}`).length
    const reads = await applicantReads()
    const locked = await check(ONFIDO_STORY.waitingRunId, 3)
    expect(locked.status).toBe(403)
    expect((await problemOf(locked)).code).toBe('requester-check-locked')
    // Refused before the applicant is read: no person is fetched for a locked record.
    expect(await applicantReads()).toBe(reads)
  })

  it("bounds an Onfido applicant's checks a day across its runs, matches included", async () => {
    const relay = testRelay({
      ONFIDO_ENVIRONMENT: crypto.randomUUID(),
      DEEPIDV_ENVIRONMENT: crypto.randomUUID(),
      REQUESTER_CHECKS_PER_RECORD_PER_DAY: '2',
      REQUESTER_NO_MATCHES_PER_RECORD: '100',
    })
    const check = (id: string) => post(relay, { id, field: 'email', value: 'someone@example.com' })
    expect((await check(ONFIDO_STORY.declinedRunId)).status).toBe(200)
    expect((await check(ONFIDO_STORY.waitingRunId)).status).toBe(200)
    const refused = await check(ONFIDO_STORY.declinedRunId)
    expect(refused.status).toBe(429)
    const other = await post(relay, { id: ONFIDO_STORY.waitingRunId, field: 'name', value: 'Someone Else' }, OTHER_TOKEN)
    expect(other.status).toBe(429)
    expect((await problemOf(other)).code).toBe('requester-check-limited')
  })

  it("bounds a Persona account's checks across its inquiries: the customer's earlier inquiry is no fresh start", async () => {
    const upstream = (env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL
    // Dana's two inquiries are one account's (read from the demo directly, a scope of its own, so no test counts it).
    const accountOf = async (id: string) =>
      (
        (await (
          await fetch(`${upstream}/persona/api/v1/inquiries/${id}`, { headers: { authorization: 'Bearer persona_demo_requester_oracle' } })
        ).json()) as { data: { relationships: { account: { data: { id: string } } } } }
      ).data.relationships.account.data.id
    expect(await accountOf(STORY_IDS.failedInquiry)).toBe(STORY_IDS.account)
    expect(await accountOf(STORY_IDS.earlierInquiry)).toBe(STORY_IDS.account)
    const relay = testRelay({ PERSONA_ENVIRONMENT: crypto.randomUUID(), REQUESTER_NO_MATCHES_PER_RECORD: '3' })
    for (let i = 0; i < 3; i++) {
      const res = await post(relay, { id: STORY_IDS.failedInquiry, field: 'birthdate', value: guess(i) })
      expect(((await res.json()) as RequesterCheckResponse).data.result).toBe('no-match')
    }
    for (const token of [AGENT_TOKEN, OTHER_TOKEN]) {
      const locked = await post(relay, { id: STORY_IDS.earlierInquiry, field: 'birthdate', value: guess(3) }, token)
      expect(locked.status).toBe(403)
      expect((await problemOf(locked)).code).toBe('requester-check-locked')
    }
  })

  it("bounds a Persona account's checks a day across its inquiries, matches included", async () => {
    const relay = testRelay({
      PERSONA_ENVIRONMENT: crypto.randomUUID(),
      REQUESTER_CHECKS_PER_RECORD_PER_DAY: '2',
      REQUESTER_NO_MATCHES_PER_RECORD: '100',
    })
    const check = (id: string, token = AGENT_TOKEN) => post(relay, { id, field: 'email', value: 'dana.customer@example.com' }, token)
    expect((await check(STORY_IDS.failedInquiry)).status).toBe(200)
    expect((await check(STORY_IDS.earlierInquiry)).status).toBe(200)
    const refused = await check(STORY_IDS.earlierInquiry, OTHER_TOKEN)
    expect(refused.status).toBe(429)
    expect((await problemOf(refused)).code).toBe('requester-check-limited')
    // An inquiry of another account keeps its own bound.
    expect((await check(INQ)).status).toBe(200)
  })

  it("bounds a deepidv applicant's checks across its sessions: a returning customer's other session is no fresh start", async () => {
    const upstream = (env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL
    // Two sessions of one returning applicant, read from the demo directly (a scope of its own, so no test counts it).
    const page = (await (
      await fetch(`${upstream}/deepidv/v1/sessions?limit=500`, { headers: { 'x-api-key': 'deepidv_demo_requester_oracle' } })
    ).json()) as { sessions: { id: string; user_id: string }[] }
    const first = page.sessions.find((a) => page.sessions.some((b) => b.id !== a.id && b.user_id === a.user_id))
    const second = page.sessions.find((b) => b.id !== first?.id && b.user_id === first?.user_id)
    if (!first || !second) throw new Error('the demo has no returning deepidv applicant')
    const relay = testRelay({
      DEEPIDV_ENVIRONMENT: crypto.randomUUID(),
      ONFIDO_ENVIRONMENT: crypto.randomUUID(),
      REQUESTER_NO_MATCHES_PER_RECORD: '2',
    })
    for (const value of ['one@example.com', 'two@example.com']) {
      const res = await post(relay, { id: first.id, field: 'email', value })
      expect(((await res.json()) as RequesterCheckResponse).data.result).toBe('no-match')
    }
    const locked = await post(relay, { id: second.id, field: 'email', value: 'three@example.com' })
    expect(locked.status).toBe(403)
    expect((await problemOf(locked)).code).toBe('requester-check-locked')
  })

  it("bounds one AI client's checks a day, not a human agent's, in the gate's count", async () => {
    const relay = testRelay({ PERSONA_ENVIRONMENT: crypto.randomUUID() })
    const { stub, clock } = await personaGate(relay)
    const bounds = { perRecordPerDay: 1000, noMatchesPerRecord: 100, perAiClientPerDay: 3 }
    const verdicts = await runInDurableObject(stub, (gate) =>
      Array.from({ length: 5 }, (_, i) => {
        clock.t += 61_000
        return [
          gate.requesterCheck('ai:fin', `object-${i}`, bounds).allowed,
          gate.requesterCheck('agent-ann', `object-${i}`, bounds).allowed,
        ]
      }),
    )
    expect(verdicts).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, true],
      [false, true],
    ])
    const refused = await runInDurableObject(stub, (gate) => gate.requesterCheck('ai:fin', 'object-9', bounds))
    expect(refused).toMatchObject({ allowed: false, whose: 'ai-day' })
    clock.t += DAY_MS
    expect(await runInDurableObject(stub, (gate) => gate.requesterCheck('ai:fin', 'object-9', bounds).allowed)).toBe(true)
    // Only the rolling day's rows are kept.
    const rows = await runInDurableObject(
      stub,
      (_gate, state) => state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM requester_checks').one().n,
    )
    expect(rows).toBe(1)
  })
})
