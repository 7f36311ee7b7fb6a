import { createExecutionContext, env, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import { expect } from 'vitest'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import type { LiveHubStub } from '../src/live/binding.ts'
import { DISPLACED_FRAME, type LiveHub } from '../src/live/hub.ts'
import { signPersona } from '../src/vendors/persona/webhook-signature.ts'
import type { LiveEvent } from '../src/live/incoming-event.ts'
import { AGENT_TOKEN, expectContract, testRelay, type TestBindings, type TestRelay } from './helpers.ts'

export const PERSONA_SECRET = 'wbhsec_test_persona_current'
export const PERSONA_SECRET_PREVIOUS = 'wbhsec_test_persona_previous'
export const DEEPIDV_SECRET = 'whsec_test_deepidv_secret'

const hubs = (env as unknown as { LIVE_HUB: DurableObjectNamespace<LiveHub> }).LIVE_HUB

export type LiveRelay = TestRelay & {
  /** The real hub this relay's requests reach (its own instance, so tests do not share events). */
  hub: DurableObjectStub<LiveHub>
  request(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>
  persona(body: string, init?: { signature?: string | null; at?: number }): Promise<Response>
  deepidv(body: string, signature?: string | null): Promise<Response>
  connect(query?: { since?: number }): Promise<LiveSocket>
  /** The hub's stored rows, straight from its SQLite. */
  rows(): Promise<Record<string, unknown>[]>
}

export function liveRelay(overrides: TestBindings = {}): LiveRelay {
  const scope = `live-${crypto.randomUUID()}`
  const hub = hubs.getByName(scope)
  // The app asks the namespace for the deployment's one hub; this test's namespace answers with its own.
  const scopedNamespace = { getByName: () => hub as unknown as LiveHubStub }
  const relay = testRelay({
    PERSONA_WEBHOOK_SECRET: PERSONA_SECRET,
    PERSONA_WEBHOOK_SECRET_PREVIOUS: PERSONA_SECRET_PREVIOUS,
    DEEPIDV_WEBHOOK_SECRET: DEEPIDV_SECRET,
    LIVE_HUB: scopedNamespace,
    ...overrides,
  })
  const request = async (path: string, init: RequestInit & { auth?: boolean } = {}) => {
    const headers = new Headers(init.headers)
    if (init.auth && !headers.has('authorization')) headers.set('authorization', `Bearer ${AGENT_TOKEN}`)
    const ctx = createExecutionContext()
    const url = `http://relay.test${path}`
    const res = await app.fetch(new Request(url, { ...init, headers }), relay.env, ctx)
    await waitOnExecutionContext(ctx)
    // Webhooks, tickets and the socket answer as the published contract says, like every other route.
    await expectContract(init.method ?? 'GET', url, res)
    return res
  }
  const live: LiveRelay = {
    ...relay,
    hub,
    request,
    async persona(body, init = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const signature =
        init.signature === undefined ? await signPersona(PERSONA_SECRET, init.at ?? Math.floor(Date.now() / 1000), body) : init.signature
      if (signature !== null) headers['persona-signature'] = signature
      return request('/webhooks/persona', { method: 'POST', body, headers })
    },
    deepidv(body, signature = DEEPIDV_SECRET) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (signature !== null) headers['deepidv-signature'] = signature
      return request('/webhooks/deepidv', { method: 'POST', body, headers })
    },
    async connect(query = {}) {
      const ticketRes = await request('/v1/live/ticket', { method: 'POST', auth: true })
      expect(ticketRes.status).toBe(200)
      const { ticket } = (await ticketRes.json()) as { ticket: string }
      const since = query.since === undefined ? '' : `&since=${query.since}`
      const res = await request(`/v1/live?ticket=${encodeURIComponent(ticket)}${since}`, { headers: { upgrade: 'websocket' } })
      expect(res.status).toBe(101)
      return liveSocket(res.webSocket!)
    },
    rows() {
      return runInDurableObject(hub, (_instance, state) => state.storage.sql.exec('SELECT * FROM events ORDER BY seq').toArray())
    },
  }
  return live
}

export type LiveSocket = {
  ws: WebSocket
  frames: LiveEvent[]
  /** Raw text of every frame, for scans. */
  raw: string[]
  pongs: number
  /** Resolves when the hub says this socket made room for a newer one of its agent. */
  displaced: Promise<void>
  closed: Promise<CloseEvent>
  /** Resolves once at least `count` event frames have arrived. */
  frameCount(count: number): Promise<LiveEvent[]>
  pongCount(count: number): Promise<void>
}

function liveSocket(ws: WebSocket): LiveSocket {
  ws.accept()
  const waiters = new Set<() => void>()
  let markDisplaced = () => {}
  const socket: LiveSocket = {
    ws,
    frames: [],
    raw: [],
    pongs: 0,
    displaced: new Promise((resolve) => (markDisplaced = resolve)),
    closed: new Promise((resolve) => ws.addEventListener('close', resolve)),
    frameCount: (count) => until(() => socket.frames.length >= count).then(() => socket.frames),
    pongCount: (count) => until(() => socket.pongs >= count),
  }
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ready()) return
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
      check()
    })
  ws.addEventListener('message', (event) => {
    const text = String(event.data)
    if (text === 'pong') socket.pongs++
    else if (text === DISPLACED_FRAME) markDisplaced()
    else {
      socket.raw.push(text)
      socket.frames.push(JSON.parse(text) as LiveEvent)
    }
    for (const waiter of [...waiters]) waiter()
  })
  return socket
}

let counter = 0
/** A Persona event id of the right shape, unique in the run. */
export function eventId(): string {
  counter++
  return `evt_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}${String(counter).padStart(4, '0')}`
}

export function personaEvent(init: { id?: string; name?: string; createdAt?: string; objectId?: string; status?: string } = {}): string {
  return JSON.stringify({
    data: {
      type: 'event',
      id: init.id ?? eventId(),
      attributes: {
        name: init.name ?? 'inquiry.approved',
        'created-at': init.createdAt ?? new Date().toISOString(),
        payload: {
          data: { type: 'inquiry', id: init.objectId ?? 'inq_zEx4jL84ShbUyuwX6AzPSqt6', attributes: { status: init.status ?? 'approved' } },
        },
      },
    },
  })
}

export function deepidvEvent(init: { type?: string; id?: string; status?: string; updatedAt?: string } = {}): string {
  return JSON.stringify({
    type: init.type ?? 'session.status.verified',
    data: {
      id: init.id ?? crypto.randomUUID(),
      status: init.status ?? 'VERIFIED',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: init.updatedAt ?? new Date().toISOString(),
    },
  })
}
