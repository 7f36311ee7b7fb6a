import { storage } from '#imports'
import type { PageId } from '../lib/messages.ts'
import { frameIdsKey, pageIdsKey } from '../lib/page-ids.ts'
import { distinctIds, fitTab, framesFromStorage, storedFrames, type FrameReport, type StoredFrames } from './tab-ids-storage.ts'

/*
The IDs each tab's frames reported, as the badge and the popup count them. A report is answered from
the service worker's copy in memory: going through storage for every report would cost a big tab far
more than the report. storage.session is the durable copy (Chrome stops an idle service worker; the
popup reads it), written behind: at once after a quiet spell, else WRITE_DELAY_MS after the last write,
one write per tab at a time, with the changes that came meanwhile together.
*/

/** A report's order among a tab's frames: the oldest frames go first when the tab's storage is full. */
let lastSeq = 0
const nextSeq = () => (lastSeq = Math.max(lastSeq + 1, Date.now()))

/** How many of the last reports' and writes' times are kept for the benchmark. */
const TIMES_KEPT = 100
/**
 * The least time between two writes of a tab: a change within it of the last write waits in memory for
 * the rest of its burst. Chrome converts every entry of a write on the thread that also sets badges, so a
 * conversation whose frames report one after the other is a few writes, not one per frame.
 */
export const WRITE_DELAY_MS = 500
/**
 * How long a tab's write waits after its badge is set. Chrome converts a write on the thread that also
 * answers badge calls, so a write started beside the badge call holds the badge back by its length; a
 * few browser frames are enough for the badge to show first.
 */
export const BADGE_FIRST_MS = 100

export type TabIdsDeps = {
  /** Shows the tab's count (badge and title). Calls go out in order; the report does not wait for the browser's answer. */
  showBadge: (tabId: number, count: number) => Promise<void>
  now?: () => number
  writeDelayMs?: number
  badgeFirstMs?: number
  /** Resolves after `ms` (tests pass their own clock's). */
  wait?: (ms: number) => Promise<void>
}

const waitMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createTabIds(deps: TabIdsDeps) {
  const now = deps.now ?? (() => performance.now())
  const writeDelay = deps.writeDelayMs ?? WRITE_DELAY_MS
  const badgeFirst = deps.badgeFirstMs ?? BADGE_FIRST_MS
  const wait = deps.wait ?? waitMs
  /** Tabs known since this worker started (an empty map: known to have none). */
  const tabs = new Map<number, Map<number, FrameReport>>()
  // Reports from one tab are applied in order: a slow step must not put an older count back.
  const queues = new Map<number, Promise<unknown>>()
  /** The tail of each tab's writes, and the tabs whose next write has not started yet. */
  const writes = new Map<number, Promise<void>>()
  const unwritten = new Set<number>()
  /** When each tab's last write ended (the clock above). */
  const lastWrite = new Map<number, number>()
  /** Each tab's latest badge call, and when it was set (the clock above). */
  const badges = new Map<number, Promise<void>>()
  const badgeSet = new Map<number, number>()
  /**
   * The last reports' times here, in ms: the worker's own work (taken up to asking for the badge),
   * the whole report (to the badge set: the browser answers that call), and the writes behind them.
   */
  const workTimes: number[] = []
  const reportTimes: number[] = []
  const writeTimes: number[] = []

  function inOrder<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work)
    const settled = next.catch(() => undefined)
    queues.set(tabId, settled)
    void settled.then(() => queues.get(tabId) === settled && queues.delete(tabId))
    return next
  }

  /** The tab's frames: from memory, or once per worker start from storage.session. */
  async function framesOf(tabId: number): Promise<Map<number, FrameReport>> {
    const known = tabs.get(tabId)
    if (known) return known
    const [union, stored] = await Promise.all([storage.getItem<PageId[]>(pageIdsKey(tabId)), storage.getItem<StoredFrames>(frameIdsKey(tabId))])
    // A report that came meanwhile (another tab's queue) cannot have set it: this tab's queue is ours.
    const frames = framesFromStorage(union, stored)
    tabs.set(tabId, frames)
    return frames
  }

  /** Writes what memory holds for the tab now (nothing: its keys go). */
  async function writeNow(tabId: number): Promise<void> {
    const started = now()
    const frames = tabs.get(tabId)
    const tab = fitTab(frames ?? new Map(), -1)
    if (tab.union.length === 0) await storage.removeItems([pageIdsKey(tabId), frameIdsKey(tabId)])
    else
      await storage.setItems([
        { key: pageIdsKey(tabId), value: tab.union },
        { key: frameIdsKey(tabId), value: storedFrames(tab) },
      ])
    lastWrite.set(tabId, now())
    keep(writeTimes, now() - started)
  }

  /** Schedules the tab's durable write; resolves once what memory holds now is stored. */
  function writeBehind(tabId: number): Promise<void> {
    // A write not started yet takes this change with it.
    if (unwritten.has(tabId)) return writes.get(tabId)!
    unwritten.add(tabId)
    const next = (writes.get(tabId) ?? Promise.resolve())
      .then(() => {
        // At once after a quiet spell; within WRITE_DELAY_MS of the last write, it waits for the rest of the burst.
        const left = (lastWrite.get(tabId) ?? -Infinity) + writeDelay - now()
        return left > 0 ? wait(left) : undefined
      })
      // The tab's newest badge first, and the browser's few frames to show it (BADGE_FIRST_MS).
      .then(() => badges.get(tabId))
      .then(() => {
        const left = (badgeSet.get(tabId) ?? -Infinity) + badgeFirst - now()
        return left > 0 ? wait(left) : undefined
      })
      .then(() => {
        unwritten.delete(tabId)
        return writeNow(tabId)
      })
      .catch(() => {
        // storage.session refused (the extension is going away): the next change writes again.
      })
    writes.set(tabId, next)
    void next.then(() => writes.get(tabId) === next && writes.delete(tabId))
    return next
  }

  /** Sets the tab's badge and notes when (a write waits for it); `started`: the report's start, for its time. */
  function showBadge(tabId: number, count: number, started?: number): Promise<void> {
    const badge = deps.showBadge(tabId, count).then(() => {
      badgeSet.set(tabId, now())
      if (started !== undefined) keep(reportTimes, now() - started)
    })
    const settled = badge.catch(() => {})
    badges.set(tabId, settled)
    void settled.then(() => badges.get(tabId) === settled && badges.delete(tabId))
    return badge
  }

  return {
    /**
     * Keeps what one frame of a tab reported and shows the tab's union on the badge: the top
     * frame's IDs first, then each other frame's in frame order, every ID once, capped as stored
     * (tab-ids-storage.ts: the oldest frames' IDs go first). Resolves once the badge is asked
     * for; `badge` once it is set, `stored` once storage.session has it.
     */
    record(tabId: number, ids: readonly PageId[], frameId = 0): Promise<{ badge: Promise<void>; stored: Promise<void>; count: number }> {
      return inOrder(tabId, async () => {
        const started = now()
        const frames = await framesOf(tabId)
        const mine = distinctIds([ids])
        // The frame said what it said before (asked to report again, back from the cache): the badge
        // is set again, but storage.session already holds it, or will with the write under way.
        const unchanged = sameIds(frames.get(frameId)?.ids ?? [], mine)
        if (!unchanged && mine.length > 0) frames.set(frameId, { ids: mine, seq: nextSeq() })
        else if (!unchanged) frames.delete(frameId)
        const tab = fitTab(frames, frameId)
        tabs.set(tabId, tab.frames)
        keep(workTimes, now() - started)
        // Not awaited: the next report need not wait for the browser (which may be busy with a
        // write); badge calls reach it in the order they are made.
        const badge = showBadge(tabId, tab.union.length, started)
        const stored = unchanged ? (writes.get(tabId) ?? Promise.resolve()) : writeBehind(tabId)
        return { badge, stored, count: tab.union.length }
      })
    },
    /** Forgets a tab's IDs and clears its badge (storage.session follows). Resolves true when it had some. */
    forget(tabId: number, { closed = false } = {}): Promise<boolean> {
      return inOrder(tabId, async () => {
        // Every tab's every load comes here: only a tab that had IDs costs a write.
        const had = (await framesOf(tabId)).size > 0
        // A closed tab leaves memory too (its write behind finds nothing, and removes its keys).
        if (closed) tabs.delete(tabId)
        else tabs.set(tabId, new Map())
        if (had) {
          await showBadge(tabId, 0)
          // Not awaited here: the tab's next page reports behind this in the queue.
          void writeBehind(tabId)
        }
        return had
      })
    },
    /** The frames the tab has IDs from. */
    frameIds: async (tabId: number): Promise<number[]> => [...(await framesOf(tabId)).keys()],
    workTimes,
    reportTimes,
    writeTimes,
  }
}

/** The same IDs in the same order. */
function sameIds(a: readonly PageId[], b: readonly PageId[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.kind === b[i]!.kind)
}

function keep(times: number[], ms: number): void {
  times.push(ms)
  if (times.length > TIMES_KEPT) times.shift()
}
