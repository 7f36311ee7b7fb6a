import { storage } from '#imports'
import type { PageId } from '../lib/messages.ts'
import { frameIdsKey, pageIdsKey } from '../lib/page-ids.ts'
import { distinctIds, fitTab, framesFromStorage, type FrameReport, type StoredFrames } from './tab-ids-storage.ts'
import { createBadgeCalls, createTabQueues, createTabWrites, keep } from './tab-ids-writes.ts'

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
  /** Tabs known since this worker started (an empty map: known to have none). */
  const tabs = new Map<number, Map<number, FrameReport>>()
  const inOrder = createTabQueues()
  /**
   * The last reports' times here, in ms: the worker's own work (taken up to asking for the badge),
   * the whole report (to the badge set: the browser answers that call), and the writes behind them.
   */
  const workTimes: number[] = []
  const reportTimes: number[] = []
  const badges = createBadgeCalls(deps.showBadge, now, reportTimes)
  const writes = createTabWrites({
    now,
    writeDelay: deps.writeDelayMs ?? WRITE_DELAY_MS,
    badgeFirst: deps.badgeFirstMs ?? BADGE_FIRST_MS,
    wait: deps.wait ?? waitMs,
    framesInMemory: (tabId) => tabs.get(tabId),
    badges,
  })

  return {
    /**
     * Keeps what one frame of a tab reported and shows the tab's union on the badge: the top
     * frame's IDs first, then each other frame's in frame order, every ID once, capped as stored
     * (tab-ids-storage.ts: the oldest frames' IDs go first). Resolves once the badge is asked
     * for; `badge` once it is set, `stored` once storage.session has it.
     */
    record(tabId: number, ids: readonly PageId[], frameId = 0): Promise<{ badge: Promise<void>; stored: Promise<void>; count: number }> {
      return inOrder(tabId, () => recordFrame({ tabs, now, badges, writes, workTimes }, { tabId, ids, frameId }))
    },
    /** Forgets a tab's IDs and clears its badge (storage.session follows). Resolves true when it had some. */
    forget(tabId: number, { closed = false } = {}): Promise<boolean> {
      return inOrder(tabId, () => forgetFrames({ tabs, badges, writes }, tabId, closed))
    },
    /** Whether one frame of a tab reported `id` (after the reports that came before this question). */
    holds: (tabId: number, frameId: number, id: string): Promise<boolean> =>
      inOrder(tabId, async () => reported(await framesOf(tabs, tabId), frameId, id)),
    /** `holds` without waiting, when memory can tell (the tab known since this worker started, no report under way); else undefined. */
    holdsNow: (tabId: number, frameId: number, id: string): boolean | undefined =>
      inOrder.busy(tabId) || !tabs.has(tabId) ? undefined : reported(tabs.get(tabId), frameId, id),
    /** The frames the tab has IDs from. */
    frameIds: async (tabId: number): Promise<number[]> => [...(await framesOf(tabs, tabId)).keys()],
    workTimes,
    reportTimes,
    writeTimes: writes.writeTimes,
  }
}

type TabParts = {
  tabs: Map<number, Map<number, FrameReport>>
  now: () => number
  badges: ReturnType<typeof createBadgeCalls>
  writes: ReturnType<typeof createTabWrites>
  workTimes: number[]
}

/** One frame's report kept in memory, the badge asked for and the write behind it (in the tab's queue). */
async function recordFrame(
  { tabs, now, badges, writes, workTimes }: TabParts,
  { tabId, ids, frameId }: { tabId: number; ids: readonly PageId[]; frameId: number },
) {
  const started = now()
  const frames = await framesOf(tabs, tabId)
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
  const badge = badges.show(tabId, tab.union.length, started)
  const stored = unchanged ? (writes.pending(tabId) ?? Promise.resolve()) : writes.behind(tabId)
  return { badge, stored, count: tab.union.length }
}

/** A tab's frames forgotten (in the tab's queue), its badge cleared and the write behind asked for. */
async function forgetFrames(
  { tabs, badges, writes }: Pick<TabParts, 'tabs' | 'badges' | 'writes'>,
  tabId: number,
  closed: boolean,
): Promise<boolean> {
  // Every tab's every load comes here: only a tab that had IDs costs a write.
  const had = (await framesOf(tabs, tabId)).size > 0
  // A closed tab leaves memory too (its write behind finds nothing, and removes its keys).
  if (closed) tabs.delete(tabId)
  else tabs.set(tabId, new Map())
  if (had) {
    await badges.show(tabId, 0)
    // Not awaited here: the tab's next page reports behind this in the queue.
    void writes.behind(tabId)
  }
  return had
}

/** Whether one frame's report holds `id`. */
const reported = (frames: Map<number, FrameReport> | undefined, frameId: number, id: string): boolean =>
  frames?.get(frameId)?.ids.some((p) => p.id === id) ?? false

/** The tab's frames: from memory, or once per worker start from storage.session. */
async function framesOf(tabs: Map<number, Map<number, FrameReport>>, tabId: number): Promise<Map<number, FrameReport>> {
  const known = tabs.get(tabId)
  if (known) return known
  const [union, stored] = await Promise.all([
    storage.getItem<PageId[]>(pageIdsKey(tabId)),
    storage.getItem<StoredFrames>(frameIdsKey(tabId)),
  ])
  // A report that came meanwhile (another tab's queue) cannot have set it: this tab's queue is ours.
  const frames = framesFromStorage(union, stored)
  tabs.set(tabId, frames)
  return frames
}

/** The same IDs in the same order. */
function sameIds(a: readonly PageId[], b: readonly PageId[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.kind === b[i]!.kind)
}
