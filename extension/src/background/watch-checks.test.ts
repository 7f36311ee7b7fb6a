import { describe, expect, it, vi } from 'vitest'
import type { LookupEntry } from '@idv-lens/shared/api'
import { foundInquiry } from '../../test-support/lookup-entries.ts'
import type { LookupIdsResult } from '../lib/messages.ts'
import type { Settings } from '../lib/settings.ts'
import { EMPTY_WATCHES, type WatchChange, type WatchList } from '../lib/watches.ts'
import { isOwnChange, recordOwnChange } from '../lib/own-changes.ts'
import { createWatchKeeper } from './watch-checks.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'iqse_Ab3Cd5Ef7Gh9Jk1Lm3Np5Qr7'
const T0 = Date.parse('2026-11-25T09:00:00Z')

const found = foundInquiry
const ok = (data: LookupEntry[]): LookupIdsResult => ({ ok: true, data: { data }, freshness: null, receivedAt: T0 })

function setup() {
  let stored: WatchList = EMPTY_WATCHES
  let settings: Settings = { workerUrl: 'https://relay.example', agentToken: 'token-a' }
  let clock = T0
  const notified: WatchChange[] = []
  const lookup = vi.fn<(ids: string[], fresh: boolean) => Promise<LookupIdsResult>>()
  const keeper = createWatchKeeper({
    getSettings: async () => settings,
    load: async () => stored,
    save: async (list) => void (stored = list),
    lookup,
    notify: async (change) => void notified.push(change),
    isOwn: (ids) => isOwnChange(ids, clock),
    now: () => clock,
  })
  return {
    keeper,
    lookup,
    notified,
    stored: () => stored,
    settle: (next: Partial<Settings>) => (settings = { ...settings, ...next }),
    tick: (ms: number) => (clock += ms),
    now: () => clock,
  }
}

describe('the background watch keeper', () => {
  it('should re-check every watch in one lookup and notify each change once', async () => {
    const t = setup()
    await t.keeper.set(INQ, true, { status: 'pending' })
    await t.keeper.set(SESSION, true, { status: 'created' })
    t.tick(5 * 60_000)
    t.lookup.mockResolvedValue(ok([found(INQ, 'approved'), found(SESSION, 'created')]))
    const changes = await t.keeper.recheck()
    expect(t.lookup).toHaveBeenCalledTimes(1)
    expect(t.lookup.mock.calls[0]?.[0].sort()).toEqual([INQ, SESSION].sort())
    // Past the relay's cache: a cached copy would not say what changed.
    expect(t.lookup.mock.calls[0]?.[1]).toBe(true)
    expect(changes).toEqual([{ id: INQ, kind: 'persona-inquiry', status: { from: 'pending', to: 'approved' } }])
    expect(t.notified).toEqual(changes)
    await t.keeper.recheck()
    expect(t.notified).toHaveLength(1)
  })

  it("should not notify the agent of their own change (of the inquiry or its case), but of another's, and announce both", async () => {
    const CASE = 'case_Qd5R3f1kFh3b9zDkZ3yCkRp7'
    const withCase = (status: string, caseStatus: string) => ({
      ...found(INQ, status),
      case: { id: CASE, status: caseStatus, resolution: null, dashboardUrl: 'https://app.withpersona.com/dashboard/cases/x' },
    })
    const t = setup()
    await t.keeper.set(INQ, true, { status: 'needs_review', caseId: CASE, caseStatus: 'Open' })
    // The agent set the case's status from the side panel; the re-check brings it, and the inquiry's decision.
    await recordOwnChange(CASE, t.now())
    t.tick(5 * 60_000)
    t.lookup.mockResolvedValueOnce(ok([withCase('approved', 'Approved')]))
    const own = await t.keeper.recheck()
    expect(own).toHaveLength(1)
    expect(t.notified).toEqual([])
    // Past the window, a change is someone else's again.
    t.tick(15 * 60_000)
    t.lookup.mockResolvedValueOnce(ok([withCase('declined', 'Declined')]))
    expect(await t.keeper.recheck()).toHaveLength(1)
    expect(t.notified.map((c) => c.status?.to)).toEqual(['declined'])
  })

  it("should complete a new watch's baseline with its case, without telling it as a change", async () => {
    const t = setup()
    await t.keeper.set(INQ, true, { status: 'needs_review' })
    t.lookup.mockResolvedValueOnce(
      ok([
        {
          ...found(INQ, 'needs_review'),
          case: {
            id: 'case_Qd5R3f1kFh3b9zDkZ3yCkRp7',
            status: 'Open',
            resolution: null,
            dashboardUrl: 'https://app.withpersona.com/dashboard/cases/x',
          },
        },
      ]),
    )
    await t.keeper.baseline(INQ)
    expect(t.lookup).toHaveBeenCalledWith([INQ], false)
    expect(await t.keeper.list()).toMatchObject([
      { id: INQ, status: 'needs_review', caseId: 'case_Qd5R3f1kFh3b9zDkZ3yCkRp7', caseStatus: 'Open' },
    ])
    expect(t.notified).toEqual([])
  })

  it('should name a watched UUID by the vendor the relay found it at, in the watch and its notice', async () => {
    const t = setup()
    const RUN = '3f2b5c1e-8d4a-4b6e-9c2f-1a7d9e0b4c21'
    await t.keeper.set(RUN, true, { status: 'awaiting_input' })
    // The page marks a bare UUID as the first UUID kind; the relay's lookup asks each UUID vendor.
    expect((await t.keeper.list())[0]?.kind).toBe('deepidv-session')
    const run = (status: string): LookupEntry => ({ ...found(RUN, status), kind: 'onfido-workflow-run', provider: 'onfido' }) as LookupEntry
    t.lookup.mockResolvedValueOnce(ok([run('awaiting_input')]))
    await t.keeper.baseline(RUN)
    expect((await t.keeper.list())[0]?.kind).toBe('onfido-workflow-run')
    t.tick(5 * 60_000)
    t.lookup.mockResolvedValueOnce(ok([run('declined')]))
    await t.keeper.recheck()
    expect(t.notified).toEqual([{ id: RUN, kind: 'onfido-workflow-run', status: { from: 'awaiting_input', to: 'declined' } }])
  })

  it('should ask nothing while nothing is watched', async () => {
    const t = setup()
    expect(await t.keeper.recheck()).toEqual([])
    expect(t.lookup).not.toHaveBeenCalled()
  })

  it('should wait as long as the relay says when its budget is used up', async () => {
    const t = setup()
    await t.keeper.set(INQ, true, { status: 'pending' })
    t.lookup.mockResolvedValueOnce({ ok: false, error: { kind: 'rate-limited', reason: { code: 'too-many-requests' }, retryAfter: 120 } })
    await t.keeper.recheck()
    t.tick(60_000)
    await t.keeper.recheck()
    expect(t.lookup).toHaveBeenCalledTimes(1)
    t.tick(61_000)
    t.lookup.mockResolvedValueOnce(ok([found(INQ, 'declined')]))
    expect(await t.keeper.recheck()).toHaveLength(1)
    expect(t.lookup).toHaveBeenCalledTimes(2)
  })

  it('should forget the watches when the relay or the agent changes', async () => {
    const t = setup()
    await t.keeper.set(INQ, true, { status: 'pending' })
    expect(await t.keeper.list()).toHaveLength(1)
    t.settle({ agentToken: 'token-b' })
    expect(await t.keeper.list()).toEqual([])
    expect(t.stored().watches).toEqual([])
    // Back to the first agent: the watches stay forgotten.
    t.settle({ agentToken: 'token-a' })
    expect(await t.keeper.list()).toEqual([])
    await t.keeper.set(INQ, true, { status: 'pending' })
    t.settle({ workerUrl: 'https://another-relay.example' })
    expect(await t.keeper.list()).toEqual([])
  })

  it('should notify a live event about a watched ID and stop after unwatching', async () => {
    const t = setup()
    await t.keeper.set(INQ, true, { status: 'pending' })
    const event = (seq: number, status: string) => ({
      seq,
      vendor: 'persona' as const,
      id: `evt_${seq}`,
      name: 'inquiry.approved',
      objectType: 'inquiry',
      objectId: INQ,
      status,
      createdAt: new Date(T0 + seq * 1000).toISOString(),
    })
    t.tick(10_000)
    await t.keeper.live([event(1, 'approved')])
    expect(t.notified).toEqual([{ id: INQ, kind: 'persona-inquiry', status: { from: 'pending', to: 'approved' } }])
    expect(await t.keeper.set(INQ, false)).toEqual({ watching: false, full: false })
    await t.keeper.live([event(2, 'declined')])
    expect(t.notified).toHaveLength(1)
  })

  it('should not watch what is not an ID', async () => {
    const t = setup()
    expect(await t.keeper.set('not-an-id', true)).toEqual({ watching: false, full: false })
    expect(await t.keeper.list()).toEqual([])
  })
})
