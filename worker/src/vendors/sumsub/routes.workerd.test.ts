/**
 * Sumsub through the real app in workerd, against the demo upstream's Sumsub (requests signed and
 * checked there): the applicant route, the lookup, the history by external user ID, the requester
 * check, the new link's guards and the webhook. Least data: every personal field of the demo's
 * applicants holds SUMSUB_SENTINEL, and `clientComment` holds it too: no answer, log line or audit row may.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ACTION_NAMES, type LookupFound, type RequesterCheckResponse } from '@idv-lens/shared/api'
import { SUMSUB_DEMO_KEYS } from '../../../demo-upstream/sumsub/sumsub-app.ts'
import { SUMSUB_SENTINEL, SUMSUB_SENTINEL_DOB } from '../../../demo-upstream/sumsub/sumsub-seed.ts'
import { SUMSUB_LINKS_PER_APPLICANT_PER_DAY } from './action-list.ts'
import { ACTOR_TOKENS, actionRelay, auditRowsOf, db, post, upstream } from '../../../test/action-helpers.ts'
import { AGENT_TOKEN, problemOf, type TestBindings, type TestRelay } from '../../../test/helpers.ts'
import { liveRelay, type LiveRelay } from '../../../test/live-helpers.ts'

const MARA = '65a1f0c2e4b0a1b2c3d4e504' // RED RETRY
const ERIK = '65a1f0c2e4b0a1b2c3d4e505' // RED FINAL
const TOM = '65a1f0c2e4b0a1b2c3d4e503' // GREEN
const JONAS = '65a1f0c2e4b0a1b2c3d4e501' // init
const LEA = '65a1f0c2e4b0a1b2c3d4e502' // pending

type Relay = TestRelay & { token: string }

/** A relay whose Sumsub app token is its own (`<demo token>-<scope>`), so the demo's log lists its calls only. */
function sumsubRelay(overrides: TestBindings = {}): Relay {
  const token = `${SUMSUB_DEMO_KEYS.appToken}-${crypto.randomUUID().slice(0, 8)}`
  const relay = actionRelay({ SUMSUB_API_TOKEN: token, SUMSUB_ENVIRONMENT: `test-${token}`, ACTIONS: 'sumsub-link', ...overrides })
  return { ...relay, token }
}

/** The requests the demo's Sumsub took with this relay's token. */
const sumsubCalls = async (relay: Relay) =>
  (await (await fetch(`${upstream}/sumsub/__demo/requests?token=${encodeURIComponent(relay.token)}`)).json()) as {
    method: string
    path: string
  }[]

const logged: string[] = []
beforeEach(() => {
  logged.length = 0
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
})
afterEach(() => vi.restoreAllMocks())

/** Nothing of the person, nor `clientComment`, in any text the relay gave out or kept. */
function expectNoPersonalData(text: string) {
  expect(text).not.toContain(SUMSUB_SENTINEL)
  expect(text).not.toContain(SUMSUB_SENTINEL_DOB)
  expect(text).not.toMatch(/clientComment|second document on file|Edited document/)
}

describe('GET /v1/sumsub/applicants/:id', () => {
  it('answers the applicant as its allowlist leaves it, read with a signed request', async () => {
    const relay = sumsubRelay()
    const res = await relay.get(`/v1/sumsub/applicants/${MARA.toUpperCase()}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expectNoPersonalData(text)
    expect(JSON.parse(text)).toEqual({
      id: MARA,
      createdAt: expect.any(String),
      externalUserId: 'demo-user-mara',
      levelName: 'basic-kyc-level',
      review: {
        reviewStatus: 'completed',
        reviewResult: {
          reviewAnswer: 'RED',
          reviewRejectType: 'RETRY',
          rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
          moderationComment: expect.stringContaining('original document'),
        },
      },
    })
    expect(await sumsubCalls(relay)).toEqual([{ method: 'GET', path: `/resources/applicants/${MARA}/one` }])
  })

  it('refuses an ID that is not 24 hex characters with a 400, calling no one', async () => {
    const relay = sumsubRelay()
    for (const id of ['65a1f0c2e4b0a1b2c3d4e50', '65a1f0c2e4b0a1b2c3d4e5zz', '-;externalUserId=demo-user-mara']) {
      const res = await relay.get(`/v1/sumsub/applicants/${encodeURIComponent(id)}`)
      expect(res.status, id).toBe(400)
    }
    expect(await sumsubCalls(relay)).toEqual([])
  })

  it('answers 404 for an applicant Sumsub does not hold, and names the token when Sumsub refuses the signature', async () => {
    expect((await sumsubRelay().get('/v1/sumsub/applicants/ffffffffffffffffffffffff')).status).toBe(404)
    const wrong = sumsubRelay({ SUMSUB_SECRET_KEY: 'not-the-secret' })
    const refused = await problemOf(await wrong.get(`/v1/sumsub/applicants/${MARA}`))
    expect(refused.detail).toContain('SUMSUB_API_TOKEN')
    expect(JSON.stringify(refused)).not.toContain('not-the-secret')
  })

  it('is not configured without its secret key: a 503 naming SUMSUB_SECRET_KEY, and no call', async () => {
    const relay = sumsubRelay({ SUMSUB_SECRET_KEY: undefined })
    const res = await relay.get(`/v1/sumsub/applicants/${MARA}`)
    expect(res.status).toBe(503)
    expect((await problemOf(res)).detail).toContain('SUMSUB_SECRET_KEY')
    expect(await sumsubCalls(relay)).toEqual([])
  })
})

describe('Sumsub in the lookup and history', () => {
  it('summarises each review: the answer, the reject type, the labels as reasons, moderationComment only', async () => {
    const relay = sumsubRelay()
    const res = await relay.get(`/v1/lookup?ids=${[MARA, ERIK, TOM, JONAS, LEA].join(',')}`)
    const text = await res.text()
    expectNoPersonalData(text)
    const found = (JSON.parse(text) as { data: LookupFound[] }).data
    expect(
      found.map((f) => [f.kind, f.status, f.details.kind === 'sumsub-applicant' ? f.details.rejectType : 'x', f.reason?.check ?? null]),
    ).toEqual([
      ['sumsub-applicant', 'RED', 'RETRY', 'review:RETRY'],
      ['sumsub-applicant', 'RED', 'FINAL', 'review:FINAL'],
      ['sumsub-applicant', 'GREEN', null, null],
      ['sumsub-applicant', 'init', null, null],
      ['sumsub-applicant', 'pending', null, null],
    ])
    expect(found[1]).toMatchObject({
      reason: { reasons: ['FORGERY', 'SELFIE_MISMATCH'] },
      dashboardUrl: `https://cockpit.sumsub.com/checkus#/applicant/${ERIK}`,
      details: { referenceId: 'demo-user-final', moderationComment: 'We could not verify your identity.' },
    })
  })

  it('reads a history by external user ID in one call', async () => {
    const relay = sumsubRelay()
    const res = await relay.get('/v1/history?reference-id=demo-user-mara')
    const text = await res.text()
    expectNoPersonalData(text)
    const body = JSON.parse(text) as { data: LookupFound[] }
    expect(body.data.filter((f) => f.provider === 'sumsub').map((f) => f.id)).toEqual([MARA])
    expect(await sumsubCalls(relay)).toEqual([{ method: 'GET', path: '/resources/applicants/-;externalUserId=demo-user-mara/one' }])
  })
})

const check = (relay: Relay, id: string, value: string, field = 'email') => post(relay, '/v1/requester-check', { id, field, value })
const linkOf = (relay: Relay, id: string, headers: Record<string, string> = {}) =>
  post(relay, `/v1/sumsub/applicants/${id}/new-link`, undefined, { headers })

describe('the requester check reads the applicant’s own data, server-side', () => {
  it('matches the email and the name on the applicant, and answers nothing of them', async () => {
    const relay = sumsubRelay()
    const email = await check(relay, MARA, `MARA.${SUMSUB_SENTINEL}@example.com`)
    const text = await email.text()
    expect((JSON.parse(text) as RequesterCheckResponse).data.result).toBe('match')
    expectNoPersonalData(text)
    expect(((await (await check(relay, MARA, 'someone@example.com')).json()) as RequesterCheckResponse).data.result).toBe('no-match')
  })
})

describe('a Sumsub new link is guarded', () => {
  it('is off until ACTIONS names sumsub-link, for actors only, and waits for a requester match: no Sumsub write', async () => {
    // Another vendor's action on, not this one.
    const off = sumsubRelay({ ACTIONS: ACTION_NAMES.filter((name) => name !== 'sumsub-link').join(',') })
    expect((await problemOf(await linkOf(off, MARA))).code).toBe('action-disabled')
    const on = sumsubRelay({ AGENT_TOKENS: ACTOR_TOKENS })
    expect((await post(on, `/v1/sumsub/applicants/${MARA}/new-link`, undefined, { token: AGENT_TOKEN })).status).toBe(403)
    const unmatched = await linkOf(on, MARA)
    expect(unmatched.status).toBe(403)
    expect((await problemOf(unmatched)).detail).toMatch(/requester-check/)
    expect([...(await sumsubCalls(off)), ...(await sumsubCalls(on))].filter((c) => c.method === 'POST')).toEqual([])
  })

  it('makes a link for a RETRY after a match, with the admin’s TTL, once per Idempotency-Key; the link is in the answer only', async () => {
    const relay = sumsubRelay({ SUMSUB_LINK_TTL_SECONDS: '900' })
    expect(((await (await check(relay, MARA, `mara.${SUMSUB_SENTINEL}@example.com`)).json()) as RequesterCheckResponse).data.result).toBe(
      'match',
    )
    const made = await linkOf(relay, MARA, { 'idempotency-key': 'ticket-42' })
    expect(made.status).toBe(200)
    const text = await made.text()
    expectNoPersonalData(text)
    const body = JSON.parse(text) as { applicant: { id: string }; link: { url: string; ttlInSecs: number } }
    expect(body.applicant.id).toBe(MARA)
    expect(body.link).toEqual({ url: expect.stringMatching(/^https:\/\/in\.sumsub\.com\/websdk\/p\/sbx_/), ttlInSecs: 900 })
    const again = await linkOf(relay, MARA, { 'idempotency-key': 'ticket-42' })
    expect((await problemOf(again)).code).toBe('already-made')
    expect((await sumsubCalls(relay)).filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: '/resources/sdkIntegrations/levels/-/websdkLink' },
    ])
    const rows = await auditRowsOf(made)
    expect(rows[0]).toMatchObject({ route: '/v1/sumsub/applicants/:id/new-link', ids: JSON.stringify([MARA]), status: 200 })
    expect(JSON.stringify(rows)).not.toContain(body.link.url)
  })

  it('takes no body: an oversize one is a 413 and any member a 400, before any Sumsub call', async () => {
    const relay = sumsubRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const path = `/v1/sumsub/applicants/${JONAS}/new-link`
    const big = await post(relay, path, undefined, { raw: JSON.stringify({ pad: 'x'.repeat(4096) }) })
    expect(big.status).toBe(413)
    expect((await problemOf(big)).code).toBe('payload-too-large')
    // A TTL or level the agent asks for is the admin's to set: refused, never dropped in silence.
    for (const member of ['ttlInSecs', 'levelName']) {
      const refused = await post(relay, path, { [member]: 60 })
      expect(refused.status, member).toBe(400)
      expect(await problemOf(refused)).toMatchObject({ code: 'bad-request', parameter: member })
    }
    expect((await post(relay, path, undefined, { raw: '[]' })).status).toBe(400)
    expect(await sumsubCalls(relay)).toEqual([])
    expect((await post(relay, path, {})).status).toBe(200)
  })

  it('is bounded per applicant a day', async () => {
    const relay = sumsubRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const statuses: number[] = []
    for (let i = 0; i <= SUMSUB_LINKS_PER_APPLICANT_PER_DAY; i++) statuses.push((await linkOf(relay, JONAS)).status)
    expect(statuses).toEqual([...Array(SUMSUB_LINKS_PER_APPLICANT_PER_DAY).fill(200), 429])
  })

  it.each([
    [ERIK, 'FINAL', 400],
    [TOM, 'GREEN', 400],
    [LEA, 'pending', 400],
  ])('refuses %s (%s): a link would not help or is not Sumsub’s to give, and nothing is written', async (id, _what, status) => {
    const relay = sumsubRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    const res = await linkOf(relay, id)
    expect(res.status).toBe(status)
    expect((await sumsubCalls(relay)).filter((c) => c.method === 'POST')).toEqual([])
  })

  it('refuses a bad TTL setting with a 503 naming it, before any call', async () => {
    const relay = sumsubRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false', SUMSUB_LINK_TTL_SECONDS: '30' })
    const res = await linkOf(relay, MARA)
    expect(res.status).toBe(503)
    expect((await problemOf(res)).detail).toContain('SUMSUB_LINK_TTL_SECONDS')
    expect(await sumsubCalls(relay)).toEqual([])
  })
})

describe('least data, across every route above', () => {
  it('leaves no sentinel and no clientComment in a log line or an audit row', async () => {
    const relay = sumsubRelay({ LINK_REQUIRES_REQUESTER_MATCH: 'false' })
    await relay.get(`/v1/sumsub/applicants/${MARA}`)
    await relay.get(`/v1/lookup?ids=${MARA},${ERIK}`)
    await relay.get('/v1/history?reference-id=demo-user-final')
    await check(relay, ERIK, `erik.${SUMSUB_SENTINEL}@example.com`)
    await linkOf(relay, MARA)
    await linkOf(relay, ERIK)
    expect(logged.length).toBeGreaterThan(0)
    expectNoPersonalData(logged.join('\n'))
    const rows = (await db.prepare('SELECT * FROM audit').all()).results
    expect(rows.some((row) => JSON.stringify(row).includes(MARA))).toBe(true)
    expectNoPersonalData(JSON.stringify(rows))
  })
})

const HOOK_SECRET = 'sumsub-test-webhook-secret'
async function digestOf(body: string, hash = 'SHA-256', secret = HOOK_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash }, false, ['sign'])
  return [...new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}
const reviewed = JSON.stringify({
  applicantId: MARA,
  inspectionId: SUMSUB_SENTINEL,
  correlationId: SUMSUB_SENTINEL,
  externalUserId: `demo-user-${SUMSUB_SENTINEL}`,
  levelName: 'basic-kyc-level',
  type: 'applicantReviewed',
  reviewResult: {
    reviewAnswer: 'RED',
    rejectLabels: ['SCREENSHOTS'],
    reviewRejectType: 'RETRY',
    moderationComment: SUMSUB_SENTINEL,
    clientComment: SUMSUB_SENTINEL,
  },
  reviewStatus: 'completed',
  // Sumsub's format, a minute ago: the live feed keeps a day of events, so a fixed date expires.
  createdAtMs: new Date(Date.now() - 60_000).toISOString().replace('T', ' ').slice(0, 23),
})

describe('POST /webhooks/sumsub', () => {
  const deliver = (relay: LiveRelay, body: string, headers: Record<string, string>) =>
    relay.request('/webhooks/sumsub', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

  it('puts a delivery signed over its raw body on the live feed, with its ID, type and answer only', async () => {
    const relay = liveRelay({ SUMSUB_WEBHOOK_SECRET: HOOK_SECRET })
    const res = await deliver(relay, reviewed, { 'x-payload-digest': await digestOf(reviewed), 'x-payload-digest-alg': 'HMAC_SHA256_HEX' })
    expect(res.status).toBe(204)
    const sha512 = reviewed
      .replace('applicantReviewed', 'applicantPending')
      .replace('"reviewStatus":"completed"', '"reviewStatus":"pending"')
    expect(
      (await deliver(relay, sha512, { 'x-payload-digest': await digestOf(sha512, 'SHA-512'), 'x-payload-digest-alg': 'HMAC_SHA512_HEX' }))
        .status,
    ).toBe(204)
    const rows = await relay.rows()
    expectNoPersonalData(JSON.stringify(rows))
    expect(JSON.stringify(rows)).not.toContain('demo-user')
    expect(rows.map((r) => [r['vendor'], r['name'], r['object_id'] ?? r['objectId'], r['status']])).toEqual([
      ['sumsub', 'applicantreviewed', MARA, 'RED'],
      ['sumsub', 'applicantpending', MARA, 'pending'],
    ])
  })

  it('refuses a digest of other bytes, another secret, a missing or mismatched algorithm: 401, nothing stored', async () => {
    const relay = liveRelay({ SUMSUB_WEBHOOK_SECRET: HOOK_SECRET })
    const good = await digestOf(reviewed)
    const refused = [
      await deliver(relay, `${reviewed} `, { 'x-payload-digest': good, 'x-payload-digest-alg': 'HMAC_SHA256_HEX' }),
      await deliver(relay, reviewed, {
        'x-payload-digest': await digestOf(reviewed, 'SHA-256', 'other'),
        'x-payload-digest-alg': 'HMAC_SHA256_HEX',
      }),
      await deliver(relay, reviewed, { 'x-payload-digest': good }),
      await deliver(relay, reviewed, { 'x-payload-digest': good, 'x-payload-digest-alg': 'HMAC_SHA512_HEX' }),
      await deliver(relay, reviewed, {}),
    ]
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    expect(await relay.rows()).toEqual([])
  })
})
