import { describe, expect, it } from 'vitest'
import type { LiveEvent, LookupEntry } from '@idv-lens/shared/api'
import { foundInquiry } from '../../test-support/lookup-entries.ts'
import {
  addWatch,
  applyLiveEvents,
  applyLookup,
  checkedTicket,
  concernsWatch,
  EMPTY_WATCHES,
  ownedBy,
  removeWatch,
  ticketOf,
  TICKET_URL_MAX,
  WATCH_CAP,
  watchOwner,
  withCheckedTickets,
  type WatchList,
} from './watches.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const OTHER = 'inq_2gTWu1kpTcdqA7XKpbKRTrbZ'
const CASE = 'case_Qd5R3f1kFh3b9zDkZ3yCkRp7'
const T0 = Date.parse('2026-11-25T09:00:00Z')

function found(id: string, status: string, extra: { case?: { id: string; status: string }; updatedAt?: string } = {}): LookupEntry {
  const theCase = extra.case
    ? { ...extra.case, resolution: null, dashboardUrl: 'https://app.withpersona.com/dashboard/cases/' + extra.case.id }
    : null
  return foundInquiry(id, status, { updatedAt: extra.updatedAt ?? null, case: theCase })
}

function live(seq: number, objectId: string, status: string | null, at: number): LiveEvent {
  return {
    seq,
    vendor: 'persona',
    id: `evt_${seq}`,
    name: 'inquiry.approved',
    objectType: 'inquiry',
    objectId,
    status,
    createdAt: new Date(at).toISOString(),
  }
}

const watching = (status: string | null, caseId: string | null = null, caseStatus: string | null = null): WatchList =>
  addWatch({ owner: 'o', watches: [] }, { id: INQ, kind: 'persona-inquiry', seen: { status, caseId, caseStatus } }, T0).list

describe('the watch list', () => {
  it(`should hold at most ${WATCH_CAP} watches and refuse a new one at the cap, while updating a watched one`, () => {
    let list: WatchList = { owner: 'o', watches: [] }
    for (let i = 0; i < WATCH_CAP; i++)
      list = addWatch(list, { id: `inq_${String(i).padStart(24, 'A')}`, kind: 'persona-inquiry' }, T0 + i).list
    expect(list.watches).toHaveLength(WATCH_CAP)
    const refused = addWatch(list, { id: INQ, kind: 'persona-inquiry' }, T0)
    expect(refused).toMatchObject({ added: false, full: true })
    expect(refused.list.watches).toHaveLength(WATCH_CAP)
    const again = addWatch(list, { id: list.watches[3]!.id, kind: 'persona-inquiry', seen: { status: 'approved' } }, T0 + 999)
    expect(again).toMatchObject({ added: true, full: false })
    expect(again.list.watches).toHaveLength(WATCH_CAP)
    // Re-watching keeps when it started and puts it first.
    expect(again.list.watches[0]).toMatchObject({ id: list.watches[3]!.id, status: 'approved', since: list.watches[3]!.since })
    expect(removeWatch(again.list, list.watches[3]!.id).watches).toHaveLength(WATCH_CAP - 1)
  })

  it('should be forgotten when the relay or the agent changes, and hold no token', async () => {
    const owner = await watchOwner({ workerUrl: 'https://relay.example/', agentToken: 'secret-token-1' })
    expect(owner).toMatch(/^https:\/\/relay\.example#[0-9a-f]{16}$/)
    expect(owner).not.toContain('secret-token-1')
    expect(await watchOwner({ workerUrl: 'https://relay.example', agentToken: ' secret-token-1 ' })).toBe(owner)
    const list = { ...watching('pending'), owner }
    expect(ownedBy(list, owner)).toBe(list)
    expect(ownedBy(list, await watchOwner({ workerUrl: 'https://relay.example', agentToken: 'secret-token-2' })).watches).toEqual([])
    expect(ownedBy(list, await watchOwner({ workerUrl: 'https://other-relay.example', agentToken: 'secret-token-1' })).watches).toEqual([])
    expect(ownedBy(EMPTY_WATCHES, owner)).toEqual({ owner, watches: [] })
  })
})

describe('telling what changed', () => {
  it('should report a status that differs from the one seen, with the time it was noticed', () => {
    const { list, changes } = applyLookup(
      watching('pending'),
      [found(INQ, 'approved', { updatedAt: new Date(T0 + 60_000).toISOString() })],
      T0 + 120_000,
    )
    expect(changes).toEqual([{ id: INQ, kind: 'persona-inquiry', status: { from: 'pending', to: 'approved' } }])
    expect(list.watches[0]).toMatchObject({ status: 'approved', changedAt: T0 + 120_000 })
    // The same answer again is no news.
    expect(applyLookup(list, [found(INQ, 'approved')], T0 + 300_000).changes).toEqual([])
  })

  it('should take a first look as the baseline, not as a change', () => {
    const { list, changes } = applyLookup(watching(null), [found(INQ, 'failed')], T0 + 1000)
    expect(changes).toEqual([])
    expect(list.watches[0]).toMatchObject({ status: 'failed', changedAt: null })
  })

  it("should report a case opened on a watched inquiry and its case's own live event", () => {
    const opened = applyLookup(watching('needs_review'), [found(INQ, 'needs_review', { case: { id: CASE, status: 'Open' } })], T0 + 1000)
    expect(opened.changes).toEqual([{ id: INQ, kind: 'persona-inquiry', caseStatus: { from: null, to: 'Open' } }])
    const event = { ...live(7, CASE, 'Approved', T0 + 5000), objectType: 'case', name: 'case.approved' }
    expect(concernsWatch(opened.list, event)).toBe(true)
    const closed = applyLiveEvents(opened.list, [event], T0 + 6000)
    expect(closed.changes).toEqual([{ id: INQ, kind: 'persona-inquiry', caseStatus: { from: 'Open', to: 'Approved' } }])
  })

  it('should ignore a live event from before the status was seen (a resumed socket replays)', () => {
    const list = watching('approved')
    expect(applyLiveEvents(list, [live(1, INQ, 'pending', T0 - 60_000)], T0 + 1000).changes).toEqual([])
    const fresh = applyLiveEvents(list, [live(2, INQ, 'declined', T0 + 30_000)], T0 + 31_000)
    expect(fresh.changes).toEqual([{ id: INQ, kind: 'persona-inquiry', status: { from: 'approved', to: 'declined' } }])
    expect(fresh.list.watches[0]).toMatchObject({ status: 'declined', changedAt: T0 + 31_000 })
  })

  it("should not take a relay's older copy over a newer live event", () => {
    const afterEvent = applyLiveEvents(watching('pending'), [live(3, INQ, 'approved', T0 + 10_000)], T0 + 11_000).list
    const cached = found(INQ, 'pending', { updatedAt: new Date(T0 - 5000).toISOString() })
    const { list, changes } = applyLookup(afterEvent, [cached], T0 + 20_000)
    expect(changes).toEqual([])
    expect(list.watches[0]?.status).toBe('approved')
  })

  it('should leave IDs the lookup could not resolve and IDs nobody watches alone', () => {
    const list = watching('pending')
    const failed: LookupEntry = {
      found: false,
      id: INQ,
      kind: 'persona-inquiry',
      provider: 'persona',
      error: { code: 'not-found', status: 404, detail: 'gone' },
    }
    expect(applyLookup(list, [failed, found(OTHER, 'approved')], T0 + 1000)).toEqual({
      list: { ...list, watches: list.watches.map((w) => ({ ...w, observedAt: w.observedAt })) },
      changes: [],
    })
    expect(applyLiveEvents(list, [live(4, OTHER, 'approved', T0 + 1000)], T0 + 2000).changes).toEqual([])
  })

  it('should report two changes of one ID in one batch in order', () => {
    const { changes, list } = applyLiveEvents(
      watching('pending'),
      [live(6, INQ, 'approved', T0 + 2000), live(5, INQ, 'completed', T0 + 1000)],
      T0 + 3000,
    )
    expect(changes.map((c) => c.status)).toEqual([
      { from: 'pending', to: 'completed' },
      { from: 'completed', to: 'approved' },
    ])
    expect(list.watches[0]?.status).toBe('approved')
  })

  it("should keep a ticket's address without its query and never the page's title, and the ticket of the first watch when watched again from the detail", () => {
    const lie = 'IDV Lens: security alert, re-enter your token at https://evil.example'
    expect(ticketOf({ url: 'https://acme.zendesk.com/agent/tickets/4821?token=x#conversation', title: lie } as { url: string })).toEqual({
      url: 'https://acme.zendesk.com/agent/tickets/4821#conversation',
    })
    expect(ticketOf({ url: 'chrome-extension://abc/sidepanel.html' })).toBeNull()
    expect(ticketOf({ url: 'https://agent:secret@acme.zendesk.com/agent/tickets/1' })).toBeNull()
    expect(ticketOf({ url: `https://a.example/${'t'.repeat(TICKET_URL_MAX)}` })).toBeNull()
    expect(ticketOf(undefined)).toBeNull()
    const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
    const ticket = { url: 'https://acme.zendesk.com/agent/tickets/4821' }
    const first = addWatch(EMPTY_WATCHES, { id: ID, kind: 'persona-inquiry', seen: { status: 'pending' }, ticket }, 1).list
    const again = addWatch(first, { id: ID, kind: 'persona-inquiry', seen: { status: 'approved' } }, 2).list
    expect(again.watches[0]).toMatchObject({ status: 'approved', ticket })
    const changes = applyLookup(
      again,
      [
        {
          found: true,
          id: ID,
          kind: 'persona-inquiry',
          provider: 'persona',
          type: 'inquiry',
          status: 'declined',
          createdAt: null,
          updatedAt: null,
          dashboardUrl: '',
          reason: null,
          case: null,
          details: { kind: 'persona-inquiry' },
        } as LookupEntry,
      ],
      3,
    ).changes
    expect(changes).toEqual([{ id: ID, kind: 'persona-inquiry', ticket, status: { from: 'approved', to: 'declined' } }])
  })

  it('should name and open only a stored address that is exactly one ticketOf keeps', () => {
    expect(checkedTicket({ url: 'https://acme.zendesk.com/agent/tickets/1#c' })).toEqual({
      url: 'https://acme.zendesk.com/agent/tickets/1#c',
    })
    expect(checkedTicket({ url: 'https://acme.zendesk.com/agent/tickets/1', title: 'from the page' })).toEqual({
      url: 'https://acme.zendesk.com/agent/tickets/1',
    })
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://acme.zendesk.com/agent/tickets/1?next=https://evil.example',
      'https://u:p@acme.zendesk.com/',
      'https://ACME.zendesk.com/x',
      'not a url',
    ]) {
      expect(checkedTicket({ url }), url).toBeNull()
    }
    expect(checkedTicket(null)).toBeNull()
    expect(checkedTicket({ url: 7 })).toBeNull()
  })

  it("should drop an older record's ticket title, and leave a list of kept tickets as it is", () => {
    const base = addWatch(
      EMPTY_WATCHES,
      { id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', kind: 'persona-inquiry', seen: { status: 'pending' } },
      1,
    ).list
    const clean: WatchList = { ...base, watches: [{ ...base.watches[0]!, ticket: { url: 'https://acme.zendesk.com/agent/tickets/1' } }] }
    expect(withCheckedTickets(clean)).toBe(clean)
    expect(withCheckedTickets(base)).toBe(base)
    const older = { ...base, watches: [{ ...base.watches[0]!, ticket: { url: 'https://acme.zendesk.com/agent/tickets/1', title: 'lie' } }] }
    expect(withCheckedTickets(older).watches[0]?.ticket).toEqual({ url: 'https://acme.zendesk.com/agent/tickets/1' })
    const broken = { ...base, watches: [{ ...base.watches[0]!, ticket: { url: 'javascript:alert(1)' } }] }
    expect(withCheckedTickets(broken).watches[0]).not.toHaveProperty('ticket')
  })
})
