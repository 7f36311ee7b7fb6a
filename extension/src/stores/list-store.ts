import { computed, signal } from '@preact/signals'
import type { Query, Send } from '../lib/messages.ts'
import { createAutoRetry, type Timers } from '../lib/backoff.ts'
import { failureState, fetchedOf, settle, type FailureState, type Fetched } from './fetch-state.ts'
import type { Listed, ListSource } from './list-sources.ts'
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
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''))
}

/**
 * One paged list (newest first). The first page replaces what is shown; "more" appends the next
 * page by cursor, skipping IDs already shown so pages never duplicate. A failed refresh keeps the
 * rows on screen and sets `error`, so the UI can show them as stale instead of going blank.
 */
export function createListStore<T extends Listed>(source: ListSource<T>, options: ListOptions<T>) {
  const now = options.now ?? Date.now
  const items = signal<T[]>([])
  const cursor = signal<string | null>(null)
  const status = signal<ListStatus>('idle')
  const error = signal<FailureState | null>(null)
  const fetched = signal<Fetched | null>(null)
  const filters = signal<Query>({})
  const hasMore = computed(() => cursor.value !== null)
  // Each load gets a number; an answer for an older one (filters changed meanwhile) is dropped.
  let generation = 0
  let lastFailed: 'first' | 'more' = 'first'
  // A failure that passes by itself (relay down, vendor down) is tried again with backoff, as
  // background work: the rows come back when the relay does, without a click.
  const autoRetry = createAutoRetry(() => void (lastFailed === 'more' && items.value.length > 0 ? loadMore() : load(false, true)), options.timers)

  const query = (page: string | null) => ({
    ...source.defaultFilters,
    ...filters.value,
    ...source.pageQuery(options.pageSize, page),
  })

  const unfiltered = () => Object.keys(filters.value).length === 0

  /** Paints the last answer kept between opens, unless something newer is already on screen. */
  async function paintSnapshot(mine: number): Promise<void> {
    const kept = await options.snapshot!.read()
    if (!kept || mine !== generation || items.value.length > 0 || !unfiltered()) return
    items.value = kept.items
    cursor.value = kept.cursor
    fetched.value = kept.fetched
  }

  /** `background`: a poll nobody clicked for (Priority: u=5 to the relay). */
  async function load(refresh = false, background = false): Promise<void> {
    // A poll waits for the load in flight, whose answer is as new: overtaking it dropped that answer
    // (the agent's Refresh too), and with a relay slower than the poll the list never left "loading".
    if (background && (status.value === 'loading' || status.value === 'more')) return
    const mine = ++generation
    autoRetry.cancel()
    status.value = 'loading'
    const keep = options.snapshot && unfiltered() ? options.snapshot : null
    // Read alongside the call, never before it: the snapshot only fills the wait.
    if (keep && items.value.length === 0) void paintSnapshot(mine)
    const result = await settle(source.fetchPage(options.send, query(null), refresh, background))
    if (mine !== generation) return
    status.value = 'ready'
    autoRetry.settled(result.ok ? null : result.error)
    if (!result.ok) {
      lastFailed = 'first'
      error.value = failureState(result.error, now())
      return
    }
    error.value = null
    items.value = result.data.items
    cursor.value = result.data.cursor
    fetched.value = fetchedOf(result)
    if (keep) void keep.write({ items: result.data.items, cursor: result.data.cursor, fetched: fetched.value })
  }

  async function loadMore(): Promise<void> {
    if (cursor.value === null || status.value !== 'ready') return
    const mine = ++generation
    autoRetry.cancel()
    status.value = 'more'
    const result = await settle(source.fetchPage(options.send, query(cursor.value), false))
    if (mine !== generation) return
    status.value = 'ready'
    autoRetry.settled(result.ok ? null : result.error)
    if (!result.ok) {
      lastFailed = 'more'
      error.value = failureState(result.error, now())
      return
    }
    error.value = null
    const shown = new Set(items.value.map((item) => item.id))
    items.value = [...items.value, ...result.data.items.filter((item) => !shown.has(item.id))]
    cursor.value = result.data.cursor
  }

  function setFilters(next: Query): void {
    filters.value = cleanQuery(next)
    items.value = []
    cursor.value = null
    fetched.value = null
    error.value = null
    void load()
  }

  return {
    items,
    cursor,
    status,
    error,
    fetched,
    filters,
    hasMore,
    load,
    loadMore,
    setFilters,
    /** Repeats what failed: the next page, or the first. */
    retry: () => (lastFailed === 'more' && items.value.length > 0 ? loadMore() : load()),
    /** Loads the first page once, when the list is first shown. */
    ensureLoaded: () => (status.value === 'idle' ? load() : Promise.resolve()),
  }
}

export type ListStore<T extends Listed> = ReturnType<typeof createListStore<T>>
