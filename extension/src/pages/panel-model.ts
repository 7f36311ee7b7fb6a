import { computed, createModel, effect, signal, untracked, type ReadonlySignal, type Signal } from '@preact/signals'
import { watchSettings } from '../lib/effective-settings.ts'
import { sendMessage, type Send } from '../lib/messages.ts'
import { pendingDetailItem, pendingSearchFocusItem, type PendingDetail } from '../lib/pending-detail.ts'
import { createDetailStore, type DetailStore } from './detail-store.ts'
import { guardFirstPaint } from '../stores/first-paint-keeper.ts'
import { createLists, LIST_KINDS, listOf, reloadShown, type Lists } from './lists.ts'
import { followChangedObjects } from './changed-objects.ts'
import { createLiveStore, type LiveStore } from '../stores/live-store.ts'
import { createLiveUnseen } from '../stores/live-unseen.ts'
import { isListTab, keepTab, PANEL_TABS, startTab, type SurfaceTab } from './surface-tab.ts'
import { createReferenceSearch } from '../stores/reference-search.ts'
import { createTicketCustomer } from '../stores/ticket-customer.ts'
import { activeTabIds } from '../stores/live-filter.ts'
import { watchSurface } from './watch-surface.ts'

/** Side panel pages hold more than the popup's ten. */
export const PANEL_PAGE_SIZE = 25

type PanelParts = { send: Send; tab: ReadonlySignal<SurfaceTab>; lists: Lists; detail: DetailStore }

/**
 * Live events while the panel is open, in their own tab whose name counts what the agent has not
 * seen. Without them (relay not configured) the list on screen is polled, as background work:
 * nobody clicked for it, so the relay's vendor gate may shed it first.
 */
function createPanelLive({ send, tab, lists, detail }: PanelParts) {
  const live = createLiveStore({
    send,
    onPoll: () => {
      const shown = untracked(() => tab.value)
      if (isListTab(shown) && !untracked(() => detail.current.value)) void listOf(lists, shown).load(false, true)
    },
  })
  live.start()
  effect(() => () => live.stop())
  const unseen = createLiveUnseen(
    live.events,
    computed(() => tab.value === 'live' && !detail.current.value),
    Date.now(),
  )
  effect(() => unseen.dispose)
  return { live, unseen }
}

/** IDs sent here by the popup, a hover card or the context menu (openDetail), each taken once. Returns the unwatch. */
function takePendingDetails(detail: DetailStore): () => void {
  const take = (pending: PendingDetail | null) => {
    if (!pending) return
    detail.open(pending.id, pending.section)
    void pendingDetailItem.setValue(null).catch(() => {})
  }
  void pendingDetailItem.getValue().then(take, () => {})
  return pendingDetailItem.watch(take)
}

/** The "focus search" command, taken once like a pending detail: the lists come back and `asks` counts up. Returns the unwatch. */
function takeSearchFocus(detail: DetailStore, asks: Signal<number>): () => void {
  const take = (at: number | null) => {
    if (at === null) return
    detail.close()
    asks.value++
    void pendingSearchFocusItem.setValue(null).catch(() => {})
  }
  void pendingSearchFocusItem.getValue().then(take, () => {})
  return pendingSearchFocusItem.watch(take)
}

/** Another relay, token or sign-in: the lists and the detail re-read, and live events get a new ticket. */
function reloadAll({ lists, detail, live }: { lists: Lists; detail: DetailStore; live: LiveStore }): void {
  reloadShown(lists)
  detail.refresh(false)
  if (untracked(() => live.status.value) !== 'off') {
    live.stop()
    live.start()
  }
}

/** The side panel: three full lists with filters and paging, the lookup box, the detail views. */
export const PanelModel = createModel((send: Send = sendMessage) => {
  // The list last chosen here or in the popup, else the popup's first: both surfaces open on the same one.
  const tab = signal<SurfaceTab>(startTab(PANEL_TABS))
  const lists = createLists(send, PANEL_PAGE_SIZE)
  const detail = createDetailStore(send)
  const search = createReferenceSearch(send, detail.open)
  const ticketCustomer = createTicketCustomer(send)
  // A search typed while a detail is open: its answer shows where the lists are, so the detail closes.
  effect(() => {
    if (search.state.value.status === 'searching') untracked(() => detail.close())
  })
  const { live, unseen } = createPanelLive({ send, tab, lists, detail })
  const tabIds = activeTabIds()
  effect(() => tabIds.dispose)
  const { watched, liveFilter } = watchSurface(send, live, tabIds.ids)
  // An action, a live event or a watch re-check changed an object: what shows it re-reads it.
  effect(() => followChangedObjects({ lists, pageSize: PANEL_PAGE_SIZE, detail }))

  // Load a list the first time its tab is shown.
  effect(() => {
    const shown = tab.value
    if (isListTab(shown)) untracked(() => void listOf(lists, shown).ensureLoaded())
  })

  effect(() => takePendingDetails(detail))
  const searchFocus = signal(0)
  effect(() => takeSearchFocus(detail, searchFocus))
  effect(() => watchSettings(() => reloadAll({ lists, detail, live })))
  // The first screen the next popup draws at once: forgotten when the relay, token or sign-in changes.
  effect(() => guardFirstPaint(listOf(lists, LIST_KINDS[0]!)))

  return {
    tab,
    lists,
    detail,
    search,
    ticketCustomer,
    live,
    unseen,
    watched,
    liveFilter,
    /** How often the panel was asked to focus its search field. */
    searchFocus,
    selectTab(kind: SurfaceTab) {
      tab.value = kind
      keepTab(kind)
      detail.close()
    },
    /** The Refresh button: the relay refetches from the vendor (Cache-Control: no-cache). */
    refresh() {
      if (detail.current.value) detail.refresh(true)
      else if (isListTab(tab.value)) void listOf(lists, tab.value).load(true)
    },
  }
})
