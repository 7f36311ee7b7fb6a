import { browser } from '#imports'
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from '@preact/signals'
import { watchSettings } from '../lib/effective-settings.ts'
import { sendMessage, type Send } from '../lib/messages.ts'
import { POPUP_PAGE_SIZE } from '../stores/list-snapshot.ts'
import { guardFirstPaint } from '../stores/first-paint-keeper.ts'
import { createLists, listOf, reloadShown, type Lists } from './lists.ts'
import { POPUP_LIST } from '../vendors/index.ts'
import { followChangedObjects } from './changed-objects.ts'
import { createLiveStore } from '../stores/live-store.ts'
import { createLiveUnseen } from '../stores/live-unseen.ts'
import { isListTab, keepTab, POPUP_TABS, startTab, type SurfaceTab } from './surface-tab.ts'
import { createPageIdsStore, type PermissionsApi } from '../stores/page-ids-store.ts'
import { createPageIdStatuses } from '../stores/page-id-statuses.ts'
import { createPopupActiveTab } from '../stores/popup-active-tab.ts'
import { createReferenceSearch } from '../stores/reference-search.ts'
import { watchSurface } from './watch-surface.ts'

export { POPUP_PAGE_SIZE }

/**
 * Live events in their own tab while the popup is open; when the relay has none, the list on screen
 * is polled instead (a popup can stay open while the agent works the ticket), as background work
 * like the side panel's poll.
 */
function createPopupLive({ send, tab, lists }: { send: Send; tab: ReadonlySignal<SurfaceTab>; lists: Lists }) {
  const live = createLiveStore({
    send,
    onPoll: () => {
      const shown = untracked(() => tab.value)
      if (isListTab(shown)) void listOf(lists, shown).load(false, true)
    },
  })
  // Once the list on screen has its answer (or the agent asks for live events): until then the
  // service worker and the relay serve that list alone, what the agent opened the popup for.
  effect(() => {
    const shown = tab.value
    if (!isListTab(shown) || listOf(lists, shown).status.value === 'ready') untracked(() => live.start())
  })
  effect(() => () => live.stop())
  const unseen = createLiveUnseen(
    live.events,
    computed(() => tab.value === 'live'),
    Date.now(),
  )
  effect(() => unseen.dispose)
  return { live, unseen }
}

/**
 * The toolbar popup: the ten most recent of each list, and the IDs on the current tab with what the
 * agent can do about inline lookups there. `api` is the permissions API (tests pass a fake).
 */
export const PopupModel = createModel((send: Send = sendMessage, api: PermissionsApi = browser) => {
  // The list last chosen here or in the side panel, else the inquiries (pages/surface-tab.ts POPUP_TABS).
  const tab = signal<SurfaceTab>(startTab(POPUP_TABS))
  const lists = createLists(send, POPUP_PAGE_SIZE)
  const pageIds = createPageIdsStore(send, api)
  effect(() => pageIds.dispose)
  // Each page ID's status, so "On this page" says which one is the declined one.
  const pageStatuses = createPageIdStatuses(send, pageIds.ids)
  effect(() => pageStatuses.dispose)
  const { live, unseen } = createPopupLive({ send, tab, lists })
  const { watched, liveFilter } = watchSurface(send, live, pageIds.ids)
  // An action, a live event or a watch re-check changed an object: the lists showing it re-read it.
  effect(() => followChangedObjects({ lists, pageSize: POPUP_PAGE_SIZE }))

  effect(() => {
    const shown = tab.value
    if (isListTab(shown)) untracked(() => void listOf(lists, shown).ensureLoaded())
  })

  const { activeTab, openDetail, openSidePanel } = createPopupActiveTab(send, pageIds)

  effect(() => watchSettings(() => reloadShown(lists)))
  // The first screen the next popup draws at once: forgotten when the relay, token or sign-in changes.
  effect(() => guardFirstPaint(listOf(lists, POPUP_LIST.key)))

  // An ID typed here opens in the side panel within the submit's gesture; a search's matches are
  // listed for a click (openSingle: false), since the side panel only opens in one.
  const search = createReferenceSearch(send, (id) => (void openDetail(id).then((opened) => opened && window.close()), true), {
    openSingle: false,
  })

  return {
    search,
    tab,
    lists,
    pageIds,
    pageStatuses: pageStatuses.statuses,
    pageKinds: pageStatuses.kinds,
    live,
    unseen,
    watched,
    liveFilter,
    activeTab,
    selectTab(kind: SurfaceTab) {
      tab.value = kind
      keepTab(kind)
    },
    refresh() {
      const shown = tab.value
      if (isListTab(shown)) void listOf(lists, shown).load(true)
    },
    openSidePanel,
    openDetail,
  }
})
