import { browser, storage } from '#imports'
import { computed, signal, type ReadonlySignal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { PageId } from '../lib/messages.ts'
import { pageIdsKey } from '../lib/page-ids.ts'
import { concernsWatch, type Watch } from '../lib/watches.ts'

/** The Live tab's reach: the organisation's whole feed, the watched IDs, or the IDs on this tab's page. */
export type LiveScope = 'all' | 'watched' | 'page'

export const LIVE_SCOPES: readonly LiveScope[] = ['all', 'watched', 'page']

/** Whether an event is about one of `ids` (the event itself, or the object it concerns). */
const about = (event: LiveEvent, ids: ReadonlySet<string>) => ids.has(event.objectId) || ids.has(event.id)

/** The events a scope keeps. */
export function scopeEvents(
  events: readonly LiveEvent[],
  scope: LiveScope,
  watches: readonly Watch[],
  pageIds: ReadonlySet<string>,
): LiveEvent[] {
  if (scope === 'all') return [...events]
  if (scope === 'watched') {
    const list = { owner: '', watches: [...watches] }
    return events.filter((e) => concernsWatch(list, e))
  }
  return events.filter((e) => about(e, pageIds))
}

/** The Live tab's filter: the scope the agent picked (this page's only), and what it keeps. */
export function createLiveFilter(watches: ReadonlySignal<Watch[]>, pageIds: ReadonlySignal<readonly PageId[]>) {
  const scope = signal<LiveScope>('all')
  const pageSet = computed(() => new Set(pageIds.value.map((p) => p.id)))
  // Signals only, read by the component as it renders: a model's methods run untracked.
  return {
    scope,
    watches,
    pageSet,
    watchedCount: computed(() => watches.value.length),
    pageCount: computed(() => pageSet.value.size),
  }
}

export type LiveFilter = ReturnType<typeof createLiveFilter>

/**
 * The side panel's "this tab": the IDs the content script found on the active tab of the panel's
 * window (kept per tab in storage.session by the background), followed as the agent switches tabs.
 */
export function activeTabIds(): { ids: ReadonlySignal<readonly PageId[]>; dispose: () => void } {
  const ids = signal<readonly PageId[]>([])
  let unwatch = () => {}
  let disposed = false
  async function follow() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => [])
    if (disposed) return
    unwatch()
    if (tab?.id === undefined) {
      ids.value = []
      return
    }
    const key = pageIdsKey(tab.id)
    ids.value = (await storage.getItem<PageId[]>(key).catch(() => null)) ?? []
    unwatch = storage.watch<PageId[]>(key, (next) => void (ids.value = next ?? []))
  }
  const onActivated = () => void follow()
  browser.tabs.onActivated.addListener(onActivated)
  void follow()
  return {
    ids,
    dispose: () => {
      disposed = true
      unwatch()
      browser.tabs.onActivated.removeListener(onActivated)
    },
  }
}
