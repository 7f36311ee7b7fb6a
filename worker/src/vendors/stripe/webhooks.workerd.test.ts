import { describe, expect, it, vi } from 'vitest'
import { parseStripeSignature, signStripe, STRIPE_MAX_SIGNATURES, verifyStripeSignature } from './webhook-signature.ts'
import { liveRelay, type LiveRelay } from '../../../test/live-helpers.ts'

// Computed outside this code base (Node's crypto.createHmac), so signer and verifier cannot share a bug.
const VECTOR = {
  secret: 'whsec_test_vector_stripe',
  t: 1764201600,
  body: '{"id":"evt_1VectorVectorVector01","object":"event","api_version":"2025-10-29.clover","created":1764201600,"livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"identity.verification_session.verified","data":{"object":{"id":"vs_1VectorVectorVectorVec01","object":"identity.verification_session","status":"verified","client_reference_id":"ref-1","verified_outputs":{"first_name":"PII-FIRST","email":"pii@example.com"}}}}',
  v1: 'a7aff7a23ef32d7713cdcbf336f582d1cce0d3024417cf1ca1cdc84241a04eac',
}
const bytes = (s: string) => new Uint8Array(new TextEncoder().encode(s))
const atVector = VECTOR.t * 1000
const good = `t=${VECTOR.t},v1=${VECTOR.v1}`
const other = 'f'.repeat(64)

describe('Stripe-Signature', () => {
  it.each([
    ['a valid signature', good, VECTOR.body, [VECTOR.secret], true],
    ['a v0 entry beside it (ignored)', `${good},v0=${other}`, VECTOR.body, [VECTOR.secret], true],
    [
      'a rolled secret: the old and the new v1, the old configured',
      `t=${VECTOR.t},v1=${other},v1=${VECTOR.v1}`,
      VECTOR.body,
      [VECTOR.secret],
      true,
    ],
    ['a rolled secret: only the previous secret verifies', good, VECTOR.body, ['whsec_the_new_one', VECTOR.secret], true],
    ['a tampered body', good, VECTOR.body.replace('verified', 'canceled'), [VECTOR.secret], false],
    ['a body with one byte added', good, `${VECTOR.body} `, [VECTOR.secret], false],
    ['a wrong t', `t=${VECTOR.t + 1},v1=${VECTOR.v1}`, VECTOR.body, [VECTOR.secret], false],
    ['a wrong secret', good, VECTOR.body, ['whsec_not_it'], false],
    ['no v1 at all', `t=${VECTOR.t},v0=${VECTOR.v1}`, VECTOR.body, [VECTOR.secret], false],
    ['no t', `v1=${VECTOR.v1}`, VECTOR.body, [VECTOR.secret], false],
    ['a v1 one character short', `t=${VECTOR.t},v1=${VECTOR.v1.slice(1)}`, VECTOR.body, [VECTOR.secret], false],
    ['a missing header', null, VECTOR.body, [VECTOR.secret], false],
    ['no secret configured', good, VECTOR.body, [], false],
  ] as const)('%s', async (_name, header, body, secrets, verdict) => {
    expect(await verifyStripeSignature(header, bytes(body), secrets, atVector)).toBe(verdict)
  })

  it('refuses a signature more than 300 s from now (stale, or a replay)', async () => {
    expect(await verifyStripeSignature(good, bytes(VECTOR.body), [VECTOR.secret], atVector + 301_000)).toBe(false)
    expect(await verifyStripeSignature(good, bytes(VECTOR.body), [VECTOR.secret], atVector - 301_000)).toBe(false)
    expect(await verifyStripeSignature(good, bytes(VECTOR.body), [VECTOR.secret], atVector + 299_000)).toBe(true)
  })

  it('signs exactly like the vector, and takes at most a few v1 entries', async () => {
    expect(await signStripe([VECTOR.secret], VECTOR.t, VECTOR.body)).toBe(good)
    const junk = (n: number) => Array.from({ length: n }, () => `v1=${other}`).join(',')
    expect(parseStripeSignature(`t=${VECTOR.t},${junk(STRIPE_MAX_SIGNATURES - 1)},v1=${VECTOR.v1}`)?.v1).toHaveLength(STRIPE_MAX_SIGNATURES)
    expect(parseStripeSignature(`t=${VECTOR.t},${junk(400)},v1=${VECTOR.v1}`)).toBeNull()
  })

  it('compares every signature under every secret, with no early exit', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign')
    try {
      await verifyStripeSignature(`t=${VECTOR.t},v1=${VECTOR.v1},v1=${other}`, bytes(VECTOR.body), [VECTOR.secret, 'whsec_other'], atVector)
      // One MAC per secret, whichever v1 matched first.
      expect(sign).toHaveBeenCalledTimes(2)
    } finally {
      sign.mockRestore()
    }
  })
})

const SECRET = 'whsec_test_relay_current'
const PREVIOUS = 'whsec_test_relay_previous'

const stripeEvent = (over: { id?: string; type?: string; status?: string; created?: number } = {}) =>
  JSON.stringify({
    id: over.id ?? `evt_1${crypto.randomUUID().replace(/-/g, '').slice(0, 23)}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: over.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: over.type ?? 'identity.verification_session.requires_input',
    data: {
      object: {
        id: 'vs_1WebhookWebhookWebhook01',
        object: 'identity.verification_session',
        status: over.status ?? 'requires_input',
        client_reference_id: 'PII-REFERENCE',
        client_secret: 'vs_secret_PII-SECRET',
        url: 'https://verify.stripe.com/start/PII-URL',
        last_error: { code: 'selfie_face_mismatch', reason: 'PII-REASON' },
        verified_outputs: { first_name: 'PII-FIRST', email: 'pii@example.com' },
        metadata: { note: 'PII-META' },
      },
    },
  })

async function post(relay: LiveRelay, body: string, init: { secrets?: string[]; t?: number; header?: string } = {}) {
  const t = init.t ?? Math.floor(Date.now() / 1000)
  const signature = init.header ?? (await signStripe(init.secrets ?? [SECRET], t, body))
  return relay.request('/webhooks/stripe', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  })
}

describe('POST /webhooks/stripe', () => {
  const relayOf = () => liveRelay({ STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_WEBHOOK_SECRET_PREVIOUS: PREVIOUS })

  it('puts a signed identity.verification_session event on the live feed, without personal data, calling no vendor', async () => {
    const relay = relayOf()
    const socket = await relay.connect()
    const body = stripeEvent({ id: 'evt_1LiveLiveLiveLiveLive01' })
    expect((await post(relay, body)).status).toBe(204)
    const [frame] = await socket.frameCount(1)
    expect(frame).toMatchObject({
      vendor: 'stripe',
      id: 'evt_1LiveLiveLiveLiveLive01',
      name: 'identity.verification_session.requires_input',
      objectType: 'identity.verification_session',
      objectId: 'vs_1WebhookWebhookWebhook01',
      status: 'requires_input',
    })
    const stored = JSON.stringify(await relay.rows()) + socket.raw.join('')
    expect(stored).not.toMatch(/PII|pii@|verify\.stripe/)
    expect((await relay.upstreamCalls()).total).toBe(0)
    socket.ws.close()
  })

  it.each([
    [
      'tampered',
      async (body: string) => ({
        body: body.replace('requires_input', 'verified'),
        header: await signStripe([SECRET], Math.floor(Date.now() / 1000), body),
      }),
    ],
    ['stale', async (body: string) => ({ body, header: await signStripe([SECRET], Math.floor(Date.now() / 1000) - 301, body) })],
    [
      'signed with a secret the relay does not hold',
      async (body: string) => ({ body, header: await signStripe(['whsec_someone_else'], Math.floor(Date.now() / 1000), body) }),
    ],
  ])('refuses a %s delivery with 401 and stores nothing', async (_name, make) => {
    const relay = relayOf()
    const { body, header } = await make(stripeEvent())
    const res = await post(relay, body, { header })
    expect(res.status).toBe(401)
    expect(await relay.rows()).toEqual([])
  })

  it('takes a delivery while the secret is rolled: signed with both, or with the previous one only', async () => {
    const relay = relayOf()
    expect((await post(relay, stripeEvent(), { secrets: ['whsec_not_yet_configured', SECRET] })).status).toBe(204)
    expect((await post(relay, stripeEvent(), { secrets: [PREVIOUS] })).status).toBe(204)
    expect(await relay.rows()).toHaveLength(2)
  })

  it('stores a redelivered event once, and refuses an event that is not about a verification session', async () => {
    const relay = relayOf()
    const body = stripeEvent({ id: 'evt_1OnceOnceOnceOnceOnce01' })
    for (let i = 0; i < 3; i++) expect((await post(relay, body)).status).toBe(204)
    expect(await relay.rows()).toHaveLength(1)
    const charge = stripeEvent({ type: 'charge.succeeded' })
    expect((await post(relay, charge)).status).toBe(400)
  })
})
