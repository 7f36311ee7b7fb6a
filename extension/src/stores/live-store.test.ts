import { describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import { BACKOFF_MS, createLiveStore, DISPLACED_WAIT_MS, LIVE_RECHECK_MS, POLL_MS } from './live-store.ts'

/** A socket the test drives: open, deliver frames, close. */
class FakeSocket extends EventTarget {
  closed: { code?: number } | null = null
  constructor(readonly url: string) {
    super()
  }
  open() {
    this.dispatchEvent(new Event('open'))
  }
  frame(data: string) {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
  drop(code = 1006) {
    this.dispatchEvent(Object.assign(new Event('close'), { code }))
  }
  close(code?: number) {
    this.closed = { code }
  }
}

const event = (seq: number, createdAt: string, extra: Partial<LiveEvent> = {}): LiveEvent => ({
  seq,
  vendor: 'persona',
  id: `evt_${String(seq).padStart(24, 'x')}`,
  name: 'inquiry.approved',
  objectType: 'inquiry',
  objectId: 'inq_zEx4jL84ShbUyuwX6AzPSqt6',
  status: 'approved',
  createdAt,
  ...extra,
})

function harness(answers: Array<unknown> = []) {
  const sockets: FakeSocket[] = []
  const timers: Array<{ fn: () => void; ms: number }> = []
  const requests: unknown[] = []
  let n = 0
  const send = vi.fn(async (_type: string, req: unknown) => {
    requests.push(req)
    const answer = answers[Math.min(n++, answers.length - 1)]
    return answer ?? { ok: true, data: { configured: true, url: `ws://relay.test/v1/live?ticket=t${n}` }, freshness: null, receivedAt: 0 }
  })
  const onPoll = vi.fn()
  const store = createLiveStore({
    send: send as unknown as Send,
    openSocket: (url) => {
      const socket = new FakeSocket(url)
      sockets.push(socket)
      return socket as unknown as WebSocket
    },
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => timers.splice(0),
    random: () => 1,
    onPoll,
  })
  const nextTimer = () => {
    const timer = timers.shift()
    if (!timer) throw new Error('no timer scheduled')
    timer.fn()
    return timer.ms
  }
  return { store, sockets, timers, requests, send, onPoll, nextTimer }
}

describe('live store', () => {
  it('should connect with a ticket from the background and show events newest first, each once', async () => {
    const h = harness()
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    expect(h.send).toHaveBeenCalledWith('liveConnection', {})
    expect(h.store.status.value).toBe('connecting')
    h.sockets[0]!.open()
    expect(h.store.status.value).toBe('live')
    h.sockets[0]!.frame(JSON.stringify(event(1, '2026-01-01T10:00:00.000Z')))
    h.sockets[0]!.frame(JSON.stringify(event(3, '2026-01-01T10:02:00.000Z')))
    h.sockets[0]!.frame(JSON.stringify(event(2, '2026-01-01T10:01:00.000Z')))
    h.sockets[0]!.frame(JSON.stringify(event(3, '2026-01-01T10:02:00.000Z')))
    h.sockets[0]!.frame('pong')
    h.sockets[0]!.frame('not json')
    expect(h.store.events.value.map((e) => e.seq)).toEqual([3, 2, 1])
  })

  it('should reconnect with growing backoff and resume after the last event received', async () => {
    const h = harness()
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    h.sockets[0]!.open()
    h.sockets[0]!.frame(JSON.stringify(event(7, '2026-01-01T10:00:00.000Z')))
    h.sockets[0]!.drop()
    expect(h.store.status.value).toBe('reconnecting')
    expect(h.nextTimer()).toBe(BACKOFF_MS.first)
    // The ticket that opened a socket opens the next: no new ticket is asked for.
    await vi.waitFor(() => expect(h.sockets).toHaveLength(2))
    expect(h.requests).toEqual([{}])
    expect(h.sockets[1]!.url).toBe('ws://relay.test/v1/live?ticket=t1&since=7')
    // Closed again before opening (refused: expired, say): the wait doubles and a new ticket is asked for.
    h.sockets[1]!.drop()
    expect(h.nextTimer()).toBe(BACKOFF_MS.first * 2)
    await vi.waitFor(() => expect(h.sockets).toHaveLength(3))
    expect(h.requests.at(-1)).toEqual({ since: 7 })
    h.sockets[2]!.open()
    h.sockets[2]!.frame(JSON.stringify(event(8, '2026-01-01T10:01:00.000Z')))
    expect(h.store.status.value).toBe('live')
    expect(h.store.events.value.map((e) => e.seq)).toEqual([8, 7])
    // Once open, the next drop starts from the first wait again.
    h.sockets[2]!.drop()
    expect(h.nextTimer()).toBe(BACKOFF_MS.first)
  })

  it('should never wait longer than the maximum between tries while the relay fails', async () => {
    const failure = { ok: false, error: { kind: 'unreachable', reason: { code: 'timeout', relay: 'https://relay.example' } } }
    const h = harness([failure])
    h.store.start()
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      await vi.waitFor(() => expect(h.timers).toHaveLength(1))
      waits.push(h.nextTimer())
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000, 10000])
    expect(h.store.problem.value).toBe('The relay at https://relay.example did not answer in time.')
    expect(h.sockets).toHaveLength(0)
  })

  it('should stop trying once the relay refuses the token, after a socket refused before opening, until started again', async () => {
    const refused = {
      ok: false,
      error: { kind: 'unauthorized', reason: { code: 'relay-problem' }, problem: { code: 'unauthorized', status: 401 } },
    }
    const h = harness([undefined, refused, undefined])
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    // The upgrade refused (401): the socket closes without opening, and the next try asks for a ticket.
    h.sockets[0]!.drop()
    expect(h.nextTimer()).toBe(BACKOFF_MS.first)
    await vi.waitFor(() => expect(h.store.status.value).toBe('refused'))
    expect(h.store.refusal.value).toMatchObject({ kind: 'unauthorized' })
    expect(h.timers).toEqual([])
    expect(h.sockets).toHaveLength(1)
    // New settings: the panel stops and starts the store.
    h.store.stop()
    expect(h.store.refusal.value).toBeNull()
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(2))
  })

  it("should start the list afresh when the relay's hub comes back with another epoch (its numbering started over)", async () => {
    const ticket = (n: number, epoch: string) => ({
      ok: true,
      data: { configured: true, url: `ws://relay.test/v1/live?ticket=t${n}`, epoch },
      freshness: null,
      receivedAt: 0,
    })
    const h = harness([ticket(1, 'epoch-a'), ticket(2, 'epoch-b')])
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    h.sockets[0]!.open()
    h.sockets[0]!.frame(JSON.stringify(event(1, '2026-01-01T10:00:00.000Z')))
    h.sockets[0]!.frame(JSON.stringify(event(2, '2026-01-01T10:01:00.000Z')))
    // A drop within the same epoch resumes after the last event, saying which epoch it counts in.
    h.sockets[0]!.drop()
    h.nextTimer()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(2))
    expect(h.sockets[1]!.url).toBe('ws://relay.test/v1/live?ticket=t1&since=2&epoch=epoch-a')
    expect(h.store.events.value.map((e) => e.seq)).toEqual([2, 1])
    // The relay restarts and its hub lost its events (and tickets: the socket is refused): a new
    // ticket in the new epoch empties the list; the hub's seq 1 is a new event (the old seq 1 on
    // screen must not hide it).
    h.sockets[1]!.drop()
    h.nextTimer()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(3))
    expect(h.requests.at(-1)).toEqual({ since: 2, epoch: 'epoch-a' })
    expect(h.store.events.value).toEqual([])
    h.sockets[2]!.open()
    h.sockets[2]!.frame(JSON.stringify(event(1, '2026-01-01T11:00:00.000Z', { name: 'inquiry.completed' })))
    expect(h.store.status.value).toBe('live')
    expect(h.store.events.value.map((e) => [e.seq, e.name])).toEqual([[1, 'inquiry.completed']])
    // And the next resume counts in the new epoch.
    h.sockets[2]!.drop()
    h.nextTimer()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(4))
    expect(h.sockets[3]!.url).toBe('ws://relay.test/v1/live?ticket=t2&since=1&epoch=epoch-b')
  })

  it('should close a socket the relay says was displaced by another of the same agent, and wait a minute before trying again', async () => {
    const h = harness()
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    h.sockets[0]!.open()
    h.sockets[0]!.frame('displaced')
    expect(h.sockets[0]!.closed).toEqual({ code: 1000 })
    h.sockets[0]!.drop(1000)
    expect(h.nextTimer()).toBe(DISPLACED_WAIT_MS)
    await vi.waitFor(() => expect(h.sockets).toHaveLength(2))
  })

  it('should wait a minute, not a second, when the relay displaced its socket for another of the same agent (1008)', async () => {
    const h = harness()
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    h.sockets[0]!.open()
    h.sockets[0]!.drop(1008)
    expect(h.store.status.value).toBe('reconnecting')
    expect(h.nextTimer()).toBe(DISPLACED_WAIT_MS)
    await vi.waitFor(() => expect(h.sockets).toHaveLength(2))
    expect(h.requests).toEqual([{}])
  })

  it('should fall back to polling when the relay has no live events', async () => {
    const h = harness([{ ok: true, data: { configured: false }, freshness: null, receivedAt: 0 }])
    h.store.start()
    await vi.waitFor(() => expect(h.store.status.value).toBe('polling'))
    expect(h.nextTimer()).toBe(POLL_MS)
    expect(h.nextTimer()).toBe(POLL_MS)
    expect(h.onPoll).toHaveBeenCalledTimes(2)
    expect(h.sockets).toHaveLength(0)
  })

  it('should ask the relay again every few minutes while polling, and go live once it has live events', async () => {
    const notConfigured = { ok: true, data: { configured: false }, freshness: null, receivedAt: 0 }
    // The third answer is the harness's default: live events configured.
    const h = harness([notConfigured, notConfigured, undefined])
    h.store.start()
    await vi.waitFor(() => expect(h.store.status.value).toBe('polling'))
    const polls = LIVE_RECHECK_MS / POLL_MS
    for (let i = 0; i < polls; i++) expect(h.nextTimer()).toBe(POLL_MS)
    // The re-check: still not configured, so polling goes on with the indicator unchanged.
    await vi.waitFor(() => expect(h.send).toHaveBeenCalledTimes(2))
    await vi.waitFor(() => expect(h.timers).toHaveLength(1))
    expect(h.store.status.value).toBe('polling')
    expect(h.onPoll).toHaveBeenCalledTimes(polls)
    // The admin set the webhook secrets: the next re-check opens the socket.
    for (let i = 0; i < polls; i++) h.nextTimer()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    h.sockets[0]!.open()
    expect(h.store.status.value).toBe('live')
  })

  it('should close the socket on stop and ignore anything after it', async () => {
    const h = harness()
    h.store.start()
    await vi.waitFor(() => expect(h.sockets).toHaveLength(1))
    h.sockets[0]!.open()
    h.store.stop()
    expect(h.sockets[0]!.closed).toEqual({ code: 1000 })
    h.sockets[0]!.frame(JSON.stringify(event(1, '2026-01-01T10:00:00.000Z')))
    h.sockets[0]!.drop()
    expect(h.store.events.value).toEqual([])
    expect(h.store.status.value).toBe('off')
    expect(h.timers).toHaveLength(0)
  })
})
