import { env } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { parsePersonaSignature, signPersona, verifyPersonaSignature } from '../src/vendors/persona/webhook-signature.ts'
import { verifyDeepidvSignature } from '../src/vendors/deepidv/webhook-signature.ts'
import { WEBHOOK_MAX_BYTES } from '../src/routes/webhooks.ts'
import { problemOf } from './helpers.ts'
import { DEEPIDV_SECRET, deepidvEvent, liveRelay, PERSONA_SECRET, PERSONA_SECRET_PREVIOUS, personaEvent } from './live-helpers.ts'

// Computed outside this code base (Node's crypto.createHmac), so signer and verifier cannot share a bug.
const VECTOR = {
  secret: 'whsec_test_vector',
  t: 1709686052,
  body: '{"data":{"type":"event","id":"evt_vectorVector0001","attributes":{"name":"inquiry.approved","created-at":"2024-03-06T00:47:32.000Z","payload":{"data":{"type":"inquiry","id":"inq_vectorVector00000001","attributes":{"status":"approved"}}}}}}',
  v1: 'ce664e91dd1f724999fd2b2ffb1370c52dc714b286ec8e09de2cc38e210ba635',
}
const bytes = (s: string) => new Uint8Array(new TextEncoder().encode(s))
const atVector = VECTOR.t * 1000
const good = `t=${VECTOR.t},v1=${VECTOR.v1}`
const other = 'f'.repeat(64)

describe('Persona-Signature vectors', () => {
  it.each([
    ['a valid set', good, VECTOR.body, [VECTOR.secret], true],
    [
      'a rotated header whose first set is invalid and second valid',
      `t=${VECTOR.t},v1=${other} ${good}`,
      VECTOR.body,
      [VECTOR.secret],
      true,
    ],
    ['a rotated header whose first set is valid', `${good} t=${VECTOR.t},v1=${other}`, VECTOR.body, [VECTOR.secret], true],
    ['the previous secret during rotation', good, VECTOR.body, ['some-new-secret', VECTOR.secret], true],
    ['a tampered body', good, VECTOR.body.replace('approved', 'declined'), [VECTOR.secret], false],
    ['a body with one byte added', good, `${VECTOR.body} `, [VECTOR.secret], false],
    ['a wrong t', `t=${VECTOR.t + 1},v1=${VECTOR.v1}`, VECTOR.body, [VECTOR.secret], false],
    ['a wrong secret', good, VECTOR.body, ['not-the-secret'], false],
    ['a garbled header', 'garbage', VECTOR.body, [VECTOR.secret], false],
    ['a header without t', `v1=${VECTOR.v1}`, VECTOR.body, [VECTOR.secret], false],
    ['a missing header', null, VECTOR.body, [VECTOR.secret], false],
    ['an empty header', '', VECTOR.body, [VECTOR.secret], false],
    ['a v1 one character short', `t=${VECTOR.t},v1=${VECTOR.v1.slice(0, 63)}`, VECTOR.body, [VECTOR.secret], false],
    ['a v1 one character long', `t=${VECTOR.t},v1=${VECTOR.v1}0`, VECTOR.body, [VECTOR.secret], false],
    ['a v1 that is not hex', `t=${VECTOR.t},v1=${'z'.repeat(64)}`, VECTOR.body, [VECTOR.secret], false],
    ['no secret at all', good, VECTOR.body, [], false],
  ] as const)('%s', async (_name, header, body, secrets, verdict) => {
    expect(await verifyPersonaSignature(header, bytes(body), secrets, atVector)).toBe(verdict)
  })

  it('should refuse a valid set signed more than 5 minutes away from now (replay)', async () => {
    expect(await verifyPersonaSignature(good, bytes(VECTOR.body), [VECTOR.secret], atVector + 301_000)).toBe(false)
    expect(await verifyPersonaSignature(good, bytes(VECTOR.body), [VECTOR.secret], atVector - 301_000)).toBe(false)
    expect(await verifyPersonaSignature(good, bytes(VECTOR.body), [VECTOR.secret], atVector + 299_000)).toBe(true)
  })

  it('should take at most 4 signature sets, the valid one among them, and refuse a header with more unverified', async () => {
    const junk = (n: number) => Array.from({ length: n }, () => `t=${VECTOR.t},v1=${other}`).join(' ')
    expect(await verifyPersonaSignature(`${junk(3)} ${good}`, bytes(VECTOR.body), [VECTOR.secret], atVector)).toBe(true)
    expect(await verifyPersonaSignature(`${junk(4)} ${good}`, bytes(VECTOR.body), [VECTOR.secret], atVector)).toBe(false)
    expect(parsePersonaSignature(junk(400))).toEqual([])
    expect(parsePersonaSignature(junk(4))).toHaveLength(4)
  })

  it('should compute one MAC per (timestamp, secret), however many sets share the timestamp', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign')
    const verify = vi.spyOn(crypto.subtle, 'verify')
    try {
      const header = `t=${VECTOR.t},v1=${other} t=${VECTOR.t},v1=${'e'.repeat(64)} t=${VECTOR.t},v1=${'d'.repeat(64)} ${good}`
      expect(await verifyPersonaSignature(header, bytes(VECTOR.body), ['some-new-secret', VECTOR.secret], atVector)).toBe(true)
      // One timestamp, two secrets: two MACs over the body, not eight.
      expect(sign.mock.calls.length + verify.mock.calls.length).toBe(2)
    } finally {
      sign.mockRestore()
      verify.mockRestore()
    }
  })

  it('should sign exactly like the vector', async () => {
    expect(await signPersona(VECTOR.secret, VECTOR.t, VECTOR.body)).toBe(good)
  })
})

describe('deepidv-signature vectors', () => {
  it.each([
    ['the secret', DEEPIDV_SECRET, true],
    ['a wrong secret of the same length', DEEPIDV_SECRET.replace(/.$/, 'X'), false],
    ['a shorter value', DEEPIDV_SECRET.slice(0, -1), false],
    ['a longer value', `${DEEPIDV_SECRET}x`, false],
    ['an empty header', '', false],
    ['a missing header', null, false],
  ] as const)('%s', async (_name, header, verdict) => {
    expect(await verifyDeepidvSignature(header, DEEPIDV_SECRET)).toBe(verdict)
  })
})

describe('POST /webhooks/persona and /webhooks/deepidv', () => {
  it('should acknowledge a signed delivery with 204, store its summary and call no vendor', async () => {
    const relay = liveRelay()
    const res = await relay.persona(personaEvent({ id: 'evt_AckAckAckAckAckAck0001' }))
    expect(res.status).toBe(204)
    expect((await relay.deepidv(deepidvEvent())).status).toBe(204)
    expect((await relay.rows()).map((r) => r.id)).toContain('evt_AckAckAckAckAckAck0001')
    expect((await relay.rows()).length).toBe(2)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('should keep a status only when the vendor documents it: any other words are dropped, never stored or pushed', async () => {
    const relay = liveRelay()
    const persona = [
      ['evt_StatusStatusStatus0001', 'approved'],
      ['evt_StatusStatusStatus0002', 'Jane Doe'],
      ['evt_StatusStatusStatus0003', 'needs_review'],
      ['evt_StatusStatusStatus0004', 'jane.doe-1990'],
    ] as const
    for (const [id, status] of persona) expect((await relay.persona(personaEvent({ id, status }))).status).toBe(204)
    const sessions = [crypto.randomUUID(), crypto.randomUUID()]
    expect((await relay.deepidv(deepidvEvent({ id: sessions[0], status: 'VERIFIED' }))).status).toBe(204)
    expect((await relay.deepidv(deepidvEvent({ id: sessions[1], status: 'Max Mustermann' }))).status).toBe(204)
    const stored = new Map((await relay.rows()).map((r) => [String(r.id).startsWith('evt_') ? r.id : r.object_id, r.status]))
    expect([...persona.map(([id]) => stored.get(id)), ...sessions.map((id) => stored.get(id))]).toEqual([
      'approved',
      null,
      'needs_review',
      null,
      'VERIFIED',
      null,
    ])
  })

  it("should let the next refresh of a changed record reach the vendor: the gate's refresh floor keeps nothing from before", async () => {
    const relay = liveRelay()
    const changed = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
    const list = (await (await relay.request('/v1/persona/inquiries?page%5Bsize%5D=5', { auth: true })).json()) as {
      data: { id: string }[]
    }
    const other = list.data.map((i) => i.id).find((id) => id !== changed)!
    const refresh = async (id: string) => {
      const res = await relay.request(`/v1/lookup?ids=${id}`, { auth: true, headers: { 'cache-control': 'no-cache' } })
      expect(res.status).toBe(200)
    }
    const vendorCalls = async () => (await relay.upstreamCalls()).persona
    await refresh(changed)
    await refresh(other)
    const before = await vendorCalls()
    // Within the floor's 5 s, a second refresh shares the gate's copy.
    await refresh(changed)
    expect(await vendorCalls()).toBe(before)
    expect((await relay.persona(personaEvent({ objectId: changed, name: 'inquiry.declined', status: 'declined' }))).status).toBe(204)
    await refresh(changed)
    expect(await vendorCalls()).toBeGreaterThan(before)
    // A record the webhook is not about keeps its copy.
    const after = await vendorCalls()
    await refresh(other)
    expect(await vendorCalls()).toBe(after)
  })

  it('should accept a delivery signed with the previous secret while rotating', async () => {
    const relay = liveRelay()
    const body = personaEvent()
    const t = Math.floor(Date.now() / 1000)
    const rotated = `${await signPersona('the-next-secret-not-ours', t, body)} ${await signPersona(PERSONA_SECRET_PREVIOUS, t, body)}`
    expect((await relay.persona(body, { signature: rotated })).status).toBe(204)
  })

  it.each([
    ['persona, no signature', (r: ReturnType<typeof liveRelay>) => r.persona(personaEvent(), { signature: null })],
    [
      'persona, another secret',
      async (r: ReturnType<typeof liveRelay>) => {
        const body = personaEvent()
        return r.persona(body, { signature: await signPersona('wrong', Math.floor(Date.now() / 1000), body) })
      },
    ],
    ['deepidv, no signature', (r: ReturnType<typeof liveRelay>) => r.deepidv(deepidvEvent(), null)],
    ['deepidv, wrong secret', (r: ReturnType<typeof liveRelay>) => r.deepidv(deepidvEvent(), 'whsec_wrong')],
  ])('should answer 401 bad-signature and store nothing for %s', async (_name, deliver) => {
    const relay = liveRelay()
    const res = await deliver(relay)
    expect(res.status).toBe(401)
    expect(await problemOf(res)).toMatchObject({ code: 'bad-signature', status: 401 })
    expect(await relay.rows()).toEqual([])
  })

  it('should answer 503 and store nothing when a vendor secret is not configured', async () => {
    const relay = liveRelay({ PERSONA_WEBHOOK_SECRET: undefined, DEEPIDV_WEBHOOK_SECRET: '' })
    const persona = await relay.persona(personaEvent())
    expect(persona.status).toBe(503)
    expect(await problemOf(persona)).toMatchObject({ code: 'provider-not-configured', provider: 'persona' })
    expect((await problemOf(await relay.deepidv(deepidvEvent()))).detail).toMatch(/DEEPIDV_WEBHOOK_SECRET/)
    expect(await relay.rows()).toEqual([])
  })

  it('should answer 413 for a body over 256 KB, and take one of exactly 256 KB', async () => {
    const relay = liveRelay()
    const base = personaEvent()
    const pad = (size: number) => base.replace('"data":{', `"pad":"${'x'.repeat(size - base.length - 9)}","data":{`)
    expect(pad(WEBHOOK_MAX_BYTES).length).toBe(WEBHOOK_MAX_BYTES)
    const tooBig = await relay.persona(pad(WEBHOOK_MAX_BYTES + 1))
    expect(tooBig.status).toBe(413)
    expect(await problemOf(tooBig)).toMatchObject({ code: 'payload-too-large' })
    expect((await relay.persona(pad(WEBHOOK_MAX_BYTES))).status).toBe(204)
    expect((await relay.rows()).length).toBe(1)
  })

  it('should answer 413 for a streamed body over 256 KB that announces no length', async () => {
    const relay = liveRelay()
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const streamed = (chunks: number) => {
      let sent = 0
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < chunks) controller.enqueue(chunk)
          else controller.close()
        },
      })
    }
    const post = (path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
      relay.request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
    const probe = new Request('http://relay.test/', { method: 'POST', body: streamed(1), duplex: 'half' } as RequestInit)
    expect(probe.headers.get('content-length')).toBeNull()
    // Five 64 KB chunks: over the limit however it is signed.
    const persona = await post('/webhooks/persona', streamed(5), {
      'persona-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
    })
    expect(persona.status).toBe(413)
    const deepidv = await post('/webhooks/deepidv', streamed(5), { 'deepidv-signature': DEEPIDV_SECRET })
    expect(deepidv.status).toBe(413)
    expect(deepidv.headers.get('content-type')).toMatch(/problem\+json/)
    expect(await relay.rows()).toEqual([])
  })

  it('should refuse a header of 400 signature sets on a 250 KB body with 401, computing nothing', async () => {
    const relay = liveRelay()
    const body = personaEvent().replace('"data":{', `"pad":"${'x'.repeat(250_000)}","data":{`)
    const t = Math.floor(Date.now() / 1000)
    const flood = Array.from({ length: 400 }, () => `t=${t},v1=${'0'.repeat(64)}`).join(' ')
    const sign = vi.spyOn(crypto.subtle, 'sign')
    const verify = vi.spyOn(crypto.subtle, 'verify')
    try {
      const res = await relay.persona(body, { signature: flood })
      expect(res.status).toBe(401)
      expect(await problemOf(res)).toMatchObject({ code: 'bad-signature' })
      expect(sign.mock.calls.length + verify.mock.calls.length).toBe(0)
    } finally {
      sign.mockRestore()
      verify.mockRestore()
    }
    // The genuine set among three others still gets through.
    const genuine = await signPersona(PERSONA_SECRET, t, body)
    const mixed = `t=${t},v1=${'0'.repeat(64)} t=${t},v1=${'1'.repeat(64)} t=${t},v1=${'2'.repeat(64)} ${genuine}`
    expect((await relay.persona(body, { signature: mixed })).status).toBe(204)
  })

  it('should accept a deepidv delivery without created_at, dated by its updated_at', async () => {
    const relay = liveRelay()
    const updatedAt = new Date(Date.now() - 60_000).toISOString()
    const body = JSON.stringify({
      type: 'session.status.verified',
      data: { id: crypto.randomUUID(), status: 'VERIFIED', updated_at: updatedAt },
    })
    expect((await relay.deepidv(body)).status).toBe(204)
    expect((await relay.rows()).map((r) => r.created_at)).toEqual([updatedAt])
    // Neither date: refused, nothing kept.
    const undated = JSON.stringify({ type: 'session.status.verified', data: { id: crypto.randomUUID(), status: 'VERIFIED' } })
    expect((await relay.deepidv(undated)).status).toBe(400)
    expect((await relay.rows()).length).toBe(1)
  })

  it('should answer 400 for a signed body that is not an event', async () => {
    const relay = liveRelay()
    expect((await relay.persona('{"data":{"type":"inquiry","id":"inq_zEx4jL84ShbUyuwX6AzPSqt6"}}')).status).toBe(400)
    expect((await relay.persona('not json')).status).toBe(400)
    expect((await relay.deepidv('{"type":"session.created"}')).status).toBe(400)
    expect(await relay.rows()).toEqual([])
  })

  it('should still refuse other writes and other methods on the receivers', async () => {
    const relay = liveRelay()
    expect((await relay.request('/webhooks/persona', { method: 'PUT', body: '{}' })).status).toBe(405)
    expect((await relay.request('/webhooks/other', { method: 'POST', body: '{}' })).status).toBe(405)
    expect((await relay.request('/v1/persona/inquiries', { method: 'POST', body: '{}', auth: true })).status).toBe(405)
    expect((await relay.request('/webhooks/persona')).status).toBe(404)
  })

  it('should take deliveries without any agent credential in Access mode too, while a ticket still needs the agent', async () => {
    const team = (env as unknown as { TEST_ACCESS_TEAM_DOMAIN: string }).TEST_ACCESS_TEAM_DOMAIN
    const relay = liveRelay({ AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: 'live-test-aud', AGENT_TOKENS: '' })
    expect((await relay.persona(personaEvent())).status).toBe(204)
    expect((await relay.deepidv(deepidvEvent())).status).toBe(204)
    expect((await relay.rows()).length).toBe(2)
    const ticket = await relay.request('/v1/live/ticket', { method: 'POST' })
    expect(ticket.status).toBe(401)
    expect((await problemOf(ticket)).code).toBe('unauthorized')
  })

  it('should store and push 5 deliveries of one event once, acknowledging all 5', async () => {
    const relay = liveRelay()
    const socket = await relay.connect()
    const body = personaEvent()
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await relay.persona(body)).status)
    expect(statuses).toEqual([204, 204, 204, 204, 204])
    // deepidv retries: same type, session and updated_at.
    const retry = deepidvEvent()
    for (let i = 0; i < 5; i++) expect((await relay.deepidv(retry)).status).toBe(204)
    // A later, different event: once it has arrived, any duplicate frame would have arrived before it.
    const marker = personaEvent()
    await relay.persona(marker)
    const frames = await socket.frameCount(3)
    expect(frames.map((f) => f.id)).toEqual([JSON.parse(body).data.id, expect.stringMatching(/^dpv_/), JSON.parse(marker).data.id])
    expect((await relay.rows()).length).toBe(3)
  })

  it('should serve deliveries that arrive out of order in created-at order', async () => {
    const relay = liveRelay()
    const now = Date.now()
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString()
    const ids = { first: 'evt_OrderFirst00000000001', second: 'evt_OrderSecond0000000002', third: 'evt_OrderThird00000000003' }
    await relay.persona(personaEvent({ id: ids.third, createdAt: at(1) }))
    await relay.persona(personaEvent({ id: ids.first, createdAt: at(3) }))
    await relay.deepidv(deepidvEvent({ updatedAt: at(2.5) }))
    await relay.persona(personaEvent({ id: ids.second, createdAt: at(2) }))
    const frames = await (await relay.connect()).frameCount(4)
    expect(frames.map((f) => f.id)).toEqual([ids.first, expect.stringMatching(/^dpv_/), ids.second, ids.third])
    expect(frames.map((f) => f.createdAt)).toEqual([at(3), at(2.5), at(2), at(1)])
  })
})

describe('the live store failing', () => {
  it('never fails a lookup or a list, and a delivery it could not store is not acknowledged (the vendor retries)', async () => {
    let hubCalls = 0
    const broken = () => {
      hubCalls++
      throw new Error('LiveHub unavailable')
    }
    const relay = liveRelay({ LIVE_HUB: { getByName: () => ({ ingest: broken, issueTicket: broken, fetch: broken }) } })
    expect((await relay.request('/v1/persona/inquiries?page%5Bsize%5D=2', { auth: true })).status).toBe(200)
    expect((await relay.request('/v1/persona/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6', { auth: true })).status).toBe(200)
    expect((await relay.request('/v1/deepidv/sessions?limit=2', { auth: true })).status).toBe(200)
    expect((await relay.request('/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6', { auth: true })).status).toBe(200)
    expect((await relay.request('/healthz')).status).toBe(200)
    expect(hubCalls).toBe(0)
    const delivery = await relay.persona(personaEvent())
    expect(delivery.status).toBeGreaterThanOrEqual(500)
    expect(delivery.headers.get('content-type')).toMatch(/problem\+json/)
  })
})

describe('GET /healthz live', () => {
  it('should say live is configured with the hub and a webhook secret, and not otherwise', async () => {
    const health = async (overrides: Parameters<typeof liveRelay>[0]) =>
      ((await (await liveRelay(overrides).request('/healthz')).json()) as { live: { configured: boolean } }).live
    expect(await health({})).toEqual({ configured: true })
    expect(await health({ PERSONA_WEBHOOK_SECRET: undefined })).toEqual({ configured: true })
    expect(await health({ PERSONA_WEBHOOK_SECRET: undefined, DEEPIDV_WEBHOOK_SECRET: undefined })).toEqual({ configured: false })
    expect(await health({ LIVE_HUB: undefined })).toEqual({ configured: false })
  })
})
