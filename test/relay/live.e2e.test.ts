import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLiveSocket, startLiveStack, type LiveStack } from '../harness/live.ts'

// Live events end to end under wrangler dev: the demo vendors sign and post webhooks, the relay's
// hub pushes summaries over a real WebSocket.
let stack: LiveStack

beforeAll(async () => {
  stack = await startLiveStack()
})

afterAll(async () => {
  await stack?.stop()
})

describe('live events under wrangler dev', () => {
  it('says live is configured', async () => {
    const health = (await (await fetch(`${stack.relay.url}/healthz`)).json()) as { live: unknown }
    expect(health.live).toEqual({ configured: true })
  })

  it('pushes what the demo vendors deliver, and resumes with since', async () => {
    const socket = await openLiveSocket(stack.relay.url)
    const persona = await stack.deliver('persona')
    const deepidv = await stack.deliver('deepidv')
    expect([persona.status, deepidv.status]).toEqual([204, 204])
    const frames = await socket.until(2)
    expect(frames.map((f) => [f.vendor, f.name])).toEqual([
      ['persona', persona.name],
      ['deepidv', deepidv.name],
    ])
    expect(frames[0]!.id).toBe(persona.id)
    expect(frames[1]!.objectId).toBe(deepidv.id)
    socket.close()

    const missed = await stack.deliver('persona')
    const resumed = await openLiveSocket(stack.relay.url, frames[1]!.seq)
    expect((await resumed.until(1)).map((f) => f.id)).toEqual([missed.id])
    resumed.close()
  })

  it('refuses a socket without a valid ticket before upgrading', async () => {
    const malformed = await fetch(`${stack.relay.url}/v1/live?ticket=nope`)
    expect(malformed.status).toBe(401)
    expect(malformed.headers.get('content-type')).toMatch(/problem\+json/)
    const unknown = new WebSocket(`${stack.relay.url.replace(/^http/, 'ws')}/v1/live?ticket=${'A'.repeat(43)}`)
    const outcome = await new Promise((resolve) => {
      unknown.addEventListener('open', () => resolve('open'))
      unknown.addEventListener('error', () => resolve('refused'))
    })
    expect(outcome).toBe('refused')
  })
})
