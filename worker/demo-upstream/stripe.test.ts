import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoUpstream } from './app.ts'
import { FULL_REPORT, FULL_SESSION, leafPaths } from './stripe-full-samples.ts'
import { STRIPE_FIXTURE_IDS, STRIPE_STORY_REFERENCE } from './stripe-seed.ts'
import { webhookReceiver } from './test-support.ts'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const demo = createDemoUpstream({ now: new Date(NOW), clock: () => NOW, rateLimits: false })
const get = async (path: string, key = 'sk_test_demo_stripe') => {
  const res = await demo.fetch(new Request(`http://demo/stripe/v1/identity/${path}`, { headers: { authorization: `Bearer ${key}` } }))
  return { status: res.status, body: (await res.json()) as any }
}

/** Paths with array indexes as `[]`, and any key under metadata as `metadata.*`. */
const shapeOf = (body: unknown) =>
  new Set(leafPaths(body).map((p) => p.replace(/\.metadata\.[^.]+$|^metadata\.[^.]+$/, (m) => m.replace(/[^.]+$/, '*'))))
const allowed = (full: unknown) => {
  const paths = [...shapeOf(full)]
  // A field the types declare nullable may be null or absent: null is a leaf at the object's place too.
  return (path: string) => paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[]`) || p === `${path}{}`)
}

describe("the demo's Stripe Identity, against the stripe package's types", () => {
  it('serves only fields the types declare, on every session and report', async () => {
    const { body } = await get('verification_sessions?limit=100')
    const isSessionField = allowed(FULL_SESSION)
    const isReportField = allowed(FULL_REPORT)
    expect(body.data.length).toBeGreaterThan(30)
    let reports = 0
    for (const session of body.data) {
      for (const path of shapeOf(session)) expect(isSessionField(path), `session ${path}`).toBe(true)
      if (!session.last_verification_report) continue
      const report = await get(`verification_reports/${session.last_verification_report}`)
      expect(report.status).toBe(200)
      reports++
      expect(report.body.verification_session).toBe(session.id)
      for (const path of shapeOf(report.body)) expect(isReportField(path), `report ${path}`).toBe(true)
    }
    expect(reports).toBeGreaterThan(15)
  })

  it('has sessions in every status, each as Stripe shapes it', async () => {
    const { body } = await get('verification_sessions?limit=100')
    const byStatus = (status: string) => body.data.filter((s: { status: string }) => s.status === status)
    for (const status of ['requires_input', 'processing', 'verified', 'canceled'])
      expect(byStatus(status).length, status).toBeGreaterThan(0)
    // Only a session waiting for input has a hosted flow to send the person back to.
    for (const s of body.data) expect(s.url !== null, s.id).toBe(s.status === 'requires_input')
    for (const s of byStatus('requires_input')) expect(s.last_error.code).toMatch(/^[a-z_]+$/)
    for (const s of byStatus('verified')) expect(s.last_error).toBeNull()
    expect(body.data.some((s: { redaction: { status: string } | null }) => s.redaction?.status === 'redacted')).toBe(true)
    const fixture = await get(`verification_sessions/${STRIPE_FIXTURE_IDS.session}`)
    expect(fixture.body).toMatchObject({ status: 'verified', last_verification_report: STRIPE_FIXTURE_IDS.report })
    const story = await get(`verification_sessions?client_reference_id=${STRIPE_STORY_REFERENCE}`)
    expect(story.body.data.map((s: { status: string }) => s.status)).toEqual(['verified', 'requires_input', 'canceled'])
  })

  it("answers with Stripe's errors: unknown parameter, missing object, unknown cursor, bad key", async () => {
    expect(await get('verification_sessions?foo=1')).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'parameter_unknown', param: 'foo' } },
    })
    expect(await get('verification_sessions/vs_0000000000000000000000000')).toMatchObject({
      status: 404,
      body: { error: { code: 'resource_missing' } },
    })
    expect(await get('verification_sessions?starting_after=vs_0000000000000000000000000')).toMatchObject({
      status: 400,
      body: { error: { code: 'resource_missing', param: 'starting_after' } },
    })
    expect(await get('verification_sessions?limit=101')).toMatchObject({ status: 400, body: { error: { param: 'limit' } } })
    expect(await get('verification_sessions', 'sk_live_notademo1234')).toMatchObject({
      status: 401,
      body: { error: { type: 'invalid_request_error' } },
    })
    expect((await get('verification_sessions', 'sk_live_notademo1234')).body.error.message).not.toContain('notademo')
  })
})

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe("the demo's Stripe webhooks", () => {
  it('signs each delivery as Stripe does: t and v1 = HMAC-SHA256 of "t.body", the session in data.object', async () => {
    const { url: target, received, close } = await webhookReceiver()
    closers.push(close)
    const sender = createDemoUpstream({ now: new Date(NOW), clock: () => NOW, webhooks: { target, stripeSecret: 'whsec_demo' } })
    const delivery = await sender.webhooks!.send('stripe')
    sender.webhooks!.stop()
    expect(delivery).toMatchObject({ provider: 'stripe', status: 204 })
    const [{ headers, body }] = received as [(typeof received)[number]]
    const [, t, v1] = headers['stripe-signature']!.match(/^t=(\d+),v1=([0-9a-f]{64})$/)!
    expect(Number(t)).toBe(NOW / 1000)
    expect(v1).toBe(createHmac('sha256', 'whsec_demo').update(`${t}.${body}`).digest('hex'))
    const event = JSON.parse(body)
    expect(event).toMatchObject({
      object: 'event',
      type: `identity.verification_session.${event.data.object.status}`,
      data: { object: { object: 'identity.verification_session' } },
    })
  })
})

describe("the demo's Stripe status control", () => {
  it("moves a session as Stripe's flow does and delivers the matching signed identity.verification_session.* event", async () => {
    const { url: target, received, close } = await webhookReceiver()
    closers.push(close)
    const app = createDemoUpstream({
      now: new Date(NOW),
      clock: () => NOW,
      rateLimits: false,
      webhooks: { target, stripeSecret: 'whsec_demo' },
    })
    const read = async (id: string) =>
      (
        await app.fetch(
          new Request(`http://demo/stripe/v1/identity/verification_sessions/${id}`, { headers: { authorization: 'Bearer sk_test_x' } }),
        )
      ).json() as Promise<any>
    const change = (id: string, body: unknown) =>
      app.fetch(
        new Request(`http://demo/__demo/stripe/verification_sessions/${id}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
    const list = (await (
      await app.fetch(
        new Request(`http://demo/stripe/v1/identity/verification_sessions?client_reference_id=${STRIPE_STORY_REFERENCE}`, {
          headers: { authorization: 'Bearer sk_test_x' },
        }),
      )
    ).json()) as any
    const waiting = list.data.find((s: { status: string }) => s.status === 'requires_input').id as string

    // Submitted: processing, no hosted flow, no error; then back to requires_input with Stripe's reason.
    const submitted = await change(waiting, { status: 'processing' })
    expect(submitted.status).toBe(200)
    expect(await submitted.json()).toMatchObject({
      session: { id: waiting, status: 'processing', last_error: null },
      event: 'identity.verification_session.processing',
      delivery: { provider: 'stripe', status: 204 },
    })
    expect(await read(waiting)).toMatchObject({ status: 'processing', url: null, last_error: null })
    expect((await change(waiting, { status: 'requires_input', code: 'selfie_face_mismatch' })).status).toBe(200)
    expect(await read(waiting)).toMatchObject({
      status: 'requires_input',
      url: expect.stringMatching(/^https:\/\/verify\.stripe\.com\//),
      last_error: { code: 'selfie_face_mismatch', reason: expect.stringMatching(/selfie/) },
    })
    await change(waiting, { status: 'processing' })
    expect((await change(waiting, { status: 'verified' })).status).toBe(200)
    expect(await read(waiting)).toMatchObject({ status: 'verified', url: null, last_error: null })

    // Each event signed as Stripe signs, its object the session as it was then.
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual([
      'identity.verification_session.processing',
      'identity.verification_session.requires_input',
      'identity.verification_session.processing',
      'identity.verification_session.verified',
    ])
    for (const { headers, body } of received) {
      const [, t, v1] = headers['stripe-signature']!.match(/^t=(\d+),v1=([0-9a-f]{64})$/)!
      expect(v1).toBe(createHmac('sha256', 'whsec_demo').update(`${t}.${body}`).digest('hex'))
      expect(JSON.parse(body).data.object.id).toBe(waiting)
    }
    app.webhooks!.stop()
  })

  it('refuses what Stripe does not allow: a final status changed, a skipped step, an unknown code or session', async () => {
    const app = createDemoUpstream({ now: new Date(NOW), clock: () => NOW, rateLimits: false })
    const change = async (id: string, body: unknown) => {
      const res = await app.fetch(
        new Request(`http://demo/__demo/stripe/verification_sessions/${id}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
      return { status: res.status, body: (await res.json()) as any }
    }
    const verified = await change(STRIPE_FIXTURE_IDS.session, { status: 'canceled' })
    expect(verified).toMatchObject({ status: 409, body: { detail: 'A verified session cannot become canceled: it is final.' } })
    const list = (await (
      await app.fetch(
        new Request('http://demo/stripe/v1/identity/verification_sessions?status=requires_input', {
          headers: { authorization: 'Bearer sk_test_x' },
        }),
      )
    ).json()) as any
    const waiting = list.data[0].id as string
    expect((await change(waiting, { status: 'verified' })).body.detail).toBe(
      'A requires_input session cannot become verified: it can become processing or canceled.',
    )
    expect((await change(waiting, { status: 'processing', code: 'not_a_code' })).status).toBe(400)
    expect((await change('vs_nope000000000000000000', { status: 'processing' })).status).toBe(404)
    // Canceled keeps the error that ended it; without webhooks nothing is delivered.
    expect((await change(waiting, { status: 'canceled' })).body).toMatchObject({
      session: { status: 'canceled', last_error: list.data[0].last_error },
      delivery: null,
    })
  })
})
