import { listOf } from '../../pages/lists.ts'
import { browser } from '#imports'
import { useModel } from '@preact/signals'
import { KindList } from '../../pages/KindList.tsx'
import { ListFreshness } from '../../components/ListFreshness.tsx'
import { lazyComponent } from '../../components/lazy.ts'
import { liveTabNotes } from '../../components/live-tab-notes.ts'
import { OnThisPage } from '../../components/OnThisPage.tsx'
import { ReferenceSearchBox, ReferenceSearchResults } from '../../pages/ReferenceSearch.tsx'
import { SidePanelIcon } from '../../components/icons.tsx'
import { RefreshButton } from '../../components/RefreshButton.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { TeamWorkspacePrompts } from '../../components/TeamWorkspaces.tsx'
import { CopyCheckOffer } from '../../components/CopyCheck.tsx'
import { WatchedList } from '../../components/WatchedList.tsx'
import { PopupModel } from '../../pages/popup-model.ts'
import { isListTab, POPUP_TABS } from '../../pages/surface-tab.ts'
import { t } from '../../lib/i18n.ts'

/** The Live tab's code loads when the tab is first shown: the popup opens on a list. */
const LiveEvents = lazyComponent(() => import('../../pages/LiveEvents.tsx').then((m) => m.LiveEvents))

/**
 * The toolbar popup: recent items per list, freshness, refresh, the IDs on this page. One scroll
 * box between a fixed header and footer (Chrome caps a popup at 600 px and would add its own
 * scroll bars around nested ones). Over a page with IDs, those come first in that box: they are
 * what the agent opened the popup for.
 */
export function App() {
  const model = useModel(PopupModel)
  const tab = model.tab.value
  const list = isListTab(tab) ? listOf(model.lists, tab) : null
  const idsFound = model.pageIds.ids.value.length > 0
  // Both open the side panel inside the click (Chrome's user-gesture rule), then close the popup.
  const openPanel = () => void model.openSidePanel().then((opened) => opened && window.close())
  const openDetail = (id: string) => void model.openDetail(id).then((opened) => opened && window.close())
  const loading = list?.status.value === 'loading'
  const onPage = <OnThisPage store={model.pageIds} statuses={model.pageStatuses} kinds={model.pageKinds} onOpen={openDetail} />
  return (
    <main class="popup">
      <PopupBar search={model.search} loading={loading} listed={!!list} onRefresh={model.refresh} onOpenPanel={openPanel} />
      <div class="popup-body" data-testid="popup-scroll">
        {/* Gmail or Slack the team turned on and this browser has not allowed yet: one click each. */}
        <TeamWorkspacePrompts />
        <CopyCheckOffer />
        <ReferenceSearchResults search={model.search} onOpen={openDetail} />
        {idsFound && onPage}
        <WatchedList watched={model.watched} onOpen={openDetail} />
        <Tabs
          id="popup"
          label={t('popupTabsLabel')}
          tabs={POPUP_TABS}
          selected={tab}
          onSelect={model.selectTab}
          notes={liveTabNotes(model.unseen.count.value)}
        >
          {isListTab(tab) && list ? (
            <>
              <ListFreshness list={list} />
              <KindList kind={tab} lists={model.lists} onOpen={openDetail} />
            </>
          ) : (
            <LiveEvents live={model.live} onOpen={openDetail} unseen={model.unseen} filter={model.liveFilter} />
          )}
        </Tabs>
      </div>
      {/* Without IDs, "On this page" is a few words and maybe a button: it shares the footer's row. */}
      <footer class="foot">
        {!idsFound && onPage}
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-settings-footer">
          {t('settings')}
        </button>
      </footer>
    </main>
  )
}

/** The popup's top row, as in the side panel: the search takes what the two icon buttons leave. */
type BarProps = Parameters<typeof ReferenceSearchBox>[0] & {
  loading: boolean
  listed: boolean
  onRefresh: () => void
  onOpenPanel: () => void
}

function PopupBar({ search, loading, listed, onRefresh, onOpenPanel }: BarProps) {
  return (
    <header class="bar">
      <h1 class="sr-only">{t('extName')}</h1>
      <ReferenceSearchBox search={search} />
      {/* With the Live tab shown there is no list to refresh. */}
      <RefreshButton onRefresh={onRefresh} idle={loading || !listed} />
      <button
        type="button"
        class="icon bar-icon"
        onClick={onOpenPanel}
        data-testid="open-side-panel"
        aria-label={t('openSidePanel')}
        title={t('openSidePanel')}
      >
        <SidePanelIcon />
      </button>
    </header>
  )
}
