import { listOf } from '../../pages/lists.ts'
import { browser } from '#imports'
import { useModel } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { DetailView } from '../../pages/DetailView.tsx'
import { KindList, ListFilters } from '../../pages/KindList.tsx'
import { ListFreshness } from '../../components/ListFreshness.tsx'
import { LiveEvents, liveTabNotes } from '../../pages/LiveEvents.tsx'
import { ReferenceSearchBox, ReferenceSearchResults } from '../../pages/ReferenceSearch.tsx'
import { TicketCustomerSection } from '../../pages/TicketCustomer.tsx'
import { SettingsIcon } from '../../components/icons.tsx'
import { RefreshButton } from '../../components/RefreshButton.tsx'
import { KeysHelp } from '../../components/KeysHelp.tsx'
import { CopyCheckOffer } from '../../components/CopyCheck.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { PanelModel } from '../../pages/panel-model.ts'
import { isListTab, NARROW_PANEL, panelTabRow } from '../../pages/surface-tab.ts'
import { useMediaMatch } from '../../components/use-media-match.ts'
import { t } from '../../lib/i18n.ts'

/**
 * After Back or Esc the detail is gone: focus goes to the row that opened it (or the selected tab),
 * not to the page body, so a keyboard user carries on where they were.
 */
function useFocusAfterDetail(openId: string | null, tabId: string) {
  const last = useRef<string | null>(null)
  useEffect(() => {
    const closed = last.current
    last.current = openId
    if (openId || !closed) return
    const rows = document.querySelectorAll<HTMLElement>('[role="tabpanel"] [data-id]')
    const row = [...rows].find((r) => r.dataset.id === closed)
    const target = row?.querySelector<HTMLElement>('button') ?? document.getElementById(tabId)
    target?.focus()
  }, [openId, tabId])
}

/** The "focus search" command (background/menus-and-commands.ts): each ask puts the focus in the search field. */
function useSearchFocus(asks: number) {
  useEffect(() => {
    if (asks > 0) document.getElementById('lookup-input')?.focus()
  }, [asks])
}

type Panel = InstanceType<typeof PanelModel>

/** The side panel: lookup, the full lists with filters and paging, live events, and detail views. */
export function App() {
  const model = useModel(PanelModel)
  const tab = model.tab.value
  const view = model.detail.current.value
  useFocusAfterDetail(view?.id ?? null, `panel-tab-${tab}`)
  useSearchFocus(model.searchFocus.value)
  return (
    <main class="panel">
      <PanelBar model={model} />
      {/* After the first card copy made without the copy check: shown beside the ticket at once. */}
      <CopyCheckOffer />
      {!view && <TicketCustomerSection customer={model.ticketCustomer} onOpen={model.detail.open} />}
      {!view && <ReferenceSearchResults search={model.search} onOpen={model.detail.open} />}
      {view ? <DetailView key={view.id} detail={model.detail} view={view} /> : <PanelTabs model={model} />}
      {/* In every tab and in the detail, at the window's foot: nothing that arrives moves it. */}
      <footer class="panel-foot">
        <KeysHelp />
      </footer>
    </main>
  )
}

/** One row at 400 px in every language: the lookup takes what the two icon buttons leave. */
function PanelBar({ model }: { model: Panel }) {
  return (
    <header class="bar">
      <h1 class="sr-only">{t('extName')}</h1>
      <ReferenceSearchBox search={model.search} />
      {/* The Live tab has no list to refresh; a detail over it has. */}
      <RefreshButton onRefresh={model.refresh} idle={!model.detail.current.value && !isListTab(model.tab.value)} />
      <button
        type="button"
        class="icon bar-icon"
        onClick={() => void browser.runtime.openOptionsPage()}
        data-testid="open-settings-header"
        aria-label={t('settings')}
        title={t('settings')}
      >
        <SettingsIcon />
      </button>
    </header>
  )
}

/** The lists (filters, freshness, paging) and the live events, one tab each. */
function PanelTabs({ model }: { model: Panel }) {
  const tab = model.tab.value
  const { row, more } = panelTabRow(useMediaMatch(NARROW_PANEL))
  return (
    <Tabs
      id="panel"
      label={t('panelTabsLabel')}
      tabs={row}
      more={more}
      selected={tab}
      onSelect={model.selectTab}
      notes={liveTabNotes(model.unseen.count.value)}
    >
      {isListTab(tab) ? (
        <>
          <ListFilters kind={tab} lists={model.lists} />
          <ListFreshness list={listOf(model.lists, tab)} />
          <KindList kind={tab} lists={model.lists} onOpen={model.detail.open} paged />
        </>
      ) : (
        <LiveEvents live={model.live} onOpen={model.detail.open} unseen={model.unseen} filter={model.liveFilter} />
      )}
    </Tabs>
  )
}
