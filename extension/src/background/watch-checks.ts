import type { LiveEvent, LookupFound } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import type { LookupIdsResult, WatchToggle } from '../lib/messages.ts'
import type { Settings } from '../lib/settings.ts'
import {
  addWatch,
  applyLiveEvents,
  applyLookup,
  ownedBy,
  removeWatch,
  watchOwner,
  type Watch,
  type WatchChange,
  type WatchList,
  type WatchSeen,
  type WatchTicket,
  withCheckedTickets,
} from '../lib/watches.ts'

/** How often the background wakes to re-check watched IDs when no panel brings live events. */
export const WATCH_CHECK_MINUTES = 5

export type WatchKeeperDeps = {
  getSettings: () => Promise<Settings>
  load: () => Promise<WatchList>
  save: (list: WatchList) => Promise<void>
  /**
   * One batched `/v1/lookup` as background work (the relay's vendor gate sheds it first); `fresh`:
   * past the relay's cache (a re-check exists to see what changed, a cached copy would not say).
   */
  lookup: (ids: string[], fresh: boolean) => Promise<LookupIdsResult>
  notify: (change: WatchChange) => Promise<void>
  /** Whether the agent changed one of these objects themselves just now (lib/own-changes.ts): no notification then. */
  isOwn?: (ids: string[]) => Promise<boolean>
  /** "These objects changed: re-read them" (background/object-changes.ts): the open detail, lists and cards follow. */
  announce?: (ids: string[]) => Promise<unknown>
  now: () => number
}

type WatchStep<R> = (list: WatchList) => { list: WatchList; result: R } | Promise<{ list: WatchList; result: R }>

/**
 * The watch list's one way in: each step runs after every earlier one, on the list as it is then
 * (another relay's or agent's watches dropped), and what it returns is saved.
 */
function createWatchUpdates(deps: Pick<WatchKeeperDeps, 'getSettings' | 'load' | 'save'>) {
  let queue: Promise<unknown> = Promise.resolve()
  return function update<R>(step: WatchStep<R>): Promise<R> {
    const run = queue.then(async () => {
      const owner = await watchOwner(await deps.getSettings())
      const stored = await deps.load()
      const current = withCheckedTickets(ownedBy(stored, owner))
      const { list, result } = await step(current)
      if (list !== stored) await deps.save(list)
      return result
    })
    queue = run.catch(() => {})
    return run
  }
}

/** The watch's baseline completed from the relay's summary; what the agent saw first is kept. */
function withBaseline(list: WatchList, id: string, entry: LookupFound): WatchList {
  return {
    ...list,
    watches: list.watches.map((w) =>
      w.id === id
        ? {
            ...w,
            kind: entry.kind,
            status: w.status ?? entry.status,
            caseId: entry.case?.id ?? w.caseId,
            caseStatus: entry.case?.status ?? w.caseStatus,
          }
        : w,
    ),
  }
}

/**
 * The agent's watches: the one writer of the watch list (the background), so a card, a panel and
 * the alarm never overwrite each other. Every read drops watches of another relay or agent.
 */
export function createWatchKeeper(deps: WatchKeeperDeps) {
  const update = createWatchUpdates(deps)

  /** The changes the agent made themselves: of the watched ID, or of its case (a case action). */
  async function ownOf(changes: WatchChange[]): Promise<Set<string>> {
    const own = new Set<string>()
    if (!deps.isOwn || changes.length === 0) return own
    const watches = await update((list) => ({ list, result: list.watches }))
    for (const change of changes) {
      const caseId = watches.find((w) => w.id === change.id)?.caseId
      if (await deps.isOwn(caseId ? [change.id, caseId] : [change.id]).catch(() => false)) own.add(change.id)
    }
    return own
  }

  // Every change is announced (what is on screen follows); only those of others are notified.
  async function report(changes: WatchChange[]) {
    if (changes.length > 0) await deps.announce?.(changes.map((c) => c.id)).catch(() => {})
    const own = await ownOf(changes)
    for (const change of changes) if (!own.has(change.id)) await deps.notify(change).catch(() => {})
  }

  return {
    /** Starts or stops watching an ID; `seen` is what the agent was looking at (the baseline), `ticket` where (a card's page). */
    set(id: string, on: boolean, seen?: WatchSeen, ticket?: WatchTicket | null): Promise<WatchToggle> {
      const kind = classifyId(id)
      return update((list) => {
        if (!on || !kind) return { list: removeWatch(list, id), result: { watching: false, full: false } }
        const added = addWatch(list, { id, kind, seen, ticket }, deps.now())
        return { list: added.list, result: { watching: added.added, full: added.full } }
      })
    },
    /**
     * Completes a new watch's baseline from the relay's summary: the review case, which a live event
     * about the case is matched by. What it finds is the starting point, never a change.
     */
    async baseline(id: string): Promise<void> {
      const result = await deps.lookup([id], false)
      if (!result.ok) return
      const entry = result.data.data.find((e) => e.id === id)
      if (!entry?.found) return
      await update((list) => ({ list: withBaseline(list, id, entry), result: undefined }))
    },
    /** The watches of the current relay and agent, newest first. */
    list(): Promise<Watch[]> {
      return update((list) => ({ list, result: list.watches }))
    },
    /** Live events a panel received: a watched ID's (or its case's) new status. */
    async live(events: LiveEvent[]): Promise<WatchChange[]> {
      const changes = await update((list) => {
        const applied = applyLiveEvents(list, events, deps.now())
        return { list: applied.changes.length ? applied.list : list, result: applied.changes }
      })
      await report(changes)
      return changes
    },
    /** One batched lookup of every watch; changes are notified. Skipped while the relay asks to wait. */
    recheck: rechecker(deps, update, report),
  }
}

/** The watches' batched lookup, not asked again before the time the relay said to wait until. */
function rechecker(
  deps: WatchKeeperDeps,
  update: ReturnType<typeof createWatchUpdates>,
  report: (changes: WatchChange[]) => Promise<void>,
) {
  // Not before this time (ms): the relay said wait (budget used up, rate limited).
  let notBefore = 0
  return async (): Promise<WatchChange[]> => {
    if (deps.now() < notBefore) return []
    const changes = await update(async (list) => {
      if (list.watches.length === 0) return { list, result: [] as WatchChange[] }
      const result = await deps.lookup(
        list.watches.map((w) => w.id),
        true,
      )
      if (!result.ok) {
        if (result.error.retryAfter !== undefined) notBefore = deps.now() + result.error.retryAfter * 1000
        return { list, result: [] as WatchChange[] }
      }
      const applied = applyLookup(list, result.data.data, deps.now())
      return { list: applied.list, result: applied.changes }
    })
    await report(changes)
    return changes
  }
}

export type WatchKeeper = ReturnType<typeof createWatchKeeper>
