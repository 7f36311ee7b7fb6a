import { createExecutionContext, env, evictDurableObject, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuditPage, RequesterCheckResponse } from '@idv-lens/shared/api'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { compareRequester } from '../src/routes/requester-check.ts'
import { REQUESTER_CHECKS_PER_MINUTE } from '../src/gate/requester-checks.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { parseConfig } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import { ONFIDO_STORY } from '../demo-upstream/onfido-seed.ts'
import { ADMIN_TOKEN, AGENT_TOKEN, OTHER_TOKEN, expectContract, problemOf, testRelay, type TestRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const upstream = (env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL

/** POST through the real app in workerd, checked against the published contract like every test response. */
async function post(relay: TestRelay, body: unknown, init: { raw?: string; token?: string } = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const url = 'http://relay.test/v1/requester-check'
  const res = await app.fetch(
    new Request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${init.token ?? AGENT_TOKEN}`, 'content-type': 'application/json' },
      body: init.raw ?? JSON.stringify(body),
    }),
    relay.env as Bindings,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  await expectContract('POST', url, res)
  return res
}

/** The person's own values, read from the demo upstream directly (a scope of its own, so no test counts it). */
async function demoPerson(): Promise<{
  email: string
  first: string
  middle: string | null
  last: string
  deepidv: { email: string; first: string; last: string }
}> {
  const inquiry = (await (
    await fetch(`${upstream}/persona/api/v1/inquiries/${INQ}`, { headers: { authorization: 'Bearer persona_demo_requester_oracle' } })
  ).json()) as {
    data: { attributes: { fields: Record<string, { value: string | null }> } }
  }
  const fields = inquiry.data.attributes.fields
  const session = (await (
    await fetch(`${upstream}/deepidv/v1/sessions/${UUID}`, { headers: { 'x-api-key': 'deepidv_demo_requester_oracle' } })
  ).json()) as {
    user: { email: string; first_name: string; last_name: string }
  }
  return {
    email: fields['email-address']!.value as string,
    first: fields['name-first']!.value as string,
    middle: fields['name-middle']?.value ?? null,
    last: fields['name-last']!.value as string,
    deepidv: { email: session.user.email, first: session.user.first_name, last: session.user.last_name },
  }
}

const resultOf = async (res: Response) => {
  expect(res.status).toBe(200)
  return ((await res.json()) as RequesterCheckResponse).data
}

/** The relay's Persona gate, its clock set to one the test moves (requester checks are counted there). */
async function personaGate(relay: TestRelay) {
  const gates = (env as unknown as { VENDOR_GATE: DurableObjectNamespace<VendorGate> }).VENDOR_GATE
  const stub = gates.get(gates.idFromName(await gateName(parseConfig(relay.env as Bindings, VENDORS), 'persona')))
  const clock = { t: Date.UTC(2026, 10, 26, 12, 0, 0), now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) }
  await runInDurableObject(stub, (gate) => {
    gate.clock = clock
  })
  return { stub, clock }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('POST /v1/requester-check', () => {
  it("answers match for the inquiry's own email however it is typed, no-match for another, and never holds a value", async () => {
    const relay = testRelay()
    const person = await demoPerson()
    const typed = `  ${person.email.toUpperCase()} `
    const match = await post(relay, { id: INQ, field: 'email', value: typed })
    const text = await match.clone().text()
    expect(await resultOf(match)).toEqual({ id: INQ, field: 'email', result: 'match' })
    expect(text.toLowerCase()).not.toContain(person.email.toLowerCase())
    expect(await resultOf(await post(relay, { id: INQ, field: 'email', value: `x${person.email}` }))).toMatchObject({ result: 'no-match' })
    // Asked of the vendor each time (through the gate, which may answer from its call of the last 5 s):
    // only the inquiry's `fields`, never cached by the relay.
    const calls = (await relay.upstreamCalls()).requests
    expect(calls[0]).toMatchObject({ path: `/api/v1/inquiries/${INQ}`, query: { 'fields[inquiry]': 'fields' } })
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    await post(relay, { id: INQ, field: 'email', value: person.email })
    expect((await relay.upstreamCalls()).persona).toBe(calls.length + 1)
  })

  it('matches a name in any order, case, spacing and accents, with or without the middle name; a part of it is no match', async () => {
    const relay = testRelay()
    const { first, middle, last } = await demoPerson()
    const accented = (s: string) => s.replace(/e/g, 'é').replace(/a/g, 'à')
    for (const value of [`${last.toUpperCase()}   ${first}`, `${accented(first)} ${middle ?? ''} ${last}`]) {
      expect(await resultOf(await post(relay, { id: INQ, field: 'name', value })), value).toMatchObject({ result: 'match' })
    }
    expect(await resultOf(await post(relay, { id: INQ, field: 'name', value: first }))).toMatchObject({ result: 'no-match' })
  })

  it("checks a deepidv session's applicant", async () => {
    const relay = testRelay()
    const { deepidv } = await demoPerson()
    expect(await resultOf(await post(relay, { id: UUID.toUpperCase(), field: 'email', value: deepidv.email }))).toEqual({
      id: UUID,
      field: 'email',
      result: 'match',
    })
    expect(await resultOf(await post(relay, { id: UUID, field: 'name', value: `${deepidv.last}, ${deepidv.first}` }))).toMatchObject({
      result: 'match',
    })
    expect((await relay.upstreamCalls()).deepidv).toBeGreaterThan(0)
  })

  it("checks an Onfido run's applicant, asked of each UUID vendor: its values never leave the relay", async () => {
    const relay = testRelay()
    const run = ONFIDO_STORY.declinedRunId
    const checks = [
      await post(relay, { id: run.toUpperCase(), field: 'email', value: 'DANA.customer@example.com ' }),
      await post(relay, { id: run, field: 'name', value: 'Customer, Dana' }),
      await post(relay, { id: run, field: 'birthdate', value: '1991-04-17' }),
      await post(relay, { id: run, field: 'email', value: 'dana@example.com' }),
    ]
    const texts = await Promise.all(checks.map((res) => res.clone().text()))
    expect((await Promise.all(checks.map(resultOf))).map((d) => [d.id, d.field, d.result])).toEqual([
      [run, 'email', 'match'],
      [run, 'name', 'match'],
      [run, 'birthdate', 'match'],
      [run, 'email', 'no-match'],
    ])
    for (const text of texts) expect(text).not.toMatch(/dana\.customer|1991|Customer|P7431002|applicant/i)
    // deepidv does not know the UUID; Onfido's run, then its applicant, each read (never from the relay's cache).
    const onfido = (await relay.upstreamCalls()).requests.filter((r) => r.provider === 'onfido').map((r) => r.path)
    expect(onfido.slice(0, 2)).toEqual([`/v3.6/workflow_runs/${run}`, `/v3.6/applicants/${ONFIDO_STORY.applicantId}`])
    expect((await relay.upstreamCalls()).deepidv).toBeGreaterThan(0)
    const unknownRun = await post(relay, { id: '00000000-0000-4000-8000-000000000000', field: 'email', value: 'a@b.example' })
    expect(unknownRun.status).toBe(404)
    // Audited as Persona's are: the route and the run's ID, never a value. The workerd project's files
    // share one audit database, and onfido-actions checks this run too: the rows are this test's by request ID.
    const audit = await (await relay.get(`/v1/admin/audit?id=${run}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text()
    const ours = new Set(checks.map((res) => res.headers.get('request-id')))
    const rows = (JSON.parse(audit) as AuditPage).data.filter((row) => ours.has(row.requestId))
    expect(rows.map((row) => [row.route, row.ids, row.status])).toEqual(Array(4).fill(['/v1/requester-check', [run], 200]))
    expect(audit).not.toMatch(/dana|1991/i)
  })

  it('asks only the UUID vendors this relay is configured for: an Onfido-only relay never calls deepidv', async () => {
    const relay = testRelay({ DEEPIDV_API_KEY: '' })
    expect(
      await resultOf(await post(relay, { id: ONFIDO_STORY.waitingRunId, field: 'email', value: 'dana.customer@example.com' })),
    ).toMatchObject({ result: 'match' })
    expect((await relay.upstreamCalls()).deepidv).toBe(0)
  })

  it('answers unknown when the object holds no such value', async () => {
    const relay = testRelay()
    await relay.fault({
      fault: 'invalid',
      body: { data: { type: 'inquiry', id: INQ, attributes: { fields: { 'name-first': { type: 'string', value: null } } } } },
      times: 1,
    })
    expect(await resultOf(await post(relay, { id: INQ, field: 'email', value: 'someone@example.com' }))).toMatchObject({
      result: 'unknown',
    })
  })

  it('answers unknown, not match, for a first name alone when the object holds no last name', async () => {
    const relay = testRelay()
    const fields = { 'name-first': { type: 'string', value: 'Jane' }, 'name-last': { type: 'string', value: null } }
    await relay.fault({ fault: 'invalid', body: { data: { type: 'inquiry', id: INQ, attributes: { fields } } }, times: 1 })
    expect(await resultOf(await post(relay, { id: INQ, field: 'name', value: 'Jane' }))).toMatchObject({ result: 'unknown' })
  })

  it.each([
    ['a session ID', { id: 'iqse_T8PrqpoEhwhUV1wHReuU9ofs', field: 'email', value: 'a@b.example' }, 'id'],
    ['no ID', { field: 'email', value: 'a@b.example' }, 'id'],
    ['another field', { id: INQ, field: 'address', value: '418 Queen St' }, 'field'],
    ['an empty value', { id: INQ, field: 'email', value: '' }, 'value'],
    ['a value too long', { id: INQ, field: 'name', value: `secret-${'x'.repeat(300)}` }, 'value'],
    ['a value that is no string', { id: INQ, field: 'name', value: ['secret-list'] }, 'value'],
    ['another member', { id: INQ, field: 'email', value: 'a@b.example', extra: 'secret-extra' }, 'extra'],
  ])('refuses %s with a 400 naming the member, echoing no value, before any upstream call', async (_why, body, parameter) => {
    const relay = testRelay()
    const res = await post(relay, body)
    expect(res.status).toBe(400)
    const text = await res.clone().text()
    expect((await problemOf(res)).parameter).toBe(parameter)
    expect(text).not.toMatch(/secret|\+4930123456|a@b\.example/)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('refuses a body that is not JSON (400) or too large (413)', async () => {
    const relay = testRelay()
    expect((await post(relay, null, { raw: '{"id":' })).status).toBe(400)
    const large = await post(relay, null, { raw: JSON.stringify({ id: INQ, field: 'email', value: 'x'.repeat(4000) }) })
    expect(large.status).toBe(413)
    const date = await post(relay, { id: INQ, field: 'birthdate', value: '17.04.1991' })
    expect(date.status).toBe(400)
    expect(await date.text()).toContain('YYYY-MM-DD')
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('audits the check as a lookup: its route and ID, never the value', async () => {
    const relay = testRelay()
    await post(relay, { id: INQ, field: 'email', value: 'audited-value@example.com' })
    const page = await (
      await relay.get('/v1/admin/audit?agent=tester&limit=5', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).text()
    const rows = (JSON.parse(page) as AuditPage).data.filter((row) => row.route === '/v1/requester-check')
    // Newest first: this test's check is the newest (earlier tests' rows follow it).
    expect(rows.map((row) => [row.ids, row.status])[0]).toEqual([[INQ], 200])
    expect(page).not.toContain('audited-value')
  })

  it("bounds one agent's checks a minute, and says it is the agent's own limit", async () => {
    const relay = testRelay()
    const { clock } = await personaGate(relay)
    await relay.fault({ fault: 'invalid', body: { data: { type: 'inquiry', id: INQ, attributes: { fields: {} } } } })
    // Each a different inquiry, so only the agent's own count is reached.
    const id = (i: number) => `inq_${String(i).padStart(24, 'A')}`
    for (let i = 0; i < REQUESTER_CHECKS_PER_MINUTE; i++)
      expect((await post(relay, { id: id(i), field: 'email', value: `guess${i}@example.com` })).status).toBe(200)
    const refused = await post(relay, { id: INQ, field: 'email', value: 'one-more@example.com' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await problemOf(refused)).detail).toMatch(/your own limit/)
    clock.t += 61_000
    expect((await post(relay, { id: INQ, field: 'email', value: 'later@example.com' })).status).toBe(200)
  })

  it("bounds one object's checks a minute across agents: more identities are not more guesses", async () => {
    const relay = testRelay()
    await personaGate(relay)
    await relay.fault({ fault: 'invalid', body: { data: { type: 'inquiry', id: INQ, attributes: { fields: {} } } } })
    const guesses = [AGENT_TOKEN, OTHER_TOKEN].flatMap((token) =>
      Array.from({ length: REQUESTER_CHECKS_PER_MINUTE / 2 }, (_, i) => ({ token, value: `guess${i}@example.com` })),
    )
    for (const { token, value } of guesses) expect((await post(relay, { id: INQ, field: 'email', value }, { token })).status).toBe(200)
    // A third identity with nothing used: the object's minute is full.
    const refused = await post(relay, { id: INQ, field: 'email', value: 'third@example.com' }, { token: ADMIN_TOKEN })
    expect(refused.status).toBe(429)
    expect((await problemOf(refused)).detail).toMatch(/This object's requester checks/)
  })

  it('keeps the count where every isolate sees it: in the vendor gate, across its restart', async () => {
    const relay = testRelay()
    const { stub, clock } = await personaGate(relay)
    await relay.fault({ fault: 'invalid', body: { data: { type: 'inquiry', id: INQ, attributes: { fields: {} } } } })
    for (let i = 0; i < REQUESTER_CHECKS_PER_MINUTE; i++)
      expect((await post(relay, { id: INQ, field: 'email', value: `guess${i}@example.com` })).status).toBe(200)
    const counted = await runInDurableObject(
      stub,
      (_gate, state) => state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM requester_checks').one().n,
    )
    expect(counted).toBe(REQUESTER_CHECKS_PER_MINUTE)
    // A deploy or an eviction: a new instance reads the same count.
    await evictDurableObject(stub)
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    expect((await post(relay, { id: INQ, field: 'email', value: 'after-restart@example.com' })).status).toBe(429)
  })
})

describe('the requester check in the published contract', () => {
  it('documents its JSON body and its answer', async () => {
    const res = await app.fetch(new Request('http://relay.test/openapi.json'), {} as Bindings, createExecutionContext())
    const document = (await res.json()) as {
      paths: Record<
        string,
        {
          post?: { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> } }
        }
      >
    }
    const body = document.paths['/v1/requester-check']?.post?.requestBody?.content?.['application/json']?.schema
    expect(Object.keys(body?.properties ?? {})).toEqual(['id', 'field', 'value'])
    expect(body?.required).toEqual(['id', 'field', 'value'])
  })
})

describe('compareRequester', () => {
  const own = {
    email: 'Jane.Doe@Example.com',
    name: { first: 'Zoë', middle: 'Marie', last: "O'Brien-Smith" },
    phone: '+14165550172',
    birthdate: '1991-04-17',
  }
  it.each([
    ['email', 'jane.doe@example.com', 'match'],
    ['email', 'ｊａｎｅ.doe@example.com', 'match'],
    ['email', 'jane.doe@example.org', 'no-match'],
    ['name', "zoe o'brien smith", 'match'],
    ['name', 'Smith OBrien Zoe', 'match'],
    ['name', 'O’Brien Smith, Marie Zoë', 'match'],
    ['name', 'O Brien Smith Zoe', 'no-match'],
    ['name', 'Zoe', 'no-match'],
    ['name', '   ', 'no-match'],
    ['phone', '+1 (416) 555-0172', 'match'],
    ['phone', '001 416 555 0172', 'match'],
    ['phone', '416-555-0172', 'match'],
    ['phone', '+44 416 555 0172', 'no-match'],
    ['phone', '555-0172', 'no-match'],
    ['phone', '+1 416 555 0173', 'no-match'],
    ['birthdate', '1991-04-17', 'match'],
    ['birthdate', '1991-04-18', 'no-match'],
  ] as const)('%s %s → %s', (field, typed, result) => {
    expect(compareRequester(field, typed, own)).toBe(result)
  })

  it('is unknown without a value to compare with', () => {
    expect(
      compareRequester('email', 'a@b.example', {
        email: null,
        name: { first: null, middle: null, last: null },
        phone: null,
        birthdate: null,
      }),
    ).toBe('unknown')
    expect(
      compareRequester('name', 'Jane', { email: null, name: { first: null, middle: null, last: null }, phone: null, birthdate: null }),
    ).toBe('unknown')
    expect(
      compareRequester('phone', '+14165550172', {
        email: null,
        name: { first: null, middle: null, last: null },
        phone: null,
        birthdate: null,
      }),
    ).toBe('unknown')
    expect(
      compareRequester('birthdate', '1991-04-17', {
        email: null,
        name: { first: null, middle: null, last: null },
        phone: null,
        birthdate: null,
      }),
    ).toBe('unknown')
  })

  it('is unknown for a name the object holds only part of, whatever is typed: no answer tells which parts exist', () => {
    const firstOnly = { email: null, name: { first: 'Jane', middle: null, last: null }, phone: null, birthdate: null }
    const lastOnly = { email: null, name: { first: null, middle: 'Marie', last: 'Doe' }, phone: null, birthdate: null }
    for (const typed of ['Jane', 'Doe', 'Jane Doe', 'Marie Doe', 'Someone Else']) {
      expect(compareRequester('name', typed, firstOnly), typed).toBe('unknown')
      expect(compareRequester('name', typed, lastOnly), typed).toBe('unknown')
    }
  })
})
