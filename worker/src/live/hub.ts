/**
 * LiveHub: one SQLite-backed Durable Object per deployment. It keeps the rolling window of live
 * event summaries, issues single-use socket tickets, and pushes each new summary to every connected
 * agent over hibernatable WebSockets (idle sockets cost nothing; `ping` is answered without waking it).
 */
import { DurableObject } from 'cloudflare:workers'
import { LIVE_AGENT_HEADER, type LiveHubStub, type TicketResult } from './binding.ts'
import type { VendorName } from '@idv-lens/shared/api'
import type { IncomingEvent, LiveEvent } from './incoming-event.ts'

export const WINDOW_MS = 24 * 60 * 60 * 1000
export const WINDOW_MAX_EVENTS = 5000
export const TICKET_TTL_SECONDS = 60
/** How soon after a write the purge alarm runs (it then re-arms itself while events remain). */
const PURGE_DELAY_MS = 60 * 1000
/**
 * How far ahead of the hub's clock an event's date may be (the vendor's clock). A date further ahead
 * (a bad clock, or a forged `9999-…` from whoever holds a webhook secret) is replaced by the arrival
 * time: otherwise it would rank above every real event and never age out of the window.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000
/**
 * Tickets one agent may mint per minute: one per panel or popup that opens (a reconnect reuses its
 * ticket, see `fetch`), so an agent opening several windows at once is not refused.
 */
export const TICKETS_PER_AGENT_PER_MINUTE = 20
/**
 * Sockets one agent holds at once: a side panel per browser window and a popup, so several panels of
 * one agent coexist; beyond it a new one closes the oldest.
 */
export const SOCKETS_PER_AGENT = 10
/** How long a redeemed ticket stays valid while its socket is open (then TICKET_TTL_SECONDS after it closes). */
const TICKET_HELD_MS = 24 * 60 * 60 * 1000
/** Events one connect replays at most (the newest of those after `since`); the lists hold the rest. */
export const REPLAY_MAX_EVENTS = 500
/** Agents send nothing but `ping`; a bigger message is closed as too big (1009) rather than read. */
export const CLIENT_MESSAGE_MAX_BYTES = 64
const MINUTE_MS = 60 * 1000

type EventRow = {
  seq: number
  vendor: string
  id: string
  name: string
  object_type: string
  object_id: string
  status: string | null
  created_at: string
}

/**
 * `ticket`: the hash of the ticket the socket was opened with (a reconnect with it replaces this socket).
 * `displaced`: made room for a newer socket of its agent; told so, and sent nothing more.
 */
type SocketAttachment = { agent: string; ticket?: string; displaced?: boolean }

/**
 * The text frame a socket displaced by its agent's cap gets; the client then closes it. A close the hub
 * starts is not completed under workerd (the client stays CLOSING, with no close event), one the client
 * starts is, so the hub asks rather than closes.
 */
export const DISPLACED_FRAME = 'displaced'

const attachmentOf = (ws: WebSocket): Partial<SocketAttachment> => (ws.deserializeAttachment() ?? {}) as Partial<SocketAttachment>

const ticketTag = (hash: string) => `ticket:${hash}`

const encoder = new TextEncoder()
async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function datedWithin(event: IncomingEvent, now: number): IncomingEvent {
  return Date.parse(event.createdAt) > now + MAX_CLOCK_SKEW_MS ? { ...event, createdAt: new Date(now).toISOString() } : event
}

function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason)
  } catch {
    // Already closing.
  }
}

function toEvent(row: EventRow): LiveEvent {
  return {
    seq: row.seq,
    vendor: row.vendor as VendorName,
    id: row.id,
    name: row.name,
    objectType: row.object_type,
    objectId: row.object_id,
    status: row.status,
    createdAt: row.created_at,
  }
}

export class LiveHub extends DurableObject<unknown> implements Omit<LiveHubStub, 'fetch'> {
  /**
   * Entry points run in this instance (not counting auto-answered pings). In memory on purpose:
   * tests read it to show that a `ping` does not wake the hub.
   */
  invocations = 0
  private readonly sql: SqlStorage

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      dedupe_key TEXT NOT NULL UNIQUE,
      vendor TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      object_type TEXT NOT NULL,
      object_id TEXT NOT NULL,
      status TEXT,
      created_at TEXT NOT NULL,
      created_ms INTEGER NOT NULL
    )`)
    this.sql.exec('CREATE INDEX IF NOT EXISTS events_created ON events (created_ms, seq)')
    this.sql.exec('CREATE TABLE IF NOT EXISTS tickets (hash TEXT PRIMARY KEY, agent TEXT NOT NULL, expires_ms INTEGER NOT NULL)')
    // Made once with the storage that numbers the events: a new epoch means the numbering started over.
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    this.sql.exec("INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)", crypto.randomUUID())
    this.epoch = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'").one().value
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
  }

  readonly epoch: string
  /** Tickets minted per agent in the last minute (in memory: an eviction forgives, the cap still holds per instance). */
  private readonly mints = new Map<string, number[]>()

  /**
   * Stores what is new and pushes it to every socket. Returns how many were new (duplicates are
   * acknowledged by the receiver all the same: the vendor only needs to stop retrying).
   */
  async ingest(events: IncomingEvent[]): Promise<number> {
    this.invocations++
    const now = Date.now()
    const stored: LiveEvent[] = []
    for (const incoming of events) {
      const e = datedWithin(incoming, now)
      const createdMs = Date.parse(e.createdAt)
      // Older than the window: acknowledged, never shown.
      if (createdMs < now - WINDOW_MS) continue
      const row = this.sql
        .exec<EventRow>(
          `INSERT INTO events (dedupe_key, vendor, id, name, object_type, object_id, status, created_at, created_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING seq, vendor, id, name, object_type, object_id, status, created_at`,
          e.dedupeKey,
          e.vendor,
          e.id,
          e.name,
          e.objectType,
          e.objectId,
          e.status,
          e.createdAt,
          createdMs,
        )
        .toArray()[0]
      if (row) stored.push(toEvent(row))
    }
    if (stored.length === 0) return 0
    for (const ws of this.ctx.getWebSockets()) {
      if (attachmentOf(ws).displaced) continue
      for (const event of stored) {
        try {
          ws.send(JSON.stringify(event))
        } catch {
          // A socket closing right now: its client resumes with `since` and misses nothing.
        }
      }
    }
    // The alarm normally waits for the oldest event to age out; over the count cap it comes sooner.
    const alarm = await this.ctx.storage.getAlarm()
    if (alarm === null || (alarm > now + PURGE_DELAY_MS && this.count() > WINDOW_MAX_EVENTS)) {
      await this.ctx.storage.setAlarm(now + PURGE_DELAY_MS)
    }
    return stored.length
  }

  /** A single-use ticket for one socket; only its hash is stored. */
  async issueTicket(agent: string): Promise<TicketResult> {
    this.invocations++
    const now = Date.now()
    const recent = (this.mints.get(agent) ?? []).filter((at) => at > now - MINUTE_MS)
    if (recent.length >= TICKETS_PER_AGENT_PER_MINUTE) {
      this.mints.set(agent, recent)
      return { retryAfter: Math.max(1, Math.ceil((recent[0]! + MINUTE_MS - now) / 1000)) }
    }
    recent.push(now)
    this.mints.set(agent, recent)
    if (this.mints.size > 1000)
      for (const [name, times] of this.mints) if (!times.some((at) => at > now - MINUTE_MS)) this.mints.delete(name)
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    const ticket = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    this.sql.exec('DELETE FROM tickets WHERE expires_ms <= ?', now)
    this.sql.exec(
      'INSERT INTO tickets (hash, agent, expires_ms) VALUES (?, ?, ?)',
      await sha256Hex(ticket),
      agent,
      now + TICKET_TTL_SECONDS * 1000,
    )
    return { ticket, expiresIn: TICKET_TTL_SECONDS, epoch: this.epoch }
  }

  /**
   * The socket upgrade (the Worker checked the request's shape). A ticket opens one socket at a time:
   * the panel that holds it reconnects with it (no new ticket, so panels never churn the ticket cap),
   * and a socket opened with it replaces the one opened before, so a ticket never multiplies sockets.
   * It stays valid while its socket is open and TICKET_TTL_SECONDS after it closes. The backlog goes
   * out before any later event can.
   */
  async fetch(request: Request): Promise<Response> {
    this.invocations++
    const url = new URL(request.url)
    const ticket = url.searchParams.get('ticket') ?? ''
    // `since` counts in an epoch: from another (the numbering started over), the whole window is new.
    const epoch = url.searchParams.get('epoch')
    const since = epoch !== null && epoch !== this.epoch ? 0 : Number(url.searchParams.get('since') ?? '0')
    const hash = await sha256Hex(ticket)
    const redeemed = this.sql
      .exec<{ agent: string }>(
        'UPDATE tickets SET expires_ms = ? WHERE hash = ? AND expires_ms > ? RETURNING agent',
        Date.now() + TICKET_HELD_MS,
        hash,
        Date.now(),
      )
      .toArray()[0]
    if (!redeemed) return new Response(null, { status: 401 })
    // This ticket's earlier socket is the panel's own (a reconnect that may not have seen it close).
    for (const own of this.ctx.getWebSockets(ticketTag(hash))) closeQuietly(own, 1000, 'Replaced by a reconnect')
    // Beyond the cap, the agent's oldest sockets make room: asked to close (see DISPLACED_FRAME); one
    // whose client ignored that is closed by the hub at the next displacement.
    const sockets = this.ctx.getWebSockets(redeemed.agent).filter((ws) => ws.readyState === WebSocket.OPEN)
    for (const ignored of sockets.filter((ws) => attachmentOf(ws).displaced))
      closeQuietly(ignored, 1008, 'Too many live sockets for this agent')
    const held = sockets.filter((ws) => !attachmentOf(ws).displaced)
    for (const old of held.slice(0, Math.max(0, held.length - SOCKETS_PER_AGENT + 1))) {
      try {
        old.serializeAttachment({ ...attachmentOf(old), displaced: true })
        old.send(DISPLACED_FRAME)
      } catch {
        // Closing already.
      }
    }
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server, [redeemed.agent, ticketTag(hash)])
    server.serializeAttachment({ agent: redeemed.agent, ticket: hash } satisfies SocketAttachment)
    // What is served keeps to the window even before the purge alarm has run (it comes up to a minute later).
    const now = Date.now()
    if (this.count() > WINDOW_MAX_EVENTS) this.purge(now)
    for (const row of this.sql.exec<EventRow>(
      `SELECT * FROM (SELECT seq, vendor, id, name, object_type, object_id, status, created_at, created_ms FROM events
         WHERE seq > ? AND created_ms >= ? ORDER BY created_ms DESC, seq DESC LIMIT ?) ORDER BY created_ms, seq`,
      since,
      now - WINDOW_MS,
      REPLAY_MAX_EVENTS,
    )) {
      server.send(JSON.stringify(toEvent(row)))
    }
    // For the Worker's audit row (it answers the agent a copy of this 101 without the header).
    return new Response(null, { status: 101, webSocket: client, headers: { [LIVE_AGENT_HEADER]: redeemed.agent } })
  }

  /**
   * Agents send nothing but `ping` (answered without waking the hub); anything else closes the socket,
   * so a misbehaving client needs a new ticket (capped per agent) for each message that wakes the hub.
   */
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.invocations++
    const size = typeof message === 'string' ? message.length : message.byteLength
    if (size > CLIENT_MESSAGE_MAX_BYTES) ws.close(1009, 'Message too big')
    else ws.close(1003, 'This socket only answers ping')
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.invocations++
    this.releaseTicket(ws)
    try {
      // 1005/1006 cannot be sent back; answer with a normal close.
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'bye')
    } catch {
      // Already closed (the runtime may have answered the close itself).
    }
  }

  async webSocketError(ws: WebSocket): Promise<void> {
    this.invocations++
    this.releaseTicket(ws)
  }

  /** The socket's ticket may open the next socket for TICKET_TTL_SECONDS (unless it expires sooner). */
  private releaseTicket(ws: WebSocket): void {
    const { ticket } = attachmentOf(ws)
    if (!ticket) return
    this.sql.exec('UPDATE tickets SET expires_ms = MIN(expires_ms, ?) WHERE hash = ?', Date.now() + TICKET_TTL_SECONDS * 1000, ticket)
  }

  /** Rolling window: older than 24 h, or beyond the newest 5,000 (and rows dated impossibly ahead, see MAX_CLOCK_SKEW_MS). */
  async alarm(): Promise<void> {
    this.invocations++
    const now = Date.now()
    this.purge(now)
    this.sql.exec('DELETE FROM tickets WHERE expires_ms <= ?', now)
    const oldest = this.sql.exec<{ created_ms: number }>('SELECT MIN(created_ms) AS created_ms FROM events').one().created_ms
    if (oldest !== null) await this.ctx.storage.setAlarm(Math.max(now + PURGE_DELAY_MS, oldest + WINDOW_MS))
  }

  private count(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n
  }

  private purge(now: number): void {
    this.sql.exec('DELETE FROM events WHERE created_ms < ? OR created_ms > ?', now - WINDOW_MS, now + MAX_CLOCK_SKEW_MS)
    this.sql.exec(
      'DELETE FROM events WHERE seq NOT IN (SELECT seq FROM events ORDER BY created_ms DESC, seq DESC LIMIT ?)',
      WINDOW_MAX_EVENTS,
    )
  }
}
