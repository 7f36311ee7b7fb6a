import { storage } from '#imports'

/** At most this many distinct IDs looked up for one page (a ticket: the tab's URL without its fragment)… */
export const PAGE_LOOKUP_LIMIT = 300
/** …and for one tab over all its pages (a page that keeps changing its route must not get a fresh budget each time)… */
export const TAB_LOOKUP_LIMIT = 1000
/** …within this window (a page that keeps swapping ID-shaped strings must not spend the team's vendor quota). */
export const TAB_LOOKUP_WINDOW_MS = 10 * 60_000

/** When each ID was first looked up for one page within the window. */
type Entries = Record<string, number>
/** A tab's budget: the entries of each of its pages. */
type PageEntries = Record<string, Entries>

export type LookupBudgetDeps = {
  load(tabId: number): Promise<PageEntries | null>
  save(tabId: number, entries: PageEntries | null): Promise<void>
  now?: () => number
  pageLimit?: number
  limit?: number
  windowMs?: number
}

export type Admission = {
  /** IDs that may be looked up now: already counted for the page in the window, or new and within both limits. */
  admitted: string[]
  /** IDs over a limit: not looked up. */
  refused: string[]
  /** Seconds until the oldest counted ID leaves the window (room for a new one); 0 when nothing was refused. */
  retryAfter: number
  /** Which limit refused them: the page's or the tab's (null when nothing was refused). */
  over: 'page' | 'tab' | null
}

/** FNV-1a, 32 bits, in hex: tells pages apart without keeping their addresses (collisions only merge two budgets). */
function pageHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16)
}

/**
 * The page a lookup counts against: the tab's URL without its fragment, unless the fragment is a
 * single-page app's route (`#/tickets/2`, `#!/tickets/2`). Another ticket of the same app is
 * another page, so one busy ticket cannot leave the next one without statuses. Kept as a hash:
 * the budget in storage.session holds no page address.
 */
export function budgetPage(url: string | undefined): string {
  const at = url?.indexOf('#') ?? -1
  const page = !url || at < 0 || /^#!?\//.test(url.slice(at)) ? (url ?? '') : url.slice(0, at)
  return pageHash(page)
}

type Limits = { pageLimit: number; limit: number; windowMs: number }

/** Runs each tab's work one after another: two admissions must not both see the same room. */
function createTabQueue() {
  const queues = new Map<number, Promise<unknown>>()
  return <T>(tabId: number, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work)
    const settled = next.catch(() => undefined)
    queues.set(tabId, settled)
    void settled.then(() => queues.get(tabId) === settled && queues.delete(tabId))
    return next
  }
}

/** The tab's entries still inside the window (pages with none left are dropped). */
function inWindow(stored: PageEntries | null, at: number, windowMs: number): PageEntries {
  const pages: PageEntries = {}
  for (const [page, entries] of Object.entries(stored ?? {})) {
    const kept: Entries = {}
    for (const [id, since] of Object.entries(entries)) if (at - since < windowMs) kept[id] = since
    if (Object.keys(kept).length > 0) pages[page] = kept
  }
  return pages
}

/** The tab's distinct IDs, each with its first count. */
function firstCounts(pages: PageEntries): Map<string, number> {
  const tab = new Map<string, number>()
  for (const entries of Object.values(pages))
    for (const [id, since] of Object.entries(entries)) tab.set(id, Math.min(since, tab.get(id) ?? since))
  return tab
}

/** The page's and the tab's counts, which `count` adds the newly admitted IDs to (at `at`). */
type Counted = { mine: Entries; tab: Map<string, number>; at: number }

/** Counts `ids` against both limits: each admitted (counted before, or within both) or refused. */
function count(ids: readonly string[], { mine, tab, at }: Counted, { pageLimit, limit }: Limits) {
  let pageCount = Object.keys(mine).length
  const admitted: string[] = []
  const refused: string[] = []
  let over: Admission['over'] = null
  let changed = false
  for (const id of new Set(ids)) {
    if (id in mine) admitted.push(id)
    else if (pageCount >= pageLimit) {
      refused.push(id)
      over ??= 'page'
    } else if (!tab.has(id) && tab.size >= limit) {
      refused.push(id)
      over ??= 'tab'
    } else {
      mine[id] = at
      if (!tab.has(id)) tab.set(id, at)
      pageCount++
      changed = true
      admitted.push(id)
    }
  }
  return { admitted, refused, over, changed }
}

/**
 * The lookup budget, kept in the background (the content script cannot reset it) and in
 * storage.session (the service worker stops when idle; a page waiting for that must not get a
 * fresh budget). Counted per page and, across pages, per tab. Asking again for an ID already
 * counted for the page costs nothing: hovering the same ID after five minutes is a refresh, not a
 * new ID. An ID counted on another page of the tab costs the new page one, but not the tab.
 */
export function createLookupBudget(deps: LookupBudgetDeps) {
  const now = deps.now ?? Date.now
  const limits: Limits = {
    pageLimit: deps.pageLimit ?? PAGE_LOOKUP_LIMIT,
    limit: deps.limit ?? TAB_LOOKUP_LIMIT,
    windowMs: deps.windowMs ?? TAB_LOOKUP_WINDOW_MS,
  }
  const inOrder = createTabQueue()

  function admit(tabId: number, page: string, ids: readonly string[]): Promise<Admission> {
    return inOrder(tabId, async () => {
      const at = now()
      const pages = inWindow(await deps.load(tabId), at, limits.windowMs)
      const mine = (pages[page] ??= {})
      const tab = firstCounts(pages)
      const { admitted, refused, over, changed } = count(ids, { mine, tab, at }, limits)
      if (Object.keys(mine).length === 0) delete pages[page]
      if (changed) await deps.save(tabId, pages)
      const oldest = Math.min(...(over === 'page' ? Object.values(mine) : [...tab.values()]))
      const retryAfter = refused.length > 0 ? Math.max(1, Math.ceil((oldest + limits.windowMs - at) / 1000)) : 0
      return { admitted, refused, retryAfter, over }
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
    load: (tabId) => storage.getItem<PageEntries>(budgetKey(tabId)),
    save: (tabId, entries) => (entries ? storage.setItem(budgetKey(tabId), entries) : storage.removeItem(budgetKey(tabId))),
    ...overrides,
  })
}
