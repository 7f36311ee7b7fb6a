import type { LiveEvent, LookupEntry, LookupFound } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { Settings } from './settings.ts'

/** Watches kept per profile: one lookup call (the relay takes up to 100 IDs) re-checks them all. */
export const WATCH_CAP = 50

/**
 * One watched ID and what was last seen of it: statuses and IDs only, never a value about the
 * person. `caseId` lets a case's own live event be matched to the inquiry it is about.
 */
export type Watch = {
  id: string
  kind: IdKind
  status: string | null
  caseId: string | null
  caseStatus: string | null
  /** When the agent started watching (ms). */
  since: number
  /** When the status or case last changed while watched (ms); null: not since it was watched. */
  changedAt: number | null
  /** As of when the status is known (ms): a live event from before then is old news. */
  observedAt: number
  /** The ticket the agent watched it from (a card): its notification names and opens it. */
  ticket?: WatchTicket
}

/**
 * A ticket page: its address without the query (the fragment stays: Gmail names the thread there),
 * as the browser reported the card's tab when the watch was made. Nothing the page wrote (its title)
 * is kept: the notification names the ticket by this address alone.
 */
export type WatchTicket = { url: string }

/** Longer addresses are no ticket the extension keeps (nor opens). */
export const TICKET_URL_MAX = 2048

/** The address as kept: http(s), no credentials, no query, bounded; null for anything else. */
function ticketUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null
  const kept = `${url.origin}${url.pathname}${url.hash}`
  return kept.length <= TICKET_URL_MAX ? kept : null
}

/** The ticket a card's page is, from the tab's URL (never its title); null for anything but an http(s) page. */
export function ticketOf(tab: { url?: string } | undefined): WatchTicket | null {
  const url = tab?.url ? ticketUrl(tab.url) : null
  return url ? { url } : null
}

/**
 * A stored ticket, checked again before it is named or opened: its address exactly as `ticketOf`
 * keeps it (another shape, an older record's title: only the address survives), or null.
 */
export function checkedTicket(stored: unknown): WatchTicket | null {
  const raw = (stored as { url?: unknown } | null | undefined)?.url
  return typeof raw === 'string' && ticketUrl(raw) === raw ? { url: raw } : null
}

/**
 * The watches of one relay and agent. `owner` names them without holding the token (a hash of it):
 * watches read under other settings are someone else's, and are forgotten.
 */
export type WatchList = { owner: string; watches: Watch[] }

export const EMPTY_WATCHES: WatchList = { owner: '', watches: [] }

/** What the agent saw when they pressed Watch: the baseline a later change is told against. */
export type WatchSeen = { status: string | null; caseId?: string | null; caseStatus?: string | null }

/** A watched ID's status or case that changed, for the notification. */
export type WatchChange = {
  id: string
  kind: IdKind
  /** The ticket it was watched from, named by the notification. */
  ticket?: WatchTicket
  status?: { from: string | null; to: string }
  caseStatus?: { from: string | null; to: string }
}

/** Names the relay and agent the watches belong to: the relay URL and a short hash of the token. */
export async function watchOwner(settings: Settings): Promise<string> {
  const url = settings.workerUrl.trim().replace(/\/+$/, '')
  const token = settings.agentToken.trim()
  if (!token) return url
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))
  return `${url}#${[...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The watches that belong to `owner`: another relay's or agent's are none. */
export function ownedBy(list: WatchList, owner: string): WatchList {
  return list.owner === owner ? list : { owner, watches: [] }
}

/** The list with each ticket as `checkedTicket` keeps it (an older record's title dropped); the same list when nothing changes. */
export function withCheckedTickets(list: WatchList): WatchList {
  const kept = (w: Watch) => (w.ticket === undefined ? undefined : checkedTicket(w.ticket))
  const same = (w: Watch) => w.ticket === undefined || (kept(w)?.url === w.ticket.url && Object.keys(w.ticket).length === 1)
  if (list.watches.every(same)) return list
  return {
    ...list,
    watches: list.watches.map((w) => {
      if (same(w)) return w
      const { ticket: _dropped, ...rest } = w
      const ticket = kept(w)
      return ticket ? { ...rest, ticket } : rest
    }),
  }
}

export type AddResult = { list: WatchList; added: boolean; full: boolean }

/** Adds a watch (again: updates its baseline). Refuses a new one when the cap is reached. */
export function addWatch(
  list: WatchList,
  entry: { id: string; kind: IdKind; seen?: WatchSeen; ticket?: WatchTicket | null },
  now: number,
): AddResult {
  const existing = list.watches.find((w) => w.id === entry.id)
  if (!existing && list.watches.length >= WATCH_CAP) return { list, added: false, full: true }
  const watch: Watch = {
    id: entry.id,
    kind: entry.kind,
    status: entry.seen?.status ?? existing?.status ?? null,
    caseId: entry.seen?.caseId ?? existing?.caseId ?? null,
    caseStatus: entry.seen?.caseStatus ?? existing?.caseStatus ?? null,
    since: existing?.since ?? now,
    changedAt: existing?.changedAt ?? null,
    observedAt: entry.seen ? now : (existing?.observedAt ?? now),
  }
  // Watched again from the detail (no ticket): the ticket it was first watched from is kept.
  const ticket = checkedTicket(entry.ticket ?? existing?.ticket)
  if (ticket) watch.ticket = ticket
  const rest = list.watches.filter((w) => w.id !== entry.id)
  return { list: { ...list, watches: [watch, ...rest] }, added: true, full: false }
}

export function removeWatch(list: WatchList, id: string): WatchList {
  return { ...list, watches: list.watches.filter((w) => w.id !== id) }
}

/** What was seen of one ID, and as of when (ms). */
type Observation = {
  id: string
  kind?: IdKind
  at: number
  caseAt?: number
  status?: string | null
  caseId?: string | null
  caseStatus?: string | null
}

/**
 * Applies what was just seen of watched IDs. A first sighting (nothing known before) sets the
 * baseline and is no change; a status or case status that differs from the known one is.
 */
function observe(list: WatchList, seen: Observation[], now: number): { list: WatchList; changes: WatchChange[] } {
  const changes: WatchChange[] = []
  const watches = list.watches.map((w) => {
    const o = seen.find((s) => s.id === w.id)
    if (!o) return w
    // Older than what is known (a replayed event, a copy the relay kept): it says nothing new.
    const statusNews = o.at >= w.observedAt
    const caseNews = (o.caseAt ?? o.at) >= w.observedAt
    const ticket = checkedTicket(w.ticket)
    // A bare UUID is watched as the first UUID kind; the relay's answer says whose it is.
    const kind = o.kind ?? w.kind
    const change: WatchChange = { id: w.id, kind, ...(ticket ? { ticket } : {}) }
    const next = { ...w, kind, observedAt: Math.max(w.observedAt, statusNews ? o.at : 0) }
    if (statusNews && o.status != null && o.status !== w.status) {
      if (w.status !== null) change.status = { from: w.status, to: o.status }
      next.status = o.status
    }
    if (caseNews && o.caseId !== undefined && o.caseId !== null) next.caseId = o.caseId
    if (caseNews && o.caseStatus != null && o.caseStatus !== w.caseStatus) {
      // A case opened on an inquiry already watched is news; the first look at a new watch is not.
      if (w.status !== null) change.caseStatus = { from: w.caseStatus, to: o.caseStatus }
      next.caseStatus = o.caseStatus
    }
    if (change.status || change.caseStatus) {
      next.changedAt = now
      changes.push(change)
    }
    return next
  })
  return { list: { ...list, watches }, changes }
}

/** A lookup's answer for watched IDs: IDs it could not resolve are left as they were. */
export function applyLookup(list: WatchList, entries: LookupEntry[], now: number) {
  const seen: Observation[] = entries.flatMap((e) =>
    // The status is as of the object's last update (the relay may answer from its cache); the case as of now.
    e.found
      ? [
          {
            id: e.id,
            kind: e.kind,
            at: Math.min(now, Date.parse(e.updatedAt ?? '') || now),
            caseAt: now,
            status: e.status,
            caseId: e.case?.id ?? null,
            caseStatus: e.case?.status ?? null,
          },
        ]
      : [],
  )
  return observe(list, seen, now)
}

/**
 * Live events: one about a watched ID carries its new status; one about its case, the case's. An
 * event from before the status was known (a resumed socket's replay) changes nothing.
 */
export function applyLiveEvents(list: WatchList, events: LiveEvent[], now: number) {
  const seen: Observation[] = []
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const at = Date.parse(event.createdAt)
    if (event.status === null || Number.isNaN(at)) continue
    const byId = list.watches.find((w) => w.id === event.objectId)
    if (byId) seen.push({ id: byId.id, at, status: event.status })
    const byCase = list.watches.find((w) => w.caseId !== null && w.caseId === event.objectId)
    if (byCase) seen.push({ id: byCase.id, at, caseStatus: event.status })
  }
  // In order, so two events about one ID in a batch both count.
  let current = list
  const changes: WatchChange[] = []
  for (const one of seen) {
    const step = observe(current, [one], now)
    current = step.list
    changes.push(...step.changes)
  }
  return { list: current, changes }
}

/** Whether an event concerns a watched ID (or its case). */
export function concernsWatch(list: WatchList, event: Pick<LiveEvent, 'objectId' | 'id'>): boolean {
  return list.watches.some((w) => w.id === event.objectId || w.id === event.id || (w.caseId !== null && w.caseId === event.objectId))
}

/** What a lookup summary shows of an ID, as a watch's baseline. */
export function seenOf(entry: Pick<LookupFound, 'status' | 'case'>): WatchSeen {
  return { status: entry.status, caseId: entry.case?.id ?? null, caseStatus: entry.case?.status ?? null }
}
