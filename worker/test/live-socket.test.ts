import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { MAX_CLOCK_SKEW_MS, REPLAY_MAX_EVENTS, WINDOW_MAX_EVENTS, WINDOW_MS } from '../src/live/hub.ts'
import type { IncomingEvent } from '../src/live/incoming-event.ts'
import { EVENTUALLY, problemOf } from './helpers.ts'
import { deepidvEvent, liveRelay, personaEvent } from './live-helpers.ts'

const ticketOf = async (relay: ReturnType<typeof liveRelay>) =>
  (await (await relay.request('/v1/live/ticket', { method: 'POST', auth: true })).json()) as { ticket: string; expiresIn: number }

const upgrade = (relay: ReturnType<typeof liveRelay>, query: string) =>
  relay.request(`/v1/live?${query}`, { headers: { upgrade: 'websocket' } })

describe('POST /v1/live/ticket and GET /v1/live', () => {
  it('should give an agent a ticket valid for at most 60 s, and refuse one without the agent token', async () => {
    const relay = liveRelay()
    const ticket = await ticketOf(relay)
    expect(ticket.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(ticket.expiresIn).toBeGreaterThan(0)
    expect(ticket.expiresIn).toBeLessThanOrEqual(60)
    const refused = await relay.request('/v1/live/ticket', { method: 'POST' })
    expect(refused.status).toBe(401)
    expect((await problemOf(refused)).code).toBe('unauthorized')
  })

  it('should answer 401 before the upgrade without a ticket, with a made-up one, and with one whose socket closed over 60 s ago', async () => {
    const relay = liveRelay()
    for (const query of ['', 'ticket=', `ticket=${'A'.repeat(43)}`, 'ticket=short']) {
      const res = await upgrade(relay, query)
      expect(res.status).toBe(401)
      expect(res.webSocket).toBeNull()
      expect((await problemOf(res)).code).toBe('unauthorized')
    }
    const { ticket } = await ticketOf(relay)
    const opened = await upgrade(relay, `ticket=${ticket}`)
    expect(opened.status).toBe(101)
    opened.webSocket!.accept()
    opened.webSocket!.close()
    // Once its socket has closed, the ticket lives 60 s more (a reconnect's); aged past that, it is refused.
    const held = () =>
      runInDurableObject(
        relay.hub,
        (_hub, state) => state.storage.sql.exec<{ e: number }>('SELECT MAX(expires_ms) AS e FROM tickets').one().e,
      )
    await vi.waitFor(async () => expect(await held()).toBeLessThanOrEqual(Date.now() + 60_000), EVENTUALLY)
    await runInDurableObject(relay.hub, (_hub, state) => state.storage.sql.exec('UPDATE tickets SET expires_ms = expires_ms - 61000'))
    const again = await upgrade(relay, `ticket=${ticket}`)
    expect(again.status).toBe(401)
    expect(again.webSocket).toBeNull()
  })

  it('should refuse a ticket once it has expired', async () => {
    const relay = liveRelay()
    const { ticket } = await ticketOf(relay)
    // Age every stored ticket past its expiry instead of waiting a minute.
    await runInDurableObject(relay.hub, (_hub, state) => state.storage.sql.exec('UPDATE tickets SET expires_ms = expires_ms - 61000'))
    expect((await upgrade(relay, `ticket=${ticket}`)).status).toBe(401)
  })

  it('should refuse a malformed since and a request that is not an upgrade, keeping the ticket', async () => {
    const relay = liveRelay()
    const { ticket } = await ticketOf(relay)
    const badSince = await upgrade(relay, `ticket=${ticket}&since=-1`)
    expect(badSince.status).toBe(400)
    expect((await problemOf(badSince)).parameter).toBe('since')
    const notUpgrade = await relay.request(`/v1/live?ticket=${ticket}`)
    expect(notUpgrade.status).toBe(400)
    expect((await upgrade(relay, `ticket=${ticket}&since=0`)).status).toBe(101)
  })

  it('should leave the upgrade response to the hub: no header-setting middleware on it, only its Request-Id', async () => {
    const relay = liveRelay()
    const { ticket } = await ticketOf(relay)
    const res = await upgrade(relay, `ticket=${ticket}`)
    expect(res.status).toBe(101)
    for (const header of ['cache-control', 'x-content-type-options', 'server-timing', 'access-control-allow-origin']) {
      expect(res.headers.get(header)).toBeNull()
    }
    // The route sets it on the 101 it makes (every answer carries one: hub-bounds.test.ts).
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('the live socket', () => {
  it('should send the backlog after since, then each new event as it arrives', async () => {
    const relay = liveRelay()
    await relay.persona(personaEvent({ id: 'evt_Backlog00000000000001' }))
    await relay.persona(personaEvent({ id: 'evt_Backlog00000000000002' }))
    const all = await (await relay.connect()).frameCount(2)
    const fromSecond = await relay.connect({ since: all[0]!.seq })
    await fromSecond.frameCount(1)
    await relay.deepidv(deepidvEvent())
    const frames = await fromSecond.frameCount(2)
    expect(frames.map((f) => f.id)).toEqual(['evt_Backlog00000000000002', expect.stringMatching(/^dpv_/)])
    expect(Object.keys(frames[1]!).sort()).toEqual(['createdAt', 'id', 'name', 'objectId', 'objectType', 'seq', 'status', 'vendor'])
  })

  it('should keep sockets through an eviction with hibernation and push to them afterwards', async () => {
    const relay = liveRelay()
    const sockets = [await relay.connect(), await relay.connect()]
    await relay.persona(personaEvent())
    await Promise.all(sockets.map((s) => s.frameCount(1)))
    await evictDurableObject(relay.hub)
    // A fresh instance: nothing in memory survived, the sockets did.
    expect(await runInDurableObject(relay.hub, (hub) => hub.invocations)).toBe(0)
    await relay.persona(personaEvent({ id: 'evt_AfterEviction00000001' }))
    for (const socket of sockets) {
      const frames = await socket.frameCount(2)
      expect(frames[1]!.id).toBe('evt_AfterEviction00000001')
    }
    sockets[0]!.ws.send('ping')
    await sockets[0]!.pongCount(1)
  })

  it('should lose no event when a client resumes with since after a forced close', async () => {
    const relay = liveRelay()
    const first = await relay.connect()
    await relay.persona(personaEvent({ id: 'evt_BeforeClose000000001' }))
    const [seen] = await first.frameCount(1)
    await evictDurableObject(relay.hub, { webSockets: 'close' })
    await first.closed
    const missed = ['evt_WhileAway00000000001', 'evt_WhileAway00000000002']
    for (const id of missed) await relay.persona(personaEvent({ id }))
    await relay.deepidv(deepidvEvent())
    const resumed = await relay.connect({ since: seen!.seq })
    const frames = await resumed.frameCount(3)
    expect(frames.map((f) => f.id)).toEqual([...missed, expect.stringMatching(/^dpv_/)])
    await relay.persona(personaEvent({ id: 'evt_AfterResume000000001' }))
    expect((await resumed.frameCount(4))[3]!.id).toBe('evt_AfterResume000000001')
  })

  it('should answer 100 pings with pong without invoking the hub', async () => {
    const relay = liveRelay()
    const socket = await relay.connect()
    const before = await runInDurableObject(relay.hub, (hub) => hub.invocations)
    expect(before).toBeGreaterThan(0)
    for (let i = 0; i < 100; i++) socket.ws.send('ping')
    await socket.pongCount(100)
    expect(await runInDurableObject(relay.hub, (hub) => hub.invocations)).toBe(before)
    // Anything else does reach the hub (so the count above could have moved), and closes the socket.
    socket.ws.send('hello')
    expect((await socket.closed).code).toBe(1003)
    expect(await runInDurableObject(relay.hub, (hub) => hub.invocations)).toBeGreaterThan(before)
  })
})

describe('the rolling window', () => {
  const summary = (i: number, createdMs: number): IncomingEvent => ({
    vendor: 'persona',
    id: `evt_Window${String(i).padStart(14, '0')}`,
    name: 'inquiry.created',
    objectType: 'inquiry',
    objectId: 'inq_zEx4jL84ShbUyuwX6AzPSqt6',
    status: 'created',
    createdAt: new Date(createdMs).toISOString(),
    dedupeKey: `persona:window-${i}`,
  })

  it('should purge events older than 24 h when the alarm runs', async () => {
    const relay = liveRelay()
    await relay.persona(personaEvent({ id: 'evt_StaysInWindow0000001' }))
    // Rows that have aged past the window since they arrived (the receiver never takes one that old).
    await runInDurableObject(relay.hub, (_hub, state) => {
      const old = Date.now() - WINDOW_MS - 60_000
      for (const i of [1, 2]) {
        state.storage.sql.exec(
          `INSERT INTO events (dedupe_key, vendor, id, name, object_type, object_id, status, created_at, created_ms)
           VALUES (?, 'persona', ?, 'inquiry.created', 'inquiry', 'inq_zEx4jL84ShbUyuwX6AzPSqt6', 'created', ?, ?)`,
          `aged-${i}`,
          `evt_Aged000000000000000${i}`,
          new Date(old).toISOString(),
          old,
        )
      }
    })
    expect((await relay.rows()).length).toBe(3)
    expect(await runDurableObjectAlarm(relay.hub)).toBe(true)
    expect((await relay.rows()).map((r) => r.id)).toEqual(['evt_StaysInWindow0000001'])
    // It re-arms itself while events remain.
    expect(await runInDurableObject(relay.hub, (_hub, state) => state.storage.getAlarm())).not.toBeNull()
  })

  it('should keep only the newest 5,000 events when the alarm runs', async () => {
    const relay = liveRelay()
    const now = Date.now()
    const extra = 3
    const events = Array.from({ length: WINDOW_MAX_EVENTS + extra }, (_, i) => summary(i, now - (WINDOW_MAX_EVENTS + extra - i) * 1000))
    expect(await relay.hub.ingest(events)).toBe(WINDOW_MAX_EVENTS + extra)
    expect(await runDurableObjectAlarm(relay.hub)).toBe(true)
    const rows = await relay.rows()
    expect(rows.length).toBe(WINDOW_MAX_EVENTS)
    expect(rows[0]!.id).toBe(summary(extra, 0).id)
  })

  it('should serve a new socket only the newest of the window (at most REPLAY_MAX_EVENTS) even before the alarm has run', async () => {
    const relay = liveRelay()
    const now = Date.now()
    const extra = 3
    const events = Array.from({ length: WINDOW_MAX_EVENTS + extra }, (_, i) => summary(i, now - (WINDOW_MAX_EVENTS + extra - i) * 1000))
    expect(await relay.hub.ingest(events)).toBe(WINDOW_MAX_EVENTS + extra)
    expect(await relay.rows()).toHaveLength(WINDOW_MAX_EVENTS + extra)
    const socket = await relay.connect()
    // A later event: its frame comes right after the backlog, so the backlog's length is exact.
    await relay.persona(personaEvent({ id: 'evt_AfterTheBacklog000001' }))
    const frames = await socket.frameCount(REPLAY_MAX_EVENTS + 1)
    expect(frames[0]!.id).toBe(summary(WINDOW_MAX_EVENTS + extra - REPLAY_MAX_EVENTS, 0).id)
    expect(frames[REPLAY_MAX_EVENTS]!.id).toBe('evt_AfterTheBacklog000001')
    // The connect purged the window to its 5,000 meanwhile.
    expect(await relay.rows()).toHaveLength(WINDOW_MAX_EVENTS + 1)
  })

  it('should not serve events older than 24 h even before the alarm has run', async () => {
    const relay = liveRelay()
    await relay.persona(personaEvent({ id: 'evt_StaysInWindow0000002' }))
    await runInDurableObject(relay.hub, (_hub, state) => {
      const old = Date.now() - WINDOW_MS - 60_000
      state.storage.sql.exec(
        `INSERT INTO events (dedupe_key, vendor, id, name, object_type, object_id, status, created_at, created_ms)
         VALUES ('aged', 'persona', 'evt_Aged0000000000000009', 'inquiry.created', 'inquiry', 'inq_zEx4jL84ShbUyuwX6AzPSqt6', 'created', ?, ?)`,
        new Date(old).toISOString(),
        old,
      )
    })
    const socket = await relay.connect()
    await relay.persona(personaEvent({ id: 'evt_AfterTheBacklog000002' }))
    expect((await socket.frameCount(2)).map((f) => f.id)).toEqual(['evt_StaysInWindow0000002', 'evt_AfterTheBacklog000002'])
  })

  it('should date an event from the far future (9999) at its arrival: ranked with real events, purged with them, the alarm intact', async () => {
    const relay = liveRelay()
    const arrival = Date.now()
    expect((await relay.persona(personaEvent({ id: 'evt_FarFuture00000000001', createdAt: '9999-12-31T23:59:59.000Z' }))).status).toBe(204)
    // A few seconds ahead is a vendor's clock, kept as sent.
    const slightlyAhead = new Date(arrival + 30_000).toISOString()
    expect((await relay.deepidv(deepidvEvent({ updatedAt: slightlyAhead }))).status).toBe(204)
    const [future, ahead] = await relay.rows()
    expect(future!.created_ms).toBeGreaterThanOrEqual(arrival)
    expect(future!.created_ms).toBeLessThanOrEqual(Date.now() + MAX_CLOCK_SKEW_MS)
    expect(Date.parse(String(future!.created_at))).toBe(future!.created_ms)
    expect(ahead!.created_at).toBe(slightlyAhead)
    // A real event from a minute later outranks it.
    expect(
      (await relay.persona(personaEvent({ id: 'evt_RealLater00000000001', createdAt: new Date(Date.now() + 60_000).toISOString() })))
        .status,
    ).toBe(204)
    const frames = await (await relay.connect()).frameCount(3)
    expect(frames.at(-1)!.id).toBe('evt_RealLater00000000001')
    // A day later (injected clock) the alarm runs and purges it like any other.
    vi.spyOn(Date, 'now').mockReturnValue(arrival + WINDOW_MS + 10 * 60_000)
    try {
      expect(await runDurableObjectAlarm(relay.hub)).toBe(true)
      expect(await relay.rows()).toEqual([])
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('should purge a row stored far in the future by an earlier version, and keep its alarm working', async () => {
    const relay = liveRelay()
    await relay.persona(personaEvent({ id: 'evt_StaysInWindow0000003' }))
    await runInDurableObject(relay.hub, (_hub, state) => {
      const far = Date.parse('9999-12-31T23:59:59.000Z')
      state.storage.sql.exec(
        `INSERT INTO events (dedupe_key, vendor, id, name, object_type, object_id, status, created_at, created_ms)
         VALUES ('far', 'persona', 'evt_FarFutureStored000001', 'inquiry.created', 'inquiry', 'inq_zEx4jL84ShbUyuwX6AzPSqt6', 'created', ?, ?)`,
        new Date(far).toISOString(),
        far,
      )
    })
    expect(await runDurableObjectAlarm(relay.hub)).toBe(true)
    expect((await relay.rows()).map((r) => r.id)).toEqual(['evt_StaysInWindow0000003'])
    const alarm = await runInDurableObject(relay.hub, (_hub, state) => state.storage.getAlarm())
    expect(alarm).toBeLessThanOrEqual(Date.now() + WINDOW_MS + MAX_CLOCK_SKEW_MS)
  })

  it('should acknowledge but not keep a delivery already older than the window', async () => {
    const relay = liveRelay()
    const res = await relay.persona(personaEvent({ createdAt: new Date(Date.now() - WINDOW_MS - 60_000).toISOString() }))
    expect(res.status).toBe(204)
    expect(await relay.rows()).toEqual([])
  })
})
