import { computed, signal } from '@preact/signals'
import type { Query, RelayOk, Send } from '../lib/messages.ts'
import { createAutoRetry, type Timers } from '../lib/backoff.ts'
import { failureState, fetchedOf, settle, type FailureState, type Fetched } from './fetch-state.ts'
import type { Listed, ListSource, Page } from './list-sources.ts'
import type { SnapshotStore } from './list-snapshot.ts'

export type ListStatus = 'idle' | 'loading' | 'more' | 'ready'

export type ListOptions<T = unknown> = {
  send: Send
  pageSize: number
  now?: () => number
  /** Where the last unfiltered first page is kept between opens: painted at once while the load runs. */
  snapshot?: SnapshotStore<T>
  /** The automatic retry's timers (tests pass a virtual clock's). */
  timers?: Timers
}

/** Drops empty values: an empty filter input means "no filter", not `filter[name]=`. */
export function cleanQuery(query: Query): Query {
  return Object.fromEntries(
    Object.entries(query)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v !== ''),
  )
}

/** What a list shows: its rows, the next page's cursor, the filters, and how the last load went. */
function createListState<T>() {
  const cursor = signal<string | null>(null)
  return {
    items: signal<T[]>([]),
    cursor,
    status: signal<ListStatus>('idle'),
    error: signal<FailureState | null>(null),
    fetched: signal<Fetched | null>(null),
    filters: signal<Query>({}),
    hasMore: computed(() => cursor.value !== null),
  }
}

type ListState<T> = ReturnType<typeof createListState<T>>

/** One page's query: the source's defaults, then the agent's filters, then the page's size and cursor. */
function pageQuery<T extends Listed>(source: ListSource<T>, filters: Query, pageSize: number, page: string | null): Query {
  return { ...source.defaultFilters, ...filters, ...source.pageQuery(pageSize, page) }
}

/** Shows nothing: what was on screen answered other filters. */
function clearShown<T>(state: ListState<T>): void {
  state.items.value = []
  state.cursor.value = null
  state.fetched.value = null
  state.error.value = null
}

/** Shows the last answer kept between opens while the first load runs, unless `wanted` says it came too late. */
async function paintSnapshot<T>(snapshot: SnapshotStore<T>, state: ListState<T>, wanted: () => boolean): Promise<void> {
  const kept = await snapshot.read()
  if (!kept || !wanted()) return
  state.items.value = kept.items
  state.cursor.value = kept.cursor
  state.fetched.value = kept.fetched
}

/** The filters are the agent's none: only such a first page is kept between opens. */
const unfiltered = <T>(state: ListState<T>) => Object.keys(state.filters.value).length === 0

type Which = 'first' | 'more'

type PageRequestParts<T extends Listed> = {
  source: ListSource<T>
  options: ListOptions<T>
  state: ListState<T>
  /** Asks again for what failed last (`failed`), as background work. */
  retry: (failed: Which) => void
}

/**
 * The list's requests: each load gets a number, and an answer for an older one (filters changed
 * meanwhile) is dropped. A failure that passes by itself (relay down, vendor down) is tried again
 * with backoff, as background work: the rows come back when the relay does, without a click.
 */
function createPageRequests<T extends Listed>({ source, options, state, retry }: PageRequestParts<T>) {
  const now = options.now ?? Date.now
  const { items, cursor, status, error, filters } = state
  let generation = 0
  let lastFailed: Which = 'first'
  const autoRetry = createAutoRetry(() => retry(lastFailed), options.timers)

  /** Asks for the first page or the next; the answer, or null when it failed (shown, and retried) or a newer load overtook it. */
  async function request(which: Which, refresh: boolean, background?: boolean): Promise<RelayOk<Page<T>> | null> {
    const mine = ++generation
    autoRetry.cancel()
    status.value = which === 'first' ? 'loading' : 'more'
    // Read alongside the call, never before it: the snapshot only fills the wait.
    const snapshot = which === 'first' && unfiltered(state) && items.value.length === 0 ? options.snapshot : undefined
    if (snapshot) void paintSnapshot(snapshot, state, () => mine === generation && items.value.length === 0 && unfiltered(state))
    const result = await settle(
      source.fetchPage(
        options.send,
        pageQuery(source, filters.value, options.pageSize, which === 'first' ? null : cursor.value),
        refresh,
        background,
      ),
    )
    if (mine !== generation) return null
    status.value = 'ready'
    autoRetry.settled(result.ok ? null : result.error)
    if (!result.ok) {
      lastFailed = which
      error.value = failureState(result.error, now())
      return null
    }
    error.value = null
    return result
  }

  return { request, lastFailed: () => lastFailed }
}

/**
 * One paged list (newest first). The first page replaces what is shown; "more" appends the next
 * page by cursor, skipping IDs already shown so pages never duplicate. A failed refresh keeps the
 * rows on screen and sets `error`, so the UI can show them as stale instead of going blank.
 */
export function createListStore<T extends Listed>(source: ListSource<T>, options: ListOptions<T>) {
  const state = createListState<T>()
  const { items, cursor, status, fetched, filters } = state
  const retryFailed = (failed: Which) => (failed === 'more' && items.value.length > 0 ? loadMore() : load(false, true))
  const { request, lastFailed } = createPageRequests({ source, options, state, retry: (failed) => void retryFailed(failed) })

  /** `background`: a poll nobody clicked for (Priority: u=5 to the relay). */
  async function load(refresh = false, background = false): Promise<void> {
    // A poll waits for the load in flight, whose answer is as new: overtaking it dropped that answer
    // (the agent's Refresh too), and with a relay slower than the poll the list never left "loading".
    if (background && (status.value === 'loading' || status.value === 'more')) return
    const keep = options.snapshot && unfiltered(state) ? options.snapshot : null
    const answer = await request('first', refresh, background)
    if (!answer) return
    items.value = answer.data.items
    cursor.value = answer.data.cursor
    fetched.value = fetchedOf(answer)
    if (keep) void keep.write({ items: answer.data.items, cursor: answer.data.cursor, fetched: fetched.value })
  }

  async function loadMore(): Promise<void> {
    if (cursor.value === null || status.value !== 'ready') return
    const answer = await request('more', false)
    if (!answer) return
    const shown = new Set(items.value.map((item) => item.id))
    items.value = [...items.value, ...answer.data.items.filter((item) => !shown.has(item.id))]
    cursor.value = answer.data.cursor
  }

  function setFilters(next: Query): void {
    filters.value = cleanQuery(next)
    clearShown(state)
    void load()
  }

  return {
    ...state,
    load,
    loadMore,
    setFilters,
    /** Repeats what failed: the next page, or the first. */
    retry: () => (lastFailed() === 'more' && items.value.length > 0 ? loadMore() : load()),
    /** Loads the first page once, when the list is first shown. */
    ensureLoaded: () => (status.value === 'idle' ? load() : Promise.resolve()),
  }
}

export type ListStore<T extends Listed> = ReturnType<typeof createListStore<T>>
