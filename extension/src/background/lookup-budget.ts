import { storage } from '#imports'

/** At most this many distinct IDs looked up for one tab… */
export const TAB_LOOKUP_LIMIT = 300
/** …within this window (a page that keeps swapping ID-shaped strings must not spend the team's vendor quota). */
export const TAB_LOOKUP_WINDOW_MS = 10 * 60_000

/** When each ID was first looked up for a tab within the window. */
type Entries = Record<string, number>

export type LookupBudgetDeps = {
  load(tabId: number): Promise<Entries | null>
  save(tabId: number, entries: Entries | null): Promise<void>
  now?: () => number
  limit?: number
  windowMs?: number
}

export type Admission = {
  /** IDs that may be looked up now: already counted in the window, or new and within the limit. */
  admitted: string[]
  /** IDs over the limit: not looked up. */
  refused: string[]
  /** Seconds until the oldest counted ID leaves the window (room for a new one); 0 when nothing was refused. */
  retryAfter: number
}

/**
 * The per-tab lookup budget, kept in the background (the content script cannot reset it) and in
 * storage.session (the service worker stops when idle; a page waiting for that must not get a
 * fresh budget). Asking again for an ID already counted costs nothing: hovering the same ID after
 * five minutes is a refresh, not a new ID.
 */
export function createLookupBudget(deps: LookupBudgetDeps) {
  const now = deps.now ?? Date.now
  const limit = deps.limit ?? TAB_LOOKUP_LIMIT
  const windowMs = deps.windowMs ?? TAB_LOOKUP_WINDOW_MS
  // Admissions for one tab run one after another: two batches must not both see the same room.
  const queues = new Map<number, Promise<unknown>>()
  const inOrder = <T>(tabId: number, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work)
    const settled = next.catch(() => undefined)
    queues.set(tabId, settled)
    void settled.then(() => queues.get(tabId) === settled && queues.delete(tabId))
    return next
  }

  function admit(tabId: number, ids: readonly string[]): Promise<Admission> {
    return inOrder(tabId, async () => {
      const at = now()
      const entries: Entries = {}
      for (const [id, since] of Object.entries((await deps.load(tabId)) ?? {})) if (at - since < windowMs) entries[id] = since
      let count = Object.keys(entries).length
      const admitted: string[] = []
      const refused: string[] = []
      let changed = false
      for (const id of new Set(ids)) {
        if (id in entries) admitted.push(id)
        else if (count < limit) {
          entries[id] = at
          count++
          changed = true
          admitted.push(id)
        } else refused.push(id)
      }
      if (changed) await deps.save(tabId, entries)
      const oldest = Math.min(...Object.values(entries))
      const retryAfter = refused.length > 0 ? Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) : 0
      return { admitted, refused, retryAfter }
    })
  }

  return {
    admit,
    /** The tab closed: its budget goes with it. */
    forget: (tabId: number) => inOrder(tabId, () => deps.save(tabId, null)),
  }
}

export type LookupBudget = ReturnType<typeof createLookupBudget>

const budgetKey = (tabId: number) => `session:inlineLookups.budget.${tabId}` as const

/** The budget as the background keeps it: in storage.session, one key per tab. */
export function sessionLookupBudget(overrides: Partial<LookupBudgetDeps> = {}): LookupBudget {
  return createLookupBudget({
    load: (tabId) => storage.getItem<Entries>(budgetKey(tabId)),
    save: (tabId, entries) => (entries ? storage.setItem(budgetKey(tabId), entries) : storage.removeItem(budgetKey(tabId))),
    ...overrides,
  })
}
