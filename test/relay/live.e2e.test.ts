import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLiveSocket, startLiveStack, type LiveStack } from '../harness/live.ts'
import { WAIT } from '../harness/wait.ts'

// Live events end to end under wrangler dev: the demo vendors sign and post webhooks, the relay's
// hub pushes summaries over a real WebSocket.
let stack: LiveStack
/** The hub's cap per agent (worker/src/live/hub.ts SOCKETS_PER_AGENT; that module needs workerd, so it is not imported). */
const SOCKETS_PER_AGENT = 10

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
    const onfido = await stack.deliver('onfido')
    expect([persona.status, deepidv.status, onfido.status]).toEqual([204, 204, 204])
    const frames = await socket.until(3)
    expect(frames.map((f) => [f.vendor, f.name])).toEqual([
      ['persona', persona.name],
      ['deepidv', deepidv.name],
      ['onfido', 'workflow_run.completed'],
    ])
    expect(frames[0]!.id).toBe(persona.id)
    expect(frames[1]!.objectId).toBe(deepidv.id)
    expect(frames[2]!.objectId).toBe(onfido.id)
    socket.close()

    const missed = await stack.deliver('persona')
    const resumed = await openLiveSocket(stack.relay.url, frames[2]!.seq)
    expect((await resumed.until(1)).map((f) => f.id)).toEqual([missed.id])
    resumed.close()
  })

  it('tells a socket displaced by the agent cap so; once its client closes it, it is CLOSED with its close event', async () => {
    // Before: the hub closed it itself (1008) and the client stayed CLOSING with no close event.
    const sockets = []
    for (let i = 0; i <= SOCKETS_PER_AGENT; i++) sockets.push(await openLiveSocket(stack.relay.url))
    const oldest = sockets[0]!
    let told = false
    void oldest.displaced.then(() => (told = true))
    await expect.poll(() => told, WAIT).toBe(true)
    // The newest get what arrives; the displaced one is sent nothing more.
    const replayed = oldest.frames.length
    const delivered = await stack.deliver('persona')
    for (const socket of sockets.slice(1)) expect((await socket.until(replayed + 1)).at(-1)!.id).toBe(delivered.id)
    expect(oldest.frames).toHaveLength(replayed)
    // What the extension's live store does with it: close it.
    let event: CloseEvent | undefined
    oldest.ws.addEventListener('close', (closed) => (event = closed), { once: true })
    oldest.close()
    await expect
      .poll(() => ({ code: event?.code ?? null, readyState: oldest.ws.readyState }), WAIT)
      .toEqual({ code: 1000, readyState: WebSocket.CLOSED })
    for (const socket of sockets.slice(1)) socket.close()
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
