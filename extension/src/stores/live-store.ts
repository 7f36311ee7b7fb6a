import { signal, type Signal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { RelayFailure, Send } from '../lib/messages.ts'
import { fixedInSettings } from '../lib/backoff.ts'
import { t } from '../lib/i18n.ts'

/**
 * - `connecting`: asking for a ticket / opening the socket
 * - `live`: the socket is open; new events arrive as they happen
 * - `reconnecting`: the socket closed or the relay failed; the next try is scheduled (with backoff)
 * - `polling`: the relay has no live events (/healthz); the lists are refreshed on a timer instead
 * - `refused`: refused for what only the settings fix (the token, the URL); no tries until they change
 * - `off`: stopped
 */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'polling' | 'refused'

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
 * The relay's word for a socket displaced by the agent's socket cap (hub.ts DISPLACED_FRAME): the store
 * closes it and waits this long before trying again, as after the hub's own close for it (1008).
 */
const DISPLACED_FRAME = 'displaced'
const DISPLACED_CODE = 1008
export const DISPLACED_WAIT_MS = 60_000

/** The socket URL with a ticket, resuming where the feed is (`since`, `epoch`), for a reconnect with the same ticket. */
function resumedUrl(url: string, resume: { since?: number; epoch?: string }): string {
  const next = new URL(url)
  next.searchParams.delete('since')
  next.searchParams.delete('epoch')
  if (resume.since !== undefined) next.searchParams.set('since', String(resume.since))
  if (resume.since !== undefined && resume.epoch !== undefined) next.searchParams.set('epoch', resume.epoch)
  return next.href
}

/** The events on screen, newest first, and where a reconnect resumes: the last seq, in its hub epoch. */
function createEventFeed() {
  const events = signal<LiveEvent[]>([])
  let lastSeq: number | undefined
  /** The hub epoch `lastSeq` counts in: after a relay restart that lost the hub's events, numbering starts over. */
  let epoch: string | undefined

  function receive(event: LiveEvent) {
    if (lastSeq === undefined || event.seq > lastSeq) lastSeq = event.seq
    if (events.value.some((e) => e.seq === event.seq)) return
    const next = [...events.value, event].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq)
    events.value = next.slice(0, LIVE_KEEP)
  }

  return {
    events,
    resume: () => (lastSeq === undefined ? {} : { since: lastSeq, ...(epoch !== undefined ? { epoch } : {}) }),
    /**
     * Another epoch: the events on screen are numbered in the old one (new ones would collide with
     * their seqs), and the hub replays its whole window to this socket. The list starts afresh.
     */
    enter(next: string | undefined) {
      if (next === undefined || next === epoch) return
      if (epoch !== undefined) {
        events.value = []
        lastSeq = undefined
      }
      epoch = next
    },
    /** One socket message: a summary, the keep-alive's `pong`, or anything else (ignored rather than dropping the connection). */
    receiveMessage(data: unknown) {
      if (typeof data !== 'string' || data === 'pong') return
      try {
        receive(JSON.parse(data) as LiveEvent)
      } catch {
        // Not a summary.
      }
    },
  }
}

/** When the next try goes: exponential backoff with full jitter on the upper half, or a plain delay while polling. */
function createRetryTimer(deps: LiveDeps) {
  const setTimer = deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms))
  const clearTimer = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>))
  const random = deps.random ?? Math.random
  let timer: unknown
  let attempt = 0
  return {
    retrying: () => attempt > 0,
    reset: () => void (attempt = 0),
    // Many panels reconnecting after a relay restart do not stampede.
    backoff(fn: () => void) {
      const base = Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** attempt)
      attempt++
      timer = setTimer(fn, base / 2 + (random() * base) / 2)
    },
    after: (ms: number, fn: () => void) => void (timer = setTimer(fn, ms)),
    cancel: () => clearTimer(timer),
  }
}

type SocketEvents = { open(): void; message(data: unknown): void; close(how: { displaced: boolean }): void }

/**
 * The page's live socket and the ticket it may reopen: a reconnect opens the URL whose ticket opened a
 * socket (the relay lets a ticket reopen its own socket), so a panel asks for no new ticket and several
 * panels never use up the agent's ticket budget. A socket that closes without having opened (refused:
 * the ticket expired, the hub lost it) forgets the ticket. One the relay says was displaced is closed.
 */
function createLiveSocket(openSocket: (url: string) => WebSocket) {
  let socket: WebSocket | null = null
  let ticketUrl: string | null = null
  return {
    reusable: (resume: { since?: number; epoch?: string }) => (ticketUrl ? resumedUrl(ticketUrl, resume) : null),
    /** Opens `url`; what went wrong when it cannot be opened at all, else null. */
    open(url: string, on: SocketEvents): string | null {
      ticketUrl = null
      let ws: WebSocket
      try {
        ws = openSocket(url)
      } catch (err) {
        return String(err)
      }
      socket = ws
      let opened = false
      let displaced = false
      ws.addEventListener('open', () => {
        opened = true
        ticketUrl = url
        on.open()
      })
      ws.addEventListener('message', (message) => {
        if (message.data !== DISPLACED_FRAME) return on.message(message.data)
        displaced = true
        ws.close(1000, 'displaced')
      })
      ws.addEventListener('close', (event) => {
        if (socket === ws) socket = null
        if (!opened) ticketUrl = null
        on.close({ displaced: displaced || (event as CloseEvent).code === DISPLACED_CODE })
      })
      return null
    },
    close() {
      socket?.close(1000, 'closed')
      socket = null
    },
  }
}

type LiveParts = {
  deps: LiveDeps
  feed: ReturnType<typeof createEventFeed>
  retry: ReturnType<typeof createRetryTimer>
  live: ReturnType<typeof createLiveSocket>
  status: Signal<LiveStatus>
  /** Why the last try failed, for the indicator's tooltip. */
  problem: Signal<string | null>
  /** What refused the connection, while `refused`. */
  refusal: Signal<RelayFailure | null>
  /** While reconnecting: the relay could not be reached for a ticket (the lists' failure, worded as theirs). */
  unreachable: Signal<RelayFailure | null>
  /** The run going now: answers and socket events from an earlier one are ignored. */
  run: () => number
}

/** Stops at a failure only the settings fix: said with the way there, and no more tries. */
function refuse({ problem, refusal, status }: Pick<LiveParts, 'problem' | 'refusal' | 'status'>, failure: RelayFailure): void {
  problem.value = null
  refusal.value = failure
  status.value = 'refused'
}

/** One run's steps: a ticket (or the one a socket opened with), the socket, the next try after a failure, or polling. */
function createLiveConnector({ deps, feed, retry, live, status, problem, refusal, unreachable, run }: LiveParts) {
  const pollMs = deps.pollMs ?? POLL_MS

  function schedule(mine: number, why: string, wait?: number) {
    if (mine !== run()) return
    problem.value = why
    status.value = 'reconnecting'
    if (wait === undefined) retry.backoff(() => void connect(mine))
    else retry.after(wait, () => void connect(mine))
  }

  function poll(mine: number, sinceCheck: number) {
    if (mine !== run()) return
    deps.onPoll?.()
    if (sinceCheck + pollMs >= LIVE_RECHECK_MS) void connect(mine, { quiet: true })
    else retry.after(pollMs, () => poll(mine, sinceCheck + pollMs))
  }

  /** `quiet`: the polling's re-check, which leaves the indicator alone unless live events turn up. */
  async function connect(mine: number, { quiet = false } = {}): Promise<void> {
    if (mine !== run()) return
    if (!quiet) status.value = retry.retrying() ? 'reconnecting' : 'connecting'
    const reused = live.reusable(feed.resume())
    if (reused) return openWith(mine, reused)
    const result = await deps.send('liveConnection', feed.resume()).catch(() => null)
    if (mine !== run()) return
    // A socket refused for its ticket asks for a new one, and the ticket's call is refused as the token
    // is: trying again would say "reconnecting…" forever. The settings change first.
    if (result && !result.ok && fixedInSettings(result.error)) return refuse({ problem, refusal, status }, result.error)
    unreachable.value = result && !result.ok && result.error.kind === 'unreachable' ? result.error : null
    // The failure's words are a chunk of their own, loaded when a failure is there to word.
    if (!result || !result.ok)
      return schedule(mine, result ? (await import('../lib/failure-text.ts')).failureText(result.error) : t('fail_live_unavailable'))
    if (!result.data.configured) {
      problem.value = null
      status.value = 'polling'
      retry.after(pollMs, () => poll(mine, 0))
      return
    }
    feed.enter(result.data.epoch)
    openWith(mine, result.data.url)
  }

  function openWith(mine: number, url: string): void {
    const failed = live.open(url, {
      open() {
        if (mine !== run()) return
        retry.reset()
        problem.value = null
        status.value = 'live'
      },
      message: (data) => mine === run() && feed.receiveMessage(data),
      // Displaced by the agent's socket cap: trying again at once would displace another panel.
      close: ({ displaced }) => schedule(mine, t('fail_live_closed'), displaced ? DISPLACED_WAIT_MS : undefined),
    })
    if (failed) schedule(mine, failed)
  }

  return connect
}

/**
 * Live events for a page that is open: a ticket through the background (the agent token never
 * reaches the page), then a WebSocket from the page. Newest first; reconnects with exponential
 * backoff and jitter, resuming with `since` so nothing is lost or repeated.
 */
export function createLiveStore(deps: LiveDeps) {
  const status = signal<LiveStatus>('off')
  const feed = createEventFeed()
  const retry = createRetryTimer(deps)
  const live = createLiveSocket(deps.openSocket ?? ((url: string) => new WebSocket(url)))
  const problem = signal<string | null>(null)
  const refusal = signal<RelayFailure | null>(null)
  const unreachable = signal<RelayFailure | null>(null)
  // Bumped by stop(): answers and socket events from an earlier run are ignored.
  let run = 0
  const connect = createLiveConnector({ deps, feed, retry, live, status, problem, refusal, unreachable, run: () => run })

  return {
    events: feed.events,
    status,
    problem,
    refusal,
    unreachable,
    /** Starts (or keeps) the connection; resumes after the last event received. */
    start() {
      if (status.value !== 'off') return
      retry.reset()
      void connect(++run)
    },
    stop() {
      run++
      retry.cancel()
      live.close()
      refusal.value = null
      unreachable.value = null
      status.value = 'off'
    },
  }
}

export type LiveStore = ReturnType<typeof createLiveStore>
