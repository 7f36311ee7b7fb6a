import { describe, expect, it } from 'vitest'
import { signOnfido, verifyOnfidoSignature } from './webhook-signature.ts'
import { liveRelay, type LiveRelay } from '../../../test/live-helpers.ts'

// Computed outside this code base (Node's crypto.createHmac), so signer and verifier cannot share a bug.
const VECTOR = {
  token: 'onfido_webhook_token_vector',
  body: '{"payload":{"resource_type":"workflow_run","action":"workflow_run.completed","object":{"id":"c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46","status":"declined","completed_at_iso8601":"2026-11-06T13:12:00Z","href":"https://api.eu.onfido.com/v3.6/workflow_runs/c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46"},"resource":{"id":"c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46","applicant_id":"3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83","status":"declined","output":{"first_name":"PII-FIRST","email":"pii@example.com"},"link":{"url":"https://eu.onfido.app/l/PIILINK"},"customer_user_id":"user-7431"}}}',
  mac: '0751569815785f4de4dda51d93524f99bd804a39c124adce5edd5f0c4515e0bd',
}
const bytes = (s: string) => new Uint8Array(new TextEncoder().encode(s))

describe('X-SHA2-Signature', () => {
  it.each([
    ['a valid signature', VECTOR.mac, VECTOR.body, [VECTOR.token], true],
    ['the same in capitals', VECTOR.mac.toUpperCase(), VECTOR.body, [VECTOR.token], true],
    ['a tampered body', VECTOR.mac, VECTOR.body.replace('declined', 'approved'), [VECTOR.token], false],
    ['a body with one byte added', VECTOR.mac, `${VECTOR.body} `, [VECTOR.token], false],
    ['a wrong token', VECTOR.mac, VECTOR.body, ['onfido_someone_else'], false],
    ['a signature one character short', VECTOR.mac.slice(1), VECTOR.body, [VECTOR.token], false],
    ['a missing header', undefined, VECTOR.body, [VECTOR.token], false],
  ] as const)('%s', async (_name, header, body, tokens, expected) => {
    expect(await verifyOnfidoSignature(header, bytes(body), tokens)).toBe(expected)
  })

  it('signs exactly like the vector', async () => {
    expect(await signOnfido(VECTOR.token, VECTOR.body)).toBe(VECTOR.mac)
  })
})

const TOKEN = 'onfido_webhook_token_test'
// Within the live window (older events are acknowledged, never shown): a second of this run.
const AT = `${new Date().toISOString().slice(0, 19)}Z`
const event = (over: { action?: string; resourceType?: string; id?: string; status?: string; at?: string } = {}) =>
  JSON.stringify({
    payload: {
      resource_type: over.resourceType ?? 'workflow_run',
      action: over.action ?? 'workflow_run.completed',
      object: {
        id: over.id ?? 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
        status: over.status ?? 'declined',
        completed_at_iso8601: over.at ?? AT,
        href: 'https://api.eu.onfido.com/v3.6/workflow_runs/x',
      },
      resource: {
        applicant_id: '3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83',
        output: { first_name: 'PII-FIRST', email: 'pii@example.com' },
        link: { url: 'https://eu.onfido.app/l/PIILINK' },
      },
    },
  })

async function post(relay: LiveRelay, body: string, header?: string | null) {
  const signature = header === undefined ? await signOnfido(TOKEN, body) : header
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(signature === null ? {} : { 'x-sha2-signature': signature }),
  }
  return relay.request('/webhooks/onfido', { method: 'POST', body, headers })
}

describe('POST /webhooks/onfido', () => {
  const relayOf = () => liveRelay({ ONFIDO_WEBHOOK_TOKEN: TOKEN })

  it('puts a signed workflow_run.completed and a report.completed on the live feed, without personal data, calling no vendor', async () => {
    const relay = relayOf()
    const socket = await relay.connect()
    expect((await post(relay, event())).status).toBe(204)
    const report = event({
      resourceType: 'report',
      action: 'report.completed',
      id: 'd3fd04ad-9f50-4fcd-9a51-57dfd4b58f39',
      status: 'complete',
    })
    expect((await post(relay, report)).status).toBe(204)
    // Pushed to the open socket as each delivery is stored: the 204 comes after the hub took it.
    const frames = await socket.frameCount(2)
    expect(frames[0]).toMatchObject({
      vendor: 'onfido',
      name: 'workflow_run.completed',
      objectType: 'workflow_run',
      objectId: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
      status: 'declined',
      createdAt: `${AT.slice(0, 19)}.000Z`,
    })
    expect(frames[1]).toMatchObject({ vendor: 'onfido', name: 'report.completed', objectType: 'report', status: 'complete' })
    const stored = JSON.stringify(await relay.rows()) + socket.raw.join('')
    expect(stored).not.toMatch(/PII|pii@|onfido\.app|3b9f6c2e/)
    expect((await relay.upstreamCalls()).total).toBe(0)
    socket.ws.close()
  })

  it.each([
    ['tampered', async (body: string) => ({ body: body.replace('declined', 'approved'), header: await signOnfido(TOKEN, body) })],
    [
      'signed with a token the relay does not hold',
      async (body: string) => ({ body, header: await signOnfido('onfido_someone_else', body) }),
    ],
    ['unsigned', async (body: string) => ({ body, header: null })],
  ])('refuses a %s delivery with 401 and stores nothing', async (_name, make) => {
    const relay = relayOf()
    const { body, header } = await make(event())
    const res = await post(relay, body, header)
    expect(res.status).toBe(401)
    expect(await relay.rows()).toEqual([])
  })

  it('stores a redelivered event once, and refuses an event about something else', async () => {
    const relay = relayOf()
    for (let i = 0; i < 3; i++) expect((await post(relay, event())).status).toBe(204)
    expect(await relay.rows()).toHaveLength(1)
    expect((await post(relay, event({ resourceType: 'audit_log', action: 'audit_log.created' }))).status).toBe(400)
  })

  it('answers 503 naming the secret when no webhook token is set', async () => {
    const relay = liveRelay()
    const res = await post(relay, event())
    expect(res.status).toBe(503)
    expect(await res.text()).toMatch(/ONFIDO_WEBHOOK_TOKEN/)
  })
})
