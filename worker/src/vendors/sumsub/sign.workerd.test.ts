/**
 * Sumsub's request signature and webhook digest, in workerd, against vectors computed once with
 * node:crypto's createHmac (inputs beside each) and pasted here: an independent implementation.
 */
import { describe, expect, it } from 'vitest'
import { sumsubAuthHeaders, sumsubSignature } from './sign.ts'
import { verifySumsubDigest } from './webhook-digest.ts'

const SECRET_KEY = 'demo-sumsub-secret-key'
const TS = 1764388800
const LINK_BODY = '{"levelName":"basic-kyc-level","userId":"cust-1042","ttlInSecs":1800}'
// createHmac('sha256', SECRET_KEY).update(`${TS}POST/resources/sdkIntegrations/levels/-/websdkLink?lang=de${LINK_BODY}`).digest('hex')
const LINK_SIG = '1ab097645f4c2e2e562ffb07f793ff305b0948370b17468fcf67f0fe7d656df2'
// createHmac('sha256', SECRET_KEY).update(`${TS}GET/resources/applicants/-;externalUserId=cust-1042/one`).digest('hex')
const GET_SIG = '5a8e52a853bb2b58ffb6e62eafd4c791360eada37fd6a2529318ce82ecbeec59'

describe('Sumsub request signature', () => {
  it('matches the vector for a POST with a query and a body', async () => {
    expect(
      await sumsubSignature(SECRET_KEY, TS, {
        method: 'POST',
        pathWithQuery: '/resources/sdkIntegrations/levels/-/websdkLink?lang=de',
        body: LINK_BODY,
      }),
    ).toBe(LINK_SIG)
  })

  it('matches the vector for a GET (no body), the method upper-cased', async () => {
    expect(
      await sumsubSignature(SECRET_KEY, TS, {
        method: 'get',
        pathWithQuery: '/resources/applicants/-;externalUserId=cust-1042/one',
        body: '',
      }),
    ).toBe(GET_SIG)
  })

  it('changes with any part: the time, the path, the body', async () => {
    const base = { method: 'POST', pathWithQuery: '/resources/sdkIntegrations/levels/-/websdkLink?lang=de', body: LINK_BODY }
    expect(await sumsubSignature(SECRET_KEY, TS + 1, base)).not.toBe(LINK_SIG)
    expect(await sumsubSignature(SECRET_KEY, TS, { ...base, pathWithQuery: '/resources/sdkIntegrations/levels/-/websdkLink' })).not.toBe(
      LINK_SIG,
    )
    expect(await sumsubSignature(SECRET_KEY, TS, { ...base, body: LINK_BODY.replace('1800', '1801') })).not.toBe(LINK_SIG)
  })

  it('sends the token, the Unix seconds of the injected clock and the signature; never the secret key', async () => {
    const headers = await sumsubAuthHeaders(
      { appToken: 'sbx:demo-app-token', secretKey: SECRET_KEY },
      { method: 'GET', pathWithQuery: '/resources/applicants/-;externalUserId=cust-1042/one', body: '' },
      TS * 1000 + 999,
    )
    expect(headers).toEqual({ 'x-app-token': 'sbx:demo-app-token', 'x-app-access-ts': String(TS), 'x-app-access-sig': GET_SIG })
    expect(JSON.stringify(headers)).not.toContain(SECRET_KEY)
  })
})

const WEBHOOK_SECRET = 'demo-webhook-secret'
const DELIVERY = '{"type":"applicantReviewed","applicantId":"5b76df770a975a1404cbcb60"}'
// createHmac(<alg>, WEBHOOK_SECRET).update(DELIVERY).digest('hex')
const DIGESTS = {
  HMAC_SHA1_HEX: 'f3e12ebd9c9eba8263fca716cc99986f93733720',
  HMAC_SHA256_HEX: '8ab1155398790e9e3dcc5dc51c04370445ee8cd59abbbb178c93ee9d6fe6cd20',
  HMAC_SHA512_HEX:
    '9d9f6c0ac8c3de9fb48ef0307dd621a3227df65834e499a123c4238e2edaf253258f662462b9d9fb7adb33d1066cac94a9ac28d8189438d900a07a7e5f0907eb',
}
const raw = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode(text))

describe('Sumsub webhook digest', () => {
  for (const [algorithm, digest] of Object.entries(DIGESTS)) {
    it(`accepts ${algorithm} over the raw body, under the current or a previous secret`, async () => {
      expect(await verifySumsubDigest({ digest, algorithm }, raw(DELIVERY), [WEBHOOK_SECRET])).toBe(true)
      expect(await verifySumsubDigest({ digest: digest.toUpperCase(), algorithm }, raw(DELIVERY), ['new-secret', WEBHOOK_SECRET])).toBe(
        true,
      )
    })
  }

  it('refuses another body, another secret, a missing or unknown algorithm, a digest of the wrong length', async () => {
    const digest = DIGESTS.HMAC_SHA256_HEX
    expect(await verifySumsubDigest({ digest, algorithm: 'HMAC_SHA256_HEX' }, raw(`${DELIVERY} `), [WEBHOOK_SECRET])).toBe(false)
    expect(await verifySumsubDigest({ digest, algorithm: 'HMAC_SHA256_HEX' }, raw(DELIVERY), ['other-secret'])).toBe(false)
    expect(await verifySumsubDigest({ digest, algorithm: undefined }, raw(DELIVERY), [WEBHOOK_SECRET])).toBe(false)
    expect(await verifySumsubDigest({ digest, algorithm: 'HMAC_MD5_HEX' }, raw(DELIVERY), [WEBHOOK_SECRET])).toBe(false)
    expect(await verifySumsubDigest({ digest, algorithm: 'HMAC_SHA512_HEX' }, raw(DELIVERY), [WEBHOOK_SECRET])).toBe(false)
    expect(await verifySumsubDigest({ digest: undefined, algorithm: 'HMAC_SHA256_HEX' }, raw(DELIVERY), [WEBHOOK_SECRET])).toBe(false)
    expect(await verifySumsubDigest({ digest, algorithm: 'HMAC_SHA256_HEX' }, raw(DELIVERY), [])).toBe(false)
  })
})
