import { signal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import { t } from '../lib/i18n.ts'

/**
 * - `connecting`: asking for a ticket / opening the socket
 * - `live`: the socket is open; new events arrive as they happen
 * - `reconnecting`: the socket closed or the relay failed; the next try is scheduled (with backoff)
 * - `polling`: the relay has no live events (/healthz); the lists are refreshed on a timer instead
 * - `off`: stopped
 */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'polling'

/** What the store needs from the page (tests pass fakes). */
export type LiveDeps = {
  send: Send
  openSocket?: (url: string) => WebSocket
  setTimeout?: (fn: () => void, ms: number) => unknown
  clearTimeout?: (handle: unknown) => void
  random?: () => number
  /** Called every `pollMs` while live events are not configured (e.g. reload the events list). */
  onPoll?: () => void
  pollMs?: number
}

/** Events kept on screen; older ones are still in the relay's window and its lists. */
export const LIVE_KEEP = 200
/** The longest wait is short: a panel left open across a relay restart shows new events seconds after it is back. */
export const BACKOFF_MS = { first: 1000, max: 10_000 }
/** The lists' own freshness (LIST_TTL_SECONDS): polling faster would only hit the relay's cache. */
export const POLL_MS = 20_000
/**
 * While polling, the relay is asked again this often whether it has live events now (an admin may
 * set the webhook secrets while panels stay open all day). Asking is /healthz: no vendor call.
 */
export const LIVE_RECHECK_MS = 5 * 60_000

/**
 * Live events for a page that is open: a ticket through the background (the agent token never
 * reaches the page), then a WebSocket from the page. Newest first; reconnects with exponential
 * backoff and jitter, resuming with `since` so nothing is lost or repeated.
 */
export function createLiveStore(deps: LiveDeps) {
  const openSocket = deps.openSocket ?? ((url: string) => new WebSocket(url))
  const setTimer = deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms))
  const clearTimer = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>))
  const random = deps.random ?? Math.random

  const events = signal<LiveEvent[]>([])
  const status = signal<LiveStatus>('off')
  /** Why the last try failed, for the indicator's tooltip. */
  const problem = signal<string | null>(null)
  let lastSeq: number | undefined
  /** The hub epoch `lastSeq` counts in: after a relay restart that lost the hub's events, numbering starts over. */
  let epoch: string | undefined
  let socket: WebSocket | null = null
  let timer: unknown
  let attempt = 0
  // Bumped by stop(): answers and socket events from an earlier run are ignored.
  let run = 0

  function receive(event: LiveEvent) {
    if (lastSeq === undefined || event.seq > lastSeq) lastSeq = event.seq
    if (events.value.some((e) => e.seq === event.seq)) return
    const next = [...events.value, event].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq)
    events.value = next.slice(0, LIVE_KEEP)
  }

  function schedule(mine: number, why: string) {
    if (mine !== run) return
    problem.value = why
    status.value = 'reconnecting'
    const base = Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** attempt)
    attempt++
    // Full jitter on the upper half: many panels reconnecting after a relay restart do not stampede.
    timer = setTimer(() => void connect(mine), base / 2 + (random() * base) / 2)
  }

  function poll(mine: number, sinceCheck: number) {
    if (mine !== run) return
    deps.onPoll?.()
    const pollMs = deps.pollMs ?? POLL_MS
    if (sinceCheck + pollMs >= LIVE_RECHECK_MS) void connect(mine, { quiet: true })
    else timer = setTimer(() => poll(mine, sinceCheck + pollMs), pollMs)
  }

  /** `quiet`: the polling's re-check, which leaves the indicator alone unless live events turn up. */
  async function connect(mine: number, { quiet = false } = {}): Promise<void> {
    if (mine !== run) return
    if (!quiet) status.value = attempt === 0 ? 'connecting' : 'reconnecting'
    const resume = lastSeq === undefined ? {} : { since: lastSeq, ...(epoch !== undefined ? { epoch } : {}) }
    const result = await deps.send('liveConnection', resume).catch(() => null)
    if (mine !== run) return
    // The failure's words are a chunk of their own, loaded when a failure is there to word.
    if (!result || !result.ok) return schedule(mine, result ? (await import('../lib/failure-text.ts')).failureText(result.error) : t('fail_live_unavailable'))
    if (!result.data.configured) {
      problem.value = null
      status.value = 'polling'
      timer = setTimer(() => poll(mine, 0), deps.pollMs ?? POLL_MS)
      return
    }
    // Another epoch: the events on screen are numbered in the old one (new ones would collide with
    // their seqs), and the hub replays its whole window to this socket. Start the list afresh.
    if (result.data.epoch !== undefined && result.data.epoch !== epoch) {
      if (epoch !== undefined) {
        events.value = []
        lastSeq = undefined
      }
      epoch = result.data.epoch
    }
    let ws: WebSocket
    try {
      ws = openSocket(result.data.url)
    } catch (err) {
      return schedule(mine, String(err))
    }
    socket = ws
    ws.addEventListener('open', () => {
      if (mine !== run) return
      attempt = 0
      problem.value = null
      status.value = 'live'
    })
    ws.addEventListener('message', (message) => {
      if (mine !== run || typeof message.data !== 'string' || message.data === 'pong') return
      try {
        receive(JSON.parse(message.data) as LiveEvent)
      } catch {
        // Not a summary: ignore it rather than drop the connection.
      }
    })
    ws.addEventListener('close', () => {
      if (socket === ws) socket = null
      schedule(mine, t('fail_live_closed'))
    })
  }

  return {
    events,
    status,
    problem,
    /** Starts (or keeps) the connection; resumes after the last event received. */
    start() {
      if (status.value !== 'off') return
      attempt = 0
      void connect(++run)
    },
    stop() {
      run++
      clearTimer(timer)
      const ws = socket
      socket = null
      ws?.close(1000, 'closed')
      status.value = 'off'
    },
  }
}

export type LiveStore = ReturnType<typeof createLiveStore>
