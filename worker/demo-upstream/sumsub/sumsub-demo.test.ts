/**
 * The demo's Sumsub inside the whole demo upstream: it takes the faults the control API injects, by
 * app token, as the other fake vendors do by key, and it delivers signed webhooks to a relay.
 * Requests and digests are made here with node:crypto, apart from the demo's code.
 */
import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { addFault, body, demo, webhookReceiver } from '../test-support.ts'
import type { DemoUpstream } from '../app.ts'
import { sumsubAccess } from './sumsub-access.ts'

const MARA = '65a1f0c2e4b0a1b2c3d4e504'
const PATH = `/resources/applicants/${MARA}/one`

function read(upstream: DemoUpstream, token: string): Promise<Response> {
  const ts = String(Math.floor(Date.now() / 1000))
  const sig = createHmac('sha256', sumsubAccess.signingKey).update(`${ts}GET${PATH}`).digest('hex')
  return Promise.resolve(
    upstream.app.request(`${sumsubAccess.path}${PATH}`, {
      headers: { 'x-app-token': token, 'x-app-access-ts': ts, 'x-app-access-sig': sig },
    }),
  )
}

describe("the demo's Sumsub takes injected faults", () => {
  it('answers each error fault in Sumsub’s error shape, a 429 with the wait asked for, then recovers', async () => {
    const upstream = demo()
    const token = sumsubAccess.scopedKey('faults')
    for (const [fault, status] of [
      ['429', 429],
      ['503', 503],
      ['500', 500],
      ['401', 401],
    ] as const) {
      expect((await addFault(upstream, { scope: token, provider: 'sumsub', fault, retryAfterSeconds: 7, times: 1 })).status).toBe(201)
      const res = await read(upstream, token)
      expect(res.status).toBe(status)
      expect(await body(res)).toMatchObject({ code: status, description: expect.any(String), correlationId: expect.any(String) })
      expect(res.headers.get('retry-after')).toBe(status === 429 || status === 503 ? '7' : null)
    }
    expect((await read(upstream, token)).status).toBe(200)
    const stats = await body<{ sumsub: number; requests: { provider: string; fault: string | null }[] }>(
      await upstream.app.request(`/__demo/stats?scope=${encodeURIComponent(token)}`),
    )
    expect(stats.sumsub).toBe(5)
    expect(stats.requests.map((r) => r.fault)).toEqual(['429', '503', '500', '401', null])
  })

  it('cuts its answer for malformed, keeps a fault to its own token, and never faults another vendor', async () => {
    const upstream = demo()
    const token = sumsubAccess.scopedKey('malformed')
    await addFault(upstream, { scope: token, provider: 'sumsub', fault: 'malformed', times: 1 })
    await addFault(upstream, { scope: token, provider: 'persona', fault: '500' })
    expect((await read(upstream, sumsubAccess.scopedKey('other'))).status).toBe(200)
    const cut = await read(upstream, token)
    expect(cut.status).toBe(200)
    await expect(cut.clone().json()).rejects.toThrow()
    expect((await cut.text()).length).toBeGreaterThan(0)
    expect((await read(upstream, token)).status).toBe(200)
  })
})

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe("the demo's Sumsub delivers signed webhooks", () => {
  it('posts each applicant’s event for its review state to /webhooks/sumsub, digested with the secret', async () => {
    const NOW = Date.parse('2026-06-01T12:00:00Z')
    const target = await webhookReceiver()
    closers.push(target.close)
    const upstream = demo({ clock: () => NOW, webhooks: { target: target.url, sumsubSecret: 'hook-secret' } })
    closers.push(() => upstream.webhooks!.stop())
    expect(upstream.webhooks!.providers).toEqual(['sumsub'])
    const sent = []
    for (let i = 0; i < 7; i++) sent.push(await upstream.webhooks!.send('sumsub'))
    expect(sent.every((d) => d.status === 204)).toBe(true)
    expect(new Set(sent.map((d) => d.name))).toEqual(
      new Set(['applicantCreated', 'applicantPending', 'applicantOnHold', 'applicantReviewed']),
    )
    for (const delivery of target.received) {
      expect(delivery.provider).toBe('sumsub')
      expect(delivery.headers['x-payload-digest-alg']).toBe('HMAC_SHA256_HEX')
      expect(delivery.headers['x-payload-digest']).toBe(createHmac('sha256', 'hook-secret').update(delivery.body).digest('hex'))
      const event = JSON.parse(delivery.body)
      expect(event).toMatchObject({ applicantId: expect.stringMatching(/^[0-9a-f]{24}$/), createdAtMs: '2026-06-01 12:00:00.000' })
    }
    const mara = target.received.map((d) => JSON.parse(d.body)).find((e) => e.applicantId === MARA)
    expect(mara).toMatchObject({ type: 'applicantReviewed', reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED' } })
  })
})
