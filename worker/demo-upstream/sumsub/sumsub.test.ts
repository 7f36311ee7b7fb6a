/**
 * The demo upstream's Sumsub: signed requests only (a wrong signature, token or body answers 401, as
 * Sumsub does), an applicant in each review state by ID and by external user ID, websdkLink, and
 * signed webhook deliveries. Requests are signed here with node:crypto, apart from the demo's code.
 */
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSumsubApp } from './sumsub-app.ts'
import { SUMSUB_LEVEL, seedSumsub } from './sumsub-seed.ts'
import { signedSumsubDelivery } from './sumsub-sign.ts'

const NOW = Date.UTC(2026, 10, 29, 4, 0, 0)
const KEYS = { appToken: 'sbx:demo-token', secretKey: 'demo-secret' }
const applicants = seedSumsub(NOW)
const app = createSumsubApp({ ...KEYS, applicants, clock: () => NOW })

function signed(method: string, pathWithQuery: string, body = '', keys = KEYS) {
  const ts = String(Math.floor(NOW / 1000))
  const sig = createHmac('sha256', keys.secretKey)
    .update(ts + method + pathWithQuery + body)
    .digest('hex')
  return app.request(pathWithQuery, {
    method,
    headers: {
      'x-app-token': keys.appToken,
      'x-app-access-ts': ts,
      'x-app-access-sig': sig,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body } : {}),
  })
}

describe('the demo upstream serves Sumsub applicants to signed requests', () => {
  it('has an applicant in each review state, RED ones with labels and both reject types', () => {
    const states = applicants.map((a) => [
      a.review.reviewStatus,
      a.review.reviewResult?.reviewAnswer ?? null,
      a.review.reviewResult?.reviewRejectType ?? null,
    ])
    expect(states).toEqual([
      ['init', null, null],
      ['pending', null, null],
      ['queued', null, null],
      ['onHold', null, null],
      ['completed', 'GREEN', null],
      ['completed', 'RED', 'RETRY'],
      ['completed', 'RED', 'FINAL'],
    ])
    for (const a of applicants) expect(a.id).toMatch(/^[0-9a-f]{24}$/)
    expect(
      applicants
        .filter((a) => a.review.reviewResult?.reviewAnswer === 'RED')
        .every((a) => (a.review.reviewResult?.rejectLabels as string[]).length > 0),
    ).toBe(true)
  })

  it('answers an applicant by ID and by external user ID', async () => {
    const mara = applicants.find((a) => a.externalUserId === 'demo-user-mara')!
    const byId = await signed('GET', `/resources/applicants/${mara.id}/one`)
    expect(byId.status).toBe(200)
    expect(await byId.json()).toMatchObject({
      id: mara.id,
      externalUserId: 'demo-user-mara',
      review: { reviewResult: { reviewAnswer: 'RED', rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'] } },
    })
    const byUser = await signed('GET', '/resources/applicants/-;externalUserId=demo-user-mara/one')
    expect(((await byUser.json()) as { id: string }).id).toBe(mara.id)
  })

  it('answers 404 for an applicant it does not hold', async () => {
    const res = await signed('GET', '/resources/applicants/ffffffffffffffffffffffff/one')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 404, description: expect.any(String) })
  })

  it('answers 401 to a wrong secret, a wrong token, no signature', async () => {
    const path = `/resources/applicants/${applicants[0]!.id}/one`
    expect((await signed('GET', path, '', { ...KEYS, secretKey: 'other' })).status).toBe(401)
    expect((await signed('GET', path, '', { ...KEYS, appToken: 'other' })).status).toBe(401)
    const bare = await app.request(path)
    expect(bare.status).toBe(401)
    expect(await bare.json()).toMatchObject({ code: 401 })
  })

  it('makes a websdkLink for a signed body, and refuses a body other than the one signed', async () => {
    const body = JSON.stringify({ levelName: SUMSUB_LEVEL, userId: 'demo-user-mara', ttlInSecs: 1800 })
    const res = await signed('POST', '/resources/sdkIntegrations/levels/-/websdkLink', body)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { url: string }).url).toMatch(/^https:\/\/in\.sumsub\.com\/websdk\/p\//)
    const ts = String(Math.floor(NOW / 1000))
    const sig = createHmac('sha256', KEYS.secretKey).update(`${ts}POST/resources/sdkIntegrations/levels/-/websdkLink${body}`).digest('hex')
    const tampered = await app.request('/resources/sdkIntegrations/levels/-/websdkLink', {
      method: 'POST',
      headers: { 'x-app-token': KEYS.appToken, 'x-app-access-ts': ts, 'x-app-access-sig': sig },
      body: body.replace('1800', '9999'),
    })
    expect(tampered.status).toBe(401)
  })
})

describe('the demo upstream signs Sumsub webhooks', () => {
  it('puts the hex HMAC of the raw body in X-Payload-Digest under the algorithm it names', () => {
    const event = { type: 'applicantReviewed', applicantId: applicants[5]!.id, reviewResult: { reviewAnswer: 'RED' } }
    for (const [alg, hash] of [
      ['HMAC_SHA1_HEX', 'sha1'],
      ['HMAC_SHA256_HEX', 'sha256'],
      ['HMAC_SHA512_HEX', 'sha512'],
    ] as const) {
      const delivery = signedSumsubDelivery('hook-secret', event, alg)
      expect(delivery.headers['x-payload-digest-alg']).toBe(alg)
      expect(delivery.headers['x-payload-digest']).toBe(createHmac(hash, 'hook-secret').update(delivery.body).digest('hex'))
    }
  })
})
