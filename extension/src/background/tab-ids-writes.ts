import { storage } from '#imports'
import { frameIdsKey, pageIdsKey } from '../lib/page-ids.ts'
import { fitTab, storedFrames, type FrameReport } from './tab-ids-storage.ts'

/** How many of the last reports' and writes' times are kept for the benchmark. */
const TIMES_KEPT = 100

export function keep(times: number[], ms: number): void {
  times.push(ms)
  if (times.length > TIMES_KEPT) times.shift()
}

/** Runs each tab's steps one after the other: a slow step must not put an older count back. */
export function createTabQueues() {
  const queues = new Map<number, Promise<unknown>>()
  function inOrder<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work)
    const settled = next.catch(() => undefined)
    queues.set(tabId, settled)
    void settled.then(() => queues.get(tabId) === settled && queues.delete(tabId))
    return next
  }
  /** Whether a tab's work is under way or queued (its copy in memory may be about to change). */
  const busy = (tabId: number): boolean => queues.has(tabId)
  return Object.assign(inOrder, { busy })
}

/**
 * Each tab's latest badge call, and when it was set (a write waits for it). `reportTimes`: each
 * report's time up to its badge being set.
 */
export function createBadgeCalls(showBadge: (tabId: number, count: number) => Promise<void>, now: () => number, reportTimes: number[]) {
  const badges = new Map<number, Promise<void>>()
  const badgeSet = new Map<number, number>()
  return {
    /** Sets the tab's badge and notes when; `started`: the report's start, for its time. */
    show(tabId: number, count: number, started?: number): Promise<void> {
      const badge = showBadge(tabId, count).then(() => {
        badgeSet.set(tabId, now())
        if (started !== undefined) keep(reportTimes, now() - started)
      })
      const settled = badge.catch(() => {})
      badges.set(tabId, settled)
      void settled.then(() => badges.get(tabId) === settled && badges.delete(tabId))
      return badge
    },
    latest: (tabId: number): Promise<void> | undefined => badges.get(tabId),
    setAt: (tabId: number): number => badgeSet.get(tabId) ?? -Infinity,
  }
}

export type TabWritesDeps = {
  now: () => number
  writeDelay: number
  badgeFirst: number
  wait: (ms: number) => Promise<void>
  /** What memory holds for the tab (nothing: its keys go). */
  framesInMemory: (tabId: number) => Map<number, FrameReport> | undefined
  badges: ReturnType<typeof createBadgeCalls>
}

/**
 * Resolves once the tab's newest badge is set and the browser had its few frames to show it
 * (BADGE_FIRST_MS), and no badge call is under way: a write never counts more than the badge shows.
 */
async function badgeShown({ badges, badgeFirst, now, wait }: TabWritesDeps, tabId: number): Promise<void> {
  await badges.latest(tabId)
  const left = badges.setAt(tabId) + badgeFirst - now()
  if (left > 0) await wait(left)
  // A report during that wait asked for a newer badge.
  for (let badge = badges.latest(tabId); badge; badge = badges.latest(tabId)) await badge
}

/** The durable copy in storage.session, written behind: one write per tab at a time, after its badge. */
export function createTabWrites(deps: TabWritesDeps) {
  const { now, wait } = deps
  /** The tail of each tab's writes, and the tabs whose next write has not started yet. */
  const writes = new Map<number, Promise<void>>()
  const unwritten = new Set<number>()
  /** When each tab's last write ended. */
  const lastWrite = new Map<number, number>()
  const writeTimes: number[] = []

  async function writeNow(tabId: number): Promise<void> {
    const started = now()
    const tab = fitTab(deps.framesInMemory(tabId) ?? new Map(), -1)
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
  function behind(tabId: number): Promise<void> {
    // A write not started yet takes this change with it.
    if (unwritten.has(tabId)) return writes.get(tabId)!
    unwritten.add(tabId)
    const next = (writes.get(tabId) ?? Promise.resolve())
      .then(() => {
        // At once after a quiet spell; within WRITE_DELAY_MS of the last write, it waits for the rest of the burst.
        const left = (lastWrite.get(tabId) ?? -Infinity) + deps.writeDelay - now()
        return left > 0 ? wait(left) : undefined
      })
      .then(() => badgeShown(deps, tabId))
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

  return {
    behind,
    /** The tab's write under way, if any. */
    pending: (tabId: number): Promise<void> | undefined => writes.get(tabId),
    writeTimes,
  }
}
