import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoUpstream } from './app.ts'
import { webhookReceiver } from './test-support.ts'

const closers: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const NOW = Date.parse('2026-06-01T12:00:00Z')

describe('demo webhooks', () => {
  it('should sign Persona deliveries as Persona does: HMAC-SHA256 of "t.body" with a fresh event id and time', async () => {
    const target = await webhookReceiver()
    closers.push(target.close)
    const demo = createDemoUpstream({
      now: new Date(NOW - 60_000),
      clock: () => NOW,
      webhooks: { target: target.url, personaSecret: 'wbhsec_demo' },
    })
    closers.push(() => demo.webhooks!.stop())
    const first = await demo.webhooks!.send('persona')
    const second = await demo.webhooks!.send('persona')
    expect([first.status, second.status]).toEqual([204, 204])
    expect(first.id).not.toBe(second.id)
    for (const delivery of target.received) {
      const [, t, v1] = delivery.headers['persona-signature']!.match(/^t=(\d+),v1=([0-9a-f]{64})$/)!
      expect(Number(t)).toBe(NOW / 1000)
      // Computed independently of the sender (Node's crypto).
      expect(v1).toBe(createHmac('sha256', 'wbhsec_demo').update(`${t}.${delivery.body}`).digest('hex'))
      const body = JSON.parse(delivery.body)
      expect(body.data).toMatchObject({ type: 'event', attributes: { 'created-at': new Date(NOW).toISOString() } })
      expect(body.data.attributes.payload.data.id).toMatch(/^[a-z]+_/)
    }
    expect(JSON.parse(target.received[0]!.body).data.id).toBe(first.id)
  })

  it('should let a delivered Persona event be retrieved by its id afterwards, as Persona does', async () => {
    const target = await webhookReceiver()
    closers.push(target.close)
    const demo = createDemoUpstream({
      now: new Date(NOW - 60_000),
      clock: () => NOW,
      webhooks: { target: target.url, personaSecret: 'wbhsec_demo' },
    })
    const get = (id: string, inflection = 'kebab') =>
      demo.fetch(
        new Request(`http://demo/persona/api/v1/events/${id}`, {
          headers: { authorization: 'Bearer persona_demo_webhooks', 'key-inflection': inflection },
        }),
      )
    const delivery = await demo.webhooks!.send('persona')
    const sent = JSON.parse(target.received[0]!.body).data
    const res = await get(delivery.id)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { data: unknown }).data).toEqual(sent)
    // Read back in the caller's inflection, like any other event.
    expect(((await (await get(delivery.id, 'camel')).json()) as { data: { attributes: unknown } }).data.attributes).toMatchObject({
      name: delivery.name,
      createdAt: new Date(NOW).toISOString(),
    })
    // An id that was never delivered (of the same shape) is still unknown.
    expect((await get(delivery.id.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404)
  })

  it('should send deepidv deliveries with the secret in deepidv-signature and the status event of the session', async () => {
    const target = await webhookReceiver()
    closers.push(target.close)
    const demo = createDemoUpstream({
      now: new Date(NOW - 60_000),
      clock: () => NOW,
      webhooks: { target: target.url, deepidvSecret: 'whsec_demo' },
    })
    const delivery = await demo.webhooks!.send('deepidv')
    expect(delivery.status).toBe(204)
    const [received] = target.received
    expect(received!.headers['deepidv-signature']).toBe('whsec_demo')
    const body = JSON.parse(received!.body)
    expect(body.data.session_record).toMatchObject({ id: delivery.id, updated_at: new Date(NOW).toISOString() })
    const status = body.data.session_record.status as string
    expect(body.type).toBe(status === 'PENDING' ? 'session.created' : `session.status.${status.toLowerCase()}`)
    expect(demo.webhooks!.providers).toEqual(['deepidv'])
    await expect(demo.webhooks!.send('persona')).rejects.toThrow(/no secret/)
  })

  it('should deliver one on request through the control API, and say when webhooks are off', async () => {
    const target = await webhookReceiver()
    closers.push(target.close)
    const demo = createDemoUpstream({ webhooks: { target: target.url, personaSecret: 's1', deepidvSecret: 's2' } })
    const res = await demo.fetch(new Request('http://demo/__demo/webhooks/deepidv', { method: 'POST' }))
    expect(await res.json()).toMatchObject({ provider: 'deepidv', status: 204 })
    expect(target.received.map((r) => r.provider)).toEqual(['deepidv'])
    const off = createDemoUpstream({})
    expect(off.webhooks).toBeNull()
    expect((await off.fetch(new Request('http://demo/__demo/webhooks/persona', { method: 'POST' }))).status).toBe(409)
  })

  it('should report an unreachable relay as status 0 instead of failing', async () => {
    const target = await webhookReceiver()
    await target.close()
    const demo = createDemoUpstream({ webhooks: { target: target.url, personaSecret: 's1' } })
    expect((await demo.webhooks!.send('persona')).status).toBe(0)
  })
})
