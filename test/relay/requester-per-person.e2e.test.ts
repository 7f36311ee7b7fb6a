/**
 * A requester check's bounds are the person's, not one record's, under `wrangler dev`: one person has
 * several records (a Persona account's inquiries, an Onfido applicant's runs, a returning deepidv
 * applicant's sessions: one per retry or new link), and a guesser who moves to the next record after
 * the lockout (REQUESTER_NO_MATCHES_PER_RECORD, default 3) or the day's checks
 * (REQUESTER_CHECKS_PER_RECORD_PER_DAY) is refused there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, startStack, type Stack } from '../harness/stack.ts'

/** The demo story's customer, Dana: her two Persona inquiries of one account, her two Onfido runs of one applicant. */
const STORY = {
  inquiry: 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e',
  earlierInquiry: 'inq_Rw7TmQ2hYxVb9NcKdE3sLpZa4GfJ',
  account: 'act_Dq4WnB8xTc2LmH6vRk9PsYzE',
  declinedRun: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  waitingRun: 'e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18',
}
const FIXTURE_ACCOUNT = 'act_n2uq9eKMboaCQzu9ALWYcVdN'
const CHECKS_PER_DAY = 4
const DAY_MS = 86_400_000
/** What the test reads of the demo directly: keys of its own scope, so the relay's calls are counted apart. */
const PERSONA_KEY = 'persona_demo_e2e_requester_per_person'
const DEEPIDV_KEY = 'deepidv_demo_e2e_requester_per_person'

let stack: Stack

beforeAll(async () => {
  stack = await startStack({ vars: { REQUESTER_CHECKS_PER_RECORD_PER_DAY: String(CHECKS_PER_DAY) } })
})

afterAll(async () => {
  await stack?.stop()
})

type Answer = { status: number; said: string }

async function check(id: string, field: string, value: string): Promise<Answer> {
  const res = await fetch(`${stack.relay.url}/v1/requester-check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO.agentToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, field, value }),
  })
  const body = (await res.json()) as { data?: { result: string }; code?: string }
  return { status: res.status, said: res.ok ? body.data!.result : body.code! }
}

/** Wrong birthdates, one a day apart from 1950: what a guesser tries. */
const guess = (i: number) => new Date(Date.UTC(1950, 0, 1) + i * DAY_MS).toISOString().slice(0, 10)

/** The relay's calls to one vendor whose path holds `part`, from the demo upstream's log of the relay's key. */
async function callsFor(vendor: 'persona' | 'onfido', part: string): Promise<number> {
  const res = await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.keys[vendor])}`)
  const { requests } = (await res.json()) as { requests: { provider: string; path: string }[] }
  return requests.filter((r) => r.provider === vendor && r.path.includes(part)).length
}

type Inquiry = {
  id: string
  attributes: { fields: Record<string, { value: unknown }> }
  relationships: { account: { data: { id: string } | null } }
}

/** Persona inquiries as the demo lists them to this test's own key (the relay's calls untouched). */
async function listInquiries(query: string): Promise<Inquiry[]> {
  const res = await fetch(`${stack.upstream.personaBase}/inquiries?${query}`, { headers: { authorization: `Bearer ${PERSONA_KEY}` } })
  return ((await res.json()) as { data: Inquiry[] }).data
}

/** Two inquiries of one returning customer's account (neither Dana's nor the fixture's) and each one's email, if any. */
async function returningCustomer(): Promise<{ id: string; email: string }[]> {
  const accounts = new Set((await listInquiries('page%5Bsize%5D=100')).map((i) => i.relationships.account.data?.id))
  for (const account of accounts) {
    if (!account || account === STORY.account || account === FIXTURE_ACCOUNT) continue
    const inquiries = await listInquiries(`filter%5Baccount-id%5D=${account}&page%5Bsize%5D=2`)
    if (inquiries.length < 2) continue
    return inquiries.map((i) => ({ id: i.id, email: String(i.attributes.fields['email-address']?.value ?? 'none@example.com') }))
  }
  throw new Error("no account of the demo's newest 100 inquiries has two")
}

describe("a requester check's bounds are the person's, under wrangler dev", () => {
  it("locks a Persona account's every inquiry after the no-matches on one", async () => {
    const dana = await listInquiries(`filter%5Baccount-id%5D=${STORY.account}`)
    expect(dana.map((i) => i.id)).toEqual(expect.arrayContaining([STORY.inquiry, STORY.earlierInquiry]))
    const answers: Answer[] = []
    for (let i = 0; i < 3; i++) answers.push(await check(STORY.inquiry, 'birthdate', guess(i)))
    answers.push(await check(STORY.earlierInquiry, 'birthdate', guess(3)))
    expect(answers).toEqual([...Array(3).fill({ status: 200, said: 'no-match' }), { status: 403, said: 'requester-check-locked' }])
    // The inquiry guessed at is refused before any read: its own no-matches lock it too.
    const reads = await callsFor('persona', STORY.inquiry)
    expect(await check(STORY.inquiry, 'email', 'dana.customer@example.com')).toEqual({ status: 403, said: 'requester-check-locked' })
    expect(await callsFor('persona', STORY.inquiry)).toBe(reads)
  })

  it("bounds a Persona account's checks a day across its inquiries, matches included", async () => {
    const [first, second] = await returningCustomer()
    // Each check is its inquiry's own email (a match, or unknown where it holds none): never a no-match, so no lockout.
    const statuses: number[] = []
    for (let i = 0; i <= CHECKS_PER_DAY; i++) {
      const { id, email } = i % 2 ? second! : first!
      statuses.push((await check(id, 'email', email)).status)
    }
    // Per inquiry, the fifth check would be the third of `first`: within the day's four.
    expect(statuses).toEqual([...Array(CHECKS_PER_DAY).fill(200), 429])
    expect(await check(second!.id, 'name', 'Someone Else')).toEqual({ status: 429, said: 'requester-check-limited' })
  })

  it("locks an Onfido applicant's other run, at no applicant read", async () => {
    for (let i = 0; i < 3; i++) expect(await check(STORY.declinedRun, 'birthdate', guess(i))).toEqual({ status: 200, said: 'no-match' })
    const applicant = await callsFor('onfido', '/applicants/')
    expect(await check(STORY.waitingRun, 'birthdate', guess(3))).toEqual({ status: 403, said: 'requester-check-locked' })
    expect(await callsFor('onfido', '/applicants/')).toBe(applicant)
  })

  it("locks a returning deepidv applicant's other session", async () => {
    const res = await fetch(`${stack.upstream.deepidvBase}/sessions?limit=500`, { headers: { 'x-api-key': DEEPIDV_KEY } })
    const { sessions } = (await res.json()) as { sessions: { id: string; user_id: string }[] }
    const first = sessions.find((a) => sessions.some((b) => b.id !== a.id && b.user_id === a.user_id))
    const second = sessions.find((b) => b.id !== first?.id && b.user_id === first?.user_id)
    if (!first || !second) throw new Error('the demo has no returning deepidv applicant')
    // deepidv holds an email but no birthdate the person gave: the guesser tries emails.
    for (const who of ['one', 'two', 'three'])
      expect(await check(first.id, 'email', `${who}@example.com`)).toEqual({ status: 200, said: 'no-match' })
    expect(await check(second.id, 'email', 'four@example.com')).toEqual({ status: 403, said: 'requester-check-locked' })
  })
})
