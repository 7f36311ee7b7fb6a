import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import type { LiveHub } from '../src/live/hub.ts'
import { CLIENT_MESSAGE_MAX_BYTES, REPLAY_MAX_EVENTS, SOCKETS_PER_AGENT, TICKETS_PER_AGENT_PER_MINUTE } from '../src/live/hub.ts'
import type { IncomingEvent } from '../src/live/incoming-event.ts'
import type { LiveHubStub } from '../src/live/binding.ts'
import { problemOf } from './helpers.ts'
import { liveRelay, personaEvent, type LiveRelay } from './live-helpers.ts'

// The live hub is bounded per agent (tickets, sockets, replay per connect, client message size) and has
// an epoch: a client resuming with `since` from another epoch (a hub whose storage, and so its
// numbering, started over) gets the whole window. Every /v1/live answer carries Request-Id.

const hubs = (env as unknown as { LIVE_HUB: DurableObjectNamespace<LiveHub> }).LIVE_HUB

const incoming = (n: number, at = Date.now()): IncomingEvent => ({
  dedupeKey: `bounds-${n}`,
  vendor: 'persona',
  id: `evt_${String(n).padStart(24, '0')}`,
  name: 'inquiry.approved',
  objectType: 'inquiry',
  objectId: 'inq_zEx4jL84ShbUyuwX6AzPSqt6',
  status: 'approved',
  createdAt: new Date(at - 1000 + n).toISOString(),
})

async function ticket(relay: LiveRelay) {
  return relay.request('/v1/live/ticket', { method: 'POST', auth: true })
}

async function open(relay: LiveRelay, query: string) {
  const res = await ticket(relay)
  const { ticket: t, epoch } = (await res.json()) as { ticket: string; epoch: string }
  return { res: await relay.request(`/v1/live?ticket=${t}${query}`, { headers: { upgrade: 'websocket' } }), epoch }
}

describe('a bounded live hub', () => {
  it(`mints at most ${TICKETS_PER_AGENT_PER_MINUTE} tickets a minute per agent: then 429 with Retry-After and Request-Id`, async () => {
    const relay = liveRelay()
    for (let i = 0; i < TICKETS_PER_AGENT_PER_MINUTE; i++) expect((await ticket(relay)).status).toBe(200)
    const refused = await ticket(relay)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(refused.headers.get('request-id')).toBeTruthy()
    expect(await problemOf(refused)).toMatchObject({ code: 'rate-limited' })
    // Webhooks are acknowledged all the same meanwhile.
    expect((await relay.persona(personaEvent())).status).toBe(204)
  })

  it(`holds at most ${SOCKETS_PER_AGENT} sockets per agent: the oldest is told to make room and gets nothing more; one that ignores it is closed`, async () => {
    const relay = liveRelay()
    const sockets = []
    for (let i = 0; i <= SOCKETS_PER_AGENT; i++) sockets.push(await relay.connect())
    await sockets[0]!.displaced
    // The newest are served: they get the next event, the displaced one does not.
    expect((await relay.persona(personaEvent())).status).toBe(204)
    for (const socket of sockets.slice(1)) expect((await socket.frameCount(1)).length).toBe(1)
    expect(sockets[0]!.frames).toHaveLength(0)
    // Its client did not close it: the next displacement closes it (1008) and asks the next oldest.
    sockets.push(await relay.connect())
    expect((await sockets[0]!.closed).code).toBe(1008)
    await sockets[1]!.displaced
    for (const socket of sockets) socket.ws.close()
  })

  it('lets several panels of one agent hold a socket each: five sockets, none closed, all get the next event', async () => {
    const relay = liveRelay()
    const sockets = []
    for (let i = 0; i < 5; i++) sockets.push(await relay.connect())
    expect((await relay.persona(personaEvent())).status).toBe(204)
    // A displaced socket would be closed before the event and never get it.
    for (const socket of sockets) expect((await socket.frameCount(1)).length).toBe(1)
    for (const socket of sockets) socket.ws.close()
  })

  it("a panel reconnecting with its ticket mints none: the hub replaces that panel's old socket and leaves the others", async () => {
    const relay = liveRelay()
    const other = await relay.connect()
    const res = await ticket(relay)
    const { ticket: t } = (await res.json()) as { ticket: string }
    const first = await relay.request(`/v1/live?ticket=${t}`, { headers: { upgrade: 'websocket' } })
    expect(first.status).toBe(101)
    first.webSocket!.accept()
    const firstClosed = new Promise<CloseEvent>((resolve) => first.webSocket!.addEventListener('close', resolve))
    const mintsBefore = await runInDurableObject(
      relay.hub,
      (_hub, state) => state.storage.sql.exec('SELECT COUNT(*) AS n FROM tickets').one().n,
    )
    const again = await relay.request(`/v1/live?ticket=${t}&since=0`, { headers: { upgrade: 'websocket' } })
    expect(again.status).toBe(101)
    again.webSocket!.accept()
    expect((await firstClosed).code).toBe(1000)
    expect(await runInDurableObject(relay.hub, (_hub, state) => state.storage.sql.exec('SELECT COUNT(*) AS n FROM tickets').one().n)).toBe(
      mintsBefore,
    )
    const frames: string[] = []
    again.webSocket!.addEventListener('message', (m) => void frames.push(String(m.data)))
    expect((await relay.persona(personaEvent())).status).toBe(204)
    expect((await other.frameCount(1)).length).toBe(1)
    await vi.waitFor(() => expect(frames).toHaveLength(1))
    again.webSocket!.close()
    other.ws.close()
  })

  it(`replays at most the newest ${REPLAY_MAX_EVENTS} events per connect`, async () => {
    const relay = liveRelay()
    const stub = relay.hub as unknown as LiveHubStub
    const events = Array.from({ length: REPLAY_MAX_EVENTS + 100 }, (_, n) => incoming(n))
    expect(await stub.ingest(events)).toBe(events.length)
    const socket = await relay.connect({ since: 0 })
    // The backlog goes out before anything else: a pong after it means all of it has arrived.
    socket.ws.send('ping')
    await socket.pongCount(1)
    expect(socket.frames).toHaveLength(REPLAY_MAX_EVENTS)
    expect(socket.frames[0]!.id).toBe(incoming(100).id)
    expect(socket.frames.at(-1)!.id).toBe(incoming(REPLAY_MAX_EVENTS + 99).id)
    socket.ws.close()
  })

  it(`closes a socket whose client sends more than ${CLIENT_MESSAGE_MAX_BYTES} bytes with 1009, anything else but ping with 1003`, async () => {
    const relay = liveRelay()
    const big = await relay.connect()
    big.ws.send('x'.repeat(1024 * 1024))
    expect((await big.closed).code).toBe(1009)
    const chatty = await relay.connect()
    chatty.ws.send('hello')
    expect((await chatty.closed).code).toBe(1003)
  })
})

describe('the hub epoch', () => {
  it("a ticket names the hub's epoch; resuming with another epoch's `since` replays the whole window", async () => {
    const relay = liveRelay()
    for (let i = 0; i < 3; i++) expect((await relay.persona(personaEvent())).status).toBe(204)
    const first = await open(relay, '')
    expect(first.epoch).toMatch(/^[A-Za-z0-9-]+$/)
    first.res.webSocket!.accept()
    first.res.webSocket!.close()
    // The same hub: `since` in its own epoch resumes after it.
    const same = await open(relay, `&since=3&epoch=${first.epoch}`)
    expect(same.res.status).toBe(101)
    same.res.webSocket!.accept()
    same.res.webSocket!.close()
    // Another hub's epoch (as a client has after a relay restart that lost the hub's storage): since is
    // from a numbering that no longer exists, and the client gets everything.
    const other = (await hubs.getByName(`other-${crypto.randomUUID()}`).issueTicket('someone')) as { epoch: string }
    expect(other.epoch).not.toBe(first.epoch)
    const ticketRes = await ticket(relay)
    const { ticket: t } = (await ticketRes.json()) as { ticket: string }
    const res = await relay.request(`/v1/live?ticket=${t}&since=3&epoch=${other.epoch}`, { headers: { upgrade: 'websocket' } })
    expect(res.status).toBe(101)
    const ws = res.webSocket!
    const frames: unknown[] = []
    ws.accept()
    const pong = new Promise<void>((resolve) =>
      ws.addEventListener('message', (m) => (m.data === 'pong' ? resolve() : void frames.push(m.data))),
    )
    ws.send('ping')
    await pong
    expect(frames).toHaveLength(3)
    ws.close()
  })

  it('every /v1/live answer carries Request-Id: the socket, and its refusals', async () => {
    const relay = liveRelay()
    const { res } = await open(relay, '')
    expect(res.status).toBe(101)
    expect(res.headers.get('request-id')).toBeTruthy()
    res.webSocket!.accept()
    res.webSocket!.close()
    const noTicket = await relay.request('/v1/live', { headers: { upgrade: 'websocket' } })
    expect(noTicket.status).toBe(401)
    expect(noTicket.headers.get('request-id')).toBe((await problemOf(noTicket)).requestId)
    const badEpoch = await relay.request(`/v1/live?ticket=${'a'.repeat(43)}&epoch=${encodeURIComponent('not/an epoch')}`, {
      headers: { upgrade: 'websocket' },
    })
    expect(badEpoch.status).toBe(400)
    expect(badEpoch.headers.get('request-id')).toBeTruthy()
  })
})
